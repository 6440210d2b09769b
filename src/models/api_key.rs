//! Project API keys: `project_api_key_t`, its owner, the delete answer and the list page.

use super::project_user::project_user_t;
use super::service_account::project_service_account_t;
use super::{blank, c_enum, create, enum_from_string, enum_to_string, free, model, parse, to_json};
use crate::cjson::cJSON;
use crate::list::list_t;
use std::os::raw::{c_char, c_int};

/// `project_api_key_t.object`.
#[repr(C)]
pub enum openai_api_project_api_key_OBJECT_e {
    openai_api_project_api_key_OBJECT_NULL = 0,
    openai_api_project_api_key_OBJECT_organization_project_api_key,
}
c_enum!(ApiKeyObject => openai_api_project_api_key_OBJECT_e: [c"organization.project.api_key"]);

/// `project_api_key_owner_t.type`.
#[repr(C)]
pub enum openai_api_project_api_key_owner_TYPE_e {
    openai_api_project_api_key_owner_TYPE_NULL = 0,
    openai_api_project_api_key_owner_TYPE_user,
    openai_api_project_api_key_owner_TYPE_service_account,
}
c_enum!(ApiKeyOwnerType => openai_api_project_api_key_owner_TYPE_e: [c"user", c"service_account"]);

/// `project_api_key_delete_response_t.object`.
#[repr(C)]
pub enum openai_api_project_api_key_delete_response_OBJECT_e {
    openai_api_project_api_key_delete_response_OBJECT_NULL = 0,
    openai_api_project_api_key_delete_response_OBJECT_organization_project_api_key_deleted,
}
c_enum!(ApiKeyDeleteObject => openai_api_project_api_key_delete_response_OBJECT_e: [c"organization.project.api_key.deleted"]);

/// `project_api_key_list_response_t.object`.
#[repr(C)]
pub enum openai_api_project_api_key_list_response_OBJECT_e {
    openai_api_project_api_key_list_response_OBJECT_NULL = 0,
    openai_api_project_api_key_list_response_OBJECT_list,
}
c_enum!(ApiKeyListObject => openai_api_project_api_key_list_response_OBJECT_e: [c"list"]);

/// An API key of a project (its value redacted).
#[repr(C)]
pub struct project_api_key_t {
    /// The object type the API sends.
    pub object: ApiKeyObject,
    /// The key, redacted (e.g. `sk-abc...def`).
    pub redacted_value: *mut c_char,
    /// The name (may be NULL).
    pub name: *mut c_char,
    /// When it was created (Unix seconds).
    pub created_at: c_int,
    /// The identifier.
    pub id: *mut c_char,
    /// Who owns the key: a user or a service account.
    pub owner: *mut project_api_key_owner_t,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
    /// When the key was last used (Unix seconds); meaningful only when
    /// `has_last_used_at` is 1.
    pub last_used_at: c_int,
    /// 1 when the answer gave `last_used_at`; 0 when the key was never used
    /// (the live API sends null) or the answer did not say.
    pub has_last_used_at: c_int,
    /// Whether the owner can still use the project: `"active"` or
    /// `"inactive"`; NULL when the answer did not say.
    pub owner_project_access: *mut c_char,
}
model!(project_api_key_t {
    object: enum(ApiKeyObject, object_string), required;
    redacted_value: str, required;
    name: str, required;
    created_at: int, required;
    id: str, required;
    owner: model(project_api_key_owner_t), required;
    last_used_at: nullable_int(has_last_used_at), optional;
    owner_project_access: str, optional;
});

/// Who owns an API key: a user or a service account, as `type` says. The
/// live API sends the owner in a shorter shape than a project member:
/// `user` has `id`, `name`, `email`, `role` and `created_at` (in
/// `project_user_t.created_at`; `object` is `_NULL`, `added_at` 0);
/// `service_account` has `id`, `name`, `role` and `created_at` (`object` is
/// `_NULL`).
#[repr(C)]
pub struct project_api_key_owner_t {
    /// `user` or `service_account`: which of the two members is set.
    pub r#type: ApiKeyOwnerType,
    /// The owning user (NULL when a service account owns the key).
    pub user: *mut project_user_t,
    /// The owning service account (NULL when a user owns the key).
    pub service_account: *mut project_service_account_t,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `type` text when `type` has no constant for it; else NULL.
    pub type_string: *mut c_char,
}
model!(project_api_key_owner_t {
    r#type: enum(ApiKeyOwnerType, type_string), optional;
    user: model(project_user_t), optional;
    service_account: model(project_service_account_t), optional;
});

/// The answer to deleting an API key.
#[repr(C)]
pub struct project_api_key_delete_response_t {
    /// The object type the API sends.
    pub object: ApiKeyDeleteObject,
    /// The identifier.
    pub id: *mut c_char,
    /// Non-zero when the object was deleted.
    pub deleted: c_int,
    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.
    pub _library_owned: c_int,
    /// The server's `object` text when `object` has no constant for it; else NULL.
    pub object_string: *mut c_char,
}
model!(project_api_key_delete_response_t {
    object: enum(ApiKeyDeleteObject, object_string), required;
    id: str, required;
    deleted: bool, required;
});

