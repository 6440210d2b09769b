//! `apiClient_t` and its configuration structs (`sslConfig_t`,
//! `curlConfig_t`), as the generated client lays them out.

use crate::boundary::alloc;
use crate::boundary::guard::{c_bytes, guard};
use crate::transport::http::{ClientState, LogFn};
use std::cell::{Cell, UnsafeCell};
use std::os::raw::{c_char, c_int, c_long, c_void};
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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
    /// The API key (malloc'd, e.g. by strdup; wiped and freed by apiClient_free), or NULL for `$OPENAI_ADMIN_KEY`.
    pub accessToken: *mut c_char,
}

/// What the library keeps for one client, in its record of clients (never
/// inside or beside the program's 88-byte struct). `state` and `seen` are
/// touched only by the thread that set `busy`.
pub(crate) struct Slot {
    busy: AtomicBool,
    /// Walks under way on the client (`pin`).
    walks: AtomicUsize,
    /// Made by `apiClient_create*` (else the program allocated the struct).
    by_library: bool,
    /// `basePath`, `sslConfig`, `curlConfig` as last seen: another value in
    /// a program's struct means another client.
    seen: UnsafeCell<[usize; 3]>,
    state: UnsafeCell<ClientState>,
    /// The log callback, readable by a refused call while another one runs.
    log: Mutex<Option<(LogFn, usize)>>,
}

// SAFETY: `state` and `seen` are reached only by the thread that holds
// `busy` (an acquire/release flag); `log` is behind a mutex. The raw
// pointers inside are the program's callback data, handed back to it.
unsafe impl Send for Slot {}
// SAFETY: as for Send.
unsafe impl Sync for Slot {}

impl Slot {
    fn new(by_library: bool, seen: [usize; 3]) -> Slot {
        Slot {
            busy: AtomicBool::new(false),
            walks: AtomicUsize::new(0),
            by_library,
            seen: UnsafeCell::new(seen),
            state: UnsafeCell::new(ClientState::default()),
            log: Mutex::new(None),
        }
    }

    pub(crate) fn is_busy(&self) -> bool {
        self.busy.load(Ordering::Acquire)
    }

    pub(crate) fn is_walked(&self) -> bool {
        self.walks.load(Ordering::Acquire) > 0
    }
}

/// A walk's hold on its client between its calls: while it lives,
/// `apiClient_free` and `apiClient_release` refuse the client (a `visit`
/// that frees it would leave the walk a freed client).
pub(crate) struct Pin(Arc<Slot>);

impl Drop for Pin {
    fn drop(&mut self) {
        self.0.walks.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Pins `client` for a walk (None for NULL).
///
/// # Safety
/// `client` is NULL or points at a readable `apiClient_t`.
pub(crate) unsafe fn pin(client: *mut apiClient_t) -> Option<Pin> {
    if client.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    let now = unsafe { identity(client) };
    let slot = crate::boundary::record::client_slot(client as usize, || Slot::new(false, now));
    slot.walks.fetch_add(1, Ordering::AcqRel);
    Some(Pin(slot))
}

/// In a child process just forked: a client a call held on another thread
/// of the parent is idle (see `record::after_fork`).
pub(crate) fn after_fork() {
    // SAFETY: `seen` is read as plain words (a torn value only makes the
    // next call start the client's state afresh).
    crate::boundary::record::after_fork(|old| Slot::new(old.by_library, unsafe { std::ptr::read_volatile(old.seen.get()) }));
}

/// The members that say which client a struct is.
///
/// # Safety
/// `client` points at a readable `apiClient_t`.
unsafe fn identity(client: *const apiClient_t) -> [usize; 3] {
    // SAFETY: place reads through the raw pointer.
    unsafe { [(*client).basePath as usize, (*client).sslConfig as usize, (*client).curlConfig as usize] }
}

thread_local! {
    /// The client whose call runs on this thread (innermost), with its state.
    static CURRENT: Cell<(usize, *mut ClientState)> = const { Cell::new((0, ptr::null_mut())) };
    /// The client whose last call on this thread was refused as concurrent.
    static REFUSED: Cell<usize> = const { Cell::new(0) };
}

/// A call's hold on its client: while it lives, no other call can start on
/// the client, and `state_mut` reaches the client's state on this thread.
pub(crate) struct Session {
    /// No cancellation while the library holds the client (crate::boundary::process).
    _no_cancel: crate::boundary::process::NoCancel,
    slot: Arc<Slot>,
    addr: usize,
    prev: (usize, *mut ClientState),
    /// A call (not a read): when it ends, it is this thread's last call on
    /// the client, whatever was refused while it ran.
    call: bool,
}

impl Drop for Session {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.prev));
        if self.call {
            clear_refusal(self.addr);
            // A client the program allocated keeps no connection between
            // calls (as the generated client): memory reused for another
            // client can never inherit one, nor its TLS settings.
            if !self.slot.by_library {
                // SAFETY: `busy` is still ours.
                unsafe { (*self.slot.state.get()).drop_connections() };
            }
        }
        self.slot.busy.store(false, Ordering::Release);
    }
}

