//! What the library believes of memory it did not make (c-tests/models/trust.c),
//! three ways, with the wire read back from the mock.
use crate::support;

use openai_api_mock::{Logged, Mock, Options, DEFAULT_ADMIN_KEY};

/// The members a request of the seed layout can carry, by the path it goes to.
fn seed_members(target: &str) -> &'static [&'static str] {
    let parts: Vec<&str> = target.trim_start_matches("/v1/organization/projects").split('/').filter(|s| !s.is_empty()).collect();
    match parts.as_slice() {
        [] | [_] => &["name"],
        [_, "users"] => &["user_id", "role"],
        [_, "users", _] => &["role"],
        [_, "service_accounts"] => &["name"],
        _ => panic!("unexpected request {target}"),
    }
}

fn keys(r: &Logged) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{r:?}: body is not JSON: {e}"));
    v.as_object().unwrap_or_else(|| panic!("{r:?}: not an object")).keys().cloned().collect()
}

#[test]
fn program_memory_is_read_within_its_seed_layout_and_clients_are_the_programs_own() {
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 2, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let out = way.run(
            "trust",
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)],
        );
        let requests = mock.requests();
        let posts: Vec<&Logged> = requests.iter().filter(|r| r.method == "POST").collect();
        // 4 values of _library_owned x stack and heap x 5 requests, and the
        // library-made one.
        assert_eq!(posts.len(), 8 * 5 + 1, "{way:?}: {:#?}", posts.iter().map(|r| &r.target).collect::<Vec<_>>());
        let mut extended = 0;
        for r in &posts {
            let body = String::from_utf8_lossy(&r.body);
            if body.contains("trust library") {
                assert_eq!(keys(r), ["name", "residency"], "{way:?}: the library's request keeps its private member");
                extended += 1;
                continue;
            }
            for k in keys(r) {
                assert!(
                    seed_members(&r.target).contains(&k.as_str()),
                    "{way:?}: {} sent `{k}` from a program-built request: {body}",
                    r.target
                );
            }
        }
        assert_eq!(extended, 1);

        // Clients the program allocated: no connection outlives a call, and
        // the second stack client did not inherit the first one's header.
        let by = |tag: &str| requests.iter().filter(|r| r.header("x-trust-client") == Some(tag)).collect::<Vec<_>>();
        let (first, second, calloced) = (by("first"), by("second"), by("calloc"));
        assert_eq!((first.len(), second.len(), calloced.len()), (3, 3, 1), "{way:?}");
        assert!(first.iter().all(|r| r.header("x-trust-setting") == Some("first")), "{way:?}");
        assert!(second.iter().all(|r| r.header("x-trust-setting").is_none()), "{way:?}: the second client inherited a setting");
        let mut conns: Vec<usize> = first.iter().chain(&second).chain(&calloced).map(|r| r.connection).collect();
        conns.sort_unstable();
        conns.dedup();
        assert_eq!(conns.len(), 7, "{way:?}: a program-allocated client kept a connection between calls");

        // The refused calls sent nothing: A's call, the progress callback's
        // refused one and B's are one request; B's call after A is another.
        let retrieves =
            requests.iter().filter(|r| r.method == "GET" && r.target.ends_with(&project) && r.header("x-trust-client").is_none());
        assert_eq!(retrieves.count(), 2, "{way:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let warnings = stderr.lines().filter(|l| l.contains("openai_api: WARN: another call is running on this client")).count();
        assert_eq!(warnings, 3, "{way:?}: one WARN line per refused call\n{stderr}");
        assert!(stderr.contains("project_create_request_free() NOT FREEING"), "{way:?}");
    }
}

/// Runs one case of `c-tests/models/trust_calls.c` against a fresh mock loaded
/// with `faults`; returns the mock for its log.
fn trust_case(way: support::Run, case: &str, faults: Vec<openai_api_mock::Fault>) -> Mock {
    let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
    mock.inject(faults);
    way.program(
        &support::root().join("c-tests/models/trust_calls.c"),
        &[case],
        &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
    );
    mock
}

#[test]
fn an_empty_or_unsendable_key_is_refused_before_sending() {
    for way in support::Run::all() {
        for case in ["empty_key", "bad_token"] {
            let mock = trust_case(way, case, vec![]);
            assert_eq!(mock.requests().len(), 0, "{way:?} {case}: sent (or retried) a request");
        }
    }
}

#[test]
fn base_urls_with_a_bad_port_userinfo_query_or_fragment_are_refused() {
    for way in support::Run::all() {
        let mock = trust_case(way, "base_urls", vec![]);
        assert_eq!(mock.requests().len(), 0, "{way:?}");
    }
}

#[test]
fn a_success_is_never_retried_whatever_its_headers() {
    let body = r#"{"id":"proj_once","object":"organization.project","name":"once","created_at":1,"status":"active"}"#;
    for way in support::Run::all() {
        let fault = openai_api_mock::Fault::status(200, &[("x-should-retry", "true")], body);
        let mock = trust_case(way, "success_says_retry", vec![fault]);
        assert_eq!(mock.requests().len(), 1, "{way:?}: a 200 was sent again");
    }
}