/// One page of project_api_key: `data` is a list of `project_api_key_t *`; `first_id` and `last_id` are NULL on an empty page.
#[repr(C)]
pub struct project_api_key_list_response_t {
    /// The object type the API sends.
    pub object: ApiKeyListObject,
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
model!(project_api_key_list_response_t {
    object: enum(ApiKeyListObject, object_string), required;
    data: list(project_api_key_t), required;
    first_id: str, optional;
    last_id: str, optional;
    has_more: bool, required;
});

/// A new API key that owns every pointer passed in (including `owner`); free it with `project_api_key_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_api_key_create(
    object: ApiKeyObject,
    redacted_value: *mut c_char,
    name: *mut c_char,
    created_at: c_int,
    id: *mut c_char,
    owner: *mut project_api_key_owner_t,
) -> *mut project_api_key_t {
    create(project_api_key_t { object, redacted_value, name, created_at, id, owner, _library_owned: 1, ..blank() })
}
/// Frees the key, its strings and its owner. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_free(project_api_key: *mut project_api_key_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_api_key) }
}
/// A new `project_api_key_t` from a cJSON object, or NULL; free it with `project_api_key_free`.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_parseFromJSON(project_api_keyJSON: *mut cJSON) -> *mut project_api_key_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_api_keyJSON) }
}
/// A new cJSON object for `project_api_key` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_convertToJSON(project_api_key: *mut project_api_key_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_api_key) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_api_key_object_ToString(object: ApiKeyObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_object_FromString(object: *mut c_char) -> ApiKeyObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}

/// A new owner that owns `user` and `service_account` (either may be NULL); free it with `project_api_key_owner_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_api_key_owner_create(
    r#type: ApiKeyOwnerType,
    user: *mut project_user_t,
    service_account: *mut project_service_account_t,
) -> *mut project_api_key_owner_t {
    create(project_api_key_owner_t { r#type, user, service_account, _library_owned: 1, ..blank() })
}
/// Frees the owner and the user or service account it holds. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_owner_free(project_api_key_owner: *mut project_api_key_owner_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_api_key_owner) }
}
/// A new `project_api_key_owner_t` from a cJSON object, or NULL; free it with `project_api_key_owner_free`.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_owner_parseFromJSON(project_api_key_ownerJSON: *mut cJSON) -> *mut project_api_key_owner_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_api_key_ownerJSON) }
}
/// A new cJSON object for `project_api_key_owner` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_owner_convertToJSON(project_api_key_owner: *mut project_api_key_owner_t) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_api_key_owner) }
}
/// The JSON string of a `type` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_api_key_owner_type_ToString(r#type: ApiKeyOwnerType) -> *mut c_char {
    enum_to_string(r#type)
}
/// The `type` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_owner_type_FromString(r#type: *mut c_char) -> ApiKeyOwnerType {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(r#type) }
}

/// A new `project_api_key_delete_response_t` owning `id`; free it with `project_api_key_delete_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_api_key_delete_response_create(
    object: ApiKeyDeleteObject,
    id: *mut c_char,
    deleted: c_int,
) -> *mut project_api_key_delete_response_t {
    create(project_api_key_delete_response_t { object, id, deleted, _library_owned: 1, ..blank() })
}
/// Frees it and its id. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_delete_response_free(project_api_key_delete_response: *mut project_api_key_delete_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_api_key_delete_response) }
}
/// A new `project_api_key_delete_response_t` from a cJSON object, or NULL; free it with `project_api_key_delete_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_delete_response_parseFromJSON(
    project_api_key_delete_responseJSON: *mut cJSON,
) -> *mut project_api_key_delete_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_api_key_delete_responseJSON) }
}
/// A new cJSON object for `project_api_key_delete_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_delete_response_convertToJSON(
    project_api_key_delete_response: *mut project_api_key_delete_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_api_key_delete_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_api_key_delete_response_object_ToString(object: ApiKeyDeleteObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_delete_response_object_FromString(object: *mut c_char) -> ApiKeyDeleteObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}

/// A new page owning `data` (a list of `project_api_key_t *`) and the strings; free it with `project_api_key_list_response_free`.
#[deprecated]
#[no_mangle]
pub extern "C" fn project_api_key_list_response_create(
    object: ApiKeyListObject,
    data: *mut list_t,
    first_id: *mut c_char,
    last_id: *mut c_char,
    has_more: c_int,
) -> *mut project_api_key_list_response_t {
    create(project_api_key_list_response_t { object, data, first_id, last_id, has_more, _library_owned: 1, ..blank() })
}
/// Frees the page, every `project_api_key_t` in it and the list. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_list_response_free(project_api_key_list_response: *mut project_api_key_list_response_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe { free(project_api_key_list_response) }
}
/// A new `project_api_key_list_response_t` from a cJSON object, or NULL; free it with `project_api_key_list_response_free`.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_list_response_parseFromJSON(
    project_api_key_list_responseJSON: *mut cJSON,
) -> *mut project_api_key_list_response_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe { parse(project_api_key_list_responseJSON) }
}
/// A new cJSON object for `project_api_key_list_response` (free with `cJSON_Delete`), or NULL when a required field is missing.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_list_response_convertToJSON(
    project_api_key_list_response: *mut project_api_key_list_response_t,
) -> *mut cJSON {
    // SAFETY: the arguments are as the header documents them.
    unsafe { to_json(project_api_key_list_response) }
}
/// The JSON string of a `object` value ("NULL" for 0). Static: do not free.
#[no_mangle]
pub extern "C" fn project_api_key_list_response_object_ToString(object: ApiKeyListObject) -> *mut c_char {
    enum_to_string(object)
}
/// The `object` value of a JSON string; 0 for unknown text or NULL.
#[no_mangle]
pub unsafe extern "C" fn project_api_key_list_response_object_FromString(object: *mut c_char) -> ApiKeyListObject {
    // SAFETY: the arguments are as the header documents them.
    unsafe { enum_from_string(object) }
}
