//! The 19 calls of the Projects API.
//!
//! Every call sets `apiClient->response_code` to 0 first, then to the HTTP
//! status when an answer arrives. It returns a new result (the caller frees
//! it with the matching `_free`) only for a 2xx answer whose JSON parses into
//! the model; otherwise NULL, with the reason readable through
//! `apiClient_errorMessage`. Arguments stay the caller's. Optional `limit`,
//! `after`, `before` and `include_archived` are not sent when NULL. A NULL
//! client or required argument returns NULL without a request.

use super::call::{body, bool_q, call, guarded, int_q, str_q, Seg, Seg::Id, Seg::Lit};
use crate::client::apiClient_t;
use crate::models::seed::*;
use std::os::raw::{c_char, c_int};
use std::ptr;

const PROJECTS: Seg = Lit("/organization/projects");

/// Archives a project (`POST /organization/projects/{project_id}/archive`).
/// Returns the archived project, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_archiveProject(apiClient: *mut apiClient_t, project_id: *mut c_char) -> *mut project_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(apiClient, "POST", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/archive")], &[], || None)
        })
    }
}

/// Creates a project (`POST /organization/projects`). Returns it, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_createProject(
    apiClient: *mut apiClient_t,
    project_create_request: *mut project_create_request_t,
) -> *mut project_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe { guarded(apiClient, ptr::null_mut(), || call(apiClient, "POST", &[PROJECTS], &[], || body(project_create_request))) }
}

/// Creates a service account in a project; the answer holds its API key,
/// shown only this once. Returns the answer, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_createProjectServiceAccount(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    project_service_account_create_request: *mut project_service_account_create_request_t,
) -> *mut project_service_account_create_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let path = [PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/service_accounts")];
            call(apiClient, "POST", &path, &[], || body(project_service_account_create_request))
        })
    }
}

/// Adds an organization user to a project. Returns the project user, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_createProjectUser(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    project_user_create_request: *mut project_user_create_request_t,
) -> *mut project_user_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(apiClient, "POST", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/users")], &[], || {
                body(project_user_create_request)
            })
        })
    }
}

/// Deletes an API key from a project. Returns the confirmation, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_deleteProjectApiKey(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    key_id: *mut c_char,
) -> *mut project_api_key_delete_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(
                apiClient,
                "DELETE",
                &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/api_keys/"), Id("key_id", key_id)],
                &[],
                || None,
            )
        })
    }
}

/// Deletes a service account from a project. Returns the confirmation, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_deleteProjectServiceAccount(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    service_account_id: *mut c_char,
) -> *mut project_service_account_delete_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let path =
                [PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/service_accounts/"), Id("service_account_id", service_account_id)];
            call(apiClient, "DELETE", &path, &[], || None)
        })
    }
}

/// Removes a user from a project. Returns the confirmation, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_deleteProjectUser(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    user_id: *mut c_char,
) -> *mut project_user_delete_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(
                apiClient,
                "DELETE",
                &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/users/"), Id("user_id", user_id)],
                &[],
                || None,
            )
        })
    }
}

/// One page of a project's API keys (`limit`, `after` optional). Returns
/// the page, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectApiKeys(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    after: *mut c_char,
) -> *mut project_api_key_list_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let query = [("limit", int_q(limit)), ("after", str_q(after))];
            call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/api_keys")], &query, || None)
        })
    }
}

/// One page of a project's API keys, as `ProjectsAPI_listProjectApiKeys`,
/// filtered by whether each key's owner can still use the project:
/// `owner_project_access` is `"active"`, `"inactive"` or `"any"` (every
/// enabled key); NULL sends no filter (the server's membership-based
/// visibility). Returns the page, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectApiKeysByOwnerAccess(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    after: *mut c_char,
    owner_project_access: *mut c_char,
) -> *mut project_api_key_list_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let query = [("limit", int_q(limit)), ("after", str_q(after)), ("owner_project_access", str_q(owner_project_access))];
            call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/api_keys")], &query, || None)
        })
    }
}

