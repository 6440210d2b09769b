//! Project users: `project_user_t`, its requests, the delete answer and the list page.

use super::{blank, c_enum, create, enum_from_string, enum_to_string, free, model, parse, set_text, to_json};
use crate::cjson::cJSON;
use crate::list::list_t;
use std::os::raw::{c_char, c_int};

/// `project_user_t.object`.
#[repr(C)]
pub enum openai_api_project_user_OBJECT_e {
    openai_api_project_user_OBJECT_NULL = 0,
    openai_api_project_user_OBJECT_organization_project_user,
}
c_enum!(ProjectUserObject => openai_api_project_user_OBJECT_e: [c"organization.project.user"]);

/// `project_user_t.role`.
#[repr(C)]
pub enum openai_api_project_user_ROLE_e {
    openai_api_project_user_ROLE_NULL = 0,
    openai_api_project_user_ROLE_owner,
    openai_api_project_user_ROLE_member,
}
c_enum!(ProjectUserRole => openai_api_project_user_ROLE_e: [c"owner", c"member"]);

/// `project_user_create_request_t.role`.
#[repr(C)]
pub enum openai_api_project_user_create_request_ROLE_e {
    openai_api_project_user_create_request_ROLE_NULL = 0,
    openai_api_project_user_create_request_ROLE_owner,
    openai_api_project_user_create_request_ROLE_member,
}
c_enum!(ProjectUserCreateRequestRole => openai_api_project_user_create_request_ROLE_e: [c"owner", c"member"]);

/// `project_user_update_request_t.role`.
#[repr(C)]
pub enum openai_api_project_user_update_request_ROLE_e {
    openai_api_project_user_update_request_ROLE_NULL = 0,
    openai_api_project_user_update_request_ROLE_owner,
    openai_api_project_user_update_request_ROLE_member,
}
c_enum!(ProjectUserUpdateRequestRole => openai_api_project_user_update_request_ROLE_e: [c"owner", c"member"]);

/// `project_user_delete_response_t.object`.
#[repr(C)]
pub enum openai_api_project_user_delete_response_OBJECT_e {
    openai_api_project_user_delete_response_OBJECT_NULL = 0,
    openai_api_project_user_delete_response_OBJECT_organization_project_user_deleted,
}
c_enum!(ProjectUserDeleteObject => openai_api_project_user_delete_response_OBJECT_e: [c"organization.project.user.deleted"]);

/// A user's membership of a project. `name` and `email` may be NULL. The
/// members after `_library_owned` exist only in structs the library
/// allocated (parsed answers and `project_user_create`).
#[repr(C)]
pub struct project_user_t {
    /// The object type the API sends.
    pub object: ProjectUserObject,
    /// The identifier.
    pub id: *mut c_char,
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// The email address (may be NULL).
    pub email: *mut c_char,
    /// The role (the enum's constant; a role it does not name is `_NULL`, the text in `role_string`).
    pub role: ProjectUserRole,
    /// When the user was added to the project (Unix seconds).
    pub added_at: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
    /// The server's `role` text when `role` has no constant for it; else NULL.
    pub role_string: *mut c_char,
    /// When the user was created (Unix seconds): set in an API key's
    /// `owner->user`, where the live API sends `created_at` instead of
    /// `added_at`; 0 otherwise.
    pub created_at: c_int,
}
// `object` is optional: an API key's `owner.user` has none.
model!(project_user_t {
    object: enum(ProjectUserObject, object_string), optional;
    id: str, required;
    name: str, optional;
    email: str, optional;
    role: enum(ProjectUserRole, role_string), required;
    added_at: int, required;
    created_at: int, optional;
});

