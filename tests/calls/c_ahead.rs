//! What OpenAI's official SDK has ahead of the public document (the
//! operations and members `admin-current.yaml` marks `x-source`), through
//! the C calls against the stateful mock (`c-tests/calls/ahead.c`): external keys
//! and storage validated by the mock's rule and then by the verdict the
//! test sets, workload identity providers and their federation rules,
//! usage decisions, costs by line item, project API keys that expire and
//! are updated, spend limits on keys and who a spend limit notifies,
//! health alert rules at their versions and the alerts they raise (the
//! test makes each rule raise one between two runs), service tiers,
//! residencies and geography; success, 404
//! and 400 of each, every walker across pages; plainly, under valgrind and
//! with ASan/UBSan. Every `x-source` operation reaches the server.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

#[test]
fn what_the_sdk_has_ahead_of_the_document_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)];
        let src = support::root().join("c-tests/calls/ahead.c");
        let out = way.program(&src, &["org"], &envs);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line =
            stdout.lines().find_map(|l| l.strip_prefix("verdict ")).unwrap_or_else(|| panic!("{way:?}: no verdict line in\n{stdout}"));
        let (key, storage) = line.split_once(' ').unwrap();
        mock.set_verdict("external_keys", key, "invalid").unwrap();
        mock.set_verdict("external_storage", storage, "degraded").unwrap();
        way.program(&src, &["verdicts", key, storage], &envs);
        let before = mock.requests().len();
        way.program(&src, &["project"], &envs);
        // `null` on the wire: a key's limit removed, a spend limit's channel reset.
        let bodies: Vec<String> = mock.requests()[before..].iter().map(|r| String::from_utf8_lossy(&r.body).into_owned()).collect();
        for wanted in [r#"{"spend_limit":null}"#, r#""notification_channel":null"#] {
            assert!(bodies.iter().any(|b| b.contains(wanted)), "{way:?}: no request sent {wanted}: {bodies:?}");
        }
        let out = way.program(&src, &["health"], &envs);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line = stdout.lines().find_map(|l| l.strip_prefix("rules ")).unwrap_or_else(|| panic!("{way:?}: no rules line in\n{stdout}"));
        let (org_rule, project_rule) = line.split_once(' ').unwrap();
        let org_alert = mock.trigger_health_alert(org_rule, "triggered").unwrap();
        let project_alert = mock.trigger_health_alert(project_rule, "resolved").unwrap();
        let ids = [org_alert["id"].as_str().unwrap(), project_alert["id"].as_str().unwrap(), org_rule, project_rule];
        way.program(&src, &["alerts", ids[0], ids[1], ids[2], ids[3]], &envs);
        let sent: Vec<String> = mock.requests().iter().map(|r| format!("{} {}", r.method, r.target)).collect();
        let doc = support::spec::admin_document();
        let ahead: Vec<_> = support::spec::operations(&doc).into_iter().filter(|(_, _, op)| !op["x-source"].is_null()).collect();
        assert_eq!(ahead.len(), 36);
        for (path, method, _) in &ahead {
            assert!(support::spec::reached(&sent, path, method), "{way:?}: {} {path} was never called", method.to_uppercase());
        }
        for wanted in [
            "group_by%5B%5D=api_source&group_by%5B%5D=service_tier",
            "line_items%5B%5D=gpt-4o%2C%20input",
            "purpose=psp_decryption",
            "expected_version=2",
        ] {
            assert!(sent.iter().any(|s| s.contains(wanted)), "{way:?}: no request with {wanted} in {sent:?}");
        }
    }
}
