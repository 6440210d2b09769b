//! `binary_t` and the base64 helpers of the generated client.

use crate::boundary::alloc;
use crate::boundary::guard::guard;
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
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            if len < 0 || (data.is_null() && len > 0) {
                return ptr::null_mut();
            }
            let copy = alloc::bytes(len as usize);
            if copy.is_null() {
                return ptr::null_mut();
            }
            if len > 0 {
                ptr::copy_nonoverlapping(data as *const u8, copy, len as usize);
            }
            let b = alloc::boxed(binary_t { data: copy, len: len as c_uint });
            if b.is_null() {
                alloc::free(copy);
            }
            b
        })
    }
}

unsafe fn input<'a>(p: *const c_void, len: c_int) -> Option<&'a [u8]> {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        if p.is_null() || len < 0 {
            None
        } else {
            Some(std::slice::from_raw_parts(p as *const u8, len as usize))
        }
    }
}

/// Base64 (standard alphabet, padded) of `encode_this_many_bytes` bytes, as a
/// malloc'd NUL-terminated string the caller frees. NULL for bad arguments.
#[no_mangle]
pub unsafe extern "C" fn base64encode(b64_encode_this: *const c_void, encode_this_many_bytes: c_int) -> *mut c_char {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || match input(b64_encode_this, encode_this_many_bytes) {
            Some(bytes) => alloc::c_string(STANDARD.encode(bytes).as_bytes()),
            None => ptr::null_mut(),
        })
    }
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
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            let decoded = input(b64_decode_this, decode_this_many_bytes).and_then(|b| STANDARD.decode(b).ok());
            let (out, n) = match decoded {
                Some(d) if d.len() <= c_int::MAX as usize => (alloc::c_string(&d), d.len() as c_int),
                _ => (ptr::null_mut(), 0),
            };
            if !decoded_bytes.is_null() {
                *decoded_bytes = if out.is_null() { 0 } else { n };
            }
            out
        })
    }
}
