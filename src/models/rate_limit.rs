//! Rate limits: `project_rate_limit_t`, its update request and the list page.

use super::{blank, c_enum, create, enum_from_string, enum_to_string, free, model, parse, to_json};
use crate::cjson::cJSON;
use crate::list::list_t;
use std::os::raw::{c_char, c_int};

/// `project_rate_limit_t.object`.
#[repr(C)]
pub enum openai_api_project_rate_limit_OBJECT_e {
    openai_api_project_rate_limit_OBJECT_NULL = 0,
    openai_api_project_rate_limit_OBJECT_project_rate_limit,
}
c_enum!(RateLimitObject => openai_api_project_rate_limit_OBJECT_e: [c"project.rate_limit"]);

/// `project_rate_limit_list_response_t.object`.
#[repr(C)]
pub enum openai_api_project_rate_limit_list_response_OBJECT_e {
    openai_api_project_rate_limit_list_response_OBJECT_NULL = 0,
    openai_api_project_rate_limit_list_response_OBJECT_list,
}
c_enum!(RateLimitListObject => openai_api_project_rate_limit_list_response_OBJECT_e: [c"list"]);

/// A project's rate limits for one model. Limits the API does not report are 0.
#[repr(C)]
pub struct project_rate_limit_t {
    /// The object type the API sends.
    pub object: RateLimitObject,
    /// The identifier.
    pub id: *mut c_char,
    /// The model the limits apply to.
    pub model: *mut c_char,
    /// Requests per minute.
    pub max_requests_per_1_minute: c_int,
    /// Tokens per minute.
    pub max_tokens_per_1_minute: c_int,
    /// Images per minute (0 when the model has no such limit).
    pub max_images_per_1_minute: c_int,
    /// Audio megabytes per minute (0 when the model has no such limit).
    pub max_audio_megabytes_per_1_minute: c_int,
    /// Requests per day (0 when the model has no such limit).
    pub max_requests_per_1_day: c_int,
    /// Batch input tokens per day (0 when the model has no such limit; saturates at INT_MAX).
    pub batch_1_day_max_input_tokens: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
}
model!(project_rate_limit_t {
    object: enum(RateLimitObject, object_string), required;
    id: str, required;
    model: str, required;
    max_requests_per_1_minute: int, required;
    max_tokens_per_1_minute: int, required;
    max_images_per_1_minute: int, optional;
    max_audio_megabytes_per_1_minute: int, optional;
    max_requests_per_1_day: int, optional;
    batch_1_day_max_input_tokens: int, optional;
});

/// Body of `ProjectsAPI_updateProjectRateLimits`: limits left at 0 are not sent.
#[repr(C)]
pub struct project_rate_limit_update_request_t {
    /// Requests per minute.
    pub max_requests_per_1_minute: c_int,
    /// Tokens per minute.
    pub max_tokens_per_1_minute: c_int,
    /// Images per minute (0 when the model has no such limit).
    pub max_images_per_1_minute: c_int,
    /// Audio megabytes per minute (0 when the model has no such limit).
    pub max_audio_megabytes_per_1_minute: c_int,
    /// Requests per day (0 when the model has no such limit).
    pub max_requests_per_1_day: c_int,
    /// Batch input tokens per day (0 when the model has no such limit; saturates at INT_MAX).
    pub batch_1_day_max_input_tokens: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
model!(project_rate_limit_update_request_t {
    max_requests_per_1_minute: int, optional;
    max_tokens_per_1_minute: int, optional;
    max_images_per_1_minute: int, optional;
    max_audio_megabytes_per_1_minute: int, optional;
    max_requests_per_1_day: int, optional;
    batch_1_day_max_input_tokens: int, optional;
});

/// One page of project_rate_limit: `data` is a list of `project_rate_limit_t *`; `first_id` and `last_id` are NULL on an empty page.
#[repr(C)]
pub struct project_rate_limit_list_response_t {
    /// The object type the API sends.
    pub object: RateLimitListObject,
    /// The items of this page (a list; see the struct's description).
    pub data: *mut list_t,
    /// The id of the page's first item; NULL on an empty page.
    pub first_id: *mut c_char,
    /// The id of the page's last item (the cursor for the next page); NULL on an empty page.
    pub last_id: *mut c_char,
    /// Non-zero when more items follow this page.
    pub has_more: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
}
model!(project_rate_limit_list_response_t {
    object: enum(RateLimitListObject, object_string), required;
    data: list(project_rate_limit_t), required;
    first_id: str, optional;
    last_id: str, optional;
    has_more: bool, required;
});

/// A new rate limit that owns its strings; free it with `project_rate_limit_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_rate_limit_create(
    object: RateLimitObject,
    id: *mut c_char,
    model: *mut c_char,
    max_requests_per_1_minute: c_int,
    max_tokens_per_1_minute: c_int,
    max_images_per_1_minute: c_int,
    max_audio_megabytes_per_1_minute: c_int,
    max_requests_per_1_day: c_int,
    batch_1_day_max_input_tokens: c_int,
) -> *mut project_rate_limit_t {
    create(project_rate_limit_t {
        object,
        id,
        model,
        max_requests_per_1_minute,
        max_tokens_per_1_minute,
        max_images_per_1_minute,
        max_audio_megabytes_per_1_minute,
        max_requests_per_1_day,
        batch_1_day_max_input_tokens,
        _library_owned: 1,
        ..blank()
    })
}
/// Frees the rate limit and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_free(project_rate_limit: *mut project_rate_limit_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_rate_limit) }
}
/// A new `project_rate_limit_t` from a cJSON object, or NULL; free it with `project_rate_limit_free`.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_parseFromJSON(project_rate_limitJSON: *mut cJSON) -> *mut project_rate_limit_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_rate_limitJSON) }
}
/// A new cJSON object for `project_rate_limit` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_convertToJSON(project_rate_limit: *mut project_rate_limit_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_rate_limit) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_rate_limit_object_ToString(object: RateLimitObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_object_FromString(object: *mut c_char) -> RateLimitObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}

