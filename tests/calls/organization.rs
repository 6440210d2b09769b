//! The organization part of the API (ABI.md section 9), read as the live
//! API sends it (`tests/data/admin-current.yaml`):
//! - (every documented answer of every call: `answers.rs`);
//! - answers generated from the document's schemas never give NULL, on the
//!   fast path and the cJSON path alike;
//! - what the 2.3.0 layout cannot hold is still readable: renamed members
//!   (`results`, `created_at`, `num_sessions`) fill the released ones too,
//!   a count past INT_MAX saturates with the whole value in `_64`, an
//!   audit-log entry of a type no document knows keeps its details.
use crate::support;

use openai_api::generated::ORGANIZATION_CALLS;
use openai_api::wire::model::ModelDef;
use openai_api_mock::examples::without_trailing_commas;
use serde_json::Value;
use support::answers::{covers, generate, parses_both_ways, through_calls, Rng};
use support::spec::{admin_document, ahead, organization_operations};
use support::Run;

const PROGRAM: &str = "answers.c";

/// Every organization operation's documented answer, as JSON (trailing
/// commas removed), and how many needed that.
fn documented() -> (Vec<(String, String)>, usize) {
    let doc = admin_document();
    let mut fixed = 0;
    let answers = organization_operations(&doc)
        .into_iter()
        .map(|(_, _, op)| {
            let id = op["operationId"].as_str().unwrap().to_string();
            let text = op["x-example-response"].as_str().unwrap_or_else(|| panic!("{id} has no documented answer")).to_string();
            if serde_json::from_str::<Value>(&text).is_err() {
                fixed += 1;
                (id, without_trailing_commas(&text))
            } else {
                (id, text)
            }
        })
        .collect();
    (answers, fixed)
}

/// The model each organization operation's answer parses into.
fn model_of(id: &str) -> &'static ModelDef {
    ORGANIZATION_CALLS.iter().find(|(op, _)| *op == id).unwrap_or_else(|| panic!("no call for {id}")).1
}

#[test]
fn organization_answers_generated_from_the_document_never_give_null() {
    let doc = admin_document();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let ops = organization_operations(&doc);
    assert_eq!((ops.len(), ahead(&ops)), (90, 27));
    for (_, _, op) in &ops {
        let id = op["operationId"].as_str().unwrap();
        let def = model_of(id);
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        for _ in 0..300 {
            let body = generate(&doc, schema, &mut rng, 0).to_string();
            parses_both_ways(def, &body, id);
        }
    }
}

#[test]
fn what_the_released_layout_cannot_hold_stays_readable() {
    let answers: Vec<(&str, String)> = vec![
        // A count past INT_MAX and a renamed member.
        (
            "usage-completions",
            r#"{"object":"page","data":[{"object":"bucket","start_time":1,"end_time":2,"results":[{"object":"organization.usage.completions.result","input_tokens":5000000000,"output_tokens":7,"num_model_requests":3,"project_id":"proj_a"}]}],"has_more":false,"next_page":null}"#.into(),
        ),
        // Sessions under their new name.
        (
            "usage-code-interpreter-sessions",
            r#"{"object":"page","data":[{"object":"bucket","start_time":1,"end_time":2,"results":[{"object":"organization.usage.code_interpreter_sessions.result","num_sessions":4,"project_id":null}]}],"has_more":false,"next_page":null}"#.into(),
        ),
        // A cost with a fraction.
        (
            "usage-costs",
            r#"{"object":"page","data":[{"object":"bucket","start_time":1,"end_time":2,"results":[{"object":"organization.costs.result","amount":{"value":0.0625,"currency":"usd"},"line_item":"gpt-4o, input","project_id":"proj_a"}]}],"has_more":true,"next_page":"page_2"}"#.into(),
        ),
        // An entry of a type no document has, and a known one.
        (
            "list-audit-logs",
            r#"{"object":"list","data":[{"id":"audit_log-1","type":"vault.sealed","effective_at":5,"vault.sealed":{"id":"vault_1","reason":"rotation"}},{"id":"audit_log-2","type":"project.created","effective_at":6,"project.created":{"id":"proj_a","data":{"name":"A","title":"A"}}}],"first_id":"audit_log-1","last_id":"audit_log-2","has_more":false}"#.into(),
        ),
        // An invite as the live API sends it (created_at, not invited_at).
        (
            "retrieve-invite",
            r#"{"object":"organization.invite","id":"invite-1","email":"a@example.com","role":"reader","status":"pending","created_at":1711471533,"expires_at":1712076333,"accepted_at":null}"#.into(),
        ),
    ];
    for way in Run::all() {
        let lines = through_calls("org_fields.c", way, &answers);
        let got: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            got,
            [
                "result: input_tokens=2147483647 input_tokens_64=5000000000 output_tokens=7 project_id=proj_a shared=1",
                "result: sessions=4 sessions_64=4 num_sessions=4",
                "result: amount=0.0625 usd line_item=gpt-4o, input next_page=page_2",
                "audit: type=0 type_string=vault.sealed extra={\"vault.sealed\":{\"id\":\"vault_1\",\"reason\":\"rotation\"}} | type=12 project_created.id=proj_a extra=NULL",
                "invite: invited_at=1711471533 created_at=1711471533 role=2 status=3",
            ],
            "{way:?}"
        );
        // And converted back, each is what was sent.
        for ((op, sent), (_, read)) in answers.iter().zip(through_calls(PROGRAM, way, &answers)) {
            let ours: Value = serde_json::from_str(&read).unwrap_or_else(|_| panic!("{way:?} {op}: {read}"));
            let sent: Value = serde_json::from_str(sent).unwrap();
            covers(&sent, &ours, op).unwrap_or_else(|e| panic!("{way:?} {op}: {e}\nsent {sent}\nread {ours}"));
        }
    }
}

