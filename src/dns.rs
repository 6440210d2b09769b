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
        let addrs = self.inner.resolve(uri, config, timeout).map_err(|e| match e {
            Error::Io(_) => Error::HostNotFound,
            other => other,
        })?;
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
