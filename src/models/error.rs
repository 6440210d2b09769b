//! OpenAI's error body: `error_response_t` holding an `error_t`. In C the struct is `openai_api_error_t`; `error_t` names it too where that does not clash with glibc (C without _GNU_SOURCE).

use super::{create, free, model, parse, to_json};
use crate::cjson::cJSON;

use std::os::raw::{c_char, c_int};

/// The `error` object of an OpenAI error body. `code` and `param` may be NULL.
#[repr(C)]
pub struct openai_api_error_t {
    /// OpenAI's error code (e.g. `not_found`), or NULL.
    pub code: *mut c_char,
    /// What went wrong, in words.
    pub message: *mut c_char,
    /// The parameter at fault, or NULL.
    pub param: *mut c_char,
    /// The error type (e.g. `invalid_request_error`).
    pub r#type: *mut c_char,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
model!(openai_api_error_t {
    code: str, optional;
    message: str, required;
    param: str, optional;
    r#type: str, required;
});

/// An OpenAI error body: `{"error": {...}}`.
#[repr(C)]
pub struct error_response_t {
    /// The error.
    pub error: *mut openai_api_error_t,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
model!(error_response_t {
    error: model(openai_api_error_t), required;
});

/// A new error body that owns `error`; free it with `error_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn error_response_create(error: *mut openai_api_error_t) -> *mut error_response_t {
    create(error_response_t { error, _library_owned: 1 })
}
/// Frees the body and its error. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn error_response_free(error_response: *mut error_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(error_response) }
}
/// A new `error_response_t` from a cJSON object, or NULL; free it with `error_response_free`.
#[no_mangle]
pub unsafe extern "C" fn error_response_parseFromJSON(error_responseJSON: *mut cJSON) -> *mut error_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(error_responseJSON) }
}
/// A new cJSON object for `error_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn error_response_convertToJSON(error_response: *mut error_response_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(error_response) }
}

/// A new error that owns its strings; free it with `error_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn error_create(
    code: *mut c_char,
    message: *mut c_char,
    param: *mut c_char,
    r#type: *mut c_char,
) -> *mut openai_api_error_t {
    create(openai_api_error_t { code, message, param, r#type, _library_owned: 1 })
}
/// Frees the error and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn error_free(error: *mut openai_api_error_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(error) }
}
/// A new error from a cJSON object, or NULL; free it with `error_free`.
#[no_mangle]
pub unsafe extern "C" fn error_parseFromJSON(errorJSON: *mut cJSON) -> *mut openai_api_error_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(errorJSON) }
}
/// A new cJSON object for the error (free with `cJSON_Delete`), or NULL when `message` or `type` is NULL.
#[no_mangle]
pub unsafe extern "C" fn error_convertToJSON(error: *mut openai_api_error_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(error) }
}
