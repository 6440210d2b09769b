//! `apiClient_errorResponse`: the error body of the last failed call as
//! the generated `error_response_t`.

use crate::boundary::guard::guard;
use crate::client::errors::read;
use crate::client::structs::apiClient_t;
use crate::generated::models::error_response_t;
use crate::wire::answer::parse_text;
use crate::wire::model::CModel;
use std::ptr;

/// The OpenAI error body of the last failed call as a new `error_response_t`
/// the caller frees with `error_response_free`; NULL when the last call did
/// not fail with such a body.
#[no_mangle]
pub unsafe extern "C" fn apiClient_errorResponse(apiClient: *const apiClient_t) -> *mut error_response_t {
    guard(ptr::null_mut(), || {
        // SAFETY: NULL or a client (the header's rule).
        unsafe {
            read(apiClient, ptr::null_mut(), ptr::null_mut(), |st| {
                let Some(body) = st.failure.body() else { return ptr::null_mut() };
                // SAFETY: the table describes error_response_t.
                parse_text(&error_response_t::DEF, body).map_or(ptr::null_mut(), |e| e as *mut error_response_t)
            })
        }
    })
}
