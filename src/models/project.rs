//! Projects: `project_t`, its create/update requests and the list page.

use super::{blank, c_enum, create, enum_from_string, enum_to_string, free, model, parse, set_text, to_json};
use crate::cjson::cJSON;
use crate::list::list_t;
use std::os::raw::{c_char, c_int};

/// `project_t.object`.
#[repr(C)]
pub enum openai_api_project_OBJECT_e {
    openai_api_project_OBJECT_NULL = 0,
    openai_api_project_OBJECT_organization_project,
}
c_enum!(ProjectObject => openai_api_project_OBJECT_e: [c"organization.project"]);

/// `project_t.status`.
#[repr(C)]
pub enum openai_api_project_STATUS_e {
    openai_api_project_STATUS_NULL = 0,
    openai_api_project_STATUS_active,
    openai_api_project_STATUS_archived,
}
c_enum!(ProjectStatus => openai_api_project_STATUS_e: [c"active", c"archived"]);

/// `project_list_response_t.object`.
#[repr(C)]
pub enum openai_api_project_list_response_OBJECT_e {
    openai_api_project_list_response_OBJECT_NULL = 0,
    openai_api_project_list_response_OBJECT_list,
}
c_enum!(ProjectListObject => openai_api_project_list_response_OBJECT_e: [c"list"]);

/// A project. `archived_at` is 0 while the project is active; `name` and
/// `status` may be NULL/0 (the live API sends them as null at times).
///
/// The members after `_library_owned` are the live API's additions. They
/// exist only in structs the library allocated (parsed answers and
/// `project_create`), never in one a program built itself.
#[repr(C)]
pub struct project_t {
    /// The identifier.
    pub id: *mut c_char,
    /// The object type the API sends.
    pub object: ProjectObject,
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// When it was created (Unix seconds).
    pub created_at: c_int,
    /// When the project was archived (Unix seconds); 0 while it is active.
    pub archived_at: c_int,
    /// `active` or `archived` (0 when the answer has none or another value; the text is then in `status_string`).
    pub status: ProjectStatus,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
    /// The server's `status` text when `status` has no constant for it; else NULL.
    pub status_string: *mut c_char,
    /// The external (customer-managed) key id, or NULL.
    pub external_key_id: *mut c_char,
    /// The residency, such as `"US_STORAGE_PROCESSING"`, or NULL.
    pub residency: *mut c_char,
}
model!(project_t {
    id: str, required;
    object: enum(ProjectObject, object_string), required;
    name: str, optional;
    created_at: int, required;
    archived_at: int, optional;
    status: enum(ProjectStatus, status_string), optional;
    external_key_id: str, optional;
    residency: str, optional;
});

/// Body of `ProjectsAPI_createProject`. Set `residency` and
/// `external_key_id` with `project_create_request_set_residency` and
/// `project_create_request_set_external_key_id` on a request made by
/// `project_create_request_create`.
#[repr(C)]
pub struct project_create_request_t {
    /// The project's name (required).
    pub name: *mut c_char,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
/// The library's allocation of a `project_create_request_t`.
#[repr(C)]
pub(crate) struct ProjectCreateRequestAlloc {
    base: project_create_request_t,
    residency: *mut c_char,
    external_key_id: *mut c_char,
}
model!(project_create_request_t {
    name: str, required;
} ext ProjectCreateRequestAlloc {
    residency: str, optional;
    external_key_id: str, optional;
});

/// Body of `ProjectsAPI_modifyProject`. `name` may be NULL (left as it is).
/// Set `external_key_id` with `project_update_request_set_external_key_id`
/// on a request made by `project_update_request_create`.
#[repr(C)]
pub struct project_update_request_t {
    /// The new name, or NULL to leave it as it is.
    pub name: *mut c_char,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
/// The library's allocation of a `project_update_request_t`.
#[repr(C)]
pub(crate) struct ProjectUpdateRequestAlloc {
    base: project_update_request_t,
    external_key_id: *mut c_char,
}
model!(project_update_request_t {
    name: str, optional;
} ext ProjectUpdateRequestAlloc {
    external_key_id: str, optional;
});

/// One page of projects: `data` is a list of `project_t *`; `first_id` and
/// `last_id` are NULL on an empty page.
#[repr(C)]
pub struct project_list_response_t {
    /// The object type the API sends.
    pub object: ProjectListObject,
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
model!(project_list_response_t {
    object: enum(ProjectListObject, object_string), required;
    data: list(project_t), required;
    first_id: str, optional;
    last_id: str, optional;
    has_more: bool, required;
});

/// A new project that owns every pointer passed in; free it with `project_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_create(
    id: *mut c_char,
    object: ProjectObject,
    name: *mut c_char,
    created_at: c_int,
    archived_at: c_int,
    status: ProjectStatus,
) -> *mut project_t {
    create(project_t { id, object, name, created_at, archived_at, status, _library_owned: 1, ..blank() })
}
/// Frees a project and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_free(project: *mut project_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project) }
}
/// A new project from a cJSON object, or NULL; free it with `project_free`.
#[no_mangle]
pub unsafe extern "C" fn project_parseFromJSON(projectJSON: *mut cJSON) -> *mut project_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(projectJSON) }
}
/// A new cJSON object for the project (free with `cJSON_Delete`), or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_convertToJSON(project: *mut project_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project) }
}
/// The JSON string of an `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_object_ToString(object: ProjectObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_object_FromString(object: *mut c_char) -> ProjectObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
/// The JSON string of a `status` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_status_ToString(status: ProjectStatus) -> *mut c_char {
    enum_to_string(status)
}
/// The `status` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_status_FromString(status: *mut c_char) -> ProjectStatus {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(status) }
}

