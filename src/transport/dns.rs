//! Name resolution for the transport, for each new connection. ureq's
//! resolver, with a timeout set, looks up on a new thread each time. This
//! resolver answers IP literals directly and keeps host names' addresses
//! for 60 s (as libcurl does); only a miss goes to ureq's resolver, which
//! enforces the timeout.

use std::cell::Cell;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;
use ureq::Error;

/// How long a host name's addresses are reused.
const TTL: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct CachingResolver {
    inner: DefaultResolver,
    cache: Mutex<HashMap<(String, u16), (Instant, ResolvedSocketAddrs)>>,
}

fn host_port(uri: &Uri) -> Option<(&str, u16)> {
    let port = uri.port_u16().or(match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    })?;
    Some((uri.host()?, port))
}

thread_local! {
    /// When this thread's last lookup that went to the system started
    /// (None when the last one was answered without it).
    static RESOLVE_START: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// When the lookup of the connection being made started, if it took one:
/// the connect limit counts from there.
pub fn take_resolve_start() -> Option<Instant> {
    RESOLVE_START.with(Cell::take)
}

/// A lookup's answer, shared by the caller and the thread that looks up.
struct Lookup {
    host: std::ffi::CString,
    port: u16,
    answer: Mutex<Option<std::io::Result<Vec<SocketAddr>>>>,
    ready: std::sync::Condvar,
}

/// Lookup threads whose caller stopped waiting (the limit passed): joined
/// by a later lookup once done, and at the latest when the library is
/// unloaded (`join_lookups`), so no thread runs its code after that.
static LEFT: Mutex<Vec<libc::pthread_t>> = Mutex::new(Vec::new());

/// The thread of one lookup (a plain POSIX thread: std's threads leave
/// thread-locals in the thread that starts them, which keep the library
/// from being unloaded). It calls the system's `getaddrinfo` (a program's
/// own, when it has one).
extern "C" fn look_up(arg: *mut std::os::raw::c_void) -> *mut std::os::raw::c_void {
    crate::boundary::guard::guard(std::ptr::null_mut(), || {
        // SAFETY: `arg` is the reference `lookup` gave this thread.
        let shared = unsafe { std::sync::Arc::from_raw(arg as *const Lookup) };
        let answer = std::panic::catch_unwind(|| getaddrinfo(&shared.host, shared.port))
            .unwrap_or_else(|_| Err(std::io::Error::other("the name lookup failed")));
        *crate::boundary::record::lock(&shared.answer) = Some(answer);
        shared.ready.notify_one();
        std::ptr::null_mut()
    })
}

/// `getaddrinfo` for a TCP connection to `host`:`port`.
fn getaddrinfo(host: &std::ffi::CStr, port: u16) -> std::io::Result<Vec<SocketAddr>> {
    // SAFETY: all-zero bytes are valid hints.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_socktype = libc::SOCK_STREAM;
    let mut list: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: a host name, no service, valid hints and a place for the list.
    let rc = unsafe { libc::getaddrinfo(host.as_ptr(), std::ptr::null(), &hints, &mut list) };
    if rc != 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such host"));
    }
    let mut out = Vec::new();
    // SAFETY: glibc's list, walked once and freed with freeaddrinfo.
    unsafe {
        let mut ai = list;
        while !ai.is_null() {
            let sa = (*ai).ai_addr;
            if !sa.is_null() {
                match (*sa).sa_family as libc::c_int {
                    libc::AF_INET => {
                        let v4 = &*(sa as *const libc::sockaddr_in);
                        out.push(SocketAddr::from((u32::from_be(v4.sin_addr.s_addr).to_be_bytes(), port)));
                    }
                    libc::AF_INET6 => {
                        let v6 = &*(sa as *const libc::sockaddr_in6);
                        let ip = std::net::Ipv6Addr::from(v6.sin6_addr.s6_addr);
                        out.push(SocketAddr::V6(std::net::SocketAddrV6::new(ip, port, v6.sin6_flowinfo, v6.sin6_scope_id)));
                    }
                    _ => {}
                }
            }
            ai = (*ai).ai_next;
        }
        libc::freeaddrinfo(list);
    }
    Ok(out)
}