/// One page of a project's rate limits (`limit`, `after`, `before`
/// optional). Returns the page, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectRateLimits(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    after: *mut c_char,
    before: *mut c_char,
) -> *mut project_rate_limit_list_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let query = [("limit", int_q(limit)), ("after", str_q(after)), ("before", str_q(before))];
            call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/rate_limits")], &query, || None)
        })
    }
}

/// One page of a project's service accounts (`limit`, `after` optional).
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectServiceAccounts(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    after: *mut c_char,
) -> *mut project_service_account_list_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let query = [("limit", int_q(limit)), ("after", str_q(after))];
            call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/service_accounts")], &query, || None)
        })
    }
}

/// One page of a project's users (`limit`, `after` optional).
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjectUsers(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    after: *mut c_char,
) -> *mut project_user_list_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let query = [("limit", int_q(limit)), ("after", str_q(after))];
            call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/users")], &query, || None)
        })
    }
}

/// One page of the organization's projects (`limit`, `after` optional;
/// archived projects are included when `*include_archived` is non-zero,
/// sent as `true`/`false`).
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_listProjects(
    apiClient: *mut apiClient_t,
    limit: *mut c_int,
    after: *mut c_char,
    include_archived: *mut c_int,
) -> *mut project_list_response_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let query = [("limit", int_q(limit)), ("after", str_q(after)), ("include_archived", bool_q(include_archived))];
            call(apiClient, "GET", &[PROJECTS], &query, || None)
        })
    }
}

/// Renames a project. Returns the project, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_modifyProject(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    project_update_request: *mut project_update_request_t,
) -> *mut project_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(apiClient, "POST", &[PROJECTS, Lit("/"), Id("project_id", project_id)], &[], || body(project_update_request))
        })
    }
}

/// Changes a user's role in a project. Returns the project user, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_modifyProjectUser(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    user_id: *mut c_char,
    project_user_update_request: *mut project_user_update_request_t,
) -> *mut project_user_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let path = [PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/users/"), Id("user_id", user_id)];
            call(apiClient, "POST", &path, &[], || body(project_user_update_request))
        })
    }
}

/// Retrieves a project. Returns it, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProject(apiClient: *mut apiClient_t, project_id: *mut c_char) -> *mut project_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id)], &[], || None))
    }
}

/// Retrieves an API key of a project. Returns it, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProjectApiKey(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    key_id: *mut c_char,
) -> *mut project_api_key_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(
                apiClient,
                "GET",
                &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/api_keys/"), Id("key_id", key_id)],
                &[],
                || None,
            )
        })
    }
}

/// Retrieves a service account of a project. Returns it, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProjectServiceAccount(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    service_account_id: *mut c_char,
) -> *mut project_service_account_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let path =
                [PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/service_accounts/"), Id("service_account_id", service_account_id)];
            call(apiClient, "GET", &path, &[], || None)
        })
    }
}

/// Retrieves a user of a project. Returns it, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_retrieveProjectUser(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    user_id: *mut c_char,
) -> *mut project_user_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            call(apiClient, "GET", &[PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/users/"), Id("user_id", user_id)], &[], || {
                None
            })
        })
    }
}

/// Updates a project rate limit. Returns the rate limit, or NULL.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_updateProjectRateLimits(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    rate_limit_id: *mut c_char,
    project_rate_limit_update_request: *mut project_rate_limit_update_request_t,
) -> *mut project_rate_limit_t {
    // SAFETY: the caller passes a client from apiClient_create* (or NULL)
    // and NULL or NUL-terminated strings, per the header.
    unsafe {
        guarded(apiClient, ptr::null_mut(), || {
            let path = [PROJECTS, Lit("/"), Id("project_id", project_id), Lit("/rate_limits/"), Id("rate_limit_id", rate_limit_id)];
            call(apiClient, "POST", &path, &[], || body(project_rate_limit_update_request))
        })
    }
}
