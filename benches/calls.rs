//! Calls per second of the library beside a raw keep-alive loop, against a
//! local server that sends a fixed answer (so the server costs the same
//! for both), on loopback.
//!
//! `cargo bench --bench calls` measures five cases: a retrieve, a page of
//! 100 projects with ASCII names, one whose names are non-ASCII written as
//! `\u` escapes, a page of 100 audit-log events (the API's documented
//! ones), and an embeddings answer for 100 inputs of 1,536 dimensions
//! (printed as the API prints it), each with 4 headers and with the 17 the
//! API sends (`support::API_HEADERS`). Each case runs five
//! alternating rounds of `SECONDS`: the library
//! (`ProjectsAPI_retrieveProject`, `ProjectsAPI_listProjects`,
//! `EmbeddingsAPI_createEmbedding`: the answer parsed into C structs and
//! freed), then the raw loop (one connection: write the same request, read
//! the answer's bytes, nothing parsed).
//! On the answers of projects, the floor (`benches/floor/floor.cpp`: one
//! kept-alive socket, simdjson, the same C blocks) runs a round beside
//! each, in a child of its own, and the library's rate is given as a share
//! of the floor's too.
//! Then a stream: 100,000 chat chunks as one answer
//! (`ChatAPI_createChatCompletionStream`, each chunk parsed into its model
//! and lent to the callback) beside a raw read of the same bytes, in events
//! per second, with the most heap the library held beyond what it held
//! before the call (`mallinfo2`), per event of the stream and in all.
//! The best round of each is reported, and their ratio: on a shared machine
//! a round is only ever slowed down by others, so the best is the one
//! nearest what the code costs. The calling thread's CPU time per call
//! (CLOCK_THREAD_CPUTIME_ID) is printed too.

use openai_api::client::handle::{apiClient_create_with_base_path, apiClient_free};
use openai_api::client::structs::apiClient_t;
use openai_api::generated::calls::{
    AuditLogsAPI_listAuditLogs, ChatAPI_createChatCompletionStream, EmbeddingsAPI_createEmbedding, ProjectsAPI_listProjects,
    ProjectsAPI_retrieveProject,
};
use openai_api::generated::models::{
    create_chat_completion_request_free, create_chat_completion_request_parseFromJSON, create_chat_completion_stream_response_t,
};
use openai_api::generated::models::{
    create_embedding_request_free, create_embedding_response_free, list_audit_logs_response_free, project_free, project_list_response_free,
};
use openai_api::support::cjson::{cJSON_Delete, cJSON_Parse};
use std::ffi::CString;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

mod support;

const SECONDS: f64 = 1.0;
const ROUNDS: usize = 5;

/// CPU time this thread has used.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid timespec to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// One round: calls per second (wall clock) and the calling thread's CPU
/// time per call in microseconds.
#[derive(Clone, Copy)]
struct Rate {
    per_second: f64,
    cpu_us: f64,
}

/// Calls `f` repeatedly for `SECONDS` (after a short warm-up).
fn rate(f: &mut dyn FnMut()) -> Rate {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_millis(100) {
        f();
    }
    let (start, cpu) = (Instant::now(), thread_cpu());
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < SECONDS {
        f();
        n += 1;
    }
    let cpu_us = (thread_cpu() - cpu).as_secs_f64() * 1e6 / n as f64;
    Rate { per_second: n as f64 / start.elapsed().as_secs_f64(), cpu_us }
}

/// The whole HTTP answer the server sends for `body`: with 4 headers, or
/// (`api`) with the 17 the API sends.
fn answer(body: &str, api: bool) -> Vec<u8> {
    format!("{}{body}", support::head(body.len(), api)).into_bytes()
}

/// A server on loopback that answers every request on every connection
/// with `answer`, kept alive. Returns its address.
fn fixed_server(answer: Vec<u8>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let answer = answer.clone();
            std::thread::spawn(move || {
                s.set_nodelay(true).unwrap();
                let mut buf = vec![0u8; 64 << 10];
                let mut have = 0;
                loop {
                    // A request is its head, up to an empty line, and the
                    // body its Content-Length gives.
                    while let Some(end) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                        let whole = end + 4 + body_length(&buf[..end]);
                        if whole > have {
                            break;
                        }
                        buf.copy_within(whole..have, 0);
                        have -= whole;
                        if s.write_all(&answer).is_err() {
                            return;
                        }
                    }
                    match s.read(&mut buf[have..]) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => have += n,
                    }
                }
            });
        }
    });
    addr
}

/// The Content-Length of a request head (0 without one).
fn body_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

