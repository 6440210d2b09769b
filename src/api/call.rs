//! The one path every API call takes: build the URL (percent-encoded), send
//! with the client's agent, record the status and error details, parse the
//! answer into the model.

use crate::alloc;
use crate::cjson::{cJSON, cJSON_Delete, print_alloc};
use crate::client::{apiClient_t, state};
use crate::ffi::c_bytes;
use crate::http::{Answer, Body, Failure, Request, TransportError};
use crate::models::{parse_text, BytesError, CModel, ModelDef};
use crate::retry::{delay, status_is_retryable};
use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::ffi::CString;
use std::os::raw::{c_char, c_void};
use std::ptr;
use std::time::{Duration, Instant};

/// Everything but RFC 3986's unreserved characters is encoded, in path
/// segments and query values alike.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A piece of a path: literal text, or a caller's id (named for errors) to
/// encode.
pub enum Seg {
    Lit(&'static str),
    Id(&'static str, *const c_char),
}

/// Appends percent-encoded `bytes` to `out`.
pub fn encode_into(out: &mut String, bytes: &[u8]) {
    out.extend(percent_encode(bytes, COMPONENT));
}

/// The URL for `base` + path + query, or Err naming the id that is NULL,
/// empty, `.` or `..` (a URL normaliser would drop or climb such a segment
/// and the request would reach another resource).
///
/// # Safety
/// Every `Seg::Id` is NULL or NUL-terminated.
pub unsafe fn build_url(base: &[u8], path: &[Seg], query: &[(&str, Option<Vec<u8>>)]) -> Result<String, String> {
    let mut url = String::from_utf8_lossy(base).trim_end_matches('/').to_string();
    for seg in path {
        match seg {
            Seg::Lit(s) => url.push_str(s),
            Seg::Id(name, p) => match c_bytes(*p) {
                None => return Err(format!("{name} is NULL")),
                Some(b"") => return Err(format!("{name} is empty")),
                Some(id @ (b"." | b"..")) => {
                    return Err(format!(
                        "{name} \"{}\" is not an id (a path segment that would change the URL)",
                        String::from_utf8_lossy(id)
                    ))
                }
                Some(id) => encode_into(&mut url, id),
            },
        }
    }
    let mut sep = '?';
    for (name, value) in query {
        if let Some(v) = value {
            url.push(sep);
            url.push_str(name);
            url.push('=');
            encode_into(&mut url, v);
            sep = '&';
        }
    }
    Ok(url)
}

fn fail(st: &mut Failure, kind: &str, message: String, body: Option<Vec<u8>>) {
    st.kind = CString::new(kind).ok();
    st.message = CString::new(message.replace('\0', " ")).ok();
    st.body = body;
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Sends one request and returns the body of a 2xx answer; on any failure
/// records it on the client and returns None. `response_code` is set as the
/// ABI says. The body of any answer goes through `deliver` (`keep`: leave
/// it in `dataReceived`, as `apiClient_invoke` does).
///
/// # Safety
/// `client` came from `apiClient_create*`.
pub unsafe fn send(
    client: *mut apiClient_t,
    method: &str,
    url: String,
    body: Option<&[u8]>,
    mut extra_headers: Vec<(String, String)>,
    keep: bool,
) -> Option<Body> {
    let c = &mut *client;
    let st = state(client);
    // The environment is read only when the client has no token.
    let token = c_bytes(c.accessToken).map(|t| t.to_vec()).or_else(|| env("OPENAI_ADMIN_KEY").map(String::into_bytes));
    for (var, header) in [("OPENAI_ORG_ID", "OpenAI-Organization"), ("OPENAI_PROJECT_ID", "OpenAI-Project")] {
        if let Some(v) = env(var) {
            extra_headers.push((header.to_string(), v));
        }
    }
    let verbose = (!c.curlConfig.is_null() && (*c.curlConfig).verbose != 0) || env("OPENAI_LOG").as_deref() == Some("debug");
    let progress = c.progress_func.map(|f| (f, c.progress_data));
    let req = Request { method, url, body, extra_headers, progress };
    let log = |started: Instant, result: &Result<Answer, TransportError>, id: Option<&CString>, wait: Option<Duration>| {
        if verbose {
            let outcome = match result {
                Ok(a) => a.status.to_string(),
                Err(e) => e.message.clone(),
            };
            let id = id.map_or("none".into(), |r| r.to_string_lossy().into_owned());
            let retry = wait.map_or(String::new(), |w| format!("; retrying in {} ms", w.as_millis()));
            let ms = started.elapsed().as_secs_f64() * 1e3;
            eprintln!("openai_api: {method} {} -> {outcome} ({ms:.1} ms, request id {id}){retry}", req.url);
        }
    };
    // Attempts until one succeeds, fails for good, or retries run out; the
    // error API reports the last one.
    let mut retries = 0;
    let mut answer = loop {
        let started = Instant::now();
        st.request_id = None;
        let result = st.send(c, &req, token.as_deref());
        let (retryable, hint) = match &result {
            Err(e) => (matches!(e.kind, "connection" | "timeout"), None),
            Ok(a) => (a.hints.should_retry.unwrap_or_else(|| status_is_retryable(a.status)), a.hints.wait),
        };
        let wait = (retryable && retries < st.settings.max_retries).then(|| delay(retries, hint, st.jitter.next()));
        log(started, &result, st.request_id.as_ref(), wait);
        match (wait, result) {
            (Some(w), _) => {
                std::thread::sleep(w);
                retries += 1;
            }
            (None, Ok(a)) => break a,
            (None, Err(e)) => {
                fail(&mut st.failure, e.kind, e.message, None);
                return None;
            }
        }
    };
    c.response_code = answer.status as _;
    st.content_type = answer.content_type.take();
    let delivered = deliver(c, &answer.body, keep);
    if (200..300).contains(&answer.status) {
        return Some(delivered.map_or(answer.body, Body::from));
    }
    let (kind, message) = error_details(&answer.body).unwrap_or_else(|| {
        let why = if (300..400).contains(&answer.status) { "redirects are not followed" } else { "without an OpenAI error body" };
        ("invalid_response".into(), format!("HTTP {} {why}", answer.status))
    });
    fail(&mut st.failure, &kind, message, Some(answer.body.into_vec()));
    None
}

/// Hands a body to the caller as the generated client does: when the
/// client has a `data_callback_func` (or `keep` is set) the body is copied
/// into `dataReceived`/`dataReceivedLen` (NUL-terminated, owned by the
/// client) and the callback is called with their addresses. Returns the
/// bytes the callback left there, or None when nothing was delivered.
unsafe fn deliver(c: &mut apiClient_t, body: &[u8], keep: bool) -> Option<Vec<u8>> {
    let callback = c.data_callback_func;
    if callback.is_none() && !keep {
        return None;
    }
    let buf = alloc::c_string(body);
    if buf.is_null() {
        return None;
    }
    c.dataReceived = buf as *mut c_void;
    c.dataReceivedLen = body.len() as _;
    let cb = callback?;
    cb(&mut c.dataReceived, &mut c.dataReceivedLen);
    if c.dataReceived.is_null() || c.dataReceivedLen <= 0 {
        return Some(Vec::new());
    }
    Some(std::slice::from_raw_parts(c.dataReceived as *const u8, c.dataReceivedLen as usize).to_vec())
}

/// OpenAI's `error.type` and `error.message` from an error body.
fn error_details(body: &[u8]) -> Option<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let e = v.get("error")?;
    let message = e.get("message")?.as_str()?.to_string();
    let kind = e.get("type").and_then(|t| t.as_str()).unwrap_or("api_error").to_string();
    Some((kind, message))
}

/// Parses a 2xx body into the model; records why it could not.
unsafe fn parse_answer(client: *mut apiClient_t, def: &ModelDef, body: &[u8]) -> *mut u8 {
    let mut message = match parse_text(def, body) {
        Ok(m) => return m,
        Err(BytesError::Json(at)) => format!("invalid JSON in response at byte {at}"),
        Err(BytesError::Utf8(at)) => format!("invalid UTF-8 in response at byte {at}"),
        Err(BytesError::Shape(message)) => message,
    };
    if let Some(ct) = state(client).content_type.as_deref().filter(|ct| !ct.contains("json")) {
        message.push_str(&format!(" (content-type {ct})"));
    }
    fail(&mut state(client).failure, "invalid_response", message, None);
    ptr::null_mut()
}

/// Starts a call: resets `response_code`, the last body and error details.
/// False for a NULL client.
///
/// # Safety
/// `client` is NULL or came from `apiClient_create*`.
pub unsafe fn begin(client: *mut apiClient_t) -> bool {
    if client.is_null() {
        return false;
    }
    let c = &mut *client;
    c.response_code = 0;
    alloc::free(c.dataReceived);
    c.dataReceived = ptr::null_mut();
    c.dataReceivedLen = 0;
    let st = state(client);
    st.failure = Failure::default();
    st.request_id = None;
    true
}

/// Records a failure found by the library itself (not the transport).
///
/// # Safety
/// `client` came from `apiClient_create*`.
pub unsafe fn failure(client: *mut apiClient_t, kind: &str, message: String) {
    fail(&mut state(client).failure, kind, message, None);
}

/// Records a bad argument found before any request was sent.
///
/// # Safety
/// `client` came from `apiClient_create*`.
pub unsafe fn invalid_argument(client: *mut apiClient_t, what: &str) {
    fail(&mut state(client).failure, "invalid_argument", what.to_string(), None);
}

/// One API call returning model `T`: `body` (a request model already turned
/// into cJSON, consumed here) is sent as JSON.
///
/// # Safety
/// `client` is NULL or from `apiClient_create*`; ids are NULL or NUL-terminated.
pub unsafe fn call<T: CModel>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: Option<Result<*mut cJSON, String>>,
) -> *mut T {
    crate::ffi::guard(ptr::null_mut(), || {
        let free_body = |b: Option<Result<*mut cJSON, String>>| {
            if let Some(Ok(j)) = b {
                cJSON_Delete(j)
            }
        };
        if !begin(client) {
            free_body(body);
            return ptr::null_mut();
        }
        let url = match build_url(c_bytes((*client).basePath).unwrap_or(b""), path, query) {
            Ok(url) => url,
            Err(why) => {
                free_body(body);
                invalid_argument(client, &why);
                return ptr::null_mut();
            }
        };
        let text = match body {
            Some(Err(why)) => {
                invalid_argument(client, &why);
                return ptr::null_mut();
            }
            Some(Ok(j)) => {
                let t = print_alloc(j, false);
                cJSON_Delete(j);
                if t.is_null() {
                    invalid_argument(client, "the request body could not be encoded");
                    return ptr::null_mut();
                }
                let bytes = c_bytes(t).unwrap_or(b"").to_vec();
                alloc::free(t);
                Some(bytes)
            }
            None => None,
        };
        let result = match send(client, method, url, text.as_deref(), Vec::new(), false) {
            Some(answer) => {
                let m = parse_answer(client, &T::DEF, &answer) as *mut T;
                // The buffer serves the next answer.
                state(client).scratch = answer.into_buffer();
                m
            }
            None => ptr::null_mut(),
        };
        // As in the generated client, a call leaves no body behind.
        let c = &mut *client;
        alloc::free(c.dataReceived);
        c.dataReceived = ptr::null_mut();
        c.dataReceivedLen = 0;
        result
    })
}
