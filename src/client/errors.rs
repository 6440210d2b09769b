//! Why the last call failed (an extension of the generated client's API).

use crate::boundary::error::openai_api_error_code_e;
use crate::boundary::guard::guard;
use crate::boundary::ptr::arg_str;
use crate::client::slot::{with_state, BUSY_MESSAGE, BUSY_TYPE};
use crate::client::structs::apiClient_t;
use crate::transport::http::ClientState;
use std::os::raw::c_char;
use std::ptr;

fn text(p: Option<&std::ffi::CString>) -> *const c_char {
    p.map_or(ptr::null(), |s| s.as_ptr())
}

/// `value`, the last answer's header `name` (or None), as a C string the
/// client keeps until its next call: asking again for a name gives the
/// same copy.
fn kept_text(st: &ClientState, name: &str, value: Option<&[u8]>) -> *const c_char {
    let Some(value) = value else { return ptr::null() };
    let mut texts = st.header_texts.borrow_mut();
    if let Some((_, t)) = texts.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return t.as_ptr();
    }
    let Ok(text) = std::ffi::CString::new(value) else { return ptr::null() };
    texts.push((name.to_string(), text));
    texts.last().map_or(ptr::null(), |(_, t)| t.as_ptr())
}

/// Reads the state of `client` with `f`; `busy` for a NULL client, or when
/// this thread's last call on it was refused because another call held it
/// (or one holds it now).
///
/// # Safety
/// `client` is NULL or points at an `apiClient_t`.
pub(crate) unsafe fn read<R>(client: *const apiClient_t, busy: R, null: R, f: impl FnOnce(&ClientState) -> R) -> R {
    if client.is_null() {
        return null;
    }
    // SAFETY: per the contract; the state is only read.
    unsafe { with_state(client as *mut apiClient_t, busy, |st| f(st)) }
}

/// NULL after a successful call; otherwise one line saying why the last call
/// on this client failed (OpenAI's `error.message`, or a transport reason
/// such as "connection refused"). Never contains the API key. Owned by the
/// client: valid until its next call or `apiClient_free`. After a call
/// refused because another call held the client, this thread reads that
/// refusal until its next call on the client.
#[no_mangle]
pub unsafe extern "C" fn apiClient_errorMessage(apiClient: *const apiClient_t) -> *const c_char {
    // SAFETY: NULL or a client (the header's rule).
    guard(ptr::null(), || unsafe { read(apiClient, BUSY_MESSAGE.as_ptr(), ptr::null(), |st| text(st.failure.message())) })
}

/// NULL after a success; otherwise OpenAI's `error.type` (e.g.
/// "invalid_request_error") or one of "connection", "timeout", "tls",
/// "invalid_response", "invalid_argument", "aborted" (the `progress_func`
/// returned non-zero), "client_busy" (another call held the client: see
/// `apiClient_t`) or "internal" (a bug in the library, caught). Owned by
/// the client, valid until its next call.
#[no_mangle]
pub unsafe extern "C" fn apiClient_errorType(apiClient: *const apiClient_t) -> *const c_char {
    // SAFETY: NULL or a client (the header's rule).
    guard(ptr::null(), || unsafe { read(apiClient, BUSY_TYPE.as_ptr(), ptr::null(), |st| text(st.failure.kind_text())) })
}

/// What kind of failure the last call on this client had, as a constant
/// (`OPENAI_API_ERROR_NONE` after a success or for a NULL client); the
/// same as `apiClient_errorType` without comparing strings.
#[no_mangle]
pub unsafe extern "C" fn apiClient_errorCode(apiClient: *const apiClient_t) -> openai_api_error_code_e {
    use openai_api_error_code_e::*;
    guard(OPENAI_API_ERROR_INTERNAL, || {
        // SAFETY: NULL or a client (the header's rule).
        unsafe { read(apiClient, OPENAI_API_ERROR_BUSY, OPENAI_API_ERROR_NONE, |st| st.failure.code()) }
    })
}

/// The `x-request-id` of the last answer, or NULL. Owned by the client,
/// valid until its next call.
#[no_mangle]
pub unsafe extern "C" fn apiClient_requestId(apiClient: *const apiClient_t) -> *const c_char {
    // SAFETY: NULL or a client (the header's rule).
    guard(ptr::null(), || unsafe { read(apiClient, ptr::null(), ptr::null(), |st| kept_text(st, "x-request-id", st.request_id())) })
}

/// The value of header `name` (any case) in the last answer this client
/// received, after a success or a failure, e.g.
/// `apiClient_responseHeader(c, "x-ratelimit-remaining-requests")`; NULL
/// when the answer has no such header, before any answer arrived, or when
/// the value is not text. Owned by the client: valid until its next call or
/// `apiClient_free`.
#[no_mangle]
pub unsafe extern "C" fn apiClient_responseHeader(apiClient: *const apiClient_t, name: *const c_char) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: `name` is NULL or a C string (the header's rule).
        let Some(name) = (unsafe { arg_str(name) }).and_then(|n| std::str::from_utf8(n).ok()) else { return ptr::null() };
        // SAFETY: NULL or a client (the header's rule).
        unsafe { read(apiClient, ptr::null(), ptr::null(), |st| kept_text(st, name, st.headers.get(name))) }
    })
}
