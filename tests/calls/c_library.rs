//! The generated client's APIs beyond the administration ones
//! (`library::LIBRARY_APIS` of the generator), through the drop-in calls
//! against the stateful mock (`c-tests/calls/library.c`): success and
//! errors of each call; plainly, under valgrind and with ASan/UBSan. Every
//! operation of those APIs reaches the server.
use crate::support;

use openai_api::generated::LIBRARY_CALLS;
use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

#[test]
fn the_other_apis_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)];
        way.program(&support::root().join("c-tests/calls/library.c"), &["models", "embeddings", "keys"], &envs);
        let sent: Vec<String> = mock.requests().iter().map(|r| format!("{} {}", r.method, r.target)).collect();
        let doc = support::spec::library_document();
        let ops = support::spec::operations(&doc);
        assert_eq!(ops.len(), LIBRARY_CALLS.len());
        for (path, method, op) in &ops {
            call_of(op);
            assert!(support::spec::reached(&sent, path, method), "{way:?}: {} {path} was never called", method.to_uppercase());
        }
    }
}

/// The library's call of an operation of the current document (its
/// operationId and the model its answer parses into).
fn call_of(op: &serde_json::Value) -> &'static (&'static str, &'static openai_api::wire::model::ModelDef) {
    LIBRARY_CALLS.iter().find(|(id, _)| op["operationId"] == *id).unwrap_or_else(|| panic!("{} has no call", op["operationId"]))
}

/// OpenAI's documented example answer of an operation of the current
/// document (in its `x-oaiMeta`), if it has one.
fn documented(op: &serde_json::Value) -> Option<String> {
    let examples = &op["x-oaiMeta"]["examples"];
    examples["response"].as_str().or_else(|| examples[0]["response"].as_str()).map(str::to_string)
}

/// The documented answers of those operations that are not JSON as the
/// document gives them, and why. Each is repaired minimally to read the
/// rest (`repaired`): a line that stands for elided numbers is dropped, and
/// a trailing comma removed.
const NOT_JSON: [(&str, &str); 2] = [
    ("createEmbedding", "`.... (1536 floats total for ada-002)` stands for the rest of the vector, which then ends with a comma"),
    ("listModels", "a trailing comma ends the list of models"),
];

/// A documented answer with the elisions OpenAI writes in prose (a line
/// `.... (1536 floats total …)`) dropped and trailing commas removed.
fn repaired(text: &str) -> String {
    let kept: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("....")).collect();
    support::answers::without_trailing_commas(&kept.join("\n"))
}

/// Every documented answer of those APIs' operations, served and read
/// through its C call (`c-tests/calls/answers.c`), comes back whole,
/// plainly, under valgrind and with ASan/UBSan; those `NOT_JSON` lists are
/// refused as given, with a clear message.
#[test]
fn every_documented_answer_of_the_other_apis_reads_whole() {
    let doc = support::spec::library_document();
    let documented: Vec<(&str, String)> = support::spec::operations(&doc)
        .iter()
        .map(|(_, _, op)| {
            let id = call_of(op).0;
            (id, documented(op).unwrap_or_else(|| panic!("{id} has no documented answer")))
        })
        .collect();
    assert_eq!(documented.len(), LIBRARY_CALLS.len());
    let refused: Vec<(&str, String)> =
        documented.iter().filter(|(_, t)| serde_json::from_str::<serde_json::Value>(t).is_err()).cloned().collect();
    assert_eq!(refused.iter().map(|(id, _)| *id).collect::<Vec<_>>(), NOT_JSON.map(|(id, _)| id));
    let answers: Vec<(&str, String)> = documented.iter().map(|(id, t)| (*id, repaired(t))).collect();
    for way in Run::all() {
        support::answers::check_read_whole("answers.c", way, &answers);
    }
    for (op, line) in support::answers::through_calls("answers.c", Run::Plain, &refused) {
        assert!(line.starts_with("ERROR invalid_response: invalid JSON in response at byte "), "{op}: {line}");
    }
}

/// Answers generated from the current document's schemas of those
/// operations parse into their models, on the fast path and the cJSON path
/// alike, never NULL.
#[test]
fn answers_of_the_other_apis_generated_from_the_document_never_give_null() {
    let doc = support::spec::library_document();
    let mut rng = support::answers::Rng(0x9e37_79b9_7f4a_7c15);
    for (_, _, op) in support::spec::operations(&doc) {
        let (id, def) = call_of(&op);
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        for _ in 0..300 {
            let body = support::answers::generate(&doc, schema, &mut rng, 0).to_string();
            support::answers::parses_both_ways(def, &body, id);
        }
    }
}
