//! Making and freeing clients and their TLS settings, and the generated
//! client's other global functions.

use super::slot::{client_insert, client_take, freed, identity, was_freed, Held, Slot};
use super::structs::{apiClient_t, curlConfig_t, sslConfig_t, DEFAULT_BASE_PATH};
use crate::boundary::alloc;
use crate::boundary::guard::guard;
use crate::boundary::ptr::{arg_str, try_ref};
use crate::transport::http::ClientState;
use std::os::raw::{c_char, c_int};
use std::ptr;
use std::sync::Arc;

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
        client_insert(client as usize, Slot::new(true, seen));
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
    // SAFETY: `basePath` is NULL or a C string, copied; `sslConfig` is only
    // stored, for the caller to keep alive (the header's rule); `base` and
    // `curl` are this call's allocations, freed here when no client took them.
    unsafe {
        guard(ptr::null_mut(), || {
            let base = match arg_str(basePath) {
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
    match client_take(addr) {
        Ok(slot) => Some(slot),
        Err(Held::Busy) => {
            crate::boundary::process::warn(format_args!("openai_api: WARN: {what}() while a call runs on the client: NOT FREEING it"));
            None
        }
        Err(Held::Walked) => {
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
        if slot.is_none() && was_freed(addr) {
            crate::boundary::process::warn(format_args!("openai_api: WARN: apiClient_free() of a client already freed: nothing done"));
            return;
        }
        freed(addr);
        if let Some(slot) = slot {
            // The body the library left in dataReceived may hold a new key:
            // wiped and freed as a call would (a program's pointer stays).
            // SAFETY: out of the record and not busy: no call can reach the
            // state; a client (the header's rule).
            unsafe { forget_body(apiClient, &mut *slot.state.get()) };
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
    // SAFETY: the three paths are NULL or C strings, copied (the header's
    // rule); the copies are freed here when no struct took them.
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
    // SAFETY: `sslConfig` is NULL or TLS settings the caller hands over to be
    // freed, with malloc'd (or NULL) paths (sslConfig_create's, or the
    // caller's own malloc'd strings, the header's rule); read, then freed.
    unsafe {
        guard((), || {
            let s = try_ref!(void; sslConfig);
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
    // SAFETY: `orig` is NULL or a malloc'd C string the caller hands over,
    // `rep` and `with` NULL or C strings, only read (the header's rule);
    // `orig` is freed once its text was copied.
    unsafe {
        guard(ptr::null_mut(), || {
            let Some(text) = arg_str(orig) else { return ptr::null_mut() };
            let rep = match arg_str(rep) {
                Some(r) if !r.is_empty() => r,
                _ => return orig,
            };
            let with = arg_str(with).unwrap_or(b"");
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

/// Frees the body the library left in `dataReceived` (a pointer the
/// program put there is left alone).
///
/// # Safety
/// `client` is valid and `st` is its state.
pub(crate) unsafe fn forget_body(client: *mut apiClient_t, st: &mut ClientState) {
    // SAFETY: place reads and writes through the raw pointer.
    unsafe {
        let data = (*client).dataReceived;
        if !data.is_null() && data == st.data_given {
            // It may hold a new key (apiClient_invoke of a create call).
            alloc::wipe_raw(data as *mut u8, st.data_given_len);
            alloc::free(data);
            (*client).dataReceived = ptr::null_mut();
            (*client).dataReceivedLen = 0;
        }
        st.data_given = ptr::null_mut();
        st.data_given_len = 0;
    }
}
