//! Every documented answer of every call: the `x-example-response` of the
//! 155 operations of OpenAI's current document (`tests/data/admin-current.yaml`:
//! the 65 on a project, the 90 on the organization, 36 of them those its SDK
//! has ahead of it), served by the mock and read through its C call
//! (`c-tests/calls/answers.c`, generated), comes back whole, plainly, under
//! valgrind and with ASan/UBSan; the examples the document gives with
//! trailing commas are refused as given, with a clear message.
use crate::support;

use openai_api_mock::examples::without_trailing_commas;
use serde_json::Value;
use support::answers::{check_read_whole, through_calls};
use support::spec::{admin_document, ahead, operations};
use support::Run;

/// The program that calls each operation named on its command line.
const PROGRAM: &str = "answers.c";

/// OpenAI's documented answer of `op`; modify-project has none in the
/// document, so its stand-in is the Project schema's own example.
pub fn example(doc: &Value, op: &Value) -> String {
    match op["x-example-response"].as_str() {
        Some(e) => e.to_string(),
        None => {
            assert_eq!(op["operationId"], "modify-project", "only modify-project lacks an example");
            doc["components"]["schemas"]["Project"]["x-oaiMeta"]["example"].as_str().unwrap().to_string()
        }
    }
}

#[test]
fn every_documented_answer_reads_whole_through_its_call() {
    let doc = admin_document();
    let ops = operations(&doc);
    assert_eq!((ops.len(), ahead(&ops)), (155, 36));
    let documented: Vec<(String, String)> =
        ops.iter().map(|(_, _, op)| (op["operationId"].as_str().unwrap().to_string(), example(&doc, op))).collect();
    // The audit-log example and four certificate examples end a list with a comma.
    let refused: Vec<(&str, String)> =
        documented.iter().filter(|(_, t)| serde_json::from_str::<Value>(t).is_err()).map(|(id, t)| (id.as_str(), t.clone())).collect();
    assert_eq!(refused.len(), 7, "{:?}", refused.iter().map(|(id, _)| id).collect::<Vec<_>>());
    let answers: Vec<(&str, String)> = documented.iter().map(|(id, t)| (id.as_str(), without_trailing_commas(t))).collect();
    for way in Run::all() {
        check_read_whole(PROGRAM, way, &answers);
    }
    // As the document has them, they are refused with a clear message.
    for (op, line) in through_calls(PROGRAM, Run::Plain, &refused) {
        assert!(line.starts_with("ERROR invalid_response: invalid JSON in response at byte "), "{op}: {line}");
    }
}
