//! The one path every API call takes: build the URL (percent-encoded), send
//! on the client's connection, record the status and error details, parse the
//! answer into the model.

use crate::boundary::alloc;
use crate::boundary::alloc::Secret;
use crate::boundary::env::{Env, Var};
use crate::boundary::error::{ErrorKind, Failure};
use crate::boundary::ptr::{arg, arg_str};
use crate::call::form::Form;
use crate::client::handle::forget_body;
use crate::client::settings::{OPENAI_API_LOG_DEBUG, OPENAI_API_LOG_ERROR, OPENAI_API_LOG_INFO, OPENAI_API_LOG_WARN};
use crate::client::slot::{enter, state_mut, with_state, Session};
use crate::client::structs::apiClient_t;
use crate::client::structs::link_config;
use crate::support::cjson::{cJSON, cJSON_Delete, print_alloc};
use crate::transport::http::{Answer, Body, ClientState, Payload, Request, Sink};
use crate::transport::retry::{delay, status_is_retryable};
use crate::wire::answer::{parse_text, BytesError};
use crate::wire::model::{CModel, ModelDef};
use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;
use std::time::Instant;

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
    // SAFETY: each `Seg::Id` is NULL or a C string (the contract), read
    // through `arg_str` and copied into the URL.
    unsafe {
        let mut base = base;
        while let [rest @ .., b'/'] = base {
            base = rest;
        }
        // Room for most paths and queries (a longer URL grows once or twice).
        let mut url = String::with_capacity(base.len() + 128);
        match std::str::from_utf8(base) {
            Ok(text) => url.push_str(text),
            Err(_) => url.push_str(&String::from_utf8_lossy(base)),
        }
        for seg in path {
            match seg {
                Seg::Lit(s) => url.push_str(s),
                Seg::Id(name, p) => match arg_str(*p) {
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
}

/// `OPENAI_LOG` set to `debug` or `info` (any case), as OpenAI's SDKs read it.
fn log_from_env(env: &Env) -> bool {
    env.get(Var::Log).is_some_and(|v| v.eq_ignore_ascii_case("debug") || v.eq_ignore_ascii_case("info"))
}

/// The base URL as messages show it: any `user:pass@` replaced by `…@`.
fn shown(base: &[u8]) -> String {
    let text = String::from_utf8_lossy(base).into_owned();
    let Some((start, end)) = authority(&text) else { return text };
    match text[start..end].rfind('@') {
        Some(at) => format!("{}…{}", &text[..start], &text[start + at..]),
        None => text,
    }
}

/// Where the authority (`user@host:port`) of a URL's text is: after `://`,
/// up to the path, query or fragment.
fn authority(text: &str) -> Option<(usize, usize)> {
    let start = text.find("://")? + 3;
    let end = text[start..].find(['/', '?', '#']).map_or(text.len(), |i| start + i);
    Some((start, end))
}

/// The base URL must be an absolute http(s) URL with a host, a valid port,
/// and no user name, password, query or fragment (each would send the
/// request, or the key, somewhere the caller did not mean); parsed by the
/// `url` crate. Err says which part is wrong.
pub(crate) fn check_base(base: &[u8]) -> Result<(), String> {
    const WHERE: &str = "(basePath, or OPENAI_BASE_URL)";
    let fail = |why: &str| Err(format!("the base URL \"{}\" {why} {WHERE}", shown(base)));
    if let Some(i) = base.iter().position(|&b| b <= b' ' || b >= 0x7f || b == b'\\') {
        return fail(&format!("has a space, control character, backslash or non-ASCII byte at byte {i}"));
    }
    let after =
        |scheme: &[u8]| (base.len() >= scheme.len() && base[..scheme.len()].eq_ignore_ascii_case(scheme)).then(|| &base[scheme.len()..]);
    match after(b"https://").or_else(|| after(b"http://")) {
        None => return fail("must start with http:// or https://"),
        Some(rest) if rest.is_empty() || rest[0] == b'/' => return fail("has no host"),
        Some(_) => {}
    }
    // ASCII, checked above.
    let text = std::str::from_utf8(base).unwrap_or_default();
    let url = match url::Url::parse(text) {
        Ok(u) => u,
        Err(url::ParseError::InvalidPort) => return fail("has an invalid port (a number from 1 to 65535)"),
        Err(e) => return fail(&format!("is not a valid URL ({e})")),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return fail("holds a user name or password (`user:pass@`): it would be sent and logged; the key goes in accessToken");
    }
    let Some(host) = url.host_str().filter(|h| !h.is_empty()) else { return fail("has no host") };
    // The host as written must be the host the URL parser read (no
    // percent-escapes or shorthand IPv4 that another parser may read
    // otherwise): the request goes where the text says.
    let written = authority(text).map_or("", |(start, end)| &text[start..end]);
    let written = match written.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && !port.contains(']') => h,
        _ => written,
    };
    if !written.eq_ignore_ascii_case(host) {
        return fail(&format!("has a host that does not read as written (parsed as \"{host}\")"));
    }
    if url.port() == Some(0) {
        return fail("has an invalid port (a number from 1 to 65535)");
    }
    if url.query().is_some() {
        return fail("has a query (`?…`): the API path would become part of it");
    }
    if url.fragment().is_some() {
        return fail("has a fragment (`#…`): the API path would never be sent");
    }
    Ok(())
}

/// `check_base`, skipped when the client's base URL is the one checked last.
///
/// # Safety
/// `client` is held by this thread's call.
pub(crate) unsafe fn check_client_base(client: *mut apiClient_t, base: &[u8]) -> Result<(), String> {
    // SAFETY: this thread's call holds the client (the contract), so no
    // other reference to its state is alive.
    let st = unsafe { state_mut(client) };
    if st.checked_base == base {
        return Ok(());
    }
    check_base(base)?;
    st.checked_base.clear();
    st.checked_base.extend_from_slice(base);
    Ok(())
}

/// The variable that holds the key of a call on `path` (the API's path,
/// from `/`), when the client has no `accessToken`: `OPENAI_ADMIN_KEY` for
/// the administration API (under `/organization` or `/projects`), as
/// OpenAI's SDKs read it, `OPENAI_API_KEY` for every other call.
pub fn key_of(path: &[u8]) -> Var {
    let admin =
        [&b"/organization"[..], b"/projects"].iter().any(|p| path.starts_with(p) && matches!(path.get(p.len()), None | Some(b'/' | b'?')));
    if admin {
        Var::AdminKey
    } else {
        Var::ApiKey
    }
}

/// The name of a key's variable, for messages.
fn key_name(key: Var) -> &'static str {
    match key {
        Var::ApiKey => "OPENAI_API_KEY",
        _ => "OPENAI_ADMIN_KEY",
    }
}

/// What a client whose `curl_pre_invoke_func` is set is told once.
const PRE_INVOKE_WARNING: &str = "openai_api: WARN: curl_pre_invoke_func is set but never called (this library has no libcurl handle): \
set timeouts with apiClient_setTimeouts, a proxy with apiClient_setProxy, headers with apiClient_setHeader, the CA file and \
client certificate in sslConfig, keepalive and verbose in curlConfig (MIGRATING.md lists each libcurl option)";

/// What the Authorization header's value begins with, before the key.
const BEARER: &[u8] = b"Bearer ";

/// Sends one request and returns the body of a 2xx answer; on any failure
/// records it on the client and returns None. `response_code` is set as the
/// ABI says. The body of any answer goes through `deliver` (`keep`: leave
/// it in `dataReceived`, as `apiClient_invoke` does). The client's state is
/// borrowed one step at a time, never while the caller's callbacks run.
/// With `on_body`, a 2xx answer's body is handed to it piece by piece (the
/// body returned is empty); once a piece is handed over nothing is retried.
/// With `stream` too, the body is a stream: each wait for more of it is
/// bound by the client's idle limit instead of the request's time limit.
///
/// # Safety
/// `client` came from `apiClient_create*`.
#[allow(clippy::too_many_arguments)]
pub unsafe fn send(
    client: *mut apiClient_t,
    method: &str,
    url: String,
    body: Option<Payload>,
    mut extra_headers: Vec<(String, String)>,
    keep: bool,
    key: Var,
    mut on_body: Option<Sink>,
    stream: bool,
) -> Option<Body> {
    // SAFETY: for the place reads of the public fields below: `client`
    // is valid per the contract; each field is read as a place through the
    // raw pointer, so no reference to the struct exists.
    let (access_token, curl, ssl, progress_func, progress_data, pre_invoke) = unsafe {
        (
            (*client).accessToken,
            (*client).curlConfig,
            (*client).sslConfig,
            (*client).progress_func,
            (*client).progress_data,
            (*client).curl_pre_invoke_func,
        )
    };
    let env = Env::read();
    // The environment's key is used only when the client has no token; an
    // empty one is a mistake, never a reason to use the environment's.
    let var = key_name(key);
    // SAFETY: accessToken is NULL or a C string (the header's rule).
    let token = match unsafe { arg_str(access_token) } {
        Some(b"") => {
            let why = format!("accessToken is empty: set it to the API key, or leave it NULL to use {var}");
            // SAFETY: a step on the state.
            unsafe { state_mut(client) }.failure.set(ErrorKind::InvalidArgument, &why, None);
            return None;
        }
        Some(t) => Some(t),
        None => env.get(key).map(str::as_bytes),
    };
    // The Authorization header's value, made once for every attempt; the
    // key is its bytes after `BEARER`.
    let bearer = token.map(|t| {
        let mut value = Secret::new(Vec::with_capacity(BEARER.len() + t.len()));
        value.extend(BEARER, t);
        value
    });
    let token = bearer.as_ref().map(|b| &b[BEARER.len()..]);
    if let Some(at) = token.and_then(|t| t.iter().position(|&b| !b.is_ascii_graphic())) {
        let why = format!("the API key (accessToken or {var}) has a byte that cannot be sent in a header at byte {at} (a space, control character or non-ASCII byte)");
        // SAFETY: a step on the state.
        unsafe { state_mut(client) }.failure.set(ErrorKind::InvalidArgument, &why, None);
        return None;
    }
    for (var, header) in [(Var::OrgId, "OpenAI-Organization"), (Var::ProjectId, "OpenAI-Project")] {
        if let Some(v) = env.get(var) {
            extra_headers.push((header.to_string(), v.to_string()));
        }
    }
    // SAFETY: curlConfig is NULL or the client's own allocation.
    let verbose = unsafe { curl.as_ref() }.is_some_and(|c| c.verbose != 0) || log_from_env(&env);
    let progress = progress_func.map(|f| (f, progress_data));
    // SAFETY: sslConfig and curlConfig are NULL or valid (the header's rule).
    let conn = unsafe { link_config(ssl, curl) };
    let req = Request { method, url, body, extra_headers, env };
    // Log lines go to the client's log callback, else to stderr when
    // verbose; they are made only when someone reads them. The callback is
    // called with nothing of the client borrowed.
    // SAFETY: a step on the state.
    let sink = unsafe { state_mut(client) }.log;
    let logging = sink.is_some() || verbose;
    let emit = |level: c_int, line: String| match sink {
        Some((f, data)) => {
            let text = CString::new(line.replace('\0', " ")).unwrap_or_default();
            // SAFETY: the callback the caller registered, with its data.
            unsafe { f(data, level, text.as_ptr()) }
        }
        None => eprintln!("{line}"),
    };
    let emit = |level: c_int, line: String| emit(level, crate::boundary::error::printable(&line, 2048));
    // A hook the program set that can never run: said once per client.
    // SAFETY: a step on the state.
    if pre_invoke.is_some() && !std::mem::replace(unsafe { &mut state_mut(client).pre_invoke_warned }, true) {
        emit(OPENAI_API_LOG_WARN, PRE_INVOKE_WARNING.to_string());
    }
    // Attempts until one succeeds, fails for good, or retries run out; the
    // error API reports the last one.
    let mut handed = false;
    let mut retries = 0;
    let mut stale_resent = false;
    let answer = loop {
        // The clock is read for the log line only.
        let started = logging.then(Instant::now);
        if logging {
            emit(OPENAI_API_LOG_DEBUG, format!("openai_api: {method} {} (attempt {})", req.url, retries + 1));
        }
        // SAFETY: a step on the state; no C code runs inside `start`.
        let head = unsafe { state_mut(client).start(&conn, &req, bearer.as_deref()) };
        // The answer's headers are the client's now (apiClient_responseHeader).
        let result = head.and_then(|h| {
            let (status, hints) = (h.status, h.hints);
            // SAFETY: the scratch buffer is taken out in one step; while
            // the body is read (and `progress_func` runs) nothing of the
            // client is borrowed.
            let scratch = std::mem::take(unsafe { &mut state_mut(client).scratch });
            // A sink takes the body of a success only (an error's is read whole).
            let handing = (200..300).contains(&status) && on_body.is_some();
            let mut counted = |piece: &[u8]| {
                handed = true;
                on_body.as_deref_mut().is_some_and(|s| s(piece))
            };
            let to: Option<Sink> = if handing { Some(&mut counted) } else { None };
            // SAFETY: a step on the state.
            let idle = (handing && stream).then(|| unsafe { state_mut(client) }.settings.stream_idle);
            // A success's body that came whole is parsed where it arrived
            // (lent with its connection until the caller releases it); an
            // error's is copied (it may be retried on the same connection).
            let lend = (200..300).contains(&status);
            // SAFETY: `progress` is NULL or the program's callback with its
            // data, called while nothing of the client is borrowed; so is
            // `on_body`'s.
            let (read, kept) = unsafe { h.read_body(scratch, progress, body.map_or(0, |b| b.len()), to, idle, lend) };
            // SAFETY: a step on the state (the body is read).
            unsafe { state_mut(client) }.keep(kept);
            read.map(|body| Answer { status, body, hints })
        });
        // SAFETY: a step on the state.
        let st = unsafe { state_mut(client) };
        let (retryable, hint) = match &result {
            // Bytes handed over cannot be taken back: no second attempt.
            Err(_) if handed => (false, None),
            Err(e) => (e.kind.is_retryable(), None),
            // A success is final whatever its headers say (as the SDKs:
            // they read x-should-retry only on failures).
            Ok(a) if (200..300).contains(&a.status) => (false, None),
            Ok(a) => (a.hints.should_retry.unwrap_or_else(|| status_is_retryable(a.status)), a.hints.wait),
        };
        // A kept-alive connection found closed before the answer began is
        // no failure of the server: the request goes again at once on a new
        // connection, once, without counting as a retry (as libcurl does).
        if let Err(e) = &result {
            if e.stale && !std::mem::replace(&mut stale_resent, true) {
                if logging {
                    emit(
                        OPENAI_API_LOG_DEBUG,
                        format!("openai_api: {method} {} -> {}; sending again on a new connection", req.url, e.message),
                    );
                }
                continue;
            }
        }
        let wait = (retryable && retries < st.settings.max_retries).then(|| delay(retries, hint, st.jitter.next()));
        if let (None, Err(e)) = (wait, &result) {
            st.failure.set(e.kind.clone(), &e.message, None);
        }
        if logging {
            let id = st.request_id().map_or("none".into(), String::from_utf8_lossy);
            let (level, outcome) = match (&result, wait) {
                (_, Some(_)) => (OPENAI_API_LOG_WARN, result.as_ref().map_or_else(|e| e.message.clone(), |a| a.status.to_string())),
                (Ok(a), None) if (200..300).contains(&a.status) => (OPENAI_API_LOG_INFO, a.status.to_string()),
                (Ok(a), None) => (OPENAI_API_LOG_ERROR, a.status.to_string()),
                (Err(e), None) => (OPENAI_API_LOG_ERROR, e.message.clone()),
            };
            let retry = wait.map_or(String::new(), |w| format!("; retrying in {} ms", w.as_millis()));
            let ms = started.map_or(0.0, |s| s.elapsed().as_secs_f64() * 1e3);
            emit(level, format!("openai_api: {method} {} -> {outcome} ({ms:.1} ms, request id {id}){retry}", req.url));
        }
        match (wait, result) {
            (Some(w), _) => {
                std::thread::sleep(w);
                retries += 1;
            }
            (None, Ok(a)) => break a,
            (None, Err(_)) => return None,
        }
    };
    // SAFETY: a place write through the raw pointer.
    unsafe { (*client).response_code = answer.status as _ };
    // A body handed over in pieces is no one buffer to deliver.
    let streamed = on_body.is_some() && (200..300).contains(&answer.status);
    // SAFETY: `client` is valid; nothing of it is borrowed here.
    let delivered = match if streamed { Ok(None) } else { unsafe { deliver(client, &answer.body, keep) } } {
        Ok(d) => d,
        Err(why) => {
            emit(OPENAI_API_LOG_WARN, format!("openai_api: WARN: {why}"));
            // SAFETY: a step on the state.
            unsafe { state_mut(client) }.failure.set(ErrorKind::InvalidArgument, &why, None);
            return None;
        }
    };
    if (200..300).contains(&answer.status) {
        return Some(match delivered {
            Some(d) => {
                // SAFETY: a step on the state.
                unsafe { release(state_mut(client), answer.body) };
                Body::from(d)
            }
            None => answer.body,
        });
    }
    let (kind, mut message) = error_details(&answer.body).unwrap_or_else(|| {
        let why = if (300..400).contains(&answer.status) { "redirects are not followed" } else { "without an OpenAI error body" };
        // SAFETY: a step on the state.
        let ct = unsafe { state_mut(client) }.content_type().map_or(String::new(), |ct| format!(", content-type {ct}"));
        (ErrorKind::InvalidResponse, format!("HTTP {} {why} from {method} {}{ct}", answer.status, shown_url(&req.url)))
    });
    // A server that echoes the key does not get it into the message.
    if let Some(t) = token.as_ref().and_then(|t| std::str::from_utf8(t).ok()).filter(|t| t.len() >= 4) {
        if message.contains(t) {
            message = message.replace(t, "(the API key, redacted)");
        }
    }
    // SAFETY: a step on the state.
    // The body is kept for apiClient_errorResponse unless it is larger
    // than what a client keeps between calls.
    let kept = (answer.body.len() <= crate::transport::http::KEPT_BUFFER).then(|| answer.body.into_vec());
    // SAFETY: a step on the state.
    unsafe { state_mut(client) }.failure.set(kind, &message, kept);
    None
}

/// Gives back what an answer's body held: the client's buffer, to read the
/// next answer into (unless it grew past what a client keeps between
/// calls), and the connection a body read in place came on.
pub(crate) fn release(st: &mut ClientState, body: Body) {
    let (mut buffer, conn) = body.release();
    if buffer.capacity() > crate::transport::http::KEPT_BUFFER {
        alloc::wipe(&mut buffer);
        buffer = Vec::new();
    }
    st.scratch = buffer;
    st.keep(conn);
}

/// Hands a body to the caller as the generated client does: when the
/// client has a `data_callback_func` (or `keep` is set) the body is copied
/// into `dataReceived`/`dataReceivedLen` (NUL-terminated, owned by the
/// client) and the callback is called with their addresses. Returns the
/// bytes the callback left there, or None when nothing was delivered.
///
/// # Safety
/// `client` came from `apiClient_create*`; nothing of it is borrowed.
pub(crate) unsafe fn deliver(client: *mut apiClient_t, body: &[u8], keep: bool) -> Result<Option<Vec<u8>>, String> {
    // SAFETY: whole function: the public fields are read and written as
    // places through the raw pointer; the callback gets raw pointers to two
    // of them while no Rust reference into the client exists.
    unsafe {
        let callback = (*client).data_callback_func;
        if callback.is_none() && !keep {
            return Ok(None);
        }
        let buf = alloc::c_string(body);
        if buf.is_null() {
            return Ok(None);
        }
        (*client).dataReceived = buf as *mut c_void;
        (*client).dataReceivedLen = body.len() as _;
        state_mut(client).data_given = buf as *mut c_void;
        state_mut(client).data_given_len = body.len();
        let Some(cb) = callback else { return Ok(None) };
        cb(ptr::addr_of_mut!((*client).dataReceived), ptr::addr_of_mut!((*client).dataReceivedLen));
        let (data, len) = ((*client).dataReceived, (*client).dataReceivedLen);
        // What the callback left there is the library's to free next (its
        // own length is not trusted for the wipe: 0 unless unchanged).
        let st = state_mut(client);
        if data != buf as *mut c_void {
            st.data_given_len = 0;
        }
        st.data_given = data;
        if data.is_null() || len <= 0 {
            return Ok(Some(Vec::new()));
        }
        // The body is read only within the buffer left there: the
        // library's own (its length), or the callback's, which the library
        // frees next and so came from malloc (the size malloc gave it).
        let room = if data == buf as *mut c_void { body.len() } else { libc::malloc_usable_size(data) };
        if len as u64 > room as u64 {
            return Err(format!(
                "data_callback_func left dataReceivedLen {len}, past the end of the {room}-byte buffer at dataReceived: the body was not read"
            ));
        }
        Ok(Some(std::slice::from_raw_parts(data as *const u8, len as usize).to_vec()))
    }
}

/// A request's URL as an error message shows it: scheme, host, port and
/// path, without credentials or the query (whose values may be secret).
fn shown_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string()
        }
        Err(_) => "(an invalid URL)".to_string(),
    }
}

