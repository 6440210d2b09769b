//! `apiClient_t` and its configuration structs (`sslConfig_t`,
//! `curlConfig_t`), as the generated client lays them out.

use crate::alloc;
use crate::ffi::{c_bytes, guard};
use crate::http::ClientState;
use std::os::raw::{c_char, c_int, c_long, c_void};
use std::ptr;

/// libcurl's easy handle type; declared by the header only when
/// `<curl/curl.h>` has not declared it. This library never creates one.
pub type CURL = c_void;
/// libcurl's file offset type (a 64-bit integer), declared the same way.
pub type curl_off_t = c_long;

/// The API's default base URL.
pub const DEFAULT_BASE_PATH: &[u8] = b"https://api.openai.com/v1";

/// TLS settings. The strings are file paths (PEM). `insecureSkipTlsVerify`
/// non-zero turns certificate verification off.
#[repr(C)]
pub struct sslConfig_t {
    /// PEM file of the client certificate for mutual TLS, or NULL.
    pub clientCertFile: *mut c_char,
    /// PEM file of the client certificate's key, or NULL.
    pub clientKeyFile: *mut c_char,
    /// PEM file of the CAs (or the server's own certificate) to trust instead of the system's, or NULL.
    pub CACertFile: *mut c_char,
    /// Non-zero turns certificate verification off (tests only).
    pub insecureSkipTlsVerify: c_int,
}

/// Connection settings: `verbose` non-zero logs each request to stderr;
/// `keepalive` non-zero turns on TCP keepalive with `keepidle`/`keepintvl`
/// seconds.
#[repr(C)]
pub struct curlConfig_t {
    /// Non-zero: one log line per attempt on stderr (or the log callback).
    pub verbose: c_long,
    /// Non-zero: TCP keepalive on the connections.
    pub keepalive: c_int,
    /// Seconds idle before the first keepalive probe.
    pub keepidle: c_long,
    /// Seconds between keepalive probes.
    pub keepintvl: c_long,
}

