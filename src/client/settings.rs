//! Per-client settings: timeouts, retries and extra headers. Each applies
//! to the calls made after it on that client; other clients are unaffected.
//! Like the calls, these must not run while another thread uses the same
//! client.

use crate::boundary::guard::guard;
use crate::boundary::ptr::arg_str;
use crate::client::slot::{enter, set_refusal_log, state_mut, with_state};
use crate::client::structs::apiClient_t;
use crate::transport::http::{CONNECT_TIMEOUT, REQUEST_TIMEOUT, STREAM_IDLE};
use std::os::raw::{c_char, c_int, c_long, c_void};
use std::time::Duration;
use ureq::http::{HeaderName, HeaderValue};

fn millis(ms: c_long, default: Duration) -> Duration {
    if ms > 0 {
        Duration::from_millis(ms as u64)
    } else {
        default
    }
}

/// Sets how long one attempt may take: `connect_timeout_ms` to open the
/// connection (default 10 000), `request_timeout_ms` for the whole attempt,
/// from connecting to the last byte of the body (default 600 000). 0 (or a
/// negative value) means the default. A call that runs out of time returns
/// NULL with errorType "timeout". NULL client: nothing happens.
#[no_mangle]
pub unsafe extern "C" fn apiClient_setTimeouts(apiClient: *mut apiClient_t, connect_timeout_ms: c_long, request_timeout_ms: c_long) {
    guard((), || {
        if apiClient.is_null() {
            return;
        }
        // SAFETY: a client (the header's rule).
        unsafe {
            with_state(apiClient, (), |st| {
                st.settings.connect_timeout = millis(connect_timeout_ms, CONNECT_TIMEOUT);
                st.settings.request_timeout = millis(request_timeout_ms, REQUEST_TIMEOUT);
            })
        }
    })
}

/// Sets the longest wait between two pieces of a streamed answer (`stream`
/// set in a chat, completion or run request, or a `…Stream` function):
/// default 600 000 ms, the official Python SDK's read timeout; 0 (or a
/// negative value) means the default. A stream's head is bound by
/// `request_timeout_ms`; its body by this limit alone, so a long answer
/// that keeps sending is not cut while a stalled one is (errorType
/// "timeout"). NULL client: nothing happens.
#[no_mangle]
pub unsafe extern "C" fn apiClient_setStreamIdleTimeout(apiClient: *mut apiClient_t, idle_ms: c_long) {
    guard((), || {
        if !apiClient.is_null() {
            // SAFETY: a client (the header's rule).
            unsafe { with_state(apiClient, (), |st| st.settings.stream_idle = millis(idle_ms, STREAM_IDLE)) }
        }
    })
}

/// Sets how many times a failed attempt is retried (default 2; 0 disables,
/// a negative value counts as 0). Retried: connection failures, timeouts,
/// and HTTP 408, 409, 429 and 5xx, unless the answer says
/// `x-should-retry: false` (`x-should-retry: true` retries any status). The
/// wait is the server's `retry-after-ms` / `retry-after` when within 60 s,
/// else 0.5 s doubling per retry up to 8 s, less up to 25 % jitter. The
/// error API reports the last attempt. NULL client: nothing happens.
#[no_mangle]
pub unsafe extern "C" fn apiClient_setMaxRetries(apiClient: *mut apiClient_t, max_retries: c_int) {
    guard((), || {
        if !apiClient.is_null() {
            // SAFETY: a client (the header's rule).
            unsafe { with_state(apiClient, (), |st| st.settings.max_retries = max_retries.max(0) as u32) }
        }
    })
}

