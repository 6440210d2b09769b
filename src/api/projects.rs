//! The Projects calls are generated (`crate::generated::calls::projects`);
//! this keeps the name 0.1 gave one of their `Ex` variants.

use crate::call::engine::guarded;
use crate::client::structs::apiClient_t;
use crate::generated::calls::ProjectsAPI_listProjectApiKeysEx;
use crate::generated::models::project_api_key_list_response_t;
use std::os::raw::{c_char, c_int};
use std::ptr;

/// One page of a project's API keys, as `ProjectsAPI_listProjectApiKeys`,
/// filtered by whether each key's owner can still use the project:
/// `owner_project_access` is `"active"`, `"inactive"` or `"any"` (every
/// enabled key); NULL sends no filter (the server's membership-based
/// visibility). Returns the page, or NULL. The same as
/// `ProjectsAPI_listProjectApiKeysEx`, under the name 0.1 gave it.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectApiKeysByOwnerAccess(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    after: *mut c_char,
    owner_project_access: *mut c_char,
) -> *mut project_api_key_list_response_t {
    // SAFETY: as for the call it names; the arguments are passed on.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || ProjectsAPI_listProjectApiKeysEx(apiClient, project_id, limit, after, owner_project_access))
    }
}