/// A client of the API. Create it with `apiClient_create` or
/// `apiClient_create_with_base_path` (only those: the library keeps private
/// state beside the struct, so an `apiClient_t` declared or allocated by
/// the program must never be passed in), set `accessToken` (a malloc'd
/// string, e.g. from strdup) and free it with `apiClient_free`. One client
/// may be used by one thread at a time; separate clients are independent.
///
/// Callbacks (`progress_func`, `data_callback_func`) run inside a call and
/// must not call the library with the same client (as with libcurl's easy
/// handles); they may use other clients.
///
/// `curl_pre_invoke_func` is never called: there is no libcurl handle.
/// `data_callback_func`, when set, is called with the addresses of
/// `dataReceived`/`dataReceivedLen` once a response body has arrived (it may
/// consume or replace the body; the call then parses what it left there).
/// `progress_func`, when set, is called like libcurl's XFERINFOFUNCTION
/// with `progress_data` and (dltotal, dlnow, ultotal, ulnow) as the body
/// arrives; returning non-zero aborts the call (errorType "aborted").
/// After `apiClient_invoke`, `dataReceived`/`dataReceivedLen` hold the
/// response body, NUL-terminated (owned by the client; freed by the next
/// call or by `apiClient_free`); the 19 API calls leave them NULL/0.
/// `response_code` is the HTTP status of the last call, 0 when no response
/// arrived.
#[repr(C)]
pub struct apiClient_t {
    /// The base URL (malloc'd; freed by apiClient_free).
    pub basePath: *mut c_char,
    /// TLS settings, or NULL (the caller's; not freed by apiClient_free).
    pub sslConfig: *mut sslConfig_t,
    /// Connection settings (allocated by apiClient_create_with_base_path; NULL from apiClient_create).
    pub curlConfig: *mut curlConfig_t,
    /// Never called: there is no libcurl handle.
    pub curl_pre_invoke_func: Option<unsafe extern "C" fn(*mut CURL)>,
    /// The last body after apiClient_invoke (NUL-terminated, the client's); NULL after API calls.
    pub dataReceived: *mut c_void,
    /// The length of `dataReceived`.
    pub dataReceivedLen: c_long,
    /// Called with the addresses of `dataReceived`/`dataReceivedLen` when a body arrives, or NULL.
    pub data_callback_func: Option<unsafe extern "C" fn(*mut *mut c_void, *mut c_long)>,
    /// Called like libcurl's XFERINFOFUNCTION as the body arrives; non-zero aborts. Or NULL.
    pub progress_func: Option<unsafe extern "C" fn(*mut c_void, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> c_int>,
    /// The first argument of `progress_func`.
    pub progress_data: *mut c_void,
    /// The HTTP status of the last call; 0 when no answer arrived.
    pub response_code: c_long,
    /// The API key (malloc'd, e.g. by strdup; wiped and freed by apiClient_free), or NULL for `$OPENAI_ADMIN_KEY`.
    pub accessToken: *mut c_char,
}

/// The allocation behind an `apiClient_t *`: the public struct first, then
/// the library's private state (only clients from `apiClient_create*` have it).
#[repr(C)]
struct ClientAlloc {
    api: apiClient_t,
    state: *mut ClientState,
}

/// The private state of a client, for reading (the error API).
///
/// # Safety
/// `client` came from `apiClient_create*` and is not freed, and no
/// exclusive reference to its state is alive (one thread at a time per
/// client; callbacks do not call the library with their own client).
pub(crate) unsafe fn state_ref<'a>(client: *const apiClient_t) -> &'a ClientState {
    // SAFETY: per the contract, `client` points at a `ClientAlloc`. The
    // `state` pointer is read through the raw pointer, never through a
    // reference to the public struct (which would not cover it).
    unsafe { &*ptr::addr_of!((*client.cast::<ClientAlloc>()).state).read() }
}

/// The private state of a client, for changing it.
///
/// # Safety
/// As for [`state_ref`], and no other reference to the state is alive
/// while the returned one is used: take it for a step, never across C code.
pub(crate) unsafe fn state_mut<'a>(client: *mut apiClient_t) -> &'a mut ClientState {
    // SAFETY: as in `state_ref`; exclusivity is the caller's part.
    unsafe { &mut *ptr::addr_of!((*client.cast::<ClientAlloc>()).state).read() }
}

fn new_client(base_path: *mut c_char, ssl: *mut sslConfig_t, curl: *mut curlConfig_t) -> *mut apiClient_t {
    let state = Box::into_raw(Box::<ClientState>::default());
    let api = apiClient_t {
        basePath: base_path,
        sslConfig: ssl,
        curlConfig: curl,
        curl_pre_invoke_func: None,
        dataReceived: ptr::null_mut(),
        dataReceivedLen: 0,
        data_callback_func: None,
        progress_func: None,
        progress_data: ptr::null_mut(),
        response_code: 0,
        accessToken: ptr::null_mut(),
    };
    let client = alloc::boxed(ClientAlloc { api, state });
    if client.is_null() {
        // SAFETY: `state` came from Box::into_raw above and was not stored.
        drop(unsafe { Box::from_raw(state) });
    }
    client as *mut apiClient_t
}

/// A new client for `https://api.openai.com/v1` (or `$OPENAI_BASE_URL` when
/// set) with no TLS or connection settings. Free it with `apiClient_free`.
/// NULL when out of memory.
#[no_mangle]
pub extern "C" fn apiClient_create() -> *mut apiClient_t {
    guard(ptr::null_mut(), || {
        let from_env = std::env::var("OPENAI_BASE_URL").ok().filter(|v| !v.is_empty());
        let base = alloc::c_string(from_env.as_deref().map_or(DEFAULT_BASE_PATH, str::as_bytes));
        if base.is_null() {
            return ptr::null_mut();
        }
        let client = new_client(base, ptr::null_mut(), ptr::null_mut());
        if client.is_null() {
            // SAFETY: `base` is this function's own malloc'd copy.
            unsafe { alloc::free(base) };
        }
        client
    })
}

/// A new client for `basePath` (copied; NULL means the default URL). The
/// client keeps the `sslConfig` pointer (NULL for none): the caller still
/// owns it, keeps it alive while the client is used, and frees it with
/// `sslConfig_free` after `apiClient_free`. `curlConfig` is allocated with
/// verbose 0, keepalive 0, keepidle 120, keepintvl 60.
#[no_mangle]
pub unsafe extern "C" fn apiClient_create_with_base_path(basePath: *const c_char, sslConfig: *mut sslConfig_t) -> *mut apiClient_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            let base = match c_bytes(basePath) {
                Some(b) => alloc::c_string(b),
                None => alloc::c_string(DEFAULT_BASE_PATH),
            };
            let curl = alloc::boxed(curlConfig_t { verbose: 0, keepalive: 0, keepidle: 120, keepintvl: 60 });
            let client = if base.is_null() || curl.is_null() { ptr::null_mut() } else { new_client(base, sslConfig, curl) };
            if client.is_null() {
                alloc::free(base);
                alloc::free(curl);
            }
            client
        })
    }
}

