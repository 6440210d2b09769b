//! Faults against the mock, one case per run of `c-tests/calls/calls_faults.c`,
//! each run plainly, under valgrind and with ASan: dead, silent, stalling and
//! trickling servers, broken bodies, retries and their waits, redirects.
use crate::support;

use openai_api_mock::{Fault, Mock, Options, DEFAULT_ADMIN_KEY};
use std::time::Duration;
use support::Run;

const ERROR_503: &str = r#"{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}"#;

fn error_502(attempt: u32) -> String {
    format!(r#"{{"error":{{"message":"bad gateway, attempt {attempt}","type":"server_error","param":null,"code":null}}}}"#)
}

/// The cases the program times: it first makes one call on another client,
/// which takes a pass-through answer queued before the case's faults.
const TIMED: [&str; 5] = ["silent", "stall_body", "trickle", "retry_after", "retry_500"];

/// Runs `case` against a fresh mock loaded with `faults`; returns the mock
/// (for its log, the warm-up request left out) and the elapsed milliseconds
/// the program measured around the case's call.
fn run_case(way: Run, case: &str, faults: Vec<Fault>) -> (Mock, u64) {
    let mock = Mock::start(Options { seed_projects: 2, ..Options::recording() }).unwrap();
    if TIMED.contains(&case) {
        mock.inject([Fault::Pass]);
    }
    mock.inject(faults);
    let out = way.program(
        &support::root().join("c-tests/calls/calls_faults.c"),
        &[case],
        &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let ms = stdout.lines().find_map(|l| l.strip_prefix("elapsed ")).and_then(|n| n.parse().ok()).expect("elapsed");
    if TIMED.contains(&case) {
        mock.forget_requests(1);
    }
    (mock, ms)
}

/// Asserts `ms` is at least `min` and below `max`: a wait too short and a
/// wait too long (a limit 1.5 times too long, a hint used only as a
/// minimum) both fail.
fn within(way: Run, what: &str, ms: u64, min: u64, max: u64) {
    eprintln!("{way:?} {what}: {ms} ms (bounds {min}..{max})");
    assert!((min..max).contains(&ms), "{way:?} {what}: {ms} ms, expected at least {min} and below {max}");
}

#[test]
fn a_refused_connection_is_retried_then_reported() {
    for way in Run::all() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/v1", closed.local_addr().unwrap());
        drop(closed);
        let out = way.program(
            &support::root().join("c-tests/calls/calls_faults.c"),
            &["refused"],
            &[("OPENAI_API_TEST_URL", &url), ("OPENAI_API_TEST_KEY", "k")],
        );
        let ms: u64 = String::from_utf8_lossy(&out.stdout).lines().find_map(|l| l.strip_prefix("elapsed ")?.parse().ok()).unwrap();
        // Two retries: at least 375 + 750 ms of backoff.
        assert!(ms >= 1125, "{way:?}: {ms} ms");
    }
}

#[test]
fn nothing_hangs_past_its_timeout() {
    for way in Run::all() {
        // A 3000 ms request limit (connect: 5000 ms): the call ends within
        // 1400 ms after it (room for valgrind on a busy machine), below 1.5
        // times the limit.
        for (case, fault) in
            [("silent", Fault::Silent), ("stall_body", Fault::StallBody), ("trickle", Fault::Trickle(Duration::from_millis(50)))]
        {
            let (_mock, ms) = run_case(way, case, vec![fault]);
            within(way, case, ms, 3000, 4400);
        }
    }
}

#[test]
fn a_host_that_does_not_answer_hits_the_connect_limit() {
    for way in Run::all() {
        let host = support::Unanswered::new();
        let url = format!("http://127.0.0.1:{}/v1", host.port);
        let out = way.program(
            &support::root().join("c-tests/calls/calls_faults.c"),
            &["connect_timeout"],
            &[("OPENAI_API_TEST_URL", &url), ("OPENAI_API_TEST_KEY", "k")],
        );
        let ms: u64 = String::from_utf8_lossy(&out.stdout).lines().find_map(|l| l.strip_prefix("elapsed ")?.parse().ok()).unwrap();
        // A 2000 ms connect limit (request: 6000 ms).
        within(way, "connect_timeout", ms, 2000, 2800);
    }
}

#[test]
fn connections_closed_early() {
    for way in Run::all() {
        run_case(way, "close_before", vec![Fault::CloseBeforeAnswer]);
        run_case(way, "close_during", vec![Fault::CloseDuringBody]);
        // With retries on, a dropped connection is retried on a new one.
        let (mock, _) = run_case(way, "close_then_ok", vec![Fault::CloseBeforeAnswer]);
        assert_eq!(mock.connections(), 2, "{way:?}");
        assert_eq!(mock.requests().len(), 1, "{way:?}");
    }
}

#[test]
fn broken_bodies_give_clear_errors() {
    let html = Fault::Answer {
        status: 200,
        headers: vec![("content-type".into(), "text/html".into())],
        body: b"<html><body>Bad gateway</body></html>".to_vec(),
    };
    let mut bad_utf8 = br#"{"id":"proj_"#.to_vec();
    bad_utf8.extend_from_slice(b"\xff\xfe");
    bad_utf8.extend_from_slice(br#"","object":"organization.project","name":"n","created_at":1,"status":"active"}"#);
    for way in Run::all() {
        run_case(way, "truncated", vec![Fault::status(200, &[], r#"{"id":"proj_1","object":"organization.pro"#)]);
        run_case(way, "wrong_shape", vec![Fault::status(200, &[], r#"{"id":5,"object":"organization.project"}"#)]);
        run_case(way, "bad_utf8", vec![Fault::Answer { status: 200, headers: vec![], body: bad_utf8.clone() }]);
        run_case(way, "html", vec![html.clone()]);
    }
}

#[test]
fn a_body_over_64_mib_fails_cleanly() {
    for way in Run::all() {
        run_case(way, "huge", vec![Fault::Huge((64 << 20) + 1024)]);
    }
}

#[test]
fn retries_follow_status_hints_and_give_up() {
    for way in Run::all() {
        // 500, 500, then the real answer: two retries with backoff
        // (0.5 s then 1 s, less up to 25 % jitter).
        let e500 = Fault::status(500, &[], r#"{"error":{"message":"boom","type":"server_error","param":null,"code":null}}"#);
        let (mock, ms) = run_case(way, "retry_500", vec![e500.clone(), e500]);
        assert_eq!(mock.requests().len(), 3, "{way:?}");
        within(way, "backoff", ms, 375 + 750, 1500 + 600);

        // 429 with retry-after-ms: that wait, not the backoff.
        let (mock, ms) = run_case(way, "retry_after", vec![Fault::status(429, &[("retry-after-ms", "1500")], ERROR_503)]);
        assert_eq!(mock.requests().len(), 2, "{way:?}");
        within(way, "retry-after-ms 1500", ms, 1500, 2100);

        // Twice 429 with retry-after-ms: 200: 400 ms in all. Were the hint
        // only a minimum over the backoff, the waits would be 1125 ms at least.
        let hint = Fault::status(429, &[("retry-after-ms", "200")], ERROR_503);
        let (mock, ms) = run_case(way, "retry_after", vec![hint.clone(), hint]);
        assert_eq!(mock.requests().len(), 3, "{way:?}");
        within(way, "retry-after-ms 200 twice", ms, 400, 1000);

        // x-should-retry: true makes even a 400 worth another attempt.
        let (mock, _) = run_case(way, "retry_500", vec![Fault::status(400, &[("x-should-retry", "true")], ERROR_503)]);
        assert_eq!(mock.requests().len(), 2, "{way:?}");

        // x-should-retry: false wins over a retryable status.
        let (mock, _) = run_case(way, "no_retry", vec![Fault::status(503, &[("x-should-retry", "false")], ERROR_503)]);
        assert_eq!(mock.requests().len(), 1, "{way:?}");

        // Three failures: the error API reports the third.
        let faults = (1..=3).map(|i| Fault::status(502, &[], &error_502(i))).collect();
        let (mock, _) = run_case(way, "retries_exhausted", faults);
        assert_eq!(mock.requests().len(), 3, "{way:?}");
    }
}

#[test]
fn redirects_are_not_followed() {
    for way in Run::all() {
        let elsewhere = Mock::start(Options::recording()).unwrap();
        let target = format!("{}/organization/projects/proj_1", elsewhere.url());
        let (mock, _) = run_case(way, "redirect", vec![Fault::status(307, &[("location", &target)], "")]);
        assert_eq!(mock.requests().len(), 1);
        assert!(elsewhere.requests().is_empty(), "the other host was contacted");
    }
}

#[test]
fn extra_headers_are_sent_and_invalid_ones_refused() {
    for way in Run::all() {
        let (mock, _) = run_case(way, "headers", vec![]);
        let r = &mock.requests()[0];
        assert_eq!(r.header("x-custom"), Some("two"));
        assert_eq!(r.header("x-gone"), None);
        assert_eq!(r.header("user-agent"), Some("admin-script/2.0"));
        assert_eq!(r.headers.iter().filter(|(k, _)| k == "user-agent" || k == "x-custom").count(), 2);
    }
}
