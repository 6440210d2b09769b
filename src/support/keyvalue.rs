//! `keyValuePair_t`: a key with an untyped value, used for query and header
//! parameters of `apiClient_invoke`.

use crate::boundary::alloc;
use crate::boundary::guard::guard;
use std::os::raw::{c_char, c_void};
use std::ptr;

/// A key and a value. Who owns them is up to whoever built the pair.
#[repr(C)]
pub struct keyValuePair_t {
    /// The key (a C string).
    pub key: *mut c_char,
    /// The value (a C string for query and header lists).
    pub value: *mut c_void,
}

/// A pair holding `key` and `value` as given (not copied, not owned).
/// Freed with `keyValuePair_free`. NULL when out of memory.
#[no_mangle]
pub extern "C" fn keyValuePair_create(key: *mut c_char, value: *mut c_void) -> *mut keyValuePair_t {
    guard(ptr::null_mut(), || alloc::boxed(keyValuePair_t { key, value }))
}

/// A pair holding `key` and a malloc'd copy of `value` (a `double`); the
/// caller frees that copy (`pair->value`) and the key.
#[no_mangle]
pub extern "C" fn keyValuePair_create_allocate(key: *mut c_char, value: f64) -> *mut keyValuePair_t {
    guard(ptr::null_mut(), || {
        let v = alloc::boxed(value);
        if v.is_null() {
            return std::ptr::null_mut();
        }
        let pair = keyValuePair_create(key, v as *mut c_void);
        if pair.is_null() {
            // SAFETY: `v` is this function's own allocation, not stored.
            unsafe { alloc::free(v) };
        }
        pair
    })
}

/// Frees the pair only, not its key or value. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn keyValuePair_free(keyValuePair: *mut keyValuePair_t) {
    // SAFETY: NULL or a pair the caller hands over, made by this library
    // (keyValuePair_create*); its key and value stay the caller's.
    guard((), || unsafe { alloc::free(keyValuePair) })
}