/// Headers the library owns: they frame the message or route it
/// (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`, `Upgrade`,
/// `TE`, `Trailer`), or carry the key (`Authorization`: set `accessToken`).
pub(crate) const RESERVED_HEADERS: [&str; 8] =
    ["host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "authorization"];

/// The name of a header the program may send, or why it is refused.
pub(crate) fn header_name(name: &[u8]) -> Result<HeaderName, String> {
    let shown = || String::from_utf8_lossy(&name[..name.len().min(64)]).into_owned();
    if RESERVED_HEADERS.iter().any(|r| r.as_bytes().eq_ignore_ascii_case(name)) {
        let why = if name.eq_ignore_ascii_case(b"authorization") {
            "the key goes in accessToken"
        } else {
            "the library sets it (it frames or routes the request)"
        };
        return Err(format!("the header `{}` cannot be set: {why}", shown()));
    }
    HeaderName::from_bytes(name).map_err(|_| format!("`{}` is not a valid header name", shown()))
}

/// Sends the header `name: value` on every request of this client,
/// replacing a header of the same name the library would send; a NULL
/// `value` removes it again. Both strings are copied. Returns 0, or -1 (and
/// changes nothing) for a NULL client or name, a name or value that is not
/// valid in HTTP (such a header is never sent), or a header the library
/// owns: `Host`, `Content-Length`, `Transfer-Encoding`, `Connection`,
/// `Upgrade`, `TE`, `Trailer` and `Authorization` (the key goes in
/// `accessToken`); a refusal also prints a warning naming the header.
#[no_mangle]
pub unsafe extern "C" fn apiClient_setHeader(apiClient: *mut apiClient_t, name: *const c_char, value: *const c_char) -> c_int {
    // None: refused (also after a panic, which never crosses into C).
    let done = guard(None, || {
        // SAFETY: `name` is NULL or a C string (the header's rule).
        let name = unsafe { arg_str(name) };
        let (false, Some(name)) = (apiClient.is_null(), name) else {
            return None;
        };
        let name = match header_name(name) {
            Ok(n) => n,
            Err(why) => {
                crate::boundary::process::warn(format_args!(
                    "openai_api: WARN: apiClient_setHeader: {}",
                    crate::boundary::error::printable(&why, 256)
                ));
                return None;
            }
        };
        // SAFETY: `value` is NULL or a C string (the header's rule).
        let value = unsafe { arg_str(value) };
        let value = match value {
            Some(v) => {
                let mut v = HeaderValue::from_bytes(v).ok()?;
                if name == "authorization" || name == "proxy-authorization" {
                    v.set_sensitive(true);
                }
                Some(v)
            }
            None => None,
        };
        // SAFETY: a client (the header's rule).
        unsafe {
            with_state(apiClient, None, |st| {
                let headers = &mut st.settings.headers;
                headers.retain(|(n, _)| *n != name);
                if let Some(v) = value {
                    headers.push((name, v));
                }
                Some(())
            })
        }
    });
    done.map_or(-1, |()| 0)
}

/// Sets the proxy this client's requests go through, as libcurl's
/// CURLOPT_PROXY: `proxy` is a URL (`http://host:port`, `https://…`,
/// `socks4://`, `socks4a://`, `socks5://`, `socks5h://`; no scheme means
/// http://; credentials as `user:password@`), `""` for no proxy whatever
/// the environment says, or NULL to follow the environment again (the
/// default: `no_proxy`/`NO_PROXY`, then `http_proxy` for http:// URLs (lower
/// case only, as libcurl) or `https_proxy`/`HTTPS_PROXY` for https:// ones,
/// then `all_proxy`/`ALL_PROXY`). Copied. Returns 0, or -1 for a NULL
/// client or a proxy whose scheme is none of those (nothing changes; a call
/// never goes direct instead of through a proxy it cannot use).
#[no_mangle]
pub unsafe extern "C" fn apiClient_setProxy(apiClient: *mut apiClient_t, proxy: *const c_char) -> c_int {
    guard(-1, || {
        if apiClient.is_null() {
            return -1;
        }
        // SAFETY: NULL or a C string (the header's rule).
        let proxy = match unsafe { arg_str(proxy) } {
            None => None,
            Some(p) => match std::str::from_utf8(p) {
                Ok(p) if crate::transport::proxy::choose(Some(p), "https", "", &crate::boundary::env::Env::default()).is_ok() => {
                    Some(p.to_string())
                }
                _ => {
                    crate::boundary::process::warn(format_args!(
                        "openai_api: WARN: apiClient_setProxy: not a proxy this library can use (http, https, socks4, socks4a, socks5, socks5h)"
                    ));
                    return -1;
                }
            },
        };
        // SAFETY: a client (the header's rule).
        unsafe {
            with_state(apiClient, -1, |st| {
                st.settings.proxy = proxy;
                0
            })
        }
    })
}

pub use super::log::{OPENAI_API_LOG_DEBUG, OPENAI_API_LOG_ERROR, OPENAI_API_LOG_INFO, OPENAI_API_LOG_WARN};

/// Sends this client's log lines to `callback(user_data, level, line)`
/// instead of stderr: the line when each attempt starts
/// (`OPENAI_API_LOG_DEBUG`) and the one when it ends (`_INFO`, `_WARN` when
/// it is retried, `_ERROR`), whether or not `verbose` or `OPENAI_LOG` is
/// set. `line` is valid during the call only and never holds the key. The
/// callback runs inside the call, on its thread, and must not call the
/// library with this client. NULL `callback` restores the default (stderr,
/// when `curlConfig->verbose` or `OPENAI_LOG` says so). NULL client:
/// nothing happens.
#[no_mangle]
pub unsafe extern "C" fn apiClient_setLogCallback(
    apiClient: *mut apiClient_t,
    callback: Option<unsafe extern "C" fn(*mut c_void, c_int, *const c_char)>,
    user_data: *mut c_void,
) {
    guard((), || {
        if apiClient.is_null() {
            return;
        }
        // SAFETY: a client (the header's rule).
        unsafe {
            let Some(hold) = enter(apiClient, true) else { return };
            let log = callback.map(|f| (f, user_data));
            set_refusal_log(&hold, log);
            state_mut(apiClient).log = log;
        }
    })
}
