//! C programs that make API calls, run plainly, under valgrind and ASan;
//! those that need a server get a fresh local mock for each run.
use crate::support;

use openai_api_mock::{Logged, Mock, Options, TlsOptions, DEFAULT_ADMIN_KEY};

#[test]
fn calls_without_a_server() {
    support::check_all_ways("calls_offline", &[]);
}

/// Checks every request the mock received carries the headers the issue
/// asks for; returns how many had no Authorization header.
fn check_headers(requests: &[Logged]) -> usize {
    let ua = concat!("openai_api-c/", env!("CARGO_PKG_VERSION"));
    for r in requests {
        assert_eq!(r.header("user-agent"), Some(ua), "{r:?}");
        assert_eq!(r.header("accept"), Some("application/json"), "{r:?}");
        assert!(r.header("authorization").is_none_or(|a| a.starts_with("Bearer ")), "{r:?}");
        if r.method == "POST" && !r.target.ends_with("/archive") {
            assert_eq!(r.header("content-type"), Some("application/json"), "{r:?}");
        }
        if r.method != "POST" || r.target.ends_with("/archive") {
            assert!(r.header("content-length").is_none_or(|n| n == "0"), "{r:?}");
        }
        assert!(r.header("transfer-encoding").is_none(), "{r:?}");
    }
    requests.iter().filter(|r| r.header("authorization").is_none()).count()
}

#[test]
fn every_call_against_the_mock() {
    for flavour in support::Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        let out = flavour.run(
            "calls_mock",
            &[
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_ORG_ID", "org-test"),
                ("OPENAI_PROJECT_ID", "proj_header"),
            ],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let clients: usize = stdout
            .lines()
            .find_map(|l| l.strip_prefix("clients "))
            .and_then(|n| n.parse().ok())
            .expect("the program prints its client count");
        let requests = mock.requests();
        // Only the one call made on purpose with no key at all.
        assert_eq!(check_headers(&requests), 1);
        for r in &requests {
            assert_eq!(r.header("openai-organization"), Some("org-test"), "{r:?}");
            assert_eq!(r.header("openai-project"), Some("proj_header"), "{r:?}");
        }
        let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
        for expected in [
            "/v1/organization/projects?limit=3&include_archived=true",
            "/v1/organization/projects?limit=3&include_archived=false",
            "/v1/organization/projects/a%20b",
            "/v1/organization/projects/x%2Fy",
            "/v1/organization/projects/proj%3Fx%3D1%23f",
            "/v1/organization/projects/%C3%A9%E6%97%A5%E6%9C%AC",
            "/v1/organization/projects/100%25",
            "/v1/organization/projects/a%2Bb%26c%3Dd",
            "/v1/organization/projects?limit=5&after=a%20b%26c%3Dd",
            "/v1/organization/projects?limit=1",
        ] {
            assert!(targets.contains(&expected), "{flavour:?}: no request for {expected}; got {targets:#?}");
        }
        // Keep-alive: one connection per client, however many calls.
        assert!(requests.len() > 60, "{}", requests.len());
        let trace: Vec<String> = requests.iter().map(|r| format!("{} {} {}", r.connection, r.method, r.target)).collect();
        assert!(mock.connections() <= clients, "{flavour:?}: {} connections for {clients} clients: {trace:#?}", mock.connections());
    }
}

fn tls_mock(dir: &std::path::Path, require_client_cert: bool) -> Mock {
    let tls = Some(TlsOptions { cert_dir: dir.to_path_buf(), require_client_cert, server_cert: None });
    Mock::start(Options { seed_projects: 1, tls, ..Options::recording() }).unwrap()
}

#[test]
fn https_ca_file_untrusted_insecure_and_mutual_tls() {
    let dir = std::env::temp_dir().join(format!("openai-api-tls-{}", std::process::id()));
    for require_client_cert in [false, true] {
        for way in support::Run::all() {
            let mock = tls_mock(&dir, require_client_cert);
            assert!(mock.url().starts_with("https://"));
            way.run(
                "calls_tls",
                &[
                    ("OPENAI_API_TEST_URL", mock.url()),
                    ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                    ("OPENAI_API_TEST_CERTS", dir.to_str().unwrap()),
                    ("OPENAI_API_TEST_MTLS", if require_client_cert { "1" } else { "0" }),
                ],
            );
            // One connection per client and per refused handshake; the
            // sslConfig switch makes a second; five TLS calls share one.
            let expected = if require_client_cert { 2 } else { 5 + 2 + 1 };
            assert_eq!(mock.connections(), expected, "{way:?}, client certificate required: {require_client_cert}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eight_threads_with_their_own_clients() {
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 6, ..Options::recording() }).unwrap();
        let first = mock.project_ids()[0].clone();
        way.run(
            "calls_threads",
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &first)],
        );
        assert_eq!(mock.requests().len(), 8 * 200);
        assert!(mock.connections() <= 8, "{way:?}: {} connections for 8 clients", mock.connections());
    }
}

/// The output of `examples/admin.c` the README shows.
fn readme_output() -> String {
    let readme = std::fs::read_to_string(support::root().join("README.md")).unwrap();
    let marker = "<!-- admin.c output: tests/calls/c_calls.rs compares it with what the example prints -->\n```text\n";
    let start = readme.find(marker).expect("the README's admin.c output") + marker.len();
    readme[start..start + readme[start..].find("```").unwrap()].to_string()
}

