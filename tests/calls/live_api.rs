//! The live API, as OpenAI's current document describes it
//! (the project part of `tests/data/admin-current.yaml`, a copy of OpenAI's
//! document with the operations its SDK has ahead of it):
//! - (every documented answer of every call: `answers.rs`);
//! - the live variants (null names and status, unknown and custom roles, a
//!   service account's key owner, an empty page with null cursors, `api_key`
//!   null) read the same way;
//! - answers generated from the document's schemas (random presence, nulls,
//!   enum and free-form strings, unknown keys) never give NULL, on the fast
//!   path and on the cJSON path alike;
//! - the stateful mock with the new request fields and filters, and the ids
//!   that must never be sent (`c-tests/calls/live_api.c`).
use crate::support;

use openai_api::generated::models::every_model;
use openai_api::generated::models::*;
use openai_api::wire::model::{CModel, ModelDef};
use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use serde_json::Value;
use support::answers::{covers, generate, parses_both_ways, through_calls, Rng};
use support::Run;

/// The 19 operations of the seed, with the model each answer parses into.
const SEED_OPERATIONS: [(&str, &ModelDef); 19] = [
    ("list-projects", &project_list_response_t::DEF),
    ("create-project", &project_t::DEF),
    ("retrieve-project", &project_t::DEF),
    ("modify-project", &project_t::DEF),
    ("archive-project", &project_t::DEF),
    ("list-project-api-keys", &project_api_key_list_response_t::DEF),
    ("retrieve-project-api-key", &project_api_key_t::DEF),
    ("delete-project-api-key", &project_api_key_delete_response_t::DEF),
    ("list-project-rate-limits", &project_rate_limit_list_response_t::DEF),
    ("update-project-rate-limits", &project_rate_limit_t::DEF),
    ("list-project-service-accounts", &project_service_account_list_response_t::DEF),
    ("create-project-service-account", &project_service_account_create_response_t::DEF),
    ("retrieve-project-service-account", &project_service_account_t::DEF),
    ("delete-project-service-account", &project_service_account_delete_response_t::DEF),
    ("list-project-users", &project_user_list_response_t::DEF),
    ("create-project-user", &project_user_t::DEF),
    ("retrieve-project-user", &project_user_t::DEF),
    ("modify-project-user", &project_user_t::DEF),
    ("delete-project-user", &project_user_delete_response_t::DEF),
];

use support::spec::{document, operation};

