//! Which proxy a request goes through, by libcurl's rules: the client's
//! own setting (`apiClient_setProxy`) first, else the environment:
//! `no_proxy`/`NO_PROXY` (hosts that go direct), then `http_proxy` (lower
//! case only: an `HTTP_PROXY` a CGI server may plant from a request header
//! is ignored, as libcurl ignores it) for http:// URLs or
//! `https_proxy`/`HTTPS_PROXY` for https:// ones, then
//! `all_proxy`/`ALL_PROXY`. Proxies are `http://`, `https://`,
//! `socks4://`, `socks4a://`, `socks5://` or `socks5h://` (no scheme means
//! http://); any other is refused, never skipped.

use crate::boundary::env::{Env, Var};
use std::net::IpAddr;

/// The proxy for `scheme://host`, from the client's setting (`Some("")`:
/// none) or the environment `env`; Ok(None) to go direct, Err naming what
/// is wrong.
pub fn choose(setting: Option<&str>, scheme: &str, host: &str, env: &Env) -> Result<Option<String>, String> {
    let env = |var: Var| env.get(var).map(str::to_string);
    let (proxy, source) = match setting {
        Some("") => return Ok(None),
        Some(p) => (p.to_string(), "apiClient_setProxy".to_string()),
        None => {
            if let Some(list) = env(Var::NoProxyLower).or_else(|| env(Var::NoProxy)) {
                if no_proxy_matches(&list, host) {
                    return Ok(None);
                }
            }
            let by_scheme = if scheme.eq_ignore_ascii_case("https") {
                env(Var::HttpsProxyLower).map(|p| (p, "https_proxy")).or_else(|| env(Var::HttpsProxy).map(|p| (p, "HTTPS_PROXY")))
            } else {
                env(Var::HttpProxyLower).map(|p| (p, "http_proxy"))
            };
            let all = || env(Var::AllProxyLower).map(|p| (p, "all_proxy")).or_else(|| env(Var::AllProxy).map(|p| (p, "ALL_PROXY")));
            match by_scheme.or_else(all) {
                Some((p, name)) => (p, name.to_string()),
                None => return Ok(None),
            }
        }
    };
    let with_scheme = if proxy.contains("://") { proxy } else { format!("http://{proxy}") };
    let scheme_of = with_scheme.split("://").next().unwrap_or("").to_ascii_lowercase();
    if !["http", "https", "socks4", "socks4a", "socks5", "socks5h"].contains(&scheme_of.as_str()) {
        return Err(format!(
            "the proxy from {source} has the scheme \"{scheme_of}\": only http, https, socks4, socks4a, socks5 and socks5h are supported"
        ));
    }
    Ok(Some(with_scheme))
}

/// True when `host` is on the `no_proxy` list: `*`, a host name (matching
/// it and its subdomains, with or without a leading dot), an IP address or
/// an IP range in CIDR notation, separated by commas or spaces.
pub fn no_proxy_matches(list: &str, host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').trim_end_matches('.').to_ascii_lowercase();
    let ip: Option<IpAddr> = host.parse().ok();
    list.split([',', ' ']).map(str::trim).filter(|e| !e.is_empty()).any(|entry| {
        if entry == "*" {
            return true;
        }
        let entry = entry.trim_start_matches('[').trim_end_matches(']');
        if let (Some(ip), Some((net, bits))) = (ip, entry.split_once('/')) {
            return match (net.parse::<IpAddr>(), bits.parse::<u32>()) {
                (Ok(net), Ok(bits)) => in_range(ip, net, bits),
                _ => false,
            };
        }
        let entry = entry.trim_start_matches('.').trim_end_matches('.').to_ascii_lowercase();
        if ip.is_some() {
            return entry.parse::<IpAddr>().ok() == ip;
        }
        host == entry || host.strip_suffix(&entry).is_some_and(|rest| rest.ends_with('.'))
    })
}

fn in_range(ip: IpAddr, net: IpAddr, bits: u32) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) if bits <= 32 => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) if bits <= 128 => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_as_libcurl_reads_it() {
        assert!(no_proxy_matches("*", "api.openai.com"));
        assert!(no_proxy_matches("localhost, openai.com", "api.openai.com"));
        assert!(no_proxy_matches(".openai.com", "api.openai.com"));
        assert!(no_proxy_matches("openai.com", "OPENAI.COM"));
        assert!(!no_proxy_matches("openai.com", "notopenai.com"));
        assert!(!no_proxy_matches("api.openai.com", "openai.com"));
        assert!(no_proxy_matches("127.0.0.1", "127.0.0.1"));
        assert!(no_proxy_matches("10.0.0.0/8", "10.1.2.3"));
        assert!(!no_proxy_matches("10.0.0.0/8", "11.1.2.3"));
        assert!(no_proxy_matches("::1", "[::1]"));
        assert!(no_proxy_matches("fd00::/8", "[fd12::1]"));
        assert!(!no_proxy_matches("", "a"));
    }

    #[test]
    fn a_setting_wins_and_bad_schemes_are_refused() {
        assert_eq!(choose(Some(""), "https", "h", &Env::default()), Ok(None));
        assert_eq!(choose(Some("proxy:3128"), "https", "h", &Env::default()), Ok(Some("http://proxy:3128".into())));
        assert_eq!(choose(Some("socks5h://p:1080"), "http", "h", &Env::default()), Ok(Some("socks5h://p:1080".into())));
        let e = choose(Some("ftp://p"), "http", "h", &Env::default()).unwrap_err();
        assert!(e.contains("apiClient_setProxy") && e.contains("\"ftp\""), "{e}");
    }
}