/// OpenAI's `error.type` and `error.message` from an error body.
pub(crate) fn error_details(body: &[u8]) -> Option<(ErrorKind, String)> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let e = v.get("error")?;
    let message = e.get("message")?.as_str()?.to_string();
    let kind = e.get("type").and_then(|t| t.as_str()).unwrap_or("api_error").to_string();
    Some((ErrorKind::Api(kind), message))
}

/// Parses a 2xx body into the model; records why it could not.
///
/// # Safety
/// `client` came from `apiClient_create*`.
pub(crate) unsafe fn parse_answer(client: *mut apiClient_t, def: &'static ModelDef, body: &[u8]) -> *mut u8 {
    // SAFETY: `def` describes a model.
    let mut message = match unsafe { parse_text(def, body) } {
        Ok(m) => return m,
        Err(BytesError::Json(at)) => format!("invalid JSON in response at byte {at}"),
        Err(BytesError::Utf8(at)) => format!("invalid UTF-8 in response at byte {at}"),
        Err(BytesError::Shape(message)) => message,
        Err(BytesError::TooLarge(limit)) => format!(
            "the answer ({} bytes) would take more than {limit} bytes of memory as C structs ({} times its size): refused",
            body.len(),
            crate::wire::answer::BUDGET_FACTOR
        ),
    };
    // SAFETY: a step on the state.
    let st = unsafe { state_mut(client) };
    if let Some(ct) = st.content_type().filter(|ct| !ct.contains("json")) {
        message.push_str(&format!(" (content-type {ct})"));
    }
    st.failure.set(ErrorKind::InvalidResponse, &message, None);
    ptr::null_mut()
}