/// Body of `ProjectsAPI_createProjectUser`: the user by `user_id`, or (with
/// `user_id` NULL) by email through `project_user_create_request_set_email`;
/// a role the enum does not name (a custom role) through
/// `project_user_create_request_set_role_string`. The setters work on a
/// request made by `project_user_create_request_create`.
#[repr(C)]
pub struct project_user_create_request_t {
    /// The user's id (or NULL when adding by email).
    pub user_id: *mut c_char,
    /// The role to give (or `_NULL` with a custom role set by `project_user_create_request_set_role_string`).
    pub role: ProjectUserCreateRequestRole,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
/// The library's allocation of a `project_user_create_request_t`.
#[repr(C)]
pub(crate) struct ProjectUserCreateRequestAlloc {
    base: project_user_create_request_t,
    role_string: *mut c_char,
    email: *mut c_char,
}
model!(project_user_create_request_t {
    user_id: str, optional;
    role: enum(ProjectUserCreateRequestRole, role_string), required;
} ext ProjectUserCreateRequestAlloc {
    email: str, optional;
});

/// Body of `ProjectsAPI_modifyProjectUser`. A role the enum does not name
/// (a custom role) is set with `project_user_update_request_set_role_string`
/// on a request made by `project_user_update_request_create`.
#[repr(C)]
pub struct project_user_update_request_t {
    /// The new role (or `_NULL` with a custom role set by `project_user_update_request_set_role_string`).
    pub role: ProjectUserUpdateRequestRole,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
/// The library's allocation of a `project_user_update_request_t`.
#[repr(C)]
pub(crate) struct ProjectUserUpdateRequestAlloc {
    base: project_user_update_request_t,
    role_string: *mut c_char,
}
model!(project_user_update_request_t {
    role: enum(ProjectUserUpdateRequestRole, role_string), optional;
} ext ProjectUserUpdateRequestAlloc {});

/// The answer to deleting a project user.
#[repr(C)]
pub struct project_user_delete_response_t {
    /// The object type the API sends.
    pub object: ProjectUserDeleteObject,
    /// The identifier.
    pub id: *mut c_char,
    /// Non-zero when the object was deleted.
    pub deleted: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
}
model!(project_user_delete_response_t {
    object: enum(ProjectUserDeleteObject, object_string), required;
    id: str, required;
    deleted: bool, required;
});

/// One page of project_user: `data` is a list of `project_user_t *`; `first_id` and `last_id` are NULL on an empty page.
#[repr(C)]
pub struct project_user_list_response_t {
    /// The object type the API sends.
    pub object: *mut c_char,
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
}
model!(project_user_list_response_t {
    object: str, required;
    data: list(project_user_t), required;
    first_id: str, optional;
    last_id: str, optional;
    has_more: bool, required;
});

/// A new project user that owns every pointer passed in; free it with `project_user_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_user_create(
    object: ProjectUserObject,
    id: *mut c_char,
    name: *mut c_char,
    email: *mut c_char,
    role: ProjectUserRole,
    added_at: c_int,
) -> *mut project_user_t {
    create(project_user_t { object, id, name, email, role, added_at, _library_owned: 1, ..blank() })
}
/// Frees the user and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_user_free(project_user: *mut project_user_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_user) }
}
/// A new `project_user_t` from a cJSON object, or NULL; free it with `project_user_free`.
#[no_mangle]
pub unsafe extern "C" fn project_user_parseFromJSON(project_userJSON: *mut cJSON) -> *mut project_user_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_userJSON) }
}
/// A new cJSON object for `project_user` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_user_convertToJSON(project_user: *mut project_user_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_user) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_user_object_ToString(object: ProjectUserObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_user_object_FromString(object: *mut c_char) -> ProjectUserObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
/// The JSON string of a `role` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_user_role_ToString(role: ProjectUserRole) -> *mut c_char {
    enum_to_string(role)
}
/// The `role` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_user_role_FromString(role: *mut c_char) -> ProjectUserRole {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(role) }
}

/// A new request owning `user_id`; free it with `project_user_create_request_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_user_create_request_create(
    user_id: *mut c_char,
    role: ProjectUserCreateRequestRole,
) -> *mut project_user_create_request_t {
    create(project_user_create_request_t { user_id, role, _library_owned: 1 })
}
/// Adds the user by email instead of `user_id` (leave `user_id` NULL): sets
/// the request's `email` to a copy of `email` (NULL leaves it out). Returns
/// 0, or -1 (with a warning on stderr) when `project_user_create_request` is
/// NULL or was not made by `project_user_create_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_user_create_request_set_email(
    project_user_create_request: *mut project_user_create_request_t,
    email: *const c_char,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_text(project_user_create_request, "email", email) }
}
/// Sends `role` as the role text (for a custom project role the enum does
/// not name); `role` becomes `_NULL`. NULL clears the text. Returns 0, or -1
/// (with a warning on stderr) when `project_user_create_request` is NULL or
/// was not made by `project_user_create_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_user_create_request_set_role_string(
    project_user_create_request: *mut project_user_create_request_t,
    role: *const c_char,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_text(project_user_create_request, "role", role) }
}
/// Frees the request and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_user_create_request_free(project_user_create_request: *mut project_user_create_request_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_user_create_request) }
}
/// A new `project_user_create_request_t` from a cJSON object, or NULL; free it with `project_user_create_request_free`.
#[no_mangle]
pub unsafe extern "C" fn project_user_create_request_parseFromJSON(
    project_user_create_requestJSON: *mut cJSON,
) -> *mut project_user_create_request_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_user_create_requestJSON) }
}
/// A new cJSON object for `project_user_create_request` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_user_create_request_convertToJSON(
    project_user_create_request: *mut project_user_create_request_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_user_create_request) }
}
/// The JSON string of a `role` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_user_create_request_role_ToString(role: ProjectUserCreateRequestRole) -> *mut c_char {
    enum_to_string(role)
}
/// The `role` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_user_create_request_role_FromString(role: *mut c_char) -> ProjectUserCreateRequestRole {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(role) }
}

