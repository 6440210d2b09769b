//! Service accounts: `project_service_account_t`, its API key, requests, answers and the list page.

use super::{blank, c_enum, create, enum_from_string, enum_to_string, free, model, parse, set_int, to_json};
use crate::cjson::cJSON;
use crate::list::list_t;
use std::os::raw::{c_char, c_int};

/// `project_service_account_t.object`.
#[repr(C)]
pub enum openai_api_project_service_account_OBJECT_e {
    openai_api_project_service_account_OBJECT_NULL = 0,
    openai_api_project_service_account_OBJECT_organization_project_service_account,
}
c_enum!(ServiceAccountObject => openai_api_project_service_account_OBJECT_e: [c"organization.project.service_account"]);

/// `project_service_account_t.role`.
#[repr(C)]
pub enum openai_api_project_service_account_ROLE_e {
    openai_api_project_service_account_ROLE_NULL = 0,
    openai_api_project_service_account_ROLE_owner,
    openai_api_project_service_account_ROLE_member,
    /// No project role (the live API's `none`).
    openai_api_project_service_account_ROLE_none,
}
c_enum!(ServiceAccountRole => openai_api_project_service_account_ROLE_e: [c"owner", c"member", c"none"]);

/// `project_service_account_api_key_t.object`.
#[repr(C)]
pub enum openai_api_project_service_account_api_key_OBJECT_e {
    openai_api_project_service_account_api_key_OBJECT_NULL = 0,
    openai_api_project_service_account_api_key_OBJECT_organization_project_service_account_api_key,
}
c_enum!(ServiceAccountApiKeyObject => openai_api_project_service_account_api_key_OBJECT_e: [c"organization.project.service_account.api_key"]);

/// `project_service_account_create_response_t.object`.
#[repr(C)]
pub enum openai_api_project_service_account_create_response_OBJECT_e {
    openai_api_project_service_account_create_response_OBJECT_NULL = 0,
    openai_api_project_service_account_create_response_OBJECT_organization_project_service_account,
}
c_enum!(ServiceAccountCreateObject => openai_api_project_service_account_create_response_OBJECT_e: [c"organization.project.service_account"]);

/// `project_service_account_create_response_t.role`.
#[repr(C)]
pub enum openai_api_project_service_account_create_response_ROLE_e {
    openai_api_project_service_account_create_response_ROLE_NULL = 0,
    openai_api_project_service_account_create_response_ROLE_member,
    /// Made with `create_service_account_only`: no project role yet.
    openai_api_project_service_account_create_response_ROLE_none,
}
c_enum!(ServiceAccountCreateRole => openai_api_project_service_account_create_response_ROLE_e: [c"member", c"none"]);

/// `project_service_account_delete_response_t.object`.
#[repr(C)]
pub enum openai_api_project_service_account_delete_response_OBJECT_e {
    openai_api_project_service_account_delete_response_OBJECT_NULL = 0,
    openai_api_project_service_account_delete_response_OBJECT_organization_project_service_account_deleted,
}
c_enum!(ServiceAccountDeleteObject => openai_api_project_service_account_delete_response_OBJECT_e: [c"organization.project.service_account.deleted"]);

/// `project_service_account_list_response_t.object`.
#[repr(C)]
pub enum openai_api_project_service_account_list_response_OBJECT_e {
    openai_api_project_service_account_list_response_OBJECT_NULL = 0,
    openai_api_project_service_account_list_response_OBJECT_list,
}
c_enum!(ServiceAccountListObject => openai_api_project_service_account_list_response_OBJECT_e: [c"list"]);