/// The system's lookup of `host`, on a thread of its own, waited for at
/// most `limit` (None: no limit); None when the limit passed first (the
/// thread then finishes on its own, its answer dropped). The wait is on a
/// condition variable, which records nothing of the calling thread's.
fn lookup(host: &str, port: u16, limit: Option<Duration>) -> Option<std::io::Result<Vec<SocketAddr>>> {
    use std::sync::Arc;
    let Ok(host) = std::ffi::CString::new(host) else {
        return Some(Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no such host")));
    };
    // Threads left by earlier lookups that are done by now.
    crate::boundary::record::lock(&LEFT).retain(|&t| {
        // SAFETY: a thread of ours not joined yet.
        unsafe { libc::pthread_tryjoin_np(t, std::ptr::null_mut()) != 0 }
    });
    let shared = Arc::new(Lookup { host, port, answer: Mutex::new(None), ready: std::sync::Condvar::new() });
    let theirs = Arc::into_raw(shared.clone()) as *mut std::os::raw::c_void;
    // SAFETY: zeroed is a valid pthread_t to be overwritten.
    let mut thread: libc::pthread_t = unsafe { std::mem::zeroed() };
    // SAFETY: a new thread running `look_up` with its reference.
    if unsafe { libc::pthread_create(&mut thread, std::ptr::null(), look_up, theirs) } != 0 {
        // SAFETY: the reference the thread did not take.
        drop(unsafe { Arc::from_raw(theirs as *const Lookup) });
        return Some(Err(std::io::Error::other("no thread for the name lookup")));
    }
    let guard = crate::boundary::record::lock(&shared.answer);
    let mut guard = match limit {
        Some(limit) => shared.ready.wait_timeout_while(guard, limit, |a| a.is_none()).unwrap_or_else(|e| e.into_inner()).0,
        None => shared.ready.wait_while(guard, |a| a.is_none()).unwrap_or_else(|e| e.into_inner()),
    };
    let answer = guard.take();
    drop(guard);
    match answer {
        Some(a) => {
            // SAFETY: our thread, done with its work.
            unsafe { libc::pthread_join(thread, std::ptr::null_mut()) };
            Some(a)
        }
        None => {
            static HOOKS: std::sync::Once = std::sync::Once::new();
            HOOKS.call_once(|| {
                crate::boundary::process::at_unload(join_lookups);
                crate::boundary::process::at_fork(after_fork);
            });
            crate::boundary::record::lock(&LEFT).push(thread);
            None
        }
    }
}

/// Joins the lookup threads still running (at most 10 s in all), before
/// the library is unloaded or the process exits.
fn join_lookups() {
    let left = std::mem::take(&mut *crate::boundary::record::lock(&LEFT));
    let until = std::time::SystemTime::now() + Duration::from_secs(10);
    let since = until.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let at = libc::timespec { tv_sec: since.as_secs() as libc::time_t, tv_nsec: since.subsec_nanos() as _ };
    for t in left {
        // SAFETY: our threads, not joined yet.
        unsafe { libc::pthread_timedjoin_np(t, std::ptr::null_mut(), &at) };
    }
}

/// In a child process just forked: the parent's lookup threads are not
/// here (never joined in the child).
fn after_fork() {
    if let Ok(mut left) = LEFT.try_lock() {
        left.clear();
    }
}

impl Resolver for CachingResolver {
    fn resolve(&self, uri: &Uri, config: &Config, timeout: NextTimeout) -> Result<ResolvedSocketAddrs, Error> {
        RESOLVE_START.with(|s| s.set(None));
        let Some((host, port)) = host_port(uri) else {
            return self.inner.resolve(uri, config, timeout);
        };
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            let mut addrs = self.empty();
            addrs.push(SocketAddr::new(ip, port));
            return Ok(addrs);
        }
        let key = (host.to_ascii_lowercase(), port);
        let now = Instant::now();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, addrs)) = cache.get(&key) {
            if now.duration_since(*at) < TTL {
                return Ok(addrs.clone());
            }
        }
        drop(cache);
        RESOLVE_START.with(|s| s.set(Some(now)));
        // A failed lookup is reported as such (the error API then names the
        // host and port), not as an I/O error.
        let found = lookup(host, port, timeout.not_zero().map(|d| *d));
        let found = match found {
            Some(Ok(found)) => found,
            Some(Err(_)) => return Err(Error::HostNotFound),
            None => return Err(Error::Timeout(timeout.reason)),
        };
        let mut addrs = self.empty();
        for a in config.ip_family().keep_wanted(found.into_iter()).take(16) {
            addrs.push(a);
        }
        if addrs.is_empty() {
            return Err(Error::HostNotFound);
        }
        cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.insert(key, (now, addrs.clone()));
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_literals_need_no_lookup_and_names_are_cached() {
        let r = CachingResolver::default();
        let config = Config::default();
        let t = NextTimeout { after: Duration::from_secs(5).into(), reason: ureq::Timeout::Resolve, per_read: None, per_write: None };
        let a = r.resolve(&"http://127.0.0.1:8080/v1".parse().unwrap(), &config, t).unwrap();
        assert_eq!(&a[..], &["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]);
        let b = r.resolve(&"https://[::1]/v1".parse().unwrap(), &config, t).unwrap();
        assert_eq!(&b[..], &["[::1]:443".parse::<SocketAddr>().unwrap()]);
        assert!(r.cache.lock().unwrap().is_empty());
        let c = r.resolve(&"http://localhost:9/".parse().unwrap(), &config, t).unwrap();
        assert!(!c.is_empty());
        assert_eq!(r.cache.lock().unwrap().len(), 1);
        let d = r.resolve(&"http://LOCALHOST:9/x".parse().unwrap(), &config, t).unwrap();
        assert_eq!(&c[..], &d[..]);
        assert_eq!(r.cache.lock().unwrap().len(), 1);
    }
}