/// `apiClient_errorType` of a call refused because another one ran.
pub(crate) const BUSY_TYPE: &std::ffi::CStr = c"client_busy";
/// `apiClient_errorMessage` of such a call.
pub(crate) const BUSY_MESSAGE: &std::ffi::CStr =
    c"another call is running on this client (one thread at a time per client): this call was not made";

/// This thread's call on the client at `addr` went ahead: an earlier
/// refusal no longer stands.
fn clear_refusal(addr: usize) {
    REFUSED.with(|r| {
        if r.get() == addr {
            r.set(0)
        }
    });
}

/// True when this thread's last call on `client` was refused as concurrent.
pub(crate) fn refused_here(client: *const apiClient_t) -> bool {
    REFUSED.with(|r| r.get() == client as usize)
}

/// Starts a call (`quiet` false) or a read or change of the state (`quiet`
/// true) on `client`; None when another call holds it (a call then records
/// the refusal for this thread and logs a WARN line).
///
/// # Safety
/// `client` is non-NULL and points at a readable and writable
/// `apiClient_t` (made by the library or by the program).
pub(crate) unsafe fn enter(client: *mut apiClient_t, quiet: bool) -> Option<Session> {
    let no_cancel = crate::boundary::process::NoCancel::new();
    let addr = client as usize;
    // SAFETY: per the contract.
    let now = unsafe { identity(client) };
    let slot = crate::boundary::record::client_slot(addr, || Slot::new(false, now));
    if slot.busy.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
        if !quiet {
            REFUSED.with(|r| r.set(addr));
            let log = *crate::boundary::record::lock(&slot.log);
            let line = format!("openai_api: WARN: {}", BUSY_MESSAGE.to_string_lossy());
            match log {
                Some((f, data)) => {
                    let text = std::ffi::CString::new(line).unwrap_or_default();
                    // SAFETY: the callback the program registered, with its data.
                    unsafe { f(data as *mut c_void, crate::client::settings::OPENAI_API_LOG_WARN, text.as_ptr()) }
                }
                None => eprintln!("{line}"),
            }
        }
        return None;
    }
    // SAFETY: `busy` is ours: nothing else touches `seen` or `state`.
    unsafe {
        let seen = &mut *slot.seen.get();
        if *seen != now {
            if slot.by_library {
                // The program pointed its client elsewhere: new connections.
                (*slot.state.get()).drop_connections();
            } else {
                // Another client in the same memory: nothing carries over.
                *slot.state.get() = ClientState::default();
                *crate::boundary::record::lock(&slot.log) = None;
            }
            *seen = now;
        }
    }
    if !quiet {
        clear_refusal(addr);
    }
    let prev = CURRENT.with(|c| c.replace((addr, slot.state.get())));
    Some(Session { _no_cancel: no_cancel, slot, addr, prev, call: !quiet })
}

/// Sets the log callback that refused calls use (the state keeps its own).
pub(crate) fn set_refusal_log(session: &Session, log: Option<(LogFn, *mut c_void)>) {
    *crate::boundary::record::lock(&session.slot.log) = log.map(|(f, d)| (f, d as usize));
}

/// The private state of the client whose call runs on this thread.
///
/// # Safety
/// A `Session` for `client` is alive on this thread, and no other reference
/// to the state is used while the returned one is: take it for a step,
/// never across C code.
pub(crate) unsafe fn state_mut<'a>(client: *const apiClient_t) -> &'a mut ClientState {
    let (addr, state) = CURRENT.with(Cell::get);
    assert!(addr == client as usize && !state.is_null(), "the client's state is reached only inside its call");
    // SAFETY: the session holds `busy`; per the contract no other reference
    // to the state is alive.
    unsafe { &mut *state }
}