/// A new request; free it with `project_rate_limit_update_request_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_rate_limit_update_request_create(
    max_requests_per_1_minute: c_int,
    max_tokens_per_1_minute: c_int,
    max_images_per_1_minute: c_int,
    max_audio_megabytes_per_1_minute: c_int,
    max_requests_per_1_day: c_int,
    batch_1_day_max_input_tokens: c_int,
) -> *mut project_rate_limit_update_request_t {
    create(project_rate_limit_update_request_t {
        max_requests_per_1_minute,
        max_tokens_per_1_minute,
        max_images_per_1_minute,
        max_audio_megabytes_per_1_minute,
        max_requests_per_1_day,
        batch_1_day_max_input_tokens,
        _library_owned: 1,
    })
}
/// Frees the request. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_update_request_free(
    project_rate_limit_update_request: *mut project_rate_limit_update_request_t,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_rate_limit_update_request) }
}
/// A new `project_rate_limit_update_request_t` from a cJSON object, or NULL; free it with `project_rate_limit_update_request_free`.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_update_request_parseFromJSON(
    project_rate_limit_update_requestJSON: *mut cJSON,
) -> *mut project_rate_limit_update_request_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_rate_limit_update_requestJSON) }
}
/// A new cJSON object for `project_rate_limit_update_request` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_update_request_convertToJSON(
    project_rate_limit_update_request: *mut project_rate_limit_update_request_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_rate_limit_update_request) }
}

/// A new page owning `data` (a list of `project_rate_limit_t *`) and the strings; free it with `project_rate_limit_list_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_rate_limit_list_response_create(
    object: RateLimitListObject,
    data: *mut list_t,
    first_id: *mut c_char,
    last_id: *mut c_char,
    has_more: c_int,
) -> *mut project_rate_limit_list_response_t {
    create(project_rate_limit_list_response_t { object, data, first_id, last_id, has_more, _library_owned: 1, ..blank() })
}
/// Frees the page, every `project_rate_limit_t` in it and the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_list_response_free(project_rate_limit_list_response: *mut project_rate_limit_list_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_rate_limit_list_response) }
}
/// A new `project_rate_limit_list_response_t` from a cJSON object, or NULL; free it with `project_rate_limit_list_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_list_response_parseFromJSON(
    project_rate_limit_list_responseJSON: *mut cJSON,
) -> *mut project_rate_limit_list_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_rate_limit_list_responseJSON) }
}
/// A new cJSON object for `project_rate_limit_list_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_list_response_convertToJSON(
    project_rate_limit_list_response: *mut project_rate_limit_list_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_rate_limit_list_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_rate_limit_list_response_object_ToString(object: RateLimitListObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_rate_limit_list_response_object_FromString(object: *mut c_char) -> RateLimitListObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
