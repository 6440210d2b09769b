//! The document's 63 organization calls against the stateful mock
//! (`c-tests/calls/organization.c`): success, 404 and 400 of every resource,
//! every walker across pages and resumed, the invite accepted in the mock
//! between the program's two phases; plainly, under valgrind and with
//! ASan/UBSan. The wire carries arrays and objects as OpenAI's SDK sends
//! them (`group_by[]=…`, `effective_at[gte]=…`).
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

#[test]
fn the_organization_calls_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)];
        let src = support::root().join("c-tests/calls/organization.c");
        let out = way.program(&src, &["before"], &envs);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let invite = stdout.lines().find_map(|l| l.strip_prefix("invite ")).unwrap_or_else(|| panic!("{way:?}: no invite in\n{stdout}"));
        mock.accept_invite(invite).unwrap_or_else(|e| panic!("{way:?}: {e}"));
        way.program(&src, &["after", invite], &envs);
        let sent: Vec<String> = mock.requests().iter().map(|r| format!("{} {}", r.method, r.target)).collect();
        // Every organization operation of the document reached the server
        // (what the SDK has ahead of it: tests/calls/c_ahead.rs).
        let doc = support::spec::admin_document();
        for (path, method, op) in support::spec::organization_operations(&doc) {
            if op["x-source"].is_null() {
                assert!(support::spec::reached(&sent, &path, &method), "{way:?}: {} {path} was never called", method.to_uppercase());
            }
        }
        // Arrays and objects as the SDK sends them.
        for wanted in [
            "/v1/organization/usage/completions?start_time=1734825600&bucket_width=1d&group_by%5B%5D=project_id&group_by%5B%5D=model&limit=3",
            "effective_at%5Bgte%5D=1",
            "event_types%5B%5D=project.created",
            "emails%5B%5D=carol%40example.com&emails%5B%5D=dan%40example.com",
            "include%5B%5D=content",
        ] {
            assert!(sent.iter().any(|s| s.contains(wanted)), "{way:?}: no request with {wanted} in {sent:?}");
        }
    }
}

#[test]
fn the_onboarding_and_cost_report_examples_run_against_the_mock() {
    let onboarding = support::root().join("examples/onboarding.c");
    let report = support::root().join("examples/cost_report.c");
    for way in Run::all() {
        let mock = Mock::start(Options { seed_projects: 2, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let envs = [("OPENAI_BASE_URL", mock.url()), ("OPENAI_ADMIN_KEY", DEFAULT_ADMIN_KEY)];
        let out = way.program(&onboarding, &["invite", "new.hire@example.com", &project], &envs);
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let invite = text.split_whitespace().find(|w| w.starts_with("invite-")).unwrap_or_else(|| panic!("{way:?}: {text}"));
        assert!(text.starts_with("invited new.hire@example.com: invite-") && text.contains("(pending"), "{way:?}: {text}");
        mock.accept_invite(invite).unwrap();
        let out = way.program(&onboarding, &["finish", "new.hire@example.com", &project], &envs);
        let text = String::from_utf8_lossy(&out.stdout);
        for line in
            ["new.hire@example.com is user-", "(organization reader)", &format!("added to {project} as member"), "gave role Auditor (role_"]
        {
            assert!(text.contains(line), "{way:?}: no {line:?} in\n{text}");
        }
        assert!(mock
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.target.ends_with(&format!("/organization/projects/{project}/users"))));
        let out = way.program(&report, &["1735689600"], &envs);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("costs 30 days to 1735689600, by project:\n"), "{way:?}: {text}");
        for p in mock.project_ids() {
            assert!(
                text.lines().any(|l| l.trim_start().starts_with(&p) && l.contains(" USD ") && l.ends_with(" tokens")),
                "{way:?}: no row for {p}:\n{text}"
            );
        }
        // Costs a week a page: 30 days in 5 pages.
        let pages = mock.requests().iter().filter(|r| r.target.starts_with("/v1/organization/costs?")).count();
        assert_eq!(pages, 5, "{way:?}");
    }
}
