//! The only place that calls the C allocator. Everything a C caller may
//! `free()` is allocated here with malloc (or strdup).

use std::cell::Cell;
use std::os::raw::{c_char, c_void};
use std::ptr;

thread_local! {
    /// Bytes the answer being parsed on this thread may still take as C
    /// structs (usize::MAX: no answer is being parsed).
    static BUDGET: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// What malloc keeps beside each block, counted against the budget.
pub(crate) const OVERHEAD: usize = 16;

/// Takes `n` bytes from this thread's budget; false (and the budget spent)
/// when they do not fit.
fn charge(n: usize) -> bool {
    charge_held(n.saturating_add(OVERHEAD))
}

/// Takes `n` bytes the library holds for a struct outside the C heap's
/// blocks (its entry in the record) from this thread's budget; false when
/// they do not fit (the answer is then too large, as when a block does not).
pub(crate) fn charge_held(n: usize) -> bool {
    BUDGET.with(|b| match b.get() {
        usize::MAX => true,
        left => match left.checked_sub(n) {
            Some(rest) => {
                b.set(rest);
                true
            }
            None => {
                b.set(0);
                false
            }
        },
    })
}

/// Gives this thread's budget `n` more bytes (when one is set): for what
/// costs the same however short its text, as a number of a list of
/// numbers does.
pub(crate) fn allow(n: usize) {
    BUDGET.with(|b| {
        if b.get() != usize::MAX {
            b.set(b.get().saturating_add(n).min(usize::MAX - 1));
        }
    })
}

/// Limits what the library allocates on this thread, while it lives, to
/// `limit` bytes (an allocation past it returns NULL, as when memory is
/// exhausted): the ceiling on the C structs one answer becomes.
pub struct Budget {
    prev: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Budget {
        Budget { prev: BUDGET.with(|b| b.replace(limit)) }
    }

    /// True when an allocation did not fit.
    pub fn spent(&self) -> bool {
        BUDGET.with(|b| b.get() == 0)
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        BUDGET.with(|b| b.set(self.prev));
    }
}

/// `n` zeroed bytes from malloc (at least one), or NULL. Not calloc:
/// glibc's calloc (2.36, Debian 12's) does not take blocks from its
/// per-thread cache, and zeroing a struct (a few hundred bytes at most)
/// costs less than missing it.
pub fn zeroed(n: usize) -> *mut u8 {
    zeroed_holding(n, 0)
}

/// `zeroed(n)`, with `held` more bytes (what the library keeps beside the
/// block, as its record's entry) charged in the same step.
pub(crate) fn zeroed_holding(n: usize, held: usize) -> *mut u8 {
    let p = block(n, held);
    if !p.is_null() {
        // SAFETY: `p` holds at least `n` bytes.
        unsafe { ptr::write_bytes(p, 0, n) };
    }
    p
}

/// A zeroed `T` from malloc, or NULL when memory is exhausted.
pub fn calloc<T>() -> *mut T {
    zeroed(std::mem::size_of::<T>()) as *mut T
}

/// Moves `value` into malloc'd memory; NULL when memory is exhausted.
pub fn boxed<T>(value: T) -> *mut T {
    if !charge(std::mem::size_of::<T>()) {
        return ptr::null_mut();
    }
    // SAFETY: malloc has no preconditions; a non-NULL block has room for a
    // T and malloc's alignment suits every type the library boxes.
    let p = unsafe { libc::malloc(std::mem::size_of::<T>()) as *mut T };
    if !p.is_null() {
        // SAFETY: as above: a fresh, large enough, aligned block.
        unsafe { p.write(value) };
    }
    p
}

/// `len` bytes from malloc (at least one), or NULL.
pub fn bytes(len: usize) -> *mut u8 {
    block(len, 0)
}

/// `len` bytes from malloc (at least one), or NULL; the block and `held`
/// more bytes are charged to this thread's budget in one step.
#[inline]
fn block(len: usize, held: usize) -> *mut u8 {
    if !charge_held(len.saturating_add(OVERHEAD).saturating_add(held)) {
        return ptr::null_mut();
    }
    // SAFETY: malloc has no preconditions.
    unsafe { libc::malloc(len.max(1)) as *mut u8 }
}

/// Frees memory from the C allocator; NULL is fine.
///
/// # Safety
/// `p` is NULL or came from malloc/calloc/realloc/strdup and is not used again.
pub unsafe fn free<T>(p: *mut T) {
    // SAFETY: NULL or a live block of the C allocator no one uses again
    // (the contract): what free() takes.
    unsafe { libc::free(p as *mut c_void) }
}

/// A malloc'd NUL-terminated copy of `s`, or NULL. An interior NUL ends the
/// C string early, as it would in C.
pub fn c_string(s: &[u8]) -> *mut c_char {
    let n = s.len();
    let p = bytes(n + 1);
    if !p.is_null() {
        // SAFETY: `p` has `n + 1` bytes and does not overlap `s`; each copy
        // below reads and writes within the first `n` bytes of both.
        unsafe {
            let (from, to) = (s.as_ptr(), p);
            // Short texts (ids, names) in two overlapping moves, not a call.
            if (8..=16).contains(&n) {
                let (head, tail) = (ptr::read_unaligned(from.cast::<u64>()), ptr::read_unaligned(from.add(n - 8).cast::<u64>()));
                ptr::write_unaligned(to.cast::<u64>(), head);
                ptr::write_unaligned(to.add(n - 8).cast::<u64>(), tail);
            } else if (4..8).contains(&n) {
                let (head, tail) = (ptr::read_unaligned(from.cast::<u32>()), ptr::read_unaligned(from.add(n - 4).cast::<u32>()));
                ptr::write_unaligned(to.cast::<u32>(), head);
                ptr::write_unaligned(to.add(n - 4).cast::<u32>(), tail);
            } else {
                ptr::copy_nonoverlapping(from, to, n);
            }
            *p.add(n) = 0;
        }
    }
    p as *mut c_char
}

/// strdup that accepts NULL (and returns NULL for it).
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub unsafe fn strdup(s: *const c_char) -> *mut c_char {
    // SAFETY: strlen and strdup read `s` up to its NUL, which the contract
    // promises for a non-NULL `s`.
    unsafe {
        if s.is_null() || !charge(libc::strlen(s) + 1) {
            ptr::null_mut()
        } else {
            libc::strdup(s)
        }
    }
}

/// Overwrites a C string's bytes with zeros before freeing it (for secrets).
///
/// # Safety
/// As for [`free`]; `s` is NULL or NUL-terminated.
pub unsafe fn free_secret(s: *mut c_char) {
    // SAFETY: a non-NULL `s` is a malloc'd C string no one uses again (the
    // contract): its `strlen` bytes are writable, then it is freed.
    unsafe {
        if s.is_null() {
            return;
        }
        wipe_raw(s as *mut u8, libc::strlen(s));
        libc::free(s as *mut c_void);
    }
}

/// A copy of a secret (an API key) that is overwritten with zeros when it
/// is dropped.
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Secret {
        Secret(bytes)
    }

    /// Appends `a` then `b` within the capacity reserved (no reallocation
    /// leaves an unwiped copy behind when the capacity suffices).
    pub fn extend(&mut self, a: &[u8], b: &[u8]) {
        self.0.extend_from_slice(a);
        self.0.extend_from_slice(b);
    }
}