#[test]
fn live_variants_read_whole_through_their_calls() {
    let answers: Vec<(&str, String)> = vec![
        // Null name and status, an external key and a residency.
        (
            "retrieve-project",
            r#"{"id":"proj_a","object":"organization.project","name":null,"created_at":1711471533,"archived_at":null,"status":null,"external_key_id":"ekm_1","residency":"EU_STORAGE_PROCESSING"}"#.into(),
        ),
        // A status the seed does not know.
        ("retrieve-project", r#"{"id":"proj_b","object":"organization.project","name":"B","created_at":1,"status":"suspended"}"#.into()),
        // Users: null name and email; a custom role; a role the enum lacks.
        (
            "list-project-users",
            r#"{"object":"list","data":[{"object":"organization.project.user","id":"user_sso","name":null,"email":null,"role":"member","added_at":5},{"object":"organization.project.user","id":"user_c","name":"C","email":"c@example.com","role":"auditor","added_at":6}],"first_id":"user_sso","last_id":"user_c","has_more":true}"#.into(),
        ),
        ("modify-project-user", r#"{"object":"organization.project.user","id":"user_d","role":"billing_viewer","added_at":7}"#.into()),
        // A key owned by a service account, never used.
        (
            "retrieve-project-api-key",
            r#"{"object":"organization.project.api_key","redacted_value":"sk-svc...wxyz","name":"Secret Key","created_at":1711471533,"last_used_at":null,"id":"key_svc","owner_project_access":"inactive","owner":{"type":"service_account","service_account":{"id":"svc_acct_1","name":"deployer","role":"none","created_at":1711471530}}}"#.into(),
        ),
        // An empty page with null cursors.
        ("list-project-api-keys", r#"{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}"#.into()),
        // A service account made with create_service_account_only.
        (
            "create-project-service-account",
            r#"{"object":"organization.project.service_account","id":"svc_acct_2","name":"bare","role":"none","created_at":1711471535,"api_key":null}"#.into(),
        ),
        ("list-project-service-accounts", r#"{"object":"list","data":[{"object":"organization.project.service_account","id":"svc_acct_2","name":"bare","role":"none","created_at":1711471535}],"first_id":"svc_acct_2","last_id":"svc_acct_2","has_more":false}"#.into()),
        // A user list whose `object` is free text in the document.
        ("list-project-users", r#"{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false,"next_cursor":null}"#.into()),
        // A rate limit with a field the seed does not have.
        ("update-project-rate-limits", r#"{"object":"project.rate_limit","id":"rl-x","model":"x","max_requests_per_1_minute":1,"max_tokens_per_1_minute":2,"max_requests_per_1_hour":3}"#.into()),
    ];
    // The rate limit's unknown key is ignored: compare without it.
    let expected: Vec<(&str, String)> = answers
        .iter()
        .map(|(op, body)| (*op, body.replace(r#","max_requests_per_1_hour":3"#, "").replace(r#","next_cursor":null"#, "")))
        .collect();
    for way in Run::all() {
        let lines = through_calls("answers.c", way, &answers);
        for ((op, sent), (_, read)) in expected.iter().zip(lines) {
            let ours: Value = serde_json::from_str(&read).unwrap_or_else(|_| panic!("{way:?} {op}: {read}"));
            let sent: Value = serde_json::from_str(sent).unwrap();
            covers(&sent, &ours, op).unwrap_or_else(|e| panic!("{way:?} {op}: {e}\nsent {sent}\nread {ours}"));
        }
    }
}

#[test]
fn an_answer_that_is_not_the_resource_names_the_field() {
    let answers = vec![
        (
            "list-projects",
            r#"{"object":"list","data":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d","created_at":"yesterday"}],"has_more":false}"#
                .to_string(),
        ),
        ("retrieve-project-api-key", r#"{"id":"k","owner":{"type":"user","user":{"id":"u","role":["owner"]}}}"#.to_string()),
        ("list-project-users", r#"{"object":"list","data":[{"id":"u"},7],"has_more":false}"#.to_string()),
        ("retrieve-project", r#"[{"id":"proj_abc"}]"#.to_string()),
    ];
    let lines = through_calls("answers.c", Run::Plain, &answers);
    let messages: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        messages,
        [
            "ERROR invalid_response: project_list_response.data[3].created_at: expected a number, got a string",
            "ERROR invalid_response: project_api_key.owner.user.role: expected a string, got an array",
            "ERROR invalid_response: project_user_list_response.data[1]: expected an object, got a number",
            "ERROR invalid_response: project: expected an object, got an array",
        ]
    );
}

/// The schema of the 200 answer of `op`.
fn answer_schema<'a>(doc: &'a Value, op: &str) -> &'a Value {
    &operation(doc, op)["responses"]["200"]["content"]["application/json"]["schema"]
}

/// Every operation with the model its answer parses into: the seed's 19
/// and the 40 newer ones (their models found by the generator's naming).
fn all_operations(doc: &Value) -> Vec<(String, &'static ModelDef)> {
    let mut out: Vec<(String, &'static ModelDef)> = SEED_OPERATIONS.iter().map(|(op, def)| (op.to_string(), *def)).collect();
    for (_, _, op) in support::spec::operations(doc) {
        let id = op["operationId"].as_str().unwrap();
        if SEED_OPERATIONS.iter().any(|(s, _)| *s == id) {
            continue;
        }
        let schema = answer_schema(doc, id)["$ref"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        let name = format!("{}_t", support::spec::snake(&schema));
        let def = every_model().find(|d| d.name == name).unwrap_or_else(|| panic!("{id}: no model {name}"));
        out.push((id.to_string(), def));
    }
    out
}

#[test]
fn answers_generated_from_the_document_never_give_null() {
    let doc = document();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    let operations = all_operations(&doc);
    assert_eq!(operations.len(), 65);
    for (op, def) in operations {
        let op = op.as_str();
        let schema = answer_schema(&doc, op);
        for _ in 0..400 {
            let body = generate(&doc, schema, &mut rng, 0).to_string();
            parses_both_ways(def, &body, op);
            checked += 1;
        }
    }
    assert_eq!(checked, 65 * 400);
}

#[test]
fn new_fields_filters_and_refused_ids_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let first = mock.project_ids()[0].clone();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &first)];
        way.program(&support::root().join("c-tests/calls/live_api.c"), &["fields"], &envs);
        let targets: Vec<String> = mock.requests().iter().map(|r| r.target.clone()).collect();
        for filter in ["active", "inactive", "any"] {
            let q = format!("/api_keys?owner_project_access={filter}");
            assert!(targets.iter().any(|t| t.ends_with(&q)), "{way:?}: no request ends with {q}: {targets:?}");
        }
        // Refused ids: nothing at all is sent.
        let before = mock.requests().len();
        way.program(&support::root().join("c-tests/calls/live_api.c"), &["ids"], &envs);
        assert_eq!(mock.requests().len(), before, "{way:?}: a refused id reached the server");
    }
}

#[test]
fn every_id_position_of_every_call_is_encoded_on_the_wire() {
    // `x/y?z#w %` as every path id in turn, and as cursors.
    let e = "x%2Fy%3Fz%23w%20%25";
    let p = "/v1/organization/projects";
    let expected: Vec<String> = [
        format!("GET {p}/{e}"),
        format!("POST {p}/{e}"),
        format!("POST {p}/{e}/archive"),
        format!("GET {p}/{e}/users"),
        format!("POST {p}/{e}/users"),
        format!("GET {p}/{e}/users/u"),
        format!("GET {p}/p/users/{e}"),
        format!("POST {p}/{e}/users/u"),
        format!("POST {p}/p/users/{e}"),
        format!("DELETE {p}/{e}/users/u"),
        format!("DELETE {p}/p/users/{e}"),
        format!("GET {p}/{e}/service_accounts"),
        format!("POST {p}/{e}/service_accounts"),
        format!("GET {p}/{e}/service_accounts/s"),
        format!("GET {p}/p/service_accounts/{e}"),
        format!("DELETE {p}/{e}/service_accounts/s"),
        format!("DELETE {p}/p/service_accounts/{e}"),
        format!("GET {p}/{e}/api_keys"),
        format!("GET {p}/{e}/api_keys?after={e}&owner_project_access=any"),
        format!("GET {p}/{e}/api_keys/k"),
        format!("GET {p}/p/api_keys/{e}"),
        format!("DELETE {p}/{e}/api_keys/k"),
        format!("DELETE {p}/p/api_keys/{e}"),
        format!("GET {p}/{e}/rate_limits?after={e}&before={e}"),
        format!("POST {p}/{e}/rate_limits/r"),
        format!("POST {p}/p/rate_limits/{e}"),
        format!("GET {p}?after={e}"),
    ]
    .into();
    for way in Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", "p")];
        way.program(&support::root().join("c-tests/calls/live_api.c"), &["encode"], &envs);
        let sent: Vec<String> = mock.requests().iter().map(|r| format!("{} {}", r.method, r.target)).collect();
        assert_eq!(sent, expected, "{way:?}");
    }
}
