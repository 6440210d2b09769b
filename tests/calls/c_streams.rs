//! Streamed answers through the C API (`c-tests/calls/streams.c`) against
//! the mock, which streams as the API does: the `…Stream` functions, the
//! drop-in calls assembling what the API answers without streaming, the
//! faults of a stream and its time limits; plainly, under valgrind and
//! with ASan/UBSan.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

#[test]
fn streams_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)];
        way.program(&support::root().join("c-tests/calls/streams.c"), &["chat", "completions", "faults", "runs", "timing"], &envs);
        let requests = mock.requests();
        let fault = |r: &openai_api_mock::Logged| r.header("x-mock-stream-fault").map(str::to_string);
        // The stream the callback stopped is the request before the first
        // with an error fault: its connection is not used again.
        let first_error = requests.iter().position(|r| fault(r).as_deref() == Some("error-after-4")).expect("the error fault was sent");
        let stopped = &requests[first_error - 1];
        assert!(String::from_utf8_lossy(&stopped.body).contains("\"stream\":true"), "{way:?}");
        assert!(
            requests[first_error..].iter().all(|r| r.connection != stopped.connection),
            "{way:?}: the stopped stream's connection {} was used again",
            stopped.connection
        );
        // A cut stream is not sent again, though the client retries
        // failures twice: once for the …Stream call, once for the drop-in.
        let cut = requests.iter().filter(|r| fault(r).as_deref() == Some("cut-after-2")).count();
        assert_eq!(cut, 2, "{way:?}: requests of the cut streams");
    }
}

/// A server on loopback that answers one request with `n` chat chunks as
/// fast as it can (chunked, as the API frames them), then `[DONE]`.
fn event_server(n: usize) -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut length = 0;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        r.read_exact(&mut vec![0; length]).unwrap();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, s);
        w.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n").unwrap();
        let event = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n";
        let batch = event.repeat(100);
        for _ in 0..n / 100 {
            write!(w, "{:x}\r\n{batch}\r\n", batch.len()).unwrap();
        }
        let done = "data: [DONE]\n\n";
        write!(w, "{:x}\r\n{done}\r\n0\r\n\r\n", done.len()).unwrap();
        w.flush().unwrap();
    });
    format!("http://{addr}/v1")
}

/// A million events, unpaced, in flat memory (`c-tests/calls/stream_memory.c`
/// samples its own resident memory); plainly only, as the issue asks (a
/// million events under valgrind would take an hour).
#[test]
fn a_million_events_stream_in_flat_memory() {
    let url = event_server(1_000_000);
    let out = Run::Plain.program(
        &support::root().join("c-tests/calls/stream_memory.c"),
        &[],
        &[("OPENAI_API_TEST_URL", &url), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("STREAM_EVENTS", "1000000")],
    );
    eprintln!("{}", String::from_utf8_lossy(&out.stdout));
}
