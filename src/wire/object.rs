//! `object_t`: the generated client's holder of a free-form JSON value
//! (`model/object.h`), which its library exports although no call of the
//! administration API takes or returns one. It keeps the value as JSON
//! text in `temporary`.

use crate::boundary::alloc;
use crate::boundary::guard::guard;
use crate::boundary::ptr::{arg_mut, try_ref};
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
    guard((), || {
        // SAFETY: `object` is NULL or an `object_t` the caller hands over to
        // be freed, whose `temporary` is NULL or malloc'd text it owns (the
        // header's rule); it is read before it is freed.
        unsafe {
            let o = try_ref!(void; object);
            alloc::free(o.temporary);
            alloc::free(object);
        }
    })
}

/// A new `object_t` holding `json` as text (`json` stays the caller's), or
/// NULL for a NULL `json` or when out of memory.
#[no_mangle]
pub unsafe extern "C" fn object_parseFromJSON(json: *mut cJSON) -> *mut object_t {
    guard(ptr::null_mut(), || {
        if json.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: a cJSON tree the caller keeps unchanged for the call (the
        // header's rule), only read.
        let text = unsafe { cJSON_Print(json) };
        if text.is_null() {
            return ptr::null_mut();
        }
        let object = alloc::calloc::<object_t>();
        // SAFETY: `object` is NULL or the zeroed struct just made, not shared.
        match unsafe { arg_mut(object) } {
            Some(o) => o.temporary = text as *mut c_void,
            // SAFETY: `text` is cJSON_Print's malloc'd string, not stored.
            None => unsafe { alloc::free(text) },
        }
        object
    })
}

/// A new cJSON tree of the value (free it with `cJSON_Delete`): JSON null
/// when `temporary` is NULL, NULL for a NULL `object` or text that is not
/// JSON.
#[no_mangle]
pub unsafe extern "C" fn object_convertToJSON(object: *mut object_t) -> *mut cJSON {
    guard(ptr::null_mut(), || {
        // SAFETY: `object` is NULL or an `object_t` whose `temporary` is NULL
        // or a C string (the header's rule), only read.
        unsafe {
            let o = try_ref!(ptr::null_mut(); object);
            match o.temporary {
                t if t.is_null() => cJSON_CreateNull(),
                t => cJSON_Parse(t as *const c_char),
            }
        }
    })
}
