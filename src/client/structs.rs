//! `apiClient_t` and its configuration structs (`sslConfig_t`,
//! `curlConfig_t`), as the generated client lays them out.

use crate::boundary::ptr::arg_str;
use crate::transport::http::{LinkConfig, TlsFiles};
use crate::transport::tcp::Keepalive;
use std::os::raw::{c_char, c_int, c_long, c_void};

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

/// A client of the API. Make it with `apiClient_create` or
/// `apiClient_create_with_base_path` and free it with `apiClient_free`, or,
/// as with the generated client, allocate it yourself (`calloc`, or on the
/// stack, zeroed) and set `basePath` (malloc'd when `apiClient_free` will
/// free it) and optionally `accessToken`, `sslConfig` and `curlConfig`: the
/// library keeps its state for the client (connections, settings, the last
/// error) aside, made on first use, and frees it in `apiClient_free` (which
/// also frees a calloc'd struct) or `apiClient_release` (for a struct the
/// program frees itself, e.g. on the stack). For a client the program
/// allocated, pointing `basePath`, `sslConfig` or `curlConfig` at another
/// object starts that state afresh (a struct reused for another client
/// never inherits the last one's connections or settings).
///
/// One client may be used by one thread at a time; separate clients are
/// independent. A call that starts while another call runs on the same
/// client (another thread, or a callback of that call) is refused at once
/// without touching the running call: it returns its failure value, and
/// on the refused thread `apiClient_errorType` says "client_busy" (code
/// `OPENAI_API_ERROR_BUSY`) until that thread's next call on the client; a
/// WARN line goes to the client's log callback (else stderr).
///
/// Callbacks (`progress_func`, `data_callback_func`) run inside a call and
/// must not call the library with the same client (as with libcurl's easy
/// handles; such a call is refused as above); they may use other clients.
///
/// `curl_pre_invoke_func` is never called: there is no libcurl handle; a
/// client that has one set gets one WARN line (log callback, else stderr)
/// at its first call saying what replaces it (MIGRATING.md).
/// `data_callback_func`, when set, is called with the addresses of
/// `dataReceived`/`dataReceivedLen` once a response body has arrived (it may
/// consume or replace the body; the call then parses what it left there).
/// `progress_func`, when set, is called like libcurl's XFERINFOFUNCTION
/// with `progress_data` and (dltotal, dlnow, ultotal, ulnow) as the body
/// arrives; returning non-zero aborts the call (errorType "aborted").
/// After `apiClient_invoke`, `dataReceived`/`dataReceivedLen` hold the
/// response body, NUL-terminated (owned by the client; freed by the next
/// call or by `apiClient_free`); the API calls leave them NULL/0. A
/// `dataReceived` the library did not put there is never freed by it.
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
    /// Never called: there is no libcurl handle (setting it gets one warning per client).
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
    /// The API key (malloc'd, e.g. by strdup; wiped and freed by apiClient_free), or NULL for `$OPENAI_ADMIN_KEY` (the administration calls) or `$OPENAI_API_KEY` (the others).
    pub accessToken: *mut c_char,
}

/// What `ssl` and `curl` say of the client's connections, copied out.
///
/// # Safety
/// `ssl` and `curl` are NULL or valid.
pub(crate) unsafe fn link_config(ssl: *const sslConfig_t, curl: *const curlConfig_t) -> LinkConfig {
    // SAFETY: `ssl` and `curl` are NULL or live settings the client points
    // to (the contract); their paths NULL or C strings; all copied out.
    unsafe {
        let keepalive = curl
            .as_ref()
            .filter(|c| c.keepalive != 0)
            .map(|c| Keepalive { idle: c.keepidle.clamp(0, u32::MAX as _) as u32, interval: c.keepintvl.clamp(0, u32::MAX as _) as u32 });
        let tls = ssl.as_ref().map(|s| {
            let owned = |p| arg_str(p).map(|b| b.to_vec());
            TlsFiles {
                ca: owned(s.CACertFile),
                cert: owned(s.clientCertFile),
                key: owned(s.clientKeyFile),
                insecure: s.insecureSkipTlsVerify != 0,
            }
        });
        LinkConfig { tls, keepalive }
    }
}