/// Starts a call: takes the client (None for a NULL client, or when
/// another call holds it: nothing of that call is touched), then resets
/// `response_code`, the last body the library left and the error details.
/// The call runs while the returned hold lives.
///
/// # Safety
/// `client` is NULL or points at an `apiClient_t` (the library's or the
/// program's own).
pub(crate) unsafe fn begin(client: *mut apiClient_t) -> Option<Session> {
    if client.is_null() {
        return None;
    }
    // SAFETY: a valid client; place reads and writes, then a step on the state.
    unsafe {
        let hold = enter(client, false)?;
        (*client).response_code = 0;
        let st = state_mut(client);
        forget_body(client, st);
        st.failure = Failure::default();
        st.answered = false;
        st.headers.clear();
        st.header_texts.get_mut().clear();
        Some(hold)
    }
}

/// Records a failure found by the library itself (not the transport).
///
/// # Safety
/// `client` is non-NULL and points at an `apiClient_t`.
pub unsafe fn failure(client: *mut apiClient_t, kind: ErrorKind, message: &str) {
    // SAFETY: a client (the contract); `with_state` checks the record and
    // the hold before it writes the failure.
    unsafe { with_state(client, (), |st| st.failure.set(kind, message, None)) }
}

/// Refuses a call for a bad argument found before anything else: the call
/// begins (`response_code` 0, the last error cleared) and records why.
///
/// # Safety
/// `client` is NULL or came from `apiClient_create*`.
pub unsafe fn refuse(client: *mut apiClient_t, what: &str) {
    // SAFETY: as `begin` and `invalid_argument` need (the contract).
    unsafe {
        if let Some(_hold) = begin(client) {
            invalid_argument(client, what);
        }
    }
}

