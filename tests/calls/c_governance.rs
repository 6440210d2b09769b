//! The 37 calls the live API added, against the stateful mock
//! (`c-tests/calls/governance.c`): success, 404, 400 and every list's walker,
//! plainly, under valgrind and with ASan/UBSan.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};

#[test]
fn the_newer_calls_against_the_mock() {
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        way.run(
            "governance",
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)],
        );
        // Every one of the 37 operations reached the server.
        let requests = mock.requests();
        for (method, tail) in [
            ("GET", "/certificates"),
            ("POST", "/certificates/activate"),
            ("POST", "/certificates/deactivate"),
            ("GET", "/data_retention"),
            ("POST", "/data_retention"),
            ("GET", "/groups"),
            ("POST", "/groups"),
            ("GET", "/groups/group_eng?group_type=group"),
            ("DELETE", "/groups/group_support"),
            ("GET", "/hosted_tool_permissions"),
            ("POST", "/hosted_tool_permissions"),
            ("GET", "/model_permissions"),
            ("POST", "/model_permissions"),
            ("DELETE", "/model_permissions"),
            ("POST", "/api_keys"),
            ("GET", "/spend_alerts?limit=2"),
            ("POST", "/spend_alerts"),
            ("DELETE", "/spend_limit"),
            ("POST", "/spend_limit"),
            ("GET", "/spend_limit"),
            ("GET", "/roles?limit=1"),
            ("POST", "/roles"),
            ("GET", "/groups/group_support/roles"),
            ("GET", "/users/user_alice/roles"),
        ] {
            assert!(
                requests.iter().any(|r| r.method == method && r.target.ends_with(tail)),
                "{way:?}: no {method} ...{tail} in {:?}",
                requests.iter().map(|r| format!("{} {}", r.method, r.target)).collect::<Vec<_>>()
            );
        }
        assert!(requests.iter().all(|r| r.header("user-agent").is_some()));
    }
}
