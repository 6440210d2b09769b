//! Auto-pagination (`ProjectsAPI_forEach*`) against the mock, three ways.
use crate::support;

use openai_api_mock::{Fault, Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

/// A mock with 8 projects (the last archived); the first has users alice,
/// bob and carol, two service accounts and three API keys.
fn mock() -> (Mock, String, String) {
    let mock = Mock::start(Options { seed_projects: 8, ..Options::recording() }).unwrap();
    let ids = mock.project_ids();
    let (first, last) = (ids[0].clone(), ids[7].clone());
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(true).build().into();
    let auth = format!("Bearer {DEFAULT_ADMIN_KEY}");
    let post = |path: &str, body: &str| {
        agent.post(&format!("{}{path}", mock.url())).header("Authorization", &auth).content_type("application/json").send(body).unwrap();
    };
    for user in ["user_bob", "user_carol"] {
        post(&format!("/organization/projects/{first}/users"), &format!(r#"{{"user_id":"{user}","role":"member"}}"#));
    }
    for name in ["ci", "deploy"] {
        post(&format!("/organization/projects/{first}/service_accounts"), &format!(r#"{{"name":"{name}"}}"#));
    }
    post(&format!("/organization/projects/{last}/archive"), "");
    let empty = ids[1].clone();
    (mock, first, empty)
}

fn targets(m: &Mock, skip: usize) -> Vec<String> {
    m.requests().into_iter().skip(skip).map(|r| r.target).collect()
}

#[test]
fn every_list_is_walked_page_by_page() {
    for way in Run::all() {
        let (mock, project, empty) = mock();
        let before = mock.requests().len();
        way.program(
            &support::root().join("c-tests/calls/paging.c"),
            &["walks"],
            &[
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_API_TEST_PROJECT", &project),
                ("OPENAI_API_TEST_EMPTY", &empty),
            ],
        );
        let t = targets(&mock, before);
        let shape: Vec<String> = t.iter().take(9).map(|x| x.split("&after=proj_").next().unwrap().to_string()).collect();
        let after = |x: &String| x.contains("&after=proj_");
        assert_eq!(
            shape,
            [
                // 7 active projects, 3 a page: 3 requests, each after the previous page's last id.
                "/v1/organization/projects?limit=3",
                "/v1/organization/projects?limit=3",
                "/v1/organization/projects?limit=3",
                // With the archived one: 8 projects, 3 requests.
                "/v1/organization/projects?limit=3&include_archived=true",
                "/v1/organization/projects?limit=3",
                "/v1/organization/projects?limit=3",
                // Stopped by the visitor at the 4th: 2 requests.
                "/v1/organization/projects?limit=3",
                "/v1/organization/projects?limit=3",
                // No limit: the server's page size of 20 holds all 7.
                "/v1/organization/projects",
            ],
            "{t:#?}"
        );
        assert!(!after(&t[0]) && after(&t[1]) && after(&t[2]) && !after(&t[3]) && after(&t[4]) && !after(&t[6]) && after(&t[7]));
        let count = |part: &str| t.iter().filter(|x| x.contains(part)).count();
        // 3 users at 1 a page: the third page says has_more false.
        assert_eq!(count(&format!("/{project}/users")), 3, "{t:#?}");
        assert_eq!(count(&format!("/{project}/rate_limits")), 3);
        assert_eq!(count(&format!("/{empty}/service_accounts")), 1, "an empty first page is one request");
    }
}

#[test]
fn an_error_on_page_3_stops_the_walk() {
    for way in Run::all() {
        let (mock, project, empty) = mock();
        let before = mock.requests().len();
        let e500 = Fault::status(500, &[], r#"{"error":{"message":"page three failed","type":"server_error","param":null,"code":null}}"#);
        mock.inject([Fault::Pass, Fault::Pass, e500]);
        way.program(
            &support::root().join("c-tests/calls/paging.c"),
            &["error"],
            &[
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_API_TEST_PROJECT", &project),
                ("OPENAI_API_TEST_EMPTY", &empty),
            ],
        );
        assert_eq!(targets(&mock, before).len(), 3, "no request after the failed page");
    }
}

#[test]
fn a_list_whose_cursors_loop_stops_the_walk() {
    let page = |id: &str| {
        format!(
            r#"{{"object":"list","data":[{{"id":"{id}","object":"organization.project","name":"{id}","created_at":1}}],"first_id":"{id}","last_id":"{id}","has_more":true}}"#
        )
    };
    for way in Run::all() {
        let (mock, project, empty) = mock();
        let before = mock.requests().len();
        mock.inject([page("proj_a"), page("proj_b"), page("proj_a")].iter().map(|b| Fault::status(200, &[], b)));
        way.program(
            &support::root().join("c-tests/calls/paging.c"),
            &["cycle"],
            &[
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_API_TEST_PROJECT", &project),
                ("OPENAI_API_TEST_EMPTY", &empty),
            ],
        );
        assert_eq!(targets(&mock, before).len(), 3, "no request after the page that looped");
    }
}

/// The `Ex` walkers take their list's whole parameter list: a removed
/// user's keys walked with `owner_project_access=inactive`, a walk resumed
/// from the cursor it handed back.
#[test]
fn ex_walkers_take_the_whole_parameter_list() {
    for way in Run::all() {
        let (mock, project, empty) = mock();
        let before = mock.requests().len();
        way.program(
            &support::root().join("c-tests/calls/paging.c"),
            &["ex"],
            &[
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_API_TEST_PROJECT", &project),
                ("OPENAI_API_TEST_EMPTY", &empty),
            ],
        );
        let t = targets(&mock, before);
        let keys = format!("/v1/organization/projects/{project}/api_keys?limit=1");
        assert!(t.contains(&format!("{keys}&owner_project_access=inactive")), "{way:?}: {t:?}");
        // The resumed walk starts after the first key (alice's comes first).
        assert!(t.iter().any(|x| x.starts_with(&format!("{keys}&after=")) && x.ends_with("&owner_project_access=any")), "{way:?}: {t:?}");
        assert!(t.iter().any(|x| x.contains("include_archived=true")), "{way:?}: {t:?}");
    }
}

/// A token-paged list (health alert rules, the SDK's `SyncTokenPage`) is
/// followed by its `next` even across a page with no data, as the SDK
/// follows it: the second request asks for `page=<next>`.
#[test]
fn a_token_list_is_followed_across_an_empty_page() {
    let rule = r#"{"object":"health.alert_rule","id":"alertrule_1","organization_id":"org-1","name":"r","enabled":true,"version":1,
        "created_at":1,"updated_at":1,"condition":{"type":"error_rate","threshold":0.1,"window_seconds":300,"status_class":"all"},
        "filters":{"models":[],"observability_tags":[],"project_ids":[],"service_tiers":[]},
        "notifications":{"email":{"addresses":[],"enabled":false,"org_owners":false,"project_owners":false},"webhook":{"enabled":false}}}"#;
    for way in Run::all() {
        let (mock, project, empty) = mock();
        let before = mock.requests().len();
        let pages = [
            r#"{"object":"list","data":[],"has_more":true,"next":"tok_1"}"#.to_string(),
            format!(r#"{{"object":"list","data":[{rule}],"has_more":false,"next":null}}"#),
        ];
        mock.inject(pages.iter().map(|b| Fault::status(200, &[], b)));
        way.program(
            &support::root().join("c-tests/calls/paging.c"),
            &["token"],
            &[
                ("OPENAI_API_TEST_URL", mock.url()),
                ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
                ("OPENAI_API_TEST_PROJECT", &project),
                ("OPENAI_API_TEST_EMPTY", &empty),
            ],
        );
        assert_eq!(
            targets(&mock, before),
            ["/v1/organization/health/alert_rules", "/v1/organization/health/alert_rules?page=tok_1"],
            "{way:?}"
        );
    }
}

/// 2,000 pages, each handing out a new 16 KB cursor: the walk's memory
/// does not grow with its length (the program limits its heap to 24 MB;
/// keeping every cursor followed takes 32 MB).
#[test]
fn a_long_walk_keeps_no_cursor_it_followed() {
    let (mock, project, empty) = mock();
    let page = |i: usize, more: bool| {
        let id = format!("proj_{i:05}_{}", "c".repeat(16 << 10));
        format!(
            r#"{{"object":"list","data":[{{"id":"{id}","object":"organization.project","name":"p","created_at":1}}],"first_id":"{id}","last_id":"{id}","has_more":{more}}}"#
        )
    };
    mock.inject((0..2000).map(|i| Fault::status(200, &[], &page(i, i < 1999))));
    Run::Plain.program(
        &support::root().join("c-tests/calls/paging.c"),
        &["long_cursors"],
        &[
            ("OPENAI_API_TEST_URL", mock.url()),
            ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
            ("OPENAI_API_TEST_PROJECT", &project),
            ("OPENAI_API_TEST_EMPTY", &empty),
        ],
    );
}