/// Records a bad argument found before any request was sent.
///
/// # Safety
/// `client` came from `apiClient_create*`.
pub unsafe fn invalid_argument(client: *mut apiClient_t, what: &str) {
    // SAFETY: a client from apiClient_create* (the contract), as `failure` needs.
    unsafe { failure(client, ErrorKind::InvalidArgument, what) }
}

/// Runs the whole body `f` of an exported call on `client`; a panic never
/// crosses into C: it is recorded on the client as errorType "internal"
/// (so the error API never reports a success) and `failure` is returned.
///
/// # Safety
/// `client` is NULL or came from `apiClient_create*`.
pub unsafe fn guarded<R>(client: *mut apiClient_t, failure_value: R, f: impl FnOnce() -> R) -> R {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            if !client.is_null() {
                let message = format!("internal error in openai_api (a bug; please report it): {what}");
                // A second panic here (none is expected) must not escape either.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    // SAFETY: per the contract; the panicking step's borrows
                    // ended when it unwound.
                    unsafe { failure(client, ErrorKind::Internal, &message) }
                }));
            }
            failure_value
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Test-only hook: the next call on this thread panics inside `call`.
    pub static PANIC_IN_CALL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The request body of a call: None for no body, Some(Err) naming what is
/// missing, Some(Ok) a cJSON tree consumed by the call.
pub type RequestBody = Option<Result<*mut cJSON, String>>;

