//! `apiClient_invoke`, the low-level call of the generated client.

use crate::boundary::ptr::{arg, arg_slice, arg_str};
use crate::call::engine::{begin, check_client_base, encode_into, guarded, invalid_argument, key_of, send};
use crate::client::structs::apiClient_t;
use crate::support::keyvalue::keyValuePair_t;
use crate::support::list::list_t;
use crate::transport::http::Payload;
use std::os::raw::c_char;

/// The key/value pairs of a list of `keyValuePair_t` whose key and value
/// are C strings; a pair with a NULL key or value is left out.
///
/// # Safety
/// `list` is NULL or a live list of NULL or `keyValuePair_t` pointers whose
/// keys and values are NULL or C strings, all unchanged while the slices
/// live (`'a`).
unsafe fn pairs<'a>(list: *mut list_t) -> Vec<(&'a [u8], &'a [u8])> {
    let mut out = Vec::new();
    // SAFETY: per the contract, every pointer followed here is NULL or live.
    unsafe {
        let Some(l) = arg(list) else { return out };
        let mut e = l.firstEntry;
        while let Some(entry) = arg(e) {
            if let Some(kv) = arg(entry.data as *const keyValuePair_t) {
                if let (Some(k), Some(v)) = (arg_str(kv.key), arg_str(kv.value as *const c_char)) {
                    out.push((k, v));
                }
            }
            e = entry.nextListEntry;
        }
    }
    out
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
    // SAFETY: `apiClient` is NULL or a client (checked against the record by
    // `guarded`); `operationParameter` and `requestType` NULL or C strings;
    // `queryParameters` and `headerParameters` NULL or lists of
    // `keyValuePair_t` with C-string keys and values; `bodyParameters` NULL
    // or `bodyParametersLength` readable bytes (the header's rule); all only
    // read, for the call.
    unsafe {
        let _ = (formParameters, headerType, contentType);
        guarded(apiClient, (), || {
            let Some(_hold) = begin(apiClient) else { return };
            let (Some(path), Some(method)) = (arg_str(operationParameter), arg_str(requestType)) else {
                invalid_argument(apiClient, "operationParameter and requestType are required");
                return;
            };
            let Ok(method) = std::str::from_utf8(method) else {
                invalid_argument(apiClient, "requestType is not a method name");
                return;
            };
            let base = arg_str((*apiClient).basePath).unwrap_or(b"");
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
            let body = arg_slice(bodyParameters as *const u8, bodyParametersLength);
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
            let pieces = [body.unwrap_or_default()];
            let json = body.map(|_| Payload { content_type: "application/json", pieces: &pieces });
            if let Some(answer) = send(apiClient, method, url, json, headers, true, key_of(path), None, false) {
                // The client's copy is in dataReceived; this one may hold a
                // new key.
                let (mut bytes, conn) = answer.release();
                crate::boundary::alloc::wipe(&mut bytes);
                crate::client::slot::state_mut(apiClient).keep(conn);
            }
        })
    }
}
