//! Kept-alive connections: reused while the server keeps them, and a
//! request on one the server closed after its last answer goes again on a
//! new connection at once, even with retries off (the check of a pooled
//! connection is folded into its next read: see src/transport/tcp.rs), over TCP and
//! over TLS (where the close comes as bytes: the server's close_notify).
//! Bodies come framed as servers frame them: by Content-Length, chunked
//! (in pieces, as a proxy streams them), or ended by the close.

use openai_api::client::errors::apiClient_errorMessage;
use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free, sslConfig_create};
use openai_api::client::settings::apiClient_setMaxRetries;
use openai_api::client::structs::sslConfig_t;
use openai_api::generated::calls::ProjectsAPI_retrieveProject;
use openai_api::generated::models::project_free;
use std::ffi::{CStr, CString};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const ANSWER: &str =
    r#"{"id":"proj_1","object":"organization.project","name":"P","created_at":1711471533,"archived_at":null,"status":"active"}"#;

/// How an answer's body is framed.
#[derive(Clone, Copy, PartialEq)]
enum Framing {
    Length,
    /// `Transfer-Encoding: chunked`, each chunk written on its own.
    Chunked,
    /// Neither: `Connection: close`, the body ends with the connection.
    ByClose,
    /// By Content-Length, after an interim `100 Continue`.
    AfterContinue,
    /// Not HTTP a client can read: two different Content-Lengths.
    TwoLengths,
    /// A head of 100 headers of 700 bytes: past the 64 KiB a head may take.
    HugeHead,
}

/// A server answering every request with a project (HTTP/1.1, kept alive:
/// no `Connection: close`, unless framed `ByClose`); with
/// `close_after_answer` it closes each connection right after its first
/// answer (under TLS with a close_notify first). Counts connections,
/// requests.
fn server(
    framing: Framing,
    close_after_answer: bool,
    tls: Option<Arc<rustls::ServerConfig>>,
) -> (String, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let scheme = if tls.is_some() { "https" } else { "http" };
    let url = format!("{scheme}://{}/v1", listener.local_addr().unwrap());
    let (connections, requests) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (c, r) = (connections.clone(), requests.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(tcp) = stream else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let r = r.clone();
            let tls = tls.clone();
            std::thread::spawn(move || match tls {
                Some(config) => {
                    let mut s = rustls::StreamOwned::new(rustls::ServerConnection::new(config).unwrap(), tcp);
                    answer(&mut s, &r, framing, close_after_answer);
                    s.conn.send_close_notify();
                    let _ = s.flush();
                }
                None => answer(&mut { tcp }, &r, framing, close_after_answer),
            });
        }
    });
    (url, connections, requests)
}

/// Answers the requests that come on `s`, or only the first.
fn answer(s: &mut (impl Read + Write), r: &AtomicUsize, framing: Framing, close_after_answer: bool) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
            match s.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        // The request's body, by its Content-Length.
        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
        let length: usize = head.lines().find_map(|l| l.strip_prefix("content-length:")).map_or(0, |v| v.trim().parse().unwrap());
        while buf.len() < end + length {
            match s.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..end + length);
        r.fetch_add(1, Ordering::SeqCst);
        let sent = match framing {
            Framing::Length | Framing::AfterContinue => {
                if framing == Framing::AfterContinue {
                    let _ = s.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
                }
                let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", ANSWER.len());
                s.write_all(head.as_bytes()).and_then(|_| s.write_all(ANSWER.as_bytes())).and_then(|_| s.flush())
            }
            Framing::Chunked => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                let mut sent = s.write_all(head.as_bytes()).and_then(|_| s.flush());
                for piece in ANSWER.as_bytes().chunks(17) {
                    let chunk = [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat();
                    sent = sent.and_then(|_| s.write_all(&chunk)).and_then(|_| s.flush());
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                sent.and_then(|_| s.write_all(b"0\r\n\r\n")).and_then(|_| s.flush())
            }
            Framing::HugeHead => {
                let filler: String = (0..100).map(|i| format!("x-filler-{i:03}: {}\r\n", "v".repeat(684))).collect();
                let head = format!("HTTP/1.1 200 OK\r\n{filler}Content-Length: {}\r\n\r\n{ANSWER}", ANSWER.len());
                s.write_all(head.as_bytes()).and_then(|_| s.flush())
            }
            Framing::TwoLengths => {
                let head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}";
                s.write_all(head.as_bytes()).and_then(|_| s.flush())
            }
            Framing::ByClose => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
                let sent = s.write_all(head.as_bytes()).and_then(|_| s.flush());
                std::thread::sleep(std::time::Duration::from_millis(5));
                let sent = sent.and_then(|_| s.write_all(ANSWER.as_bytes())).and_then(|_| s.flush());
                let _ = sent;
                return;
            }
        };
        if sent.is_err() || close_after_answer {
            return;
        }
    }
}