/// One API call returning model `T`; `body` builds the request body. Each
/// exported call runs it inside `guarded`.
///
/// # Safety
/// `client` is NULL or from `apiClient_create*`; ids are NULL or NUL-terminated.
pub unsafe fn call<T: CModel>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
) -> *mut T {
    let json = || json_sent(body());
    // SAFETY: call_sending's contract is this function's.
    unsafe {
        call_sending(client, method, path, query, json, None, None, |c, answer| parse_answer(c, &T::DEF, answer), ptr::null_mut()) as *mut T
    }
}

/// One API call whose request is a multipart form (`build` fills it) and
/// whose answer parses into model `T`.
///
/// # Safety
/// As for [`call`]; `build` reads only memory the program keeps for the call.
pub unsafe fn call_form<'f, T: CModel>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    build: impl FnOnce(&mut Form<'f>) -> Result<(), String>,
) -> *mut T {
    let form = || {
        let mut f = Form::new();
        build(&mut f)?;
        f.finish();
        Ok(Some(Sent::Form(f)))
    };
    // A transcription asked as `text`, `srt` or `vtt` comes as text, not
    // JSON: it is the answer's `text` (the generated client returned NULL).
    let read = |c: *mut apiClient_t, answer: &[u8]| {
        // SAFETY: a step on the state of a client `begin` checked.
        let text = unsafe { state_mut(c) }.content_type().is_some_and(|ct| ct.starts_with("text/"));
        if text && T::DEF.fields.iter().any(|f| f.key.to_bytes() == b"text") {
            let wrapped = serde_json::json!({"text": String::from_utf8_lossy(answer)}).to_string();
            // SAFETY: as for `parse_answer`.
            return unsafe { parse_answer(c, &T::DEF, wrapped.as_bytes()) };
        }
        // SAFETY: as above.
        unsafe { parse_answer(c, &T::DEF, answer) }
    };
    // SAFETY: as for `call`.
    unsafe { call_sending(client, method, path, query, form, None, None, read, ptr::null_mut()) as *mut T }
}