/// The raw loop: one kept-alive connection; a call writes the request
/// (`body` a JSON body to POST, else a GET) and reads the answer's `len`
/// bytes.
fn raw_loop(addr: std::net::SocketAddr, path: &str, body: Option<&str>, len: usize) -> impl FnMut() {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_nodelay(true).unwrap();
    let head = "Accept: application/json\r\nAuthorization: Bearer sk-admin-bench\r\n";
    let request = match body {
        None => format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{head}\r\n"),
        Some(b) => format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{head}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        ),
    }
    .into_bytes();
    let mut buf = vec![0u8; len];
    move || {
        s.write_all(&request).unwrap();
        s.read_exact(&mut buf).unwrap();
    }
}

unsafe fn client(addr: std::net::SocketAddr) -> *mut apiClient_t {
    let base = CString::new(format!("http://{addr}/v1")).unwrap();
    // SAFETY: a client from apiClient_create_with_base_path; the token is
    // a malloc'd string it frees.
    unsafe {
        let c = apiClient_create_with_base_path(base.as_ptr(), std::ptr::null_mut());
        (*c).accessToken = libc::strdup(c"sk-admin-bench".as_ptr());
        c
    }
}

/// Events in the streamed answer.
const EVENTS: usize = 100_000;

/// The streamed answer: `EVENTS` chat chunks as the API frames them
/// (chunked, a hundred events a chunk), then `[DONE]`.
fn stream_answer() -> Vec<u8> {
    let event = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word\"},\"finish_reason\":null}]}\n\n";
    let batch = event.repeat(100);
    let mut out = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..EVENTS / 100 {
        out.extend_from_slice(format!("{:x}\r\n{batch}\r\n", batch.len()).as_bytes());
    }
    let done = "data: [DONE]\n\n";
    out.extend_from_slice(format!("{:x}\r\n{done}\r\n0\r\n\r\n", done.len()).as_bytes());
    out
}

/// The heap in use (glibc's count).
fn heap_in_use() -> usize {
    // SAFETY: mallinfo2 only reads the allocator's counters.
    unsafe { libc::mallinfo2().uordblks }
}

/// What the stream's callback sees: events, and the most heap in use.
struct Seen {
    events: usize,
    most: usize,
}

unsafe extern "C" fn on_chunk(user: *mut std::ffi::c_void, chunk: *mut create_chat_completion_stream_response_t) -> std::ffi::c_int {
    // SAFETY: `user` is the `Seen` the bench passed; the chunk is lent.
    let seen = unsafe { &mut *(user as *mut Seen) };
    assert!(!chunk.is_null());
    seen.events += 1;
    if seen.events % 1000 == 0 {
        seen.most = seen.most.max(heap_in_use());
    }
    0
}

/// Events per second of the library and of the raw read, best of
/// `ROUNDS` alternating rounds (each one whole stream), and the heap the
/// library held beyond its baseline at most.
fn stream_rates() {
    let wire = stream_answer();
    let addr = fixed_server(wire.clone());
    let body = r#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"go on"}],"stream":true}"#;
    let mut raw = raw_loop(addr, "/v1/chat/completions", Some(body), wire.len());
    // SAFETY: one client and one request, used from this thread only and
    // freed at the end; `on_chunk` gets the `Seen` it expects.
    unsafe {
        let c = client(addr);
        let text = CString::new(body).unwrap();
        let json = cJSON_Parse(text.as_ptr());
        let request = create_chat_completion_request_parseFromJSON(json);
        cJSON_Delete(json);
        assert!(!request.is_null());
        let (mut lib, mut rawr, mut held) = (0f64, 0f64, 0usize);
        for _ in 0..ROUNDS {
            let before = heap_in_use();
            let mut seen = Seen { events: 0, most: before };
            let start = Instant::now();
            let r = ChatAPI_createChatCompletionStream(c, request, Some(on_chunk), &mut seen as *mut Seen as *mut _);
            let t = start.elapsed().as_secs_f64();
            assert!(r == 0 && seen.events == EVENTS, "the stream failed: {r}, {} events", seen.events);
            lib = lib.max(EVENTS as f64 / t);
            held = held.max(seen.most - before);
            let start = Instant::now();
            raw();
            rawr = rawr.max(EVENTS as f64 / start.elapsed().as_secs_f64());
        }
        create_chat_completion_request_free(request);
        apiClient_free(c);
        println!(
            "{:<44} {:>10.0} {:>10.0} {:>7.2}   {} bytes an event on the wire; heap held beyond the client's at most {held} bytes",
            format!("stream, {EVENTS} chat chunks, events/s"),
            lib,
            rawr,
            lib / rawr,
            wire.len() / EVENTS
        );
    }
}