#[test]
fn every_organization_walker_follows_its_cursor_across_pages() {
    use openai_api::generated::ORGANIZATION_WALKERS;
    use serde_json::json;
    let (documented, _) = documented();
    let mut answers: Vec<(&str, String)> = Vec::new();
    let mut expected = Vec::new();
    for (op, cursor, param) in ORGANIZATION_WALKERS {
        let text = &documented.iter().find(|(id, _)| id == op).unwrap_or_else(|| panic!("no answer for {op}")).1;
        let page: Value = serde_json::from_str(text).unwrap();
        let items = page["data"].as_array().map_or(0, Vec::len);
        assert!(items > 0, "{op}: the documented page is empty");
        // Page one says there is more, with a cursor; page two ends the list.
        let mut first = page.clone();
        first["has_more"] = json!(true);
        first[*cursor] = json!("cursor_page_1");
        let mut last = page.clone();
        last["has_more"] = json!(false);
        let handed_back = last[*cursor].as_str().unwrap_or("NULL").to_string();
        answers.push((op, first.to_string()));
        answers.push((op, last.to_string()));
        expected.push((op, format!("{} {} {handed_back}", 2 * items, 2 * items), *param));
    }
    assert_eq!(ORGANIZATION_WALKERS.len(), 28, "a walker for every organization list (22 of the document's, 6 of the SDK's)");
    for way in Run::all() {
        let mock = openai_api_mock::Mock::start(openai_api_mock::Options::recording()).unwrap();
        mock.inject(answers.iter().map(|(_, body)| openai_api_mock::Fault::status(200, &[], body)));
        let ops: Vec<&str> = ORGANIZATION_WALKERS.iter().map(|(op, _, _)| *op).collect();
        let out = way.program(
            &support::root().join("c-tests/calls/org_walkers.c"),
            &ops,
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", openai_api_mock::DEFAULT_ADMIN_KEY)],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), expected.len(), "{way:?}:\n{stdout}");
        let sent = mock.requests();
        assert_eq!(sent.len(), 2 * expected.len(), "{way:?}: two pages a walker");
        for (i, ((op, want, param), line)) in expected.iter().zip(&lines).enumerate() {
            assert_eq!(*line, format!("{op}\t{want}"), "{way:?}");
            // The second page was asked for with the first page's cursor.
            let second = &sent[2 * i + 1].target;
            assert!(second.contains(&format!("{param}=cursor_page_1")), "{way:?} {op}: {second}");
            assert!(!sent[2 * i].target.contains(&format!("{param}=")), "{way:?} {op}: {}", sent[2 * i].target);
        }
    }
}