/// One API call whose answer is bytes, not JSON: what `take` makes of them
/// (a C allocation), NULL when the call failed.
///
/// # Safety
/// As for [`call`].
pub unsafe fn call_raw<R>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
    take: impl FnOnce(&[u8]) -> *mut R,
) -> *mut R {
    let json = || json_sent(body());
    // SAFETY: as for `call`.
    unsafe {
        call_sending(
            client,
            method,
            path,
            query,
            json,
            None,
            None,
            |c, answer| {
                let made = take(answer);
                if made.is_null() {
                    invalid_argument(c, "the answer could not be kept (out of memory)");
                }
                made
            },
            ptr::null_mut(),
        )
    }
}

/// The program's callback of a `…To` call: the bytes of the answer as they
/// arrive; non-zero stops the call.
pub type OnBytes = unsafe extern "C" fn(user: *mut c_void, data: *const u8, len: usize) -> c_int;

/// One API call whose answer's bytes go to `on_bytes` as they arrive, in
/// flat memory and whatever their size: 0 when every byte was handed over,
/// -1 otherwise (the error API says why; `aborted` when `on_bytes` stopped
/// it).
///
/// # Safety
/// As for [`call`]; `on_bytes` is NULL or a function taking `user`.
pub unsafe fn call_to(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> RequestBody,
    on_bytes: Option<OnBytes>,
    user: *mut c_void,
) -> c_int {
    let Some(f) = on_bytes else {
        // SAFETY: `client` is NULL or valid (the contract).
        unsafe { refuse(client, "on_bytes is NULL") };
        return -1;
    };
    let json = || json_sent(body());
    // SAFETY: the program's callback with its data, on bytes of the answer.
    let mut hand = |piece: &[u8]| unsafe { f(user, piece.as_ptr(), piece.len()) } == 0;
    // SAFETY: as for `call`.
    unsafe { call_sending(client, method, path, query, json, Some(&mut hand), None, |_, _| 0, -1) }
}

/// A JSON request body as it goes: the tree printed (and freed), or why
/// there is none.
pub(crate) fn json_sent<'f>(body: RequestBody) -> Result<Option<Sent<'f>>, String> {
    match body {
        None => Ok(None),
        Some(Err(why)) => Err(why),
        Some(Ok(j)) => {
            // SAFETY: a tree the body built, consumed here.
            let t = unsafe { print_alloc(j, false) };
            // SAFETY: as above.
            unsafe { cJSON_Delete(j) };
            if t.is_null() {
                return Err("the request body could not be encoded (out of memory)".to_string());
            }
            // SAFETY: the C string just printed, copied and freed.
            let bytes = unsafe { arg_str(t) }.unwrap_or(b"").to_vec();
            // SAFETY: as above.
            unsafe { alloc::free(t) };
            Ok(Some(Sent::Json(bytes)))
        }
    }
}

/// A request body as it goes: JSON text or a multipart form.
pub(crate) enum Sent<'f> {
    Json(Vec<u8>),
    Form(Form<'f>),
}