/// A new request; free it with `project_user_update_request_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_user_update_request_create(role: ProjectUserUpdateRequestRole) -> *mut project_user_update_request_t {
    create(project_user_update_request_t { role, _library_owned: 1 })
}
/// Sends `role` as the role text (for a custom project role the enum does
/// not name); `role` becomes `_NULL`. NULL clears the text. Returns 0, or -1
/// (with a warning on stderr) when `project_user_update_request` is NULL or
/// was not made by `project_user_update_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_user_update_request_set_role_string(
    project_user_update_request: *mut project_user_update_request_t,
    role: *const c_char,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_text(project_user_update_request, "role", role) }
}
/// Frees the request. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_user_update_request_free(project_user_update_request: *mut project_user_update_request_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_user_update_request) }
}
/// A new `project_user_update_request_t` from a cJSON object, or NULL; free it with `project_user_update_request_free`.
#[no_mangle]
pub unsafe extern "C" fn project_user_update_request_parseFromJSON(
    project_user_update_requestJSON: *mut cJSON,
) -> *mut project_user_update_request_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_user_update_requestJSON) }
}
/// A new cJSON object for `project_user_update_request` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_user_update_request_convertToJSON(
    project_user_update_request: *mut project_user_update_request_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_user_update_request) }
}
/// The JSON string of a `role` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_user_update_request_role_ToString(role: ProjectUserUpdateRequestRole) -> *mut c_char {
    enum_to_string(role)
}
/// The `role` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_user_update_request_role_FromString(role: *mut c_char) -> ProjectUserUpdateRequestRole {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(role) }
}

/// A new `project_user_delete_response_t` owning `id`; free it with `project_user_delete_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_user_delete_response_create(
    object: ProjectUserDeleteObject,
    id: *mut c_char,
    deleted: c_int,
) -> *mut project_user_delete_response_t {
    create(project_user_delete_response_t { object, id, deleted, _library_owned: 1, ..blank() })
}
/// Frees it and its id. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_user_delete_response_free(project_user_delete_response: *mut project_user_delete_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_user_delete_response) }
}
/// A new `project_user_delete_response_t` from a cJSON object, or NULL; free it with `project_user_delete_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_user_delete_response_parseFromJSON(
    project_user_delete_responseJSON: *mut cJSON,
) -> *mut project_user_delete_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_user_delete_responseJSON) }
}
/// A new cJSON object for `project_user_delete_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_user_delete_response_convertToJSON(
    project_user_delete_response: *mut project_user_delete_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_user_delete_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_user_delete_response_object_ToString(object: ProjectUserDeleteObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_user_delete_response_object_FromString(object: *mut c_char) -> ProjectUserDeleteObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}

/// A new page owning `data` (a list of `project_user_t *`) and the strings; free it with `project_user_list_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_user_list_response_create(
    object: *mut c_char,
    data: *mut list_t,
    first_id: *mut c_char,
    last_id: *mut c_char,
    has_more: c_int,
) -> *mut project_user_list_response_t {
    create(project_user_list_response_t { object, data, first_id, last_id, has_more, _library_owned: 1 })
}
/// Frees the page, every `project_user_t` in it and the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_user_list_response_free(project_user_list_response: *mut project_user_list_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_user_list_response) }
}
/// A new `project_user_list_response_t` from a cJSON object, or NULL; free it with `project_user_list_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_user_list_response_parseFromJSON(
    project_user_list_responseJSON: *mut cJSON,
) -> *mut project_user_list_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_user_list_responseJSON) }
}
/// A new cJSON object for `project_user_list_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_user_list_response_convertToJSON(
    project_user_list_response: *mut project_user_list_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_user_list_response) }
}