/// Runs `f` on the state of `client`: the running call's when it is on
/// this thread, else under a hold of its own; `busy` when another call holds
/// the client or the refusal of this thread's last call on it stands.
///
/// # Safety
/// `client` is non-NULL and points at an `apiClient_t`; `f` runs no C code.
pub(crate) unsafe fn with_state<R>(client: *mut apiClient_t, busy: R, f: impl FnOnce(&mut ClientState) -> R) -> R {
    if refused_here(client) {
        return busy;
    }
    if CURRENT.with(Cell::get).0 == client as usize {
        // SAFETY: the call holding the client runs on this thread, and no
        // reference into its state is alive across this step.
        return f(unsafe { state_mut(client) });
    }
    // SAFETY: per the contract.
    match unsafe { enter(client, true) } {
        // SAFETY: the hold just taken.
        Some(_hold) => f(unsafe { state_mut(client) }),
        None => busy,
    }
}

fn new_client(base_path: *mut c_char, ssl: *mut sslConfig_t, curl: *mut curlConfig_t) -> *mut apiClient_t {
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
    let client = alloc::boxed(api);
    if !client.is_null() {
        // SAFETY: a new, readable struct.
        let seen = unsafe { identity(client) };
        crate::boundary::record::client_insert(client as usize, Slot::new(true, seen));
    }
    client
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

/// Takes what the library keeps for the client at `addr` out of its
/// record. Returns None (and warns, nothing taken) while a call runs on it.
fn release_slot(addr: usize, what: &str) -> Option<Option<Arc<Slot>>> {
    match crate::boundary::record::client_take(addr) {
        Ok(slot) => Some(slot),
        Err(crate::boundary::record::Held::Busy) => {
            crate::boundary::process::warn(format_args!("openai_api: WARN: {what}() while a call runs on the client: NOT FREEING it"));
            None
        }
        Err(crate::boundary::record::Held::Walked) => {
            crate::boundary::process::warn(format_args!(
                "openai_api: WARN: {what}() while a walk (forEach) runs on the client, from its visit function: NOT FREEING it"
            ));
            None
        }
    }
}

/// Frees the client with its `basePath`, `accessToken` (wiped first),
/// `curlConfig`, the last response body and what the library keeps for it,
/// then the struct itself: as with the generated client, the struct must
/// come from `apiClient_create*` or from the program's malloc/calloc (for
/// one on the stack use `apiClient_release`). The `sslConfig` stays the
/// caller's. NULL is fine. While a call runs on the client (another
/// thread) nothing is freed and a warning goes to stderr.
#[no_mangle]
pub unsafe extern "C" fn apiClient_free(apiClient: *mut apiClient_t) {
    guard((), || {
        if apiClient.is_null() {
            return;
        }
        let addr = apiClient as usize;
        let Some(slot) = release_slot(addr, "apiClient_free") else { return };
        if slot.is_none() && crate::boundary::record::was_freed(addr) {
            crate::boundary::process::warn(format_args!("openai_api: WARN: apiClient_free() of a client already freed: nothing done"));
            return;
        }
        crate::boundary::record::freed(addr);
        if let Some(slot) = slot {
            // The body the library left in dataReceived may hold a new key:
            // wiped and freed as a call would (a program's pointer stays).
            // SAFETY: out of the record and not busy: no call can reach the
            // state; a client (the header's rule).
            unsafe { crate::call::engine::forget_body(apiClient, &mut *slot.state.get()) };
        }
        // SAFETY: a client freed once (the header's rule); its fields are
        // read as places through the raw pointer.
        unsafe {
            alloc::free((*apiClient).basePath);
            alloc::free_secret((*apiClient).accessToken);
            alloc::free((*apiClient).curlConfig);
            alloc::free((*apiClient).dataReceived);
            alloc::free(apiClient);
        }
    })
}

/// Frees only what the library keeps for a client (its connections,
/// settings, last error and headers), not the struct or its members: for
/// an `apiClient_t` the program allocated itself and frees itself (on the
/// stack, inside another struct). Call it before that memory goes away or
/// is reused; the client may be used again afterwards (it starts afresh).
/// NULL is fine. While a call runs on the client nothing is released and a
/// warning goes to stderr.
#[no_mangle]
pub unsafe extern "C" fn apiClient_release(apiClient: *mut apiClient_t) {
    guard((), || {
        if !apiClient.is_null() {
            let _ = release_slot(apiClient as usize, "apiClient_release");
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

/// The version of the library that is running (e.g. "0.2.0"), which may be
/// newer than the headers a program was built with (`OPENAI_API_VERSION`).
/// A static string: do not free.
#[no_mangle]
pub extern "C" fn openai_api_version() -> *const c_char {
    guard(ptr::null(), || concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char)
}

/// Does nothing: the library's state needs no setting up. Kept so that
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