/// Frees the client with its `basePath`, `accessToken`, `curlConfig` and
/// the last response body. The `sslConfig` stays the caller's. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn apiClient_free(apiClient: *mut apiClient_t) {
    guard((), || {
        if apiClient.is_null() {
            return;
        }
        // SAFETY: a client from apiClient_create* (the header's rule), freed
        // once; its fields are read as places through the raw pointer.
        unsafe {
            alloc::free((*apiClient).basePath);
            alloc::free_secret((*apiClient).accessToken);
            alloc::free((*apiClient).curlConfig);
            alloc::free((*apiClient).dataReceived);
            drop(Box::from_raw(ptr::addr_of!((*apiClient.cast::<ClientAlloc>()).state).read()));
            alloc::free(apiClient);
        }
    })
}

/// New TLS settings holding copies of the three paths (any may be NULL).
/// Free with `sslConfig_free`. NULL when out of memory.
#[no_mangle]
pub unsafe extern "C" fn sslConfig_create(
    clientCertFile: *const c_char,
    clientKeyFile: *const c_char,
    CACertFile: *const c_char,
    insecureSkipTlsVerify: c_int,
) -> *mut sslConfig_t {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            let copies = [alloc::strdup(clientCertFile), alloc::strdup(clientKeyFile), alloc::strdup(CACertFile)];
            let lost = copies.iter().zip([clientCertFile, clientKeyFile, CACertFile]).any(|(c, o)| c.is_null() && !o.is_null());
            let config = if lost {
                ptr::null_mut()
            } else {
                alloc::boxed(sslConfig_t {
                    clientCertFile: copies[0],
                    clientKeyFile: copies[1],
                    CACertFile: copies[2],
                    insecureSkipTlsVerify,
                })
            };
            if config.is_null() {
                copies.iter().for_each(|&c| alloc::free(c));
            }
            config
        })
    }
}

/// Frees TLS settings and their strings. NULL is fine.
#[no_mangle]
pub unsafe extern "C" fn sslConfig_free(sslConfig: *mut sslConfig_t) {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard((), || {
            if sslConfig.is_null() {
                return;
            }
            let s = &*sslConfig;
            alloc::free(s.clientCertFile);
            alloc::free(s.clientKeyFile);
            alloc::free(s.CACertFile);
            alloc::free(sslConfig);
        })
    }
}

/// The version of the library that is running (e.g. "0.1.0"), which may be
/// newer than the headers a program was built with (`OPENAI_API_VERSION`).
/// A static string: do not free.
#[no_mangle]
pub extern "C" fn openai_api_version() -> *const c_char {
    guard(ptr::null(), || concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char)
}

/// Does nothing: the library has no global state to set up. Kept so that
/// programs written for the generated client build unchanged.
#[no_mangle]
pub extern "C" fn apiClient_setupGlobalEnv() {}

/// Does nothing (see `apiClient_setupGlobalEnv`).
#[no_mangle]
pub extern "C" fn apiClient_unsetupGlobalEnv() {}

/// Replaces every occurrence of `rep` in `orig` with `with` (NULL means "").
/// Takes ownership of `orig` (a malloc'd string): it is freed, and a new
/// malloc'd string is returned that the caller frees. For a NULL or empty
/// `rep`, `orig` itself is returned. NULL for a NULL `orig`.
#[no_mangle]
pub unsafe extern "C" fn strReplace(orig: *mut c_char, rep: *mut c_char, with: *mut c_char) -> *mut c_char {
    // SAFETY: the arguments are as the header documents them.
    unsafe {
        guard(ptr::null_mut(), || {
            let Some(text) = c_bytes(orig) else { return ptr::null_mut() };
            let rep = match c_bytes(rep) {
                Some(r) if !r.is_empty() => r,
                _ => return orig,
            };
            let with = c_bytes(with).unwrap_or(b"");
            let mut out = Vec::with_capacity(text.len());
            let mut rest = text;
            while let Some(i) = rest.windows(rep.len()).position(|w| w == rep) {
                out.extend_from_slice(&rest[..i]);
                out.extend_from_slice(with);
                rest = &rest[i + rep.len()..];
            }
            out.extend_from_slice(rest);
            let result = alloc::c_string(&out);
            if !result.is_null() {
                alloc::free(orig);
            }
            result
        })
    }
}
