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