/// A service account of a project.
#[repr(C)]
pub struct project_service_account_t {
    /// The object type the API sends.
    pub object: ServiceAccountObject,
    /// The identifier.
    pub id: *mut c_char,
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// The role (the enum's constant; a role it does not name is `_NULL`, the text in `role_string`).
    pub role: ServiceAccountRole,
    /// When it was created (Unix seconds).
    pub created_at: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
    /// The server's `role` text when `role` has no constant for it; else NULL.
    pub role_string: *mut c_char,
}
// `object` is optional: an API key's `owner.service_account` has none.
model!(project_service_account_t {
    object: enum(ServiceAccountObject, object_string), optional;
    id: str, required;
    name: str, required;
    role: enum(ServiceAccountRole, role_string), required;
    created_at: int, required;
});

/// The unredacted key of a new service account. `value` is a secret: it is overwritten with zeros when freed.
#[repr(C)]
pub struct project_service_account_api_key_t {
    /// The object type the API sends.
    pub object: ServiceAccountApiKeyObject,
    /// The unredacted key, shown only this once; overwritten with zeros when freed.
    pub value: *mut c_char,
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// When it was created (Unix seconds).
    pub created_at: c_int,
    /// The identifier.
    pub id: *mut c_char,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
}
model!(project_service_account_api_key_t {
    object: enum(ServiceAccountApiKeyObject, object_string), required;
    value: str, secret;
    name: str, required;
    created_at: int, required;
    id: str, required;
});

/// Body of `ProjectsAPI_createProjectServiceAccount`. To create the
/// account without a role or an API key, call
/// `project_service_account_create_request_set_create_service_account_only`
/// on a request made by `project_service_account_create_request_create`.
#[repr(C)]
pub struct project_service_account_create_request_t {
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
}
/// The library's allocation of a `project_service_account_create_request_t`.
#[repr(C)]
pub(crate) struct ServiceAccountCreateRequestAlloc {
    base: project_service_account_create_request_t,
    create_service_account_only: c_int,
}
model!(project_service_account_create_request_t {
    name: str, required;
} ext ServiceAccountCreateRequestAlloc {
    create_service_account_only: bool, optional;
});

/// A new service account with its API key (shown only once). `api_key` is
/// NULL for an account made with `create_service_account_only` (role
/// `none`).
#[repr(C)]
pub struct project_service_account_create_response_t {
    /// The object type the API sends.
    pub object: ServiceAccountCreateObject,
    /// The identifier.
    pub id: *mut c_char,
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// The role (the enum's constant; a role it does not name is `_NULL`, the text in `role_string`).
    pub role: ServiceAccountCreateRole,
    /// When it was created (Unix seconds).
    pub created_at: c_int,
    /// The new key (NULL for an account made with `create_service_account_only`).
    pub api_key: *mut project_service_account_api_key_t,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
    /// The server's `role` text when `role` has no constant for it; else NULL.
    pub role_string: *mut c_char,
}
model!(project_service_account_create_response_t {
    object: enum(ServiceAccountCreateObject, object_string), required;
    id: str, required;
    name: str, required;
    role: enum(ServiceAccountCreateRole, role_string), required;
    created_at: int, required;
    api_key: model(project_service_account_api_key_t), optional;
});

/// The answer to deleting a service account.
#[repr(C)]
pub struct project_service_account_delete_response_t {
    /// The object type the API sends.
    pub object: ServiceAccountDeleteObject,
    /// The identifier.
    pub id: *mut c_char,
    /// Non-zero when the object was deleted.
    pub deleted: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
}
model!(project_service_account_delete_response_t {
    object: enum(ServiceAccountDeleteObject, object_string), required;
    id: str, required;
    deleted: bool, required;
});

