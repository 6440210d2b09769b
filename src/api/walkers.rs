//! The walkers of the generated client's five lists (`ProjectsAPI_forEach*`),
//! on the walker every `forEach` function runs (`crate::call::paging`).

use crate::call::engine::guarded;
use crate::call::paging::walk;
use crate::client::structs::apiClient_t;
use crate::generated::calls::*;
use crate::generated::models::*;
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// Calls `visit(project, user_data)` for every project, page after page
/// (`limit` per page, NULL for the server's default; `include_archived` as
/// for `ProjectsAPI_listProjects`). Each project is the library's and valid
/// only while `visit` runs: copy what you keep. `visit` returns 0 to go on,
/// non-zero to stop. Returns how many projects were visited, or -1 when a
/// page could not be fetched (items before it were visited; the error API
/// says why) or `visit` is NULL. One client per thread at a time.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_forEachProject(
    apiClient: *mut apiClient_t,
    limit: *mut c_int,
    include_archived: *mut c_int,
    visit: Option<unsafe extern "C" fn(*mut project_t, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guarded(apiClient, -1, || {
            walk(apiClient, |after| ProjectsAPI_listProjects(apiClient, limit, after, include_archived), visit, user_data)
        })
    }
}

/// Calls `visit(user, user_data)` for every user of project `project_id`,
/// page after page; as `ProjectsAPI_forEachProject` (borrowed items, 0 to go
/// on, the count or -1).
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_forEachProjectUser(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    visit: Option<unsafe extern "C" fn(*mut project_user_t, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guarded(apiClient, -1, || {
            walk(apiClient, |after| ProjectsAPI_listProjectUsers(apiClient, project_id, limit, after), visit, user_data)
        })
    }
}

/// Calls `visit(service_account, user_data)` for every service account of
/// project `project_id`, page after page; as `ProjectsAPI_forEachProject`.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_forEachProjectServiceAccount(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    visit: Option<unsafe extern "C" fn(*mut project_service_account_t, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guarded(apiClient, -1, || {
            walk(apiClient, |after| ProjectsAPI_listProjectServiceAccounts(apiClient, project_id, limit, after), visit, user_data)
        })
    }
}

/// Calls `visit(api_key, user_data)` for every API key of project
/// `project_id`, page after page; as `ProjectsAPI_forEachProject`.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_forEachProjectApiKey(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    visit: Option<unsafe extern "C" fn(*mut project_api_key_t, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guarded(apiClient, -1, || {
            walk(apiClient, |after| ProjectsAPI_listProjectApiKeys(apiClient, project_id, limit, after), visit, user_data)
        })
    }
}

/// Calls `visit(rate_limit, user_data)` for every rate limit of project
/// `project_id`, page after page (forward, with `after`); as
/// `ProjectsAPI_forEachProject`.
#[no_mangle]
pub unsafe extern "C" fn ProjectsAPI_forEachProjectRateLimit(
    apiClient: *mut apiClient_t,
    project_id: *mut c_char,
    limit: *mut c_int,
    visit: Option<unsafe extern "C" fn(*mut project_rate_limit_t, *mut c_void) -> c_int>,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guarded(apiClient, -1, || {
            walk(
                apiClient,
                |after| ProjectsAPI_listProjectRateLimits(apiClient, project_id, limit, after, ptr::null_mut()),
                visit,
                user_data,
            )
        })
    }
}
