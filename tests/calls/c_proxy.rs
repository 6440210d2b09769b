//! Proxies as libcurl chooses them (c-tests/calls/proxy.c): a local HTTP CONNECT
//! proxy and a local SOCKS5 proxy count what goes through them, the mock
//! counts what arrives.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Copies bytes both ways until either side closes.
fn pipe(a: TcpStream, b: TcpStream) {
    let (mut a2, mut b2) = (a.try_clone().unwrap(), b.try_clone().unwrap());
    let t = std::thread::spawn(move || {
        let _ = std::io::copy(&mut a2, &mut b2);
        let _ = b2.shutdown(std::net::Shutdown::Write);
    });
    let (mut a, mut b) = (a, b);
    let _ = std::io::copy(&mut b, &mut a);
    let _ = a.shutdown(std::net::Shutdown::Write);
    let _ = t.join();
}

/// A proxy on loopback: `serve` handles each connection; returns its
/// address and how many connections it took.
fn proxy(serve: fn(TcpStream)) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || serve(s));
        }
    });
    (addr, count)
}

/// HTTP CONNECT: reads the request head, connects, answers 200, pipes.
fn http_connect(mut s: TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let Some(target) = head.strip_prefix("CONNECT ").and_then(|r| r.split(' ').next()) else {
        let _ = s.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
        return;
    };
    let Ok(up) = TcpStream::connect(target) else { return };
    let _ = s.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
    pipe(s, up);
}

/// SOCKS5 without authentication: IPv4, IPv6 or a host name.
fn socks5(mut s: TcpStream) {
    let mut hello = [0u8; 2];
    if s.read_exact(&mut hello).is_err() || hello[0] != 5 {
        return;
    }
    let mut methods = vec![0u8; hello[1] as usize];
    let _ = s.read_exact(&mut methods);
    let _ = s.write_all(&[5, 0]);
    let mut req = [0u8; 4];
    if s.read_exact(&mut req).is_err() || req[1] != 1 {
        return;
    }
    let host = match req[3] {
        1 => {
            let mut a = [0u8; 4];
            let _ = s.read_exact(&mut a);
            std::net::Ipv4Addr::from(a).to_string()
        }
        4 => {
            let mut a = [0u8; 16];
            let _ = s.read_exact(&mut a);
            format!("[{}]", std::net::Ipv6Addr::from(a))
        }
        _ => {
            let mut n = [0u8; 1];
            let _ = s.read_exact(&mut n);
            let mut name = vec![0u8; n[0] as usize];
            let _ = s.read_exact(&mut name);
            String::from_utf8_lossy(&name).into_owned()
        }
    };
    let mut port = [0u8; 2];
    let _ = s.read_exact(&mut port);
    let Ok(up) = TcpStream::connect(format!("{host}:{}", u16::from_be_bytes(port))) else { return };
    let _ = s.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    pipe(s, up);
}

/// (mode, environment, expected outcome, via the HTTP proxy, via SOCKS)
type Case<'a> = (String, Vec<(&'a str, &'a str)>, &'a str, usize, usize);

const VARS: [&str; 8] = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"];

#[test]
fn proxies_are_chosen_as_libcurl_chooses_them() {
    let (http, through_http) = proxy(http_connect);
    let (socks, through_socks) = proxy(socks5);
    let h = format!("http://{http}");
    let s5 = format!("socks5://{socks}");
    let s5h = format!("socks5h://{socks}");
    let cases: Vec<Case> = vec![
        ("env".into(), vec![("HTTP_PROXY", &h)], "ok", 0, 0),
        ("env".into(), vec![("http_proxy", &h)], "ok", 1, 0),
        ("env".into(), vec![("HTTPS_PROXY", &h), ("https_proxy", &h)], "ok", 0, 0),
        ("env".into(), vec![("ALL_PROXY", &s5)], "ok", 0, 1),
        ("env".into(), vec![("all_proxy", &s5h)], "ok", 0, 1),
        ("env".into(), vec![("http_proxy", &h), ("ALL_PROXY", &s5)], "ok", 1, 0),
        ("env".into(), vec![("http_proxy", &h), ("NO_PROXY", "localhost,127.0.0.1")], "ok", 0, 0),
        ("env".into(), vec![("http_proxy", &h), ("no_proxy", "*")], "ok", 0, 0),
        (format!("set:{s5h}"), vec![("http_proxy", &h)], "ok", 0, 1),
        (format!("set:{http}"), vec![], "ok", 1, 0),
        ("none".into(), vec![("http_proxy", &h), ("ALL_PROXY", &s5)], "ok", 0, 0),
        ("env".into(), vec![("ALL_PROXY", "ftp://127.0.0.1:21")], "invalid_argument", 0, 0),
        ("bad:gopher://127.0.0.1:70".into(), vec![], "ok", 0, 0),
    ];
    for way in support::Run::all() {
        for (mode, env, expected, via_http, via_socks) in &cases {
            let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
            let project = mock.project_ids()[0].clone();
            let (before_http, before_socks) = (through_http.load(Ordering::SeqCst), through_socks.load(Ordering::SeqCst));
            let mut envs: Vec<(&str, &str)> = VARS.iter().map(|v| (*v, "")).collect();
            envs.retain(|(k, _)| !env.iter().any(|(e, _)| e == k));
            envs.extend(env.iter().copied());
            envs.extend([
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_API_TEST_PROJECT", &project),
            ]);
            way.program(&support::root().join("c-tests/calls/proxy.c"), &[mode, expected], &envs);
            let what = format!("{way:?} {mode} {env:?}");
            assert_eq!(through_http.load(Ordering::SeqCst) - before_http, *via_http, "{what}: HTTP proxy");
            assert_eq!(through_socks.load(Ordering::SeqCst) - before_socks, *via_socks, "{what}: SOCKS proxy");
            let sent = usize::from(*expected == "ok");
            assert_eq!(mock.requests().len(), sent, "{what}: requests at the server");
        }
    }
}