/// Sends a request whose body `body` makes (Ok(None): none; Err: why it
/// cannot be made) and hands a 2xx answer's body to `read`. With
/// `stream`, the body is a stream (`send`'s `stream`), and `stream` is
/// called when the request failed once sent, before the call ends, to say
/// why in the stream's words.
///
/// # Safety
/// As for [`call`].
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn call_sending<'f, R>(
    client: *mut apiClient_t,
    method: &str,
    path: &[Seg],
    query: &[(&str, Option<Vec<u8>>)],
    body: impl FnOnce() -> Result<Option<Sent<'f>>, String>,
    on_body: Option<Sink>,
    stream: Option<&mut dyn FnMut(*mut apiClient_t)>,
    read: impl FnOnce(*mut apiClient_t, &[u8]) -> R,
    failed: R,
) -> R {
    // SAFETY: whole function: `client` is NULL or valid, checked by
    // `begin`; its public fields are read as places; the state is borrowed
    // a step at a time by the helpers.
    unsafe {
        let Some(_hold) = begin(client) else { return failed };
        #[cfg(test)]
        if PANIC_IN_CALL.with(|p| p.replace(false)) {
            panic!("test hook: a panic inside a call");
        }
        // Arguments first (ids, then the body), then the base URL.
        let base = arg_str((*client).basePath).unwrap_or(b"");
        let url = match build_url(base, path, query) {
            Ok(url) => url,
            Err(why) => {
                invalid_argument(client, &why);
                return failed;
            }
        };
        let sent = match body() {
            Ok(sent) => sent,
            Err(why) => {
                invalid_argument(client, &why);
                return failed;
            }
        };
        if let Err(why) = check_client_base(client, base) {
            invalid_argument(client, &why);
            return failed;
        }
        let key = match path.first() {
            Some(Seg::Lit(first)) => key_of(first.as_bytes()),
            _ => Var::ApiKey,
        };
        let pieces: Vec<&[u8]> = match &sent {
            Some(Sent::Json(bytes)) => vec![&bytes[..]],
            Some(Sent::Form(f)) => f.pieces(),
            None => Vec::new(),
        };
        let payload = sent.as_ref().map(|s| Payload {
            content_type: match s {
                Sent::Json(_) => "application/json",
                Sent::Form(f) => f.content_type(),
            },
            pieces: &pieces,
        });
        let streamed = stream.is_some();
        let result = match send(client, method, url, payload, Vec::new(), false, key, on_body, streamed) {
            Some(answer) => {
                let m = read(client, &answer);
                release(state_mut(client), answer);
                m
            }
            None => {
                if let Some(said) = stream {
                    said(client);
                }
                failed
            }
        };
        // As in the generated client, a call leaves no body behind.
        forget_body(client, state_mut(client));
        result
    }
}

// The query and body helpers every call uses.

/// An `int *` query parameter: NULL is not sent.
///
/// # Safety
/// `v` is NULL or valid.
pub(crate) unsafe fn int_q(v: *const c_int) -> Option<Vec<u8>> {
    // SAFETY: NULL or a readable int (the contract), only read.
    unsafe { arg(v) }.map(|n| n.to_string().into_bytes())
}

/// A `char *` query parameter: NULL is not sent.
///
/// # Safety
/// `v` is NULL or NUL-terminated.
pub(crate) unsafe fn str_q(v: *const c_char) -> Option<Vec<u8>> {
    // SAFETY: NULL or a C string (the contract), copied.
    unsafe { arg_str(v) }.map(|b| b.to_vec())
}

/// An `int *` boolean query parameter (`true`/`false`): NULL is not sent.
///
/// # Safety
/// `v` is NULL or valid.
pub(crate) unsafe fn bool_q(v: *const c_int) -> Option<Vec<u8>> {
    // SAFETY: NULL or a readable int (the contract), only read.
    unsafe { arg(v) }.map(|b| if *b != 0 { b"true".to_vec() } else { b"false".to_vec() })
}

/// An integer member of an object query parameter: 0 is not sent (a C
/// `int` cannot tell 0 from unset, as in the generated client).
pub(crate) fn set_int_q(v: c_int) -> Option<Vec<u8>> {
    (v != 0).then(|| v.to_string().into_bytes())
}

/// An enum query parameter by value: its JSON string; 0 or a value without
/// a name is not sent.
pub(crate) fn enum_q<E: crate::wire::model::CEnum>(v: E) -> Option<Vec<u8>> {
    let n = v.raw();
    (n >= 1 && n as usize <= E::NAMES.len()).then(|| E::NAMES[n as usize - 1].to_bytes().to_vec())
}

/// A list of strings as OpenAI's SDK sends an array: `name[]=a&name[]=b`
/// (`name` given already encoded); NULL lists and NULL items are not sent.
///
/// # Safety
/// `list` is NULL or a valid list of NULL or NUL-terminated strings.
pub(crate) unsafe fn list_q<'n>(query: &mut Vec<(&'n str, Option<Vec<u8>>)>, name: &'n str, list: *mut crate::support::list::list_t) {
    // SAFETY: NULL or a live list whose entries hold NULL or C strings (the
    // contract); each string is copied.
    unsafe {
        let Some(list) = arg(list) else { return };
        let mut e = list.firstEntry;
        while let Some(entry) = arg(e) {
            if let Some(b) = arg_str(entry.data as *const c_char) {
                query.push((name, Some(b.to_vec())));
            }
            e = entry.nextListEntry;
        }
    }
}

