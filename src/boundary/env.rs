//! The environment variables a call reads, found in one walk of the
//! environment (one `getenv` a name walked it once a name: eight walks,
//! 5,000 instructions a call). Read afresh for every call, as libcurl reads
//! its proxy variables for every transfer: a `setenv` between calls is seen.
//! As with `getenv`, a name set more than once reads as its first entry, and
//! a value that is empty or not UTF-8 reads as unset.

use crate::boundary::alloc::wipe;

/// The variables a call reads.
#[derive(Clone, Copy)]
pub enum Var {
    AdminKey,
    /// The key of the calls beyond the administration API.
    ApiKey,
    OrgId,
    ProjectId,
    Log,
    NoProxyLower,
    NoProxy,
    HttpProxyLower,
    HttpsProxyLower,
    HttpsProxy,
    AllProxyLower,
    AllProxy,
}

const NAMES: [&[u8]; 12] = [
    b"OPENAI_ADMIN_KEY",
    b"OPENAI_API_KEY",
    b"OPENAI_ORG_ID",
    b"OPENAI_PROJECT_ID",
    b"OPENAI_LOG",
    b"no_proxy",
    b"NO_PROXY",
    b"http_proxy",
    b"https_proxy",
    b"HTTPS_PROXY",
    b"all_proxy",
    b"ALL_PROXY",
];

/// The values found (the keys among them: wiped when dropped).
#[derive(Default)]
pub struct Env {
    values: [Option<Vec<u8>>; NAMES.len()],
}

impl Drop for Env {
    fn drop(&mut self) {
        for v in self.values.iter_mut().flatten() {
            wipe(v);
        }
    }
}

impl Env {
    /// The variables as the environment holds them now.
    pub fn read() -> Env {
        let mut env = Env::default();
        read_into(&mut env);
        env
    }

    /// An environment holding `vars` (for tests).
    #[cfg(test)]
    pub fn from_entries(entries: &[&str]) -> Env {
        let mut env = Env::default();
        for e in entries {
            env.offer(e.as_bytes());
        }
        env
    }

    /// Takes `NAME=value` when NAME is one of ours not seen yet.
    #[cfg_attr(any(target_os = "linux", target_os = "android"), allow(dead_code))]
    fn offer(&mut self, entry: &[u8]) {
        self.offer_at(|k| entry.get(k).copied().unwrap_or(0), |k| entry[k..].to_vec());
    }

    /// `offer` for an entry read a byte at a time: `at(k)` is its byte `k`
    /// (0 at its end, as in a C string), asked for only up to the first
    /// byte that differs from a name's, or up to the `=` after a whole
    /// name; `value(k)` copies its bytes from `k` on.
    #[inline]
    fn offer_at(&mut self, at: impl Fn(usize) -> u8, value: impl FnOnce(usize) -> Vec<u8>) {
        for i in candidates(at(0)) {
            let name = NAMES[i];
            if self.values[i].is_some() {
                continue;
            }
            if name.iter().enumerate().skip(1).all(|(k, &b)| at(k) == b) && at(name.len()) == b'=' {
                self.values[i] = Some(value(name.len() + 1));
                return;
            }
        }
    }

    /// The variable's value: None when unset, empty or not UTF-8.
    pub fn get(&self, var: Var) -> Option<&str> {
        let v = self.values[var as usize].as_deref()?;
        std::str::from_utf8(v).ok().filter(|s| !s.is_empty())
    }
}

/// For each byte, the names of ours that begin with it: (the first's
/// index in `NAMES`, how many). Most bytes begin none, and an entry that
/// begins with one stops at one load.
const BY_FIRST: [(u8, u8); 256] = {
    let mut t = [(0u8, 0u8); 256];
    let mut i = 0;
    while i < NAMES.len() {
        let b = NAMES[i][0] as usize;
        if t[b].1 == 0 {
            t[b].0 = i as u8;
        }
        assert!(t[b].0 as usize + t[b].1 as usize == i, "the names that share a first byte are listed together");
        t[b].1 += 1;
        i += 1;
    }
    t
};

/// The indexes in `NAMES` of the names that begin with `b`.
#[inline]
fn candidates(b: u8) -> std::ops::Range<usize> {
    let (first, n) = BY_FIRST[usize::from(b)];
    usize::from(first)..usize::from(first) + usize::from(n)
}

/// Offers `env` each entry of the environment that may be one of ours, in
/// order, read in place (no entry's length is measured unless it is ours).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn read_into(env: &mut Env) {
    extern "C" {
        static environ: *const *const u8;
    }
    // SAFETY: `environ` is the C library's NULL-terminated array of C
    // strings; it is read as getenv reads it (a setenv racing with this
    // walk is the program's race, as with getenv). Each entry is read a
    // byte at a time up to its NUL at the latest (`offer_at`'s rule).
    unsafe {
        let mut p = std::ptr::addr_of!(environ).read();
        if p.is_null() {
            return;
        }
        while !(*p).is_null() {
            let entry = *p;
            if BY_FIRST[usize::from(*entry)].1 != 0 {
                env.offer_at(|k| *entry.add(k), |k| std::ffi::CStr::from_ptr(entry.add(k).cast()).to_bytes().to_vec());
            }
            p = p.add(1);
        }
    }
}

/// Elsewhere: one lookup a name.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn read_into(env: &mut Env) {
    use std::os::unix::ffi::OsStrExt;
    for name in NAMES {
        let name = std::ffi::OsStr::from_bytes(name);
        if let Some(v) = std::env::var_os(name) {
            let mut entry = name.as_bytes().to_vec();
            entry.push(b'=');
            entry.extend_from_slice(v.as_bytes());
            env.offer(&entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_getenv_reads_them() {
        let env = Env::from_entries(&[
            "PATH=/bin",
            "no_proxy=a",
            "no_proxy=b",
            "NO_PROXY=",
            "OPENAI_LOG",
            "OPENAI_ORG_ID=org=1",
            "OPENAI_PROJECT_ID_X=p",
            "http_proxy=\u{e9}",
        ]);
        assert_eq!(env.get(Var::NoProxyLower), Some("a"), "the first entry of a name");
        assert_eq!(env.get(Var::NoProxy), None, "empty reads as unset");
        assert_eq!(env.get(Var::Log), None, "an entry without '='");
        assert_eq!(env.get(Var::OrgId), Some("org=1"), "the value runs past a second '='");
        assert_eq!(env.get(Var::ProjectId), None, "a longer name");
        assert_eq!(env.get(Var::HttpProxyLower), Some("\u{e9}"));
        let mut bad = Env::default();
        bad.offer(b"https_proxy=\xff");
        assert_eq!(bad.get(Var::HttpsProxyLower), None, "not UTF-8 reads as unset");
    }

    #[test]
    fn every_name_is_a_candidate_by_its_first_byte_and_only_there() {
        for (i, name) in NAMES.iter().enumerate() {
            for b in 0..=u8::MAX {
                let listed = candidates(b).contains(&i);
                assert_eq!(listed, b == name[0], "{} under {:?}", String::from_utf8_lossy(name), b as char);
            }
        }
    }
}
