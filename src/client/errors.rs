//! Why the last call failed (an extension of the generated client's API),
//! and `apiClient_invoke`, the low-level call.

use crate::call::engine::{begin, check_client_base, encode_into, guarded, invalid_argument, send};
use crate::client::handle::{apiClient_t, with_state, BUSY_MESSAGE, BUSY_TYPE};
use crate::boundary::error::openai_api_error_code_e;
use crate::boundary::guard::{c_bytes, guard};
use crate::transport::http::ClientState;
use crate::support::keyvalue::keyValuePair_t;
use crate::support::list::list_t;
use crate::generated::models::seed::error_response_t;
use crate::wire::model::{parse_text, CModel};
use std::os::raw::c_char;
use std::ptr;

fn text(p: Option<&std::ffi::CString>) -> *const c_char {
    p.map_or(ptr::null(), |s| s.as_ptr())
}

/// Reads the state of `client` with `f`; `busy` for a NULL client, or when
/// this thread's last call on it was refused because another call held it
/// (or one holds it now).
///
/// # Safety
/// `client` is NULL or points at an `apiClient_t`.
unsafe fn read<R>(client: *const apiClient_t, busy: R, null: R, f: impl FnOnce(&ClientState) -> R) -> R {
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
    guard(ptr::null(), || unsafe { read(apiClient, ptr::null(), ptr::null(), |st| text(st.request_id.as_ref())) })
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
        let Some(name) = (unsafe { c_bytes(name) }).and_then(|n| std::str::from_utf8(n).ok()) else { return ptr::null() };
        // SAFETY: NULL or a client (the header's rule).
        unsafe {
            read(apiClient, ptr::null(), ptr::null(), |st| {
                let Some(value) = st.headers.get(name) else { return ptr::null() };
                // Kept until the next call, so the pointer stays valid that
                // long; asking again for a name gives the same copy.
                let mut texts = st.header_texts.borrow_mut();
                if let Some((_, t)) = texts.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                    return t.as_ptr();
                }
                let Ok(text) = std::ffi::CString::new(value.as_bytes()) else { return ptr::null() };
                texts.push((name.to_string(), text));
                texts.last().map_or(ptr::null(), |(_, t)| t.as_ptr())
            })
        }
    })
}

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

unsafe fn pairs<'a>(list: *mut list_t) -> Vec<(&'a [u8], &'a [u8])> {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        let mut out = Vec::new();
        if list.is_null() {
            return out;
        }
        let mut e = (*list).firstEntry;
        while !e.is_null() {
            let kv = (*e).data as *const keyValuePair_t;
            if let Some(kv) = kv.as_ref() {
                if let (Some(k), Some(v)) = (c_bytes(kv.key), c_bytes(kv.value as *const c_char)) {
                    out.push((k, v));
                }
            }
            e = (*e).nextListEntry;
        }
        out
    }
}

/// The low-level call: `requestType` (e.g. "GET") to `basePath` +
/// `operationParameter` (already a path; not encoded again), with
/// `queryParameters` (a list of `keyValuePair_t` with string values,
/// encoded here) and the JSON body `bodyParameters` of
/// `bodyParametersLength` bytes (NULL for none). `headerParameters` are sent
/// as headers; `formParameters`, `headerType` and `contentType` are
/// ignored (the API takes only JSON). Afterwards `response_code` holds the
/// status and `dataReceived`/`dataReceivedLen` the body (owned by the client:
/// freed by its next call or `apiClient_free`), NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn apiClient_invoke(
    apiClient: *mut apiClient_t,
    operationParameter: *const c_char,
    queryParameters: *mut list_t,
    headerParameters: *mut list_t,
    formParameters: *mut list_t,
    headerType: *mut list_t,
    contentType: *mut list_t,
    bodyParameters: *const c_char,
    bodyParametersLength: usize,
    requestType: *const c_char,
) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        let _ = (formParameters, headerType, contentType);
        guarded(apiClient, (), || {
            let Some(_hold) = begin(apiClient) else { return };
            let (Some(path), Some(method)) = (c_bytes(operationParameter), c_bytes(requestType)) else {
                invalid_argument(apiClient, "operationParameter and requestType are required");
                return;
            };
            let Ok(method) = std::str::from_utf8(method) else {
                invalid_argument(apiClient, "requestType is not a method name");
                return;
            };
            let base = c_bytes((*apiClient).basePath).unwrap_or(b"");
            if let Err(why) = check_client_base(apiClient, base) {
                invalid_argument(apiClient, &why);
                return;
            }
            let mut url = String::from_utf8_lossy(base).trim_end_matches('/').to_string();
            url.push_str(&String::from_utf8_lossy(path));
            for (i, (k, v)) in pairs(queryParameters).into_iter().enumerate() {
                url.push(if i == 0 && !url.contains('?') { '?' } else { '&' });
                encode_into(&mut url, k);
                url.push('=');
                encode_into(&mut url, v);
            }
            let body = (!bodyParameters.is_null()).then(|| std::slice::from_raw_parts(bodyParameters as *const u8, bodyParametersLength));
            let headers = pairs(headerParameters);
            if let Some(why) = headers.iter().find_map(|(k, _)| crate::client::settings::header_name(k).err()) {
                invalid_argument(apiClient, &format!("headerParameters: {why}"));
                return;
            }
            let headers = headers
                .into_iter()
                .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned()))
                .collect();
            // The body of any answer stays in dataReceived; the callback, if
            // any, has seen it.
            if let Some(answer) = send(apiClient, method, url, body, headers, true) {
                // The client's copy is in dataReceived; this one may hold a
                // new key.
                let mut bytes = answer.into_buffer();
                crate::boundary::alloc::wipe(&mut bytes);
            }
        })
    }
}