#[test]
fn headers_the_library_owns_are_refused() {
    for way in support::Run::all() {
        let mock = trust_case(way, "headers", vec![]);
        let requests = mock.requests();
        assert_eq!(requests.len(), 1, "{way:?}: only the last call is sent");
        assert_eq!(requests[0].header("x-allowed"), Some("yes"));
        assert!(requests[0].header("content-length").is_none_or(|n| n == "0"), "{:?}", requests[0]);
    }
}

#[test]
fn error_text_is_one_bounded_line_without_the_key() {
    let message = format!("line one\r\nline two: you sent {DEFAULT_ADMIN_KEY}, and sk-svcacct-0123456789 exists");
    let body = serde_json::json!({"error": {"message": message, "type": "bad\u{0}type", "param": null, "code": null}}).to_string();
    for way in support::Run::all() {
        let fault = openai_api_mock::Fault::status(400, &[], &body);
        let mock = trust_case(way, "error_text", vec![fault]);
        assert_eq!(mock.requests().len(), 2, "{way:?}");
    }
}

fn number(out: &std::process::Output, key: &str) -> i64 {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().find_map(|l| l.strip_prefix(key)).and_then(|n| n.trim().parse().ok()).unwrap_or_else(|| panic!("no {key} in {text}"))
}

fn memory_case(case: &str, faults: Vec<openai_api_mock::Fault>) -> std::process::Output {
    let mock = Mock::start(Options::recording()).unwrap();
    mock.inject(faults);
    support::Run::Plain.program(
        &support::root().join("c-tests/models/memory.c"),
        &[case],
        &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
    )
}

fn project_json(id: &str, name: &str) -> String {
    format!(r#"{{"id":"{id}","object":"organization.project","name":"{name}","created_at":1,"status":"active"}}"#)
}

#[test]
fn a_hostile_answer_fails_within_eight_times_its_size() {
    // 32 MiB of `{}` items (11 million empty structs). The bound is a
    // ratio to the answer's size, so a smaller answer tests it as well as
    // one near the 64 MiB body cap did, in half the work (a debug
    // build parsing 60 MiB on a loaded machine could pass the program's
    // 60 s deadline).
    let mut body = String::from(r#"{"object":"list","data":["#);
    let items = (32 << 20) / 3;
    body.reserve(items * 3 + 64);
    for i in 0..items {
        body.push_str(if i == 0 { "{}" } else { ",{}" });
    }
    body.push_str(r#"],"first_id":null,"last_id":null,"has_more":false}"#);
    let size = body.len() as i64;
    let out = memory_case("hostile", vec![openai_api_mock::Fault::status(200, &[], &body)]);
    let peak = number(&out, "maxrss_kib ") * 1024;
    eprintln!("peak RSS {} MiB for a {} MiB answer", peak >> 20, size >> 20);
    assert!(peak < 8 * size, "peak RSS {peak} bytes for an answer of {size} bytes");
}

#[test]
fn a_client_keeps_at_most_one_mib_between_calls() {
    let big = "x".repeat(8 << 20);
    let error = serde_json::json!({"error": {"message": big, "type": "invalid_request_error", "param": null, "code": null}}).to_string();
    let faults = vec![
        openai_api_mock::Fault::status(200, &[], &project_json("proj_small", "small")),
        openai_api_mock::Fault::status(400, &[], &error),
        openai_api_mock::Fault::status(200, &[], &project_json("proj_big", &big)),
    ];
    let kept = number(&memory_case("kept", faults), "kept_bytes ");
    eprintln!("kept {kept} bytes after two 8 MiB answers");
    assert!(kept <= 1 << 20, "the client kept {kept} bytes after two 8 MiB answers");
}

#[test]
fn response_headers_are_replaced_not_accumulated() {
    let out = memory_case("headers", vec![openai_api_mock::Fault::status(200, &[], &project_json("proj_small", "small"))]);
    let kept = number(&out, "kept_bytes ");
    assert!(kept < 64 << 10, "200,000 header reads kept {kept} bytes");
}

#[test]
fn a_struct_released_with_plain_free_never_makes_a_later_one_read_past_itself() {
    for way in support::Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        // Valgrind hands freed blocks out again at once too.
        let out = way.program(
            &support::root().join("c-tests/models/stale.c"),
            &[],
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("VALGRIND_OPTS", "--freelist-vol=0")],
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("reused yes"), "{way:?}");
        let requests = mock.requests();
        assert_eq!(requests.len(), 1, "{way:?}");
        // Nothing read from past the program's struct: the name it set, and
        // at most the library's own record of the released request.
        let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
        assert_eq!(body["name"], "new", "{way:?}");
        for (k, v) in body.as_object().unwrap() {
            assert!(k == "name" || (k == "residency" && v == "EU_STORAGE_PROCESSING"), "{way:?}: {k} = {v}");
        }
    }
}