fn main() {
    let cases: [(&str, String); 5] = [
        ("retrieveProject", support::project(7, "Project")),
        ("listProjects, 100, ASCII", support::page("Project")),
        ("listProjects, 100, \\u-escaped", support::page(support::ESCAPED_NAME)),
        ("listAuditLogs, 100 events", support::audit_page()),
        ("createEmbedding, 100 x 1,536", support::embeddings_answer()),
    ];
    println!("best of {ROUNDS} alternating rounds x {SECONDS} s, a fixed answer on loopback, with 4 headers and with the API's 17");
    let floor = support::build_floor();
    println!(
        "{:<44} {:>10} {:>10} {:>7} {:>12} {:>12} {:>10} {:>9}",
        "", "library/s", "raw/s", "ratio", "lib CPU us", "raw CPU us", "floor/s", "lib/floor"
    );
    let cases = cases.into_iter().flat_map(|(name, body)| [false, true].map(|api| (name, body.clone(), api)));
    for (name, body, api) in cases {
        let wire = answer(&body, api);
        let name = format!("{name}, {} headers", if api { 17 } else { 4 });
        let addr = fixed_server(wire.clone());
        let (retrieve, embed, audit) =
            (name.starts_with("retrieve"), name.starts_with("createEmbedding"), name.starts_with("listAuditLogs"));
        let embeddings_body = format!(r#"{{"input":{},"model":"text-embedding-3-small","encoding_format":"float"}}"#, support::texts());
        let (path, body) = match (retrieve, embed, audit) {
            (true, _, _) => ("/v1/organization/projects/proj_0007", None),
            (_, true, _) => ("/v1/embeddings", Some(embeddings_body.as_str())),
            (_, _, true) => ("/v1/organization/audit_logs?limit=100", None),
            _ => ("/v1/organization/projects?limit=100", None),
        };
        let mut raw = raw_loop(addr, path, body, wire.len());
        // SAFETY: one client, used from this thread only, freed at the end;
        // each answer is checked and freed with its own _free.
        unsafe {
            let c = client(addr);
            let pid = c"proj_0007";
            let mut limit = 100;
            let request = support::embeddings_request();
            let mut library = || {
                if embed {
                    let r = EmbeddingsAPI_createEmbedding(c, request);
                    assert!(!r.is_null() && (*(*r).data).count == 100);
                    create_embedding_response_free(r);
                } else if audit {
                    use std::ptr::null_mut as no;
                    let l = AuditLogsAPI_listAuditLogs(c, no(), no(), no(), no(), no(), no(), &mut limit, no(), no());
                    assert!(!l.is_null() && (*(*l).data).count == 100);
                    list_audit_logs_response_free(l);
                } else if retrieve {
                    let p = ProjectsAPI_retrieveProject(c, pid.as_ptr() as *mut _);
                    assert!(!p.is_null());
                    project_free(p);
                } else {
                    let l = ProjectsAPI_listProjects(c, &mut limit, std::ptr::null_mut(), std::ptr::null_mut());
                    assert!(!l.is_null() && (*(*l).data).count == 100);
                    project_list_response_free(l);
                }
            };
            // The floor (benches/floor) on the projects' answers, in a child
            // of its own, a round beside each of the others.
            let floor_kind = if retrieve {
                Some("retrieve")
            } else if name.starts_with("listProjects") {
                Some("page")
            } else {
                None
            };
            let (mut lib, mut rawr, mut floor_best) = (Vec::new(), Vec::new(), 0f64);
            for _ in 0..ROUNDS {
                lib.push(rate(&mut library));
                rawr.push(rate(&mut raw));
                if let (Some(f), Some(kind)) = (&floor, floor_kind) {
                    let out = std::process::Command::new(f)
                        .args([
                            "rate",
                            &addr.ip().to_string(),
                            &addr.port().to_string(),
                            path,
                            "sk-admin-bench",
                            kind,
                            &SECONDS.to_string(),
                        ])
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "the floor failed: {}", String::from_utf8_lossy(&out.stderr));
                    floor_best = floor_best.max(String::from_utf8_lossy(&out.stdout).trim().parse().unwrap());
                }
            }
            create_embedding_request_free(request);
            apiClient_free(c);
            let best = |v: &[Rate]| {
                v.iter().copied().fold(Rate { per_second: 0.0, cpu_us: f64::MAX }, |a, b| Rate {
                    per_second: a.per_second.max(b.per_second),
                    cpu_us: a.cpu_us.min(b.cpu_us),
                })
            };
            let (l, r) = (best(&lib), best(&rawr));
            let (f, lf) = if floor_best > 0.0 {
                (format!("{floor_best:.0}"), format!("{:.2}", l.per_second / floor_best))
            } else {
                ("-".into(), "-".into())
            };
            println!(
                "{name:<44} {:>10.0} {:>10.0} {:>7.2} {:>12.1} {:>12.1} {f:>10} {lf:>9}",
                l.per_second,
                r.per_second,
                l.per_second / r.per_second,
                l.cpu_us,
                r.cpu_us
            );
        }
    }
    stream_rates();
}
