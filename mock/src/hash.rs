//! The hash the mock derives its made-up values from (reply ids, tones,
//! image pixels, embeddings, usage): FNV-1a, small and the same on every
//! run and platform.

/// FNV-1a of `bytes`.
pub fn fnv1a_of(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

/// FNV-1a of a slice.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_of(bytes.iter().copied())
}