/// One page of project_service_account: `data` is a list of `project_service_account_t *`; `first_id` and `last_id` are NULL on an empty page.
#[repr(C)]
pub struct project_service_account_list_response_t {
    /// The object type the API sends.
    pub object: ServiceAccountListObject,
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
model!(project_service_account_list_response_t {
    object: enum(ServiceAccountListObject, object_string), required;
    data: list(project_service_account_t), required;
    first_id: str, optional;
    last_id: str, optional;
    has_more: bool, required;
});

/// A new service account that owns every pointer passed in; free it with `project_service_account_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_service_account_create(
    object: ServiceAccountObject,
    id: *mut c_char,
    name: *mut c_char,
    role: ServiceAccountRole,
    created_at: c_int,
) -> *mut project_service_account_t {
    create(project_service_account_t { object, id, name, role, created_at, _library_owned: 1, ..blank() })
}
/// Frees the service account and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_free(project_service_account: *mut project_service_account_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_service_account) }
}
/// A new `project_service_account_t` from a cJSON object, or NULL; free it with `project_service_account_free`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_parseFromJSON(project_service_accountJSON: *mut cJSON) -> *mut project_service_account_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_service_accountJSON) }
}
/// A new cJSON object for `project_service_account` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_convertToJSON(project_service_account: *mut project_service_account_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_service_account) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_object_ToString(object: ServiceAccountObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_object_FromString(object: *mut c_char) -> ServiceAccountObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
/// The JSON string of a `role` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_role_ToString(role: ServiceAccountRole) -> *mut c_char {
    enum_to_string(role)
}
/// The `role` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_role_FromString(role: *mut c_char) -> ServiceAccountRole {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(role) }
}

/// A new key that owns every pointer passed in; free it with `project_service_account_api_key_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_service_account_api_key_create(
    object: ServiceAccountApiKeyObject,
    value: *mut c_char,
    name: *mut c_char,
    created_at: c_int,
    id: *mut c_char,
) -> *mut project_service_account_api_key_t {
    create(project_service_account_api_key_t { object, value, name, created_at, id, _library_owned: 1, ..blank() })
}
/// Wipes `value`, frees the key and its strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_api_key_free(project_service_account_api_key: *mut project_service_account_api_key_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_service_account_api_key) }
}
/// A new `project_service_account_api_key_t` from a cJSON object, or NULL; free it with `project_service_account_api_key_free`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_api_key_parseFromJSON(
    project_service_account_api_keyJSON: *mut cJSON,
) -> *mut project_service_account_api_key_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_service_account_api_keyJSON) }
}
/// A new cJSON object for `project_service_account_api_key` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_api_key_convertToJSON(
    project_service_account_api_key: *mut project_service_account_api_key_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_service_account_api_key) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_api_key_object_ToString(object: ServiceAccountApiKeyObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_api_key_object_FromString(object: *mut c_char) -> ServiceAccountApiKeyObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}

/// A new request owning `name`; free it with `project_service_account_create_request_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_service_account_create_request_create(name: *mut c_char) -> *mut project_service_account_create_request_t {
    create(project_service_account_create_request_t { name, _library_owned: 1 })
}
/// Non-zero: create the service account without a project role or an API
/// key (the answer then has role `none` and `api_key` NULL; make a key later
/// with the API-key call for service accounts). Returns 0, or -1 (with a
/// warning on stderr) when `project_service_account_create_request` is NULL
/// or was not made by `project_service_account_create_request_create`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_request_set_create_service_account_only(
    project_service_account_create_request: *mut project_service_account_create_request_t,
    create_service_account_only: c_int,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe { set_int(project_service_account_create_request, "create_service_account_only", (create_service_account_only != 0) as c_int) }
}
/// Frees the request and its name. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_request_free(
    project_service_account_create_request: *mut project_service_account_create_request_t,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_service_account_create_request) }
}
/// A new `project_service_account_create_request_t` from a cJSON object, or NULL; free it with `project_service_account_create_request_free`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_request_parseFromJSON(
    project_service_account_create_requestJSON: *mut cJSON,
) -> *mut project_service_account_create_request_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_service_account_create_requestJSON) }
}
/// A new cJSON object for `project_service_account_create_request` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_request_convertToJSON(
    project_service_account_create_request: *mut project_service_account_create_request_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_service_account_create_request) }
}