impl AsRef<[u8]> for Secret {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl std::ops::Deref for Secret {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

/// Overwrites every byte of `v` (its whole capacity) with zeros, in a way
/// the compiler keeps.
pub fn wipe(v: &mut Vec<u8>) {
    // SAFETY: within the vector's allocation; u8 has no invalid values.
    unsafe { wipe_raw(v.as_mut_ptr(), v.capacity()) };
    v.clear();
}

/// Overwrites `len` bytes at `p` with zeros, in a way the compiler keeps.
///
/// # Safety
/// `p` is valid for `len` bytes of writes (or `len` is 0).
pub unsafe fn wipe_raw(p: *mut u8, len: usize) {
    for i in 0..len {
        // SAFETY: `i < len`, and the contract makes `len` bytes at `p` writable.
        unsafe { ptr::write_volatile(p.add(i), 0) };
    }
}

/// Wipes every byte a ureq transport's buffers hold (the request head with
/// the key, the answers read), as the transport is dropped.
pub fn wipe_buffers(b: &mut dyn ureq::unversioned::transport::Buffers) {
    let unread = b.input().len();
    b.input_consume(unread);
    // With everything consumed the whole input buffer is free space.
    let input = b.input_append_buf();
    // SAFETY: a live, writable slice.
    unsafe { wipe_raw(input.as_mut_ptr(), input.len()) };
    let output = b.output();
    // SAFETY: as above.
    unsafe { wipe_raw(output.as_mut_ptr(), output.len()) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_c_string_is_the_text_then_a_nul_at_every_length() {
        let text: Vec<u8> = (1..=40u8).map(|b| b'A' + b % 26).collect();
        for n in 0..=text.len() {
            let p = c_string(&text[..n]);
            assert!(!p.is_null());
            // SAFETY: `p` is a block of `n + 1` bytes from `c_string`, freed once.
            unsafe {
                assert_eq!(std::slice::from_raw_parts(p as *const u8, n + 1), [&text[..n], &[0][..]].concat(), "{n} bytes");
                free(p as *mut c_void);
            }
        }
    }
}