/// A map query parameter (`list_t *` of `keyValuePair_t *` with `char *`
/// values) as deep-object pairs, `name[key]=value`: each name already
/// encoded, for `query` to borrow. NULL, and pairs without a key or a
/// value, are not sent.
///
/// # Safety
/// `list` is NULL or a live list whose entries are NULL or pairs of NULL
/// or C strings.
pub(crate) unsafe fn map_q(name: &str, list: *mut crate::support::list::list_t) -> Vec<(String, Vec<u8>)> {
    // SAFETY: NULL or a live list of pairs of C strings (the contract);
    // each key and value is copied.
    unsafe {
        let mut out = Vec::new();
        let Some(list) = arg(list) else { return out };
        let mut e = list.firstEntry;
        while let Some(entry) = arg(e) {
            let pair = arg(entry.data as *const crate::support::keyvalue::keyValuePair_t);
            if let Some((k, v)) = pair.and_then(|p| Some((arg_str(p.key)?, arg_str(p.value as *const c_char)?))) {
                let mut wire = format!("{name}%5B");
                encode_into(&mut wire, k);
                wire.push_str("%5D");
                out.push((wire, v.to_vec()));
            }
            e = entry.nextListEntry;
        }
        out
    }
}

/// The request body as JSON, or Err naming what is missing.
///
/// # Safety
/// `request` is NULL or a valid struct of the model.
pub(crate) unsafe fn body<T: CModel>(request: *mut T) -> Option<Result<*mut crate::support::cjson::cJSON, String>> {
    // SAFETY: `request` is NULL or a struct of the model `T::DEF` describes
    // (the contract), only read.
    unsafe {
        let def = &T::DEF;
        if request.is_null() {
            return Some(Err(format!("the request body ({}) is NULL", def.name)));
        }
        if let Some(field) = crate::wire::model::missing_required(def, request as *mut u8) {
            return Some(Err(format!("the request body lacks {}.{field}, which is required", def.short_name())));
        }
        let json = crate::wire::model::to_json_def(def, request as *mut u8);
        Some(if json.is_null() { Err("the request body could not be encoded (out of memory)".into()) } else { Ok(json) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::error::openai_api_error_code_e;
    use crate::client::errors::{apiClient_errorCode, apiClient_errorMessage, apiClient_errorType};
    use crate::client::handle::{apiClient_create_with_base_path, apiClient_free};
    use crate::generated::calls::ProjectsAPI_retrieveProject;
    use std::ffi::CStr;

    #[test]
    fn the_administration_api_takes_the_admin_key_and_the_rest_the_api_key() {
        for admin in ["/organization", "/organization/users", "/projects/p/api_keys", "/organization?x=1"] {
            assert!(matches!(key_of(admin.as_bytes()), Var::AdminKey), "{admin}");
        }
        for other in ["/models", "/models/gpt-4o", "/organizations", "/projectsx", "/chat/completions", ""] {
            assert!(matches!(key_of(other.as_bytes()), Var::ApiKey), "{other}");
        }
    }

    #[test]
    fn a_panic_in_a_call_is_reported_as_an_internal_error() {
        // SAFETY: a client from apiClient_create_with_base_path, freed once.
        unsafe {
            let c = apiClient_create_with_base_path(c"http://127.0.0.1:9/v1".as_ptr(), ptr::null_mut());
            PANIC_IN_CALL.with(|p| p.set(true));
            let p = ProjectsAPI_retrieveProject(c, c"proj_abc".as_ptr() as *mut c_char);
            assert!(p.is_null());
            assert_eq!(CStr::from_ptr(apiClient_errorType(c)).to_str().unwrap(), "internal");
            let m = CStr::from_ptr(apiClient_errorMessage(c)).to_str().unwrap().to_string();
            assert!(m.contains("internal error") && m.contains("test hook"), "{m}");
            assert_eq!(apiClient_errorCode(c), openai_api_error_code_e::OPENAI_API_ERROR_INTERNAL);
            assert_eq!((*c).response_code, 0);
            apiClient_free(c);
        }
    }

    #[test]
    fn base_urls_are_checked() {
        assert!(check_base(b"https://api.openai.com/v1").is_ok());
        assert!(check_base(b"HTTP://127.0.0.1:8080").is_ok());
        assert!(check_base(b"http://[::1]:8080/v1").is_ok());
        assert!(check_base(b"api.openai.com/v1").unwrap_err().contains("must start with http:// or https://"));
        assert!(check_base(b"https:///v1").unwrap_err().contains("has no host"));
        for port in ["99999", "65536", "80x", "0", "-1"] {
            let e = check_base(format!("http://127.0.0.1:{port}/v1").as_bytes()).unwrap_err();
            assert!(e.contains("has an invalid port"), "{port}: {e}");
        }
        let e = check_base(b"https://user:hunter2@api.openai.com/v1").unwrap_err();
        assert!(e.contains("user name or password") && !e.contains("hunter2") && e.contains("https://…@api.openai.com/v1"), "{e}");
        assert!(check_base(b"https://api.openai.com/v1?x=1").unwrap_err().contains("has a query"));
        assert!(check_base(b"https://api.openai.com/v1#frag").unwrap_err().contains("has a fragment"));
        assert!(check_base(b"https://api.openai.com/v1?").unwrap_err().contains("has a query"));
        assert!(check_base(b"https://api.openai.com/v1#").unwrap_err().contains("has a fragment"));
        assert!(check_base(b"https://evil.example\\@api.openai.com/v1").unwrap_err().contains("backslash"));
        assert!(check_base(b"https://api.openai.com/v1 x").unwrap_err().contains("at byte 25"));
        for odd in ["http://%61pi.openai.com/v1", "http://127.1:8080/v1", "http://0x7f.0.0.1/v1"] {
            assert!(check_base(odd.as_bytes()).unwrap_err().contains("does not read as written"), "{odd}");
        }
        assert!(check_base(b"http://API.OpenAI.com:443/v1").is_ok());
    }
}
