//! The 19 calls of the Projects API.
//!
//! Every call sets `apiClient->response_code` to 0 first. It returns a new
//! result (freed with the matching `_free`) only for a 2xx answer whose JSON
//! parses into the model; otherwise NULL. Arguments stay the caller's.

use crate::client::apiClient_t;
use crate::models::api_key::*;
use crate::models::project::*;
use crate::models::project_user::*;
use crate::models::rate_limit::*;
use crate::models::service_account::*;
use std::os::raw::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_archiveProject(apiClient: *mut apiClient_t, project_id: *mut c_char) -> *mut project_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_createProject(apiClient: *mut apiClient_t, project_create_request: *mut project_create_request_t) -> *mut project_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_createProjectServiceAccount(apiClient: *mut apiClient_t, project_id: *mut c_char, project_service_account_create_request: *mut project_service_account_create_request_t) -> *mut project_service_account_create_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_createProjectUser(apiClient: *mut apiClient_t, project_id: *mut c_char, project_user_create_request: *mut project_user_create_request_t) -> *mut project_user_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_deleteProjectApiKey(apiClient: *mut apiClient_t, project_id: *mut c_char, key_id: *mut c_char) -> *mut project_api_key_delete_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_deleteProjectServiceAccount(apiClient: *mut apiClient_t, project_id: *mut c_char, service_account_id: *mut c_char) -> *mut project_service_account_delete_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_deleteProjectUser(apiClient: *mut apiClient_t, project_id: *mut c_char, user_id: *mut c_char) -> *mut project_user_delete_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectApiKeys(apiClient: *mut apiClient_t, project_id: *mut c_char, limit: *mut c_int, after: *mut c_char) -> *mut project_api_key_list_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectRateLimits(apiClient: *mut apiClient_t, project_id: *mut c_char, limit: *mut c_int, after: *mut c_char, before: *mut c_char) -> *mut project_rate_limit_list_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectServiceAccounts(apiClient: *mut apiClient_t, project_id: *mut c_char, limit: *mut c_int, after: *mut c_char) -> *mut project_service_account_list_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectUsers(apiClient: *mut apiClient_t, project_id: *mut c_char, limit: *mut c_int, after: *mut c_char) -> *mut project_user_list_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjects(apiClient: *mut apiClient_t, limit: *mut c_int, after: *mut c_char, include_archived: *mut c_int) -> *mut project_list_response_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_modifyProject(apiClient: *mut apiClient_t, project_id: *mut c_char, project_update_request: *mut project_update_request_t) -> *mut project_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_modifyProjectUser(apiClient: *mut apiClient_t, project_id: *mut c_char, user_id: *mut c_char, project_user_update_request: *mut project_user_update_request_t) -> *mut project_user_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProject(apiClient: *mut apiClient_t, project_id: *mut c_char) -> *mut project_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProjectApiKey(apiClient: *mut apiClient_t, project_id: *mut c_char, key_id: *mut c_char) -> *mut project_api_key_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProjectServiceAccount(apiClient: *mut apiClient_t, project_id: *mut c_char, service_account_id: *mut c_char) -> *mut project_service_account_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProjectUser(apiClient: *mut apiClient_t, project_id: *mut c_char, user_id: *mut c_char) -> *mut project_user_t {
    todo_call(apiClient)
}

#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_updateProjectRateLimits(apiClient: *mut apiClient_t, project_id: *mut c_char, rate_limit_id: *mut c_char, project_rate_limit_update_request: *mut project_rate_limit_update_request_t) -> *mut project_rate_limit_t {
    todo_call(apiClient)
}

fn todo_call<T>(client: *mut apiClient_t) -> *mut T {
    if !client.is_null() {
        unsafe { (*client).response_code = 0 };
    }
    std::ptr::null_mut()
}