/// A client for `url` (trusting the CA file `ca`), retries off; freed with
/// apiClient_free.
unsafe fn client(url: &str, ca: Option<&std::path::Path>) -> *mut openai_api::client::structs::apiClient_t {
    let base = CString::new(url).unwrap();
    // SAFETY: plain constructor calls with valid C strings.
    unsafe {
        let ssl: *mut sslConfig_t = match ca {
            Some(path) => {
                let path = CString::new(path.to_str().unwrap()).unwrap();
                sslConfig_create(std::ptr::null(), std::ptr::null(), path.as_ptr(), 0)
            }
            None => std::ptr::null_mut(),
        };
        let c = apiClient_create_with_base_path(base.as_ptr(), ssl);
        (*c).accessToken = libc::strdup(c"sk-admin-test".as_ptr());
        apiClient_setMaxRetries(c, 0);
        c
    }
}

/// `n` retrieves back to back with one client, retries off: how many
/// succeeded (the first failure's message, if any).
fn retrieves(url: &str, n: usize, ca: Option<&std::path::Path>) -> (usize, Option<String>) {
    let id = CString::new("proj_1").unwrap();
    // SAFETY: a client from `client`, freed once; each answer freed with
    // its _free.
    unsafe {
        let c = client(url, ca);
        let mut ok = 0;
        let mut failure = None;
        for _ in 0..n {
            let p = ProjectsAPI_retrieveProject(c, id.as_ptr() as *mut _);
            if p.is_null() {
                failure.get_or_insert_with(|| CStr::from_ptr(apiClient_errorMessage(c)).to_string_lossy().into_owned());
            } else {
                ok += 1;
                project_free(p);
            }
        }
        apiClient_free(c);
        (ok, failure)
    }
}

/// `n` retrieves against a server framing its answers so (under TLS when
/// `tls`): what `retrieves` gives, then the requests the server read and
/// the connections it took.
fn run(framing: Framing, close_after_answer: bool, tls: bool, n: usize) -> ((usize, Option<String>), usize, usize) {
    let dir = std::env::temp_dir().join(format!("openai-api-keep-alive-{}-{n}-{}", std::process::id(), tls as u8 + 2 * framing as u8));
    let config = tls.then(|| openai_api_mock::tls::Certs::create(&dir).unwrap().server_config(false).unwrap());
    let (url, connections, requests) = server(framing, close_after_answer, config);
    let result = retrieves(&url, n, tls.then(|| dir.join("ca.pem")).as_deref());
    let _ = std::fs::remove_dir_all(&dir);
    (result, requests.load(Ordering::SeqCst), connections.load(Ordering::SeqCst))
}

#[test]
fn a_kept_alive_connection_serves_every_call() {
    assert_eq!(run(Framing::Length, false, false, 20), ((20, None), 20, 1));
}

#[test]
fn a_connection_the_server_closed_after_answering_is_replaced_at_once() {
    // Each request reached the server once, each on its own connection.
    assert_eq!(run(Framing::Length, true, false, 20), ((20, None), 20, 20));
}

#[test]
fn a_tls_connection_the_server_closed_after_answering_is_replaced_at_once() {
    assert_eq!(run(Framing::Length, true, true, 10), ((10, None), 10, 10));
}

#[test]
fn a_chunked_answer_is_read_whole_and_its_connection_kept() {
    assert_eq!(run(Framing::Chunked, false, false, 10), ((10, None), 10, 1));
}

#[test]
fn an_answer_ended_by_the_close_is_read_whole_on_a_connection_of_its_own() {
    assert_eq!(run(Framing::ByClose, false, false, 5), ((5, None), 5, 5));
}

#[test]
fn a_chunked_answer_over_tls_is_read_whole() {
    assert_eq!(run(Framing::Chunked, false, true, 5), ((5, None), 5, 1));
}