/// A new create request owning `name`; free it with `project_create_request_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_create_request_create(name: *mut c_char) -> *mut project_create_request_t {
    create(project_create_request_t { name, _library_owned: 1 })
}
/// Frees the request and its name. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_create_request_free(project_create_request: *mut project_create_request_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_create_request) }
}
/// A new request from a cJSON object, or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_create_request_parseFromJSON(project_create_requestJSON: *mut cJSON) -> *mut project_create_request_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_create_requestJSON) }
}
/// A new cJSON object for the request, or NULL when `name` is NULL.
#[no_mangle]
pub unsafe extern "C" fn project_create_request_convertToJSON(project_create_request: *mut project_create_request_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_create_request) }
}
/// Sets the request's `residency` (such as `"US_STORAGE_PROCESSING"`) to a
/// copy of `residency`; NULL leaves it out. Returns 0, or -1 (with a
/// warning on stderr) when `project_create_request` is NULL or was not
/// made by `project_create_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_create_request_set_residency(
    project_create_request: *mut project_create_request_t,
    residency: *const c_char,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_text(project_create_request, "residency", residency) }
}
/// Sets the request's `external_key_id` to a copy of `external_key_id`;
/// NULL leaves it out. Returns 0, or -1 (with a warning on stderr) when
/// `project_create_request` is NULL or was not made by
/// `project_create_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_create_request_set_external_key_id(
    project_create_request: *mut project_create_request_t,
    external_key_id: *const c_char,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_text(project_create_request, "external_key_id", external_key_id) }
}

/// A new update request owning `name`; free it with `project_update_request_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_update_request_create(name: *mut c_char) -> *mut project_update_request_t {
    create(project_update_request_t { name, _library_owned: 1 })
}
/// Frees the request and its name. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_update_request_free(project_update_request: *mut project_update_request_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_update_request) }
}
/// A new request from a cJSON object, or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_update_request_parseFromJSON(project_update_requestJSON: *mut cJSON) -> *mut project_update_request_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_update_requestJSON) }
}
/// A new cJSON object for the request (an empty object when nothing is set).
#[no_mangle]
pub unsafe extern "C" fn project_update_request_convertToJSON(project_update_request: *mut project_update_request_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_update_request) }
}
/// Sets the request's `external_key_id` to a copy of `external_key_id`;
/// NULL leaves it out. Returns 0, or -1 (with a warning on stderr) when
/// `project_update_request` is NULL or was not made by
/// `project_update_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_update_request_set_external_key_id(
    project_update_request: *mut project_update_request_t,
    external_key_id: *const c_char,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_text(project_update_request, "external_key_id", external_key_id) }
}

/// A new page owning `data` (a list of `project_t *`) and the strings; free
/// it with `project_list_response_free`, which frees the projects too.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_list_response_create(
    object: ProjectListObject,
    data: *mut list_t,
    first_id: *mut c_char,
    last_id: *mut c_char,
    has_more: c_int,
) -> *mut project_list_response_t {
    create(project_list_response_t { object, data, first_id, last_id, has_more, _library_owned: 1, ..blank() })
}
/// Frees the page, every project in it and the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_list_response_free(project_list_response: *mut project_list_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_list_response) }
}
/// A new page from a cJSON object, or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_list_response_parseFromJSON(project_list_responseJSON: *mut cJSON) -> *mut project_list_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_list_responseJSON) }
}
/// A new cJSON object for the page, or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_list_response_convertToJSON(project_list_response: *mut project_list_response_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_list_response) }
}
/// The JSON string of an `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_list_response_object_ToString(object: ProjectListObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_list_response_object_FromString(object: *mut c_char) -> ProjectListObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
