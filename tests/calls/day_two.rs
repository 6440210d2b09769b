//! The day-two extensions (`c-tests/calls/day_two.c`): the version agrees with
//! Cargo.toml and the soname; response headers; the log callback; one
//! warning per client that sets `curl_pre_invoke_func`.
use crate::support;

use openai_api_mock::{Fault, Mock, Options, DEFAULT_ADMIN_KEY};

const ERROR_503: &str = r#"{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}"#;

#[test]
fn version_headers_and_log_callback() {
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        // Two answers pass, one 404, one pass, then the retried call's 503.
        mock.inject([Fault::Pass, Fault::Pass, Fault::Pass, Fault::Pass, Fault::status(503, &[], ERROR_503)]);
        let out = way.run(
            "day_two",
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(&format!("version {}", env!("CARGO_PKG_VERSION"))), "{stdout}");
        // The client without a log callback warned on stderr, once.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.matches("openai_api: WARN: curl_pre_invoke_func is set but never called").count(), 1, "{way:?}: {stderr}");
    }
}

#[test]
fn the_version_agrees_with_cargo_toml_and_the_soname() {
    let header = support::declarations();
    for (name, value) in [
        ("OPENAI_API_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR").to_string()),
        ("OPENAI_API_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR").to_string()),
        ("OPENAI_API_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH").to_string()),
        ("OPENAI_API_VERSION", format!("\"{}\"", env!("CARGO_PKG_VERSION"))),
    ] {
        assert!(header.contains(&format!("#define {name} {value}\n")), "{name} is not {value} in the header");
    }
    let so = support::lib_dir().join("libopenai_api.so");
    let out = support::output_within(std::process::Command::new("readelf").arg("-d").arg(&so), support::DEADLINE);
    let dynamic = String::from_utf8_lossy(&out.stdout);
    // Before 1.0 the minor version marks ABI breaks too (CHANGELOG).
    let soversion = match env!("CARGO_PKG_VERSION_MAJOR") {
        "0" => format!("0.{}", env!("CARGO_PKG_VERSION_MINOR")),
        major => major.to_string(),
    };
    assert_eq!(soversion, env!("OPENAI_API_SOVERSION"));
    assert!(dynamic.contains(&format!("[libopenai_api.so.{soversion}]")), "{dynamic}");
}
