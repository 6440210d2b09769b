//! The only place that calls the C allocator. Everything a C caller may
//! `free()` is allocated here with malloc/calloc.

use std::os::raw::{c_char, c_void};
use std::ptr;

/// A zeroed `T` from calloc, or NULL when memory is exhausted.
pub fn calloc<T>() -> *mut T {
    // SAFETY: calloc has no preconditions; NULL is passed on.
    unsafe { libc::calloc(1, std::mem::size_of::<T>()) as *mut T }
}

/// Moves `value` into malloc'd memory; NULL when memory is exhausted.
pub fn boxed<T>(value: T) -> *mut T {
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
    // SAFETY: malloc has no preconditions.
    unsafe { libc::malloc(len.max(1)) as *mut u8 }
}

/// Frees memory from the C allocator; NULL is fine.
///
/// # Safety
/// `p` is NULL or came from malloc/calloc/realloc/strdup and is not used again.
pub unsafe fn free<T>(p: *mut T) {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe { libc::free(p as *mut c_void) }
}

/// A malloc'd NUL-terminated copy of `s`, or NULL. An interior NUL ends the
/// C string early, as it would in C.
pub fn c_string(s: &[u8]) -> *mut c_char {
    let p = bytes(s.len() + 1);
    if !p.is_null() {
        // SAFETY: `p` has `s.len() + 1` bytes and does not overlap `s`.
        unsafe {
            ptr::copy_nonoverlapping(s.as_ptr(), p, s.len());
            *p.add(s.len()) = 0;
        }
    }
    p as *mut c_char
}

/// strdup that accepts NULL (and returns NULL for it).
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
pub unsafe fn strdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        if s.is_null() {
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
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        if s.is_null() {
            return;
        }
        let len = libc::strlen(s);
        for i in 0..len {
            ptr::write_volatile(s.add(i), 0);
        }
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
    let cap = v.capacity();
    let p = v.as_mut_ptr();
    for i in 0..cap {
        // SAFETY: within the vector's allocation; u8 has no invalid values.
        unsafe { ptr::write_volatile(p.add(i), 0) };
    }
    v.clear();
}