#[test]
fn the_c_example_runs_against_the_mock() {
    let src = support::root().join("examples/admin.c");
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 3, ..Options::recording() }).unwrap();
        let out = way.program(&src, &["user_bob"], &[("OPENAI_BASE_URL", mock.url()), ("OPENAI_ADMIN_KEY", DEFAULT_ADMIN_KEY)]);
        let text = String::from_utf8_lossy(&out.stdout);
        // Exactly what the README says it prints.
        assert_eq!(text, readme_output(), "{way:?}");
        assert_eq!(mock.connections(), 1, "{way:?}: one client, one connection");
    }
}

#[test]
fn keepalive_verbose_log_and_callbacks() {
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 40, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let out = way.run(
            "calls_settings",
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        let log = stderr.split("--- verbose start\n").nth(1).and_then(|s| s.split("--- verbose end").next()).expect("markers");
        // A line when each attempt starts, and one when it ends.
        let starts: Vec<&str> = log.lines().filter(|l| l.starts_with("openai_api: ") && l.ends_with("(attempt 1)")).collect();
        assert_eq!(starts.len(), 2, "{way:?}: {log}");
        assert!(starts[0].contains(&format!("GET {}/organization/projects/{project} (attempt 1)", mock.url())), "{}", starts[0]);
        let lines: Vec<&str> = log.lines().filter(|l| l.starts_with("openai_api: ") && l.contains(" -> ")).collect();
        assert_eq!(lines.len(), 2, "{way:?}: {log}");
        assert!(lines[0].contains(&format!("GET {}/organization/projects/{project} -> 200", mock.url())), "{}", lines[0]);
        assert!(lines[1].contains("/organization/projects/proj_missing -> 404"), "{}", lines[1]);
        for l in &lines {
            assert!(l.contains(" ms, request id req_"), "{l}");
        }
        assert!(!stderr.contains(DEFAULT_ADMIN_KEY), "the key leaked into stderr");
    }
}

#[test]
fn secrets_are_wiped_before_they_are_freed() {
    let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
    let project = mock.project_ids()[0].clone();
    // Plain only: the program replaces free(), as sanitizers and valgrind do.
    support::Run::Plain.run(
        "secrets",
        &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)],
    );
}

/// Makes a self-signed certificate for localhost with the usual openssl
/// one-liner (CA:TRUE, as `req -x509` makes it); returns (cert, key).
fn openssl_self_signed(dir: &std::path::Path, stem: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let (cert, key) = (dir.join(format!("{stem}.pem")), dir.join(format!("{stem}.key")));
    let mut cmd = std::process::Command::new("openssl");
    cmd.args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert);
    let out = support::output_within(&mut cmd, support::DEADLINE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::process::Command::new("openssl").args(["x509", "-noout", "-text", "-in"]).arg(&cert).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("CA:TRUE"), "the one-liner makes a CA:TRUE certificate");
    (cert, key)
}

#[test]
fn a_ca_file_holding_the_servers_own_self_signed_certificate() {
    let dir = std::env::temp_dir().join(format!("openai-api-selfsigned-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = openssl_self_signed(&dir, "server");
    let (other, _) = openssl_self_signed(&dir, "other");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let day = 86_400;
    openai_api_mock::write_self_signed(&dir, "expired", &["localhost", "127.0.0.1"], now - 10 * day, now - day).unwrap();
    openai_api_mock::write_self_signed(&dir, "elsewhere", &["gateway.internal"], now - day, now + day).unwrap();
    let file = |stem: &str| (dir.join(format!("{stem}.pem")), dir.join(format!("{stem}.key")));
    // (certificate served, CA file given, expected outcome)
    let cases = [
        ((cert.clone(), key.clone()), cert.clone(), "ok"),
        ((cert.clone(), key.clone()), other.clone(), "the server's certificate is not trusted: unknown issuer"),
        (file("expired"), file("expired").0, "the server's certificate is not trusted: it has expired"),
        (file("elsewhere"), file("elsewhere").0, "the server's certificate is not trusted: it is not valid for this host name"),
    ];
    for way in support::Run::all() {
        for (served, ca, expect) in &cases {
            let tls = TlsOptions { cert_dir: dir.join("mock"), require_client_cert: false, server_cert: Some(served.clone()) };
            let mock = Mock::start(Options { seed_projects: 1, tls: Some(tls), ..Options::recording() }).unwrap();
            way.program(
                &support::root().join("c-tests/calls/tls_self_signed.c"),
                &[ca.to_str().unwrap(), expect],
                &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
            );
            assert_eq!(mock.requests().len(), usize::from(*expect == "ok"), "{way:?} {expect}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openai_log_turns_the_log_on_as_the_sdks_read_it() {
    for (level, logs) in [("debug", true), ("Info", true), ("DEBUG", true), ("warn", false), ("", false)] {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let out = support::Run::Plain.program(
            &support::root().join("c-tests/calls/answers.c"),
            &["retrieve-project"],
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_LOG", level)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.contains("openai_api: GET "), logs, "OPENAI_LOG={level}: {stderr}");
        assert!(!stderr.contains(DEFAULT_ADMIN_KEY));
    }
}