#[test]
fn a_post_that_expects_100_continue_sends_its_body_and_reads_the_answer_after_the_interim_one() {
    use openai_api::client::settings::apiClient_setHeader;
    use openai_api::generated::calls::ProjectsAPI_createProject;
    use openai_api::generated::models::{project_create_request_free, project_create_request_new};
    let (url, connections, requests) = server(Framing::AfterContinue, false, None);
    // SAFETY: a client from `client`, freed once; requests and answers
    // freed with their _free.
    unsafe {
        let c = client(&url, None);
        assert_eq!(apiClient_setHeader(c, c"Expect".as_ptr(), c"100-continue".as_ptr()), 0);
        for _ in 0..3 {
            let req = project_create_request_new(c"P".as_ptr());
            let p = ProjectsAPI_createProject(c, req);
            project_create_request_free(req);
            assert!(!p.is_null(), "{}", CStr::from_ptr(apiClient_errorMessage(c)).to_string_lossy());
            project_free(p);
        }
        apiClient_free(c);
    }
    assert_eq!(requests.load(Ordering::SeqCst), 3);
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

/// A retrieve, retries at 2, against a server framing its answer so: the
/// error message of the call, which must fail as `invalid_response` with
/// the server having read one request (never retried).
fn refused_once(framing: Framing) -> String {
    use openai_api::client::errors::apiClient_errorType;
    let (url, _, requests) = server(framing, false, None);
    let id = CString::new("proj_1").unwrap();
    // SAFETY: a client from `client`, freed once.
    let message = unsafe {
        let c = client(&url, None);
        apiClient_setMaxRetries(c, 2);
        assert!(ProjectsAPI_retrieveProject(c, id.as_ptr() as *mut _).is_null());
        assert_eq!(CStr::from_ptr(apiClient_errorType(c)).to_str().unwrap(), "invalid_response");
        let message = CStr::from_ptr(apiClient_errorMessage(c)).to_string_lossy().into_owned();
        apiClient_free(c);
        message
    };
    assert_eq!(requests.load(Ordering::SeqCst), 1, "not retried");
    message
}

#[test]
fn an_answer_that_is_not_http_fails_once_naming_what_is_wrong() {
    let message = refused_once(Framing::TwoLengths);
    assert!(message.ends_with("is not valid HTTP: it gives two different Content-Lengths"), "{message}");
}

#[test]
fn a_head_past_64_kib_fails_once_naming_its_limit() {
    let message = refused_once(Framing::HugeHead);
    assert!(message.starts_with("the answer's head is larger than 65536 bytes"), "{message}");
}

#[test]
fn a_header_value_with_a_line_break_is_refused_before_anything_is_sent() {
    use openai_api::call::invoke::apiClient_invoke;
    use openai_api::client::errors::apiClient_errorType;
    use openai_api::support::keyvalue::{keyValuePair_create, keyValuePair_free};
    use openai_api::support::list::{list_addElement, list_createList, list_freeList};
    let (url, connections, requests) = server(Framing::Length, false, None);
    // SAFETY: a client from `client`, freed once; the list and its pairs
    // are ours (strdup'd keys and values, freed with them).
    unsafe {
        let c = client(&url, None);
        for (value, sent) in [("fine", true), ("evil\r\nX-Injected: 1", false), ("tab\tok", true)] {
            let headers = list_createList();
            let pair = keyValuePair_create(libc::strdup(c"X-Team".as_ptr()), libc::strdup(CString::new(value).unwrap().as_ptr()) as *mut _);
            list_addElement(headers, pair as *mut _);
            let before = requests.load(Ordering::SeqCst);
            apiClient_invoke(
                c,
                c"/organization/projects/proj_1".as_ptr(),
                std::ptr::null_mut(),
                headers,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null(),
                0,
                c"GET".as_ptr(),
            );
            let after = requests.load(Ordering::SeqCst);
            assert_eq!(after - before, usize::from(sent), "{value:?}");
            if !sent {
                assert_eq!(CStr::from_ptr(apiClient_errorType(c)).to_str().unwrap(), "invalid_argument");
                let message = CStr::from_ptr(apiClient_errorMessage(c)).to_string_lossy().into_owned();
                assert!(message.contains("`X-Team` holds a line break") && !message.contains("Injected"), "{message}");
            }
            list_freeList(headers);
            keyValuePair_free(pair);
        }
        apiClient_free(c);
    }
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}