/// A new answer that owns every pointer passed in (including `api_key`); free it with `project_service_account_create_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_service_account_create_response_create(
    object: ServiceAccountCreateObject,
    id: *mut c_char,
    name: *mut c_char,
    role: ServiceAccountCreateRole,
    created_at: c_int,
    api_key: *mut project_service_account_api_key_t,
) -> *mut project_service_account_create_response_t {
    create(project_service_account_create_response_t { object, id, name, role, created_at, api_key, _library_owned: 1, ..blank() })
}
/// Frees the answer, its strings and its API key (wiping the key's value). NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_response_free(
    project_service_account_create_response: *mut project_service_account_create_response_t,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_service_account_create_response) }
}
/// A new `project_service_account_create_response_t` from a cJSON object, or NULL; free it with `project_service_account_create_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_response_parseFromJSON(
    project_service_account_create_responseJSON: *mut cJSON,
) -> *mut project_service_account_create_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_service_account_create_responseJSON) }
}
/// A new cJSON object for `project_service_account_create_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_response_convertToJSON(
    project_service_account_create_response: *mut project_service_account_create_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_service_account_create_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_create_response_object_ToString(object: ServiceAccountCreateObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_response_object_FromString(object: *mut c_char) -> ServiceAccountCreateObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
/// The JSON string of a `role` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_create_response_role_ToString(role: ServiceAccountCreateRole) -> *mut c_char {
    enum_to_string(role)
}
/// The `role` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_create_response_role_FromString(role: *mut c_char) -> ServiceAccountCreateRole {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(role) }
}

/// A new `project_service_account_delete_response_t` owning `id`; free it with `project_service_account_delete_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_service_account_delete_response_create(
    object: ServiceAccountDeleteObject,
    id: *mut c_char,
    deleted: c_int,
) -> *mut project_service_account_delete_response_t {
    create(project_service_account_delete_response_t { object, id, deleted, _library_owned: 1, ..blank() })
}
/// Frees it and its id. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_delete_response_free(
    project_service_account_delete_response: *mut project_service_account_delete_response_t,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_service_account_delete_response) }
}
/// A new `project_service_account_delete_response_t` from a cJSON object, or NULL; free it with `project_service_account_delete_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_delete_response_parseFromJSON(
    project_service_account_delete_responseJSON: *mut cJSON,
) -> *mut project_service_account_delete_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_service_account_delete_responseJSON) }
}
/// A new cJSON object for `project_service_account_delete_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_delete_response_convertToJSON(
    project_service_account_delete_response: *mut project_service_account_delete_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_service_account_delete_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_delete_response_object_ToString(object: ServiceAccountDeleteObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_delete_response_object_FromString(object: *mut c_char) -> ServiceAccountDeleteObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}

/// A new page owning `data` (a list of `project_service_account_t *`) and the strings; free it with `project_service_account_list_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_service_account_list_response_create(
    object: ServiceAccountListObject,
    data: *mut list_t,
    first_id: *mut c_char,
    last_id: *mut c_char,
    has_more: c_int,
) -> *mut project_service_account_list_response_t {
    create(project_service_account_list_response_t { object, data, first_id, last_id, has_more, _library_owned: 1, ..blank() })
}
/// Frees the page, every `project_service_account_t` in it and the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_list_response_free(
    project_service_account_list_response: *mut project_service_account_list_response_t,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_service_account_list_response) }
}
/// A new `project_service_account_list_response_t` from a cJSON object, or NULL; free it with `project_service_account_list_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_list_response_parseFromJSON(
    project_service_account_list_responseJSON: *mut cJSON,
) -> *mut project_service_account_list_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_service_account_list_responseJSON) }
}
/// A new cJSON object for `project_service_account_list_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_list_response_convertToJSON(
    project_service_account_list_response: *mut project_service_account_list_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_service_account_list_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_service_account_list_response_object_ToString(object: ServiceAccountListObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_service_account_list_response_object_FromString(object: *mut c_char) -> ServiceAccountListObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
