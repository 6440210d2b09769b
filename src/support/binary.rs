//! `binary_t` and the base64 helpers of the generated client.

use crate::boundary::alloc;
use crate::boundary::guard::guard;
use crate::boundary::ptr::{arg_mut, arg_slice};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::os::raw::{c_char, c_int, c_uint, c_void};
use std::ptr;

/// A byte buffer: `len` bytes at `data`.
#[repr(C)]
pub struct binary_t {
    /// The bytes.
    pub data: *mut u8,
    /// How many bytes.
    pub len: c_uint,
}

/// A new `binary_t` holding a malloc'd copy of `len` bytes of `data`. The
/// caller frees `data` and then the struct with `free()`. NULL for a NULL
/// `data` with a positive `len`, a negative `len`, or out of memory.
#[no_mangle]
pub unsafe extern "C" fn instantiate_binary_t(data: *mut c_char, len: c_int) -> *mut binary_t {
    guard(ptr::null_mut(), || {
        let Ok(n) = usize::try_from(len) else { return ptr::null_mut() };
        // SAFETY: `data` is NULL or `len` readable bytes (the header's rule).
        let bytes: &[u8] = match unsafe { arg_slice(data as *const u8, n) } {
            Some(b) => b,
            None if n == 0 => &[],
            None => return ptr::null_mut(),
        };
        let copy = alloc::bytes(n);
        if copy.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `copy` is a new allocation of `n` bytes, apart from `bytes`.
        unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), copy, n) };
        let b = alloc::boxed(binary_t { data: copy, len: n as c_uint });
        if b.is_null() {
            // SAFETY: `copy` is this function's own allocation, not stored.
            unsafe { alloc::free(copy) };
        }
        b
    })
}

/// `len` bytes at `p`, or None for NULL or a negative length.
///
/// # Safety
/// `p` is NULL or points to `len` readable bytes.
unsafe fn input<'a>(p: *const c_void, len: c_int) -> Option<&'a [u8]> {
    let len = usize::try_from(len).ok()?;
    // SAFETY: input's contract: `p` is NULL or points to `len` readable bytes.
    unsafe { arg_slice(p as *const u8, len) }
}

/// Base64 (standard alphabet, padded) of `encode_this_many_bytes` bytes, as a
/// malloc'd NUL-terminated string the caller frees. NULL for bad arguments.
#[no_mangle]
pub unsafe extern "C" fn base64encode(b64_encode_this: *const c_void, encode_this_many_bytes: c_int) -> *mut c_char {
    // SAFETY: NULL or `encode_this_many_bytes` readable bytes (the header's rule).
    guard(ptr::null_mut(), || match unsafe { input(b64_encode_this, encode_this_many_bytes) } {
        Some(bytes) => alloc::c_string(STANDARD.encode(bytes).as_bytes()),
        None => ptr::null_mut(),
    })
}

/// Decodes base64 text of `decode_this_many_bytes` bytes. Returns a malloc'd
/// buffer the caller frees (NUL-terminated for convenience) and stores its
/// length in `*decoded_bytes`; NULL (and 0) for invalid base64 or bad arguments.
#[no_mangle]
pub unsafe extern "C" fn base64decode(
    b64_decode_this: *const c_void,
    decode_this_many_bytes: c_int,
    decoded_bytes: *mut c_int,
) -> *mut c_char {
    guard(ptr::null_mut(), || {
        // SAFETY: NULL or `decode_this_many_bytes` readable bytes (the header's rule).
        let decoded = unsafe { input(b64_decode_this, decode_this_many_bytes) }.and_then(|b| STANDARD.decode(b).ok());
        let (out, n) = match decoded {
            Some(d) if d.len() <= c_int::MAX as usize => (alloc::c_string(&d), d.len() as c_int),
            _ => (ptr::null_mut(), 0),
        };
        // SAFETY: `decoded_bytes` is NULL or an `int` the caller lends for the call.
        if let Some(count) = unsafe { arg_mut(decoded_bytes) } {
            *count = if out.is_null() { 0 } else { n };
        }
        out
    })
}
