//! `object_t`: the generated client's holder of a free-form JSON value
//! (`model/object.h`), which its library exports although no call of the
//! administration API takes or returns one. It keeps the value as JSON
//! text in `temporary`.

use crate::boundary::alloc;
use crate::boundary::guard::guard;
use crate::support::cjson::{cJSON, cJSON_CreateNull, cJSON_Parse, cJSON_Print};
use std::os::raw::{c_char, c_void};
use std::ptr;

/// A free-form JSON value, as the generated client keeps it.
#[repr(C)]
pub struct object_t {
    /// The value as JSON text (malloc'd; freed by `object_free`), or NULL for JSON null.
    pub temporary: *mut c_void,
}

/// A new, empty `object_t` (`temporary` NULL); free it with `object_free`.
/// NULL when out of memory.
#[no_mangle]
pub extern "C" fn object_create() -> *mut object_t {
    guard(ptr::null_mut(), alloc::calloc::<object_t>)
}

/// Frees the `object_t` and its text. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn object_free(object: *mut object_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            if !object.is_null() {
                alloc::free((*object).temporary);
                alloc::free(object);
            }
        })
    }
}

/// A new `object_t` holding `json` as text (`json` stays the caller's), or
/// NULL for a NULL `json` or when out of memory.
#[no_mangle]
pub unsafe extern "C" fn object_parseFromJSON(json: *mut cJSON) -> *mut object_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            if json.is_null() {
                return ptr::null_mut();
            }
            let text = cJSON_Print(json);
            if text.is_null() {
                return ptr::null_mut();
            }
            let object = alloc::calloc::<object_t>();
            if object.is_null() {
                alloc::free(text);
                return ptr::null_mut();
            }
            (*object).temporary = text as *mut c_void;
            object
        })
    }
}

/// A new cJSON tree of the value (free it with `cJSON_Delete`): JSON null
/// when `temporary` is NULL, NULL for a NULL `object` or text that is not
/// JSON.
#[no_mangle]
pub unsafe extern "C" fn object_convertToJSON(object: *mut object_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            if object.is_null() {
                return ptr::null_mut();
            }
            match (*object).temporary {
                t if t.is_null() => cJSON_CreateNull(),
                t => cJSON_Parse(t as *const c_char),
            }
        })
    }
}
