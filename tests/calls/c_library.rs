//! The generated client's APIs beyond the administration ones
//! (`library::LIBRARY_APIS` of the generator), through the drop-in calls
//! against the stateful mock (`c-tests/calls/library.c`,
//! `c-tests/calls/assistants.c`): success and
//! errors of each call; plainly, under valgrind and with ASan/UBSan. Every
//! operation of those APIs reaches the server.
use crate::support;

use openai_api::generated::{LIBRARY_CALLS, LIBRARY_RAW_CALLS};
use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::Run;

#[test]
fn the_other_apis_against_the_mock() {
    for way in Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)];
        let parts = ["models", "embeddings", "keys", "chat", "completions", "moderations", "realtime", "batches", "finetuning"];
        way.program(&support::root().join("c-tests/calls/library.c"), &parts, &envs);
        way.program(&support::root().join("c-tests/calls/assistants.c"), &["assistants", "threads", "runs", "stores"], &envs);
        way.program(
            &support::root().join("c-tests/calls/media.c"),
            &["files", "uploads", "audio", "images", "downloads", "bigupload"],
            &envs,
        );
        let requests = mock.requests();
        multipart_on_the_wire(&requests, way);
        let sent: Vec<String> = requests.iter().map(|r| format!("{} {}", r.method, r.target)).collect();
        let doc = support::spec::library_document();
        let ops = support::spec::operations(&doc);
        assert_eq!(ops.len(), LIBRARY_CALLS.len() + LIBRARY_RAW_CALLS.len());
        for (path, method, op) in &ops {
            if !is_raw(op) {
                call_of(op);
            }
            assert!(support::spec::reached(&sent, path, method), "{way:?}: {} {path} was never called", method.to_uppercase());
        }
    }
}

/// The file media.c uploads (a NUL, a CR/LF and a non-ASCII filename) as
/// the server received it, byte for byte: its parts in the form's order,
/// the file's name escaped, its bytes as they were, one boundary, the one
/// the content type names.
fn multipart_on_the_wire(requests: &[openai_api_mock::Logged], way: Run) {
    let upload = requests
        .iter()
        .find(|r| r.method == "POST" && r.target == "/v1/files" && r.body.windows(9).any(|w| w == b"d\xc3\xa9j\xc3\xa0 vu"))
        .unwrap_or_else(|| panic!("{way:?}: the file was never sent"));
    let ct = upload.header("content-type").expect("a content type");
    let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap_or_else(|| panic!("{ct}"));
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d\u{e9}j\u{e0} vu%0D%0A%22.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(b"{\"a\":1}\r\n{\"b\":\"x\0y\"}\n");
    expected.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--{boundary}--\r\n").as_bytes(),
    );
    assert_eq!(String::from_utf8_lossy(&upload.body), String::from_utf8_lossy(&expected), "{way:?}");
    assert_eq!(upload.body, expected, "{way:?}");
    assert_eq!(upload.header("content-length"), Some(expected.len().to_string().as_str()), "{way:?}");
}

/// Whether an operation's answer is bytes, not a model (a file's content,
/// speech): `c-tests/calls/media.c` reads those.
fn is_raw(op: &serde_json::Value) -> bool {
    LIBRARY_RAW_CALLS.iter().any(|id| op["operationId"] == *id)
}

/// The library's call of an operation of the current document (its
/// operationId and the model its answer parses into).
fn call_of(op: &serde_json::Value) -> &'static (&'static str, &'static openai_api::wire::model::ModelDef) {
    LIBRARY_CALLS.iter().find(|(id, _)| op["operationId"] == *id).unwrap_or_else(|| panic!("{} has no call", op["operationId"]))
}

/// OpenAI's documented example answers of an operation of the current
/// document (in its `x-oaiMeta`): each with its label, the operationId
/// and, when the operation has several, the example's title.
fn documented(op: &serde_json::Value) -> Vec<(String, String)> {
    let id = op["operationId"].as_str().unwrap_or_default();
    let examples = &op["x-oaiMeta"]["examples"];
    match examples.as_array() {
        Some(list) => list
            .iter()
            .filter_map(|e| Some((format!("{id} ({})", e["title"].as_str().unwrap_or("?")), e["response"].as_str()?.to_string())))
            .collect(),
        None => examples["response"].as_str().map(|r| vec![(id.to_string(), r.to_string())]).unwrap_or_default(),
    }
}

/// The documented answers of those operations that are not JSON as the
/// document gives them, and why; `true` when a minimal repair reads the
/// rest (`openai_api_mock::examples::repaired`, as the mock does: a line
/// that stands for elided numbers or items dropped, trailing commas
/// removed, bare keys quoted, Python's `None` as `null`). The others are
/// refused as given by the drop-in calls, which read one JSON answer, with a
/// clear message: event streams (`stream: true`: those of chat and runs are
/// read as streams by `c_streams::the_documented_streams_read_through_their_calls`)
/// and a chunk missing a comma.
const NOT_JSON: [(&str, &str, bool); 31] = [
    ("cancelBatch", "a trailing comma ends `metadata`", true),
    ("cancelVectorStoreFileBatch", "a trailing comma ends `file_counts`", true),
    ("completeUpload", "a trailing comma ends its file", true),
    ("createBatch", "a trailing comma ends `metadata`", true),
    ("createChatCompletion (Streaming)", "an event stream of chunks", false),
    ("createCompletion (Streaming)", "a chunk of a stream, with no comma after `model`", false),
    ("createEmbedding", "`.... (1536 floats total for ada-002)` stands for the rest of the vector, which then ends with a comma", true),
    ("createFile", "a trailing comma ends the file", true),
    ("createFineTuningJob (Default)", "a trailing comma ends `hyperparameters`", true),
    ("createFineTuningJob (Validation file)", "a trailing comma ends `hyperparameters`", true),
    ("createFineTuningJob (W&B Integration)", "Python's `None` for null, and trailing commas", true),
    ("createImage (Streaming)", "an event stream of partial images", false),
    ("createImageEdit (Streaming)", "an event stream of partial images", false),
    ("createRun (Streaming with Functions)", "an event stream of run events", false),
    ("createRun (Streaming)", "an event stream of run events", false),
    ("createThreadAndRun (Streaming with Functions)", "an event stream of run events", false),
    ("createThreadAndRun (Streaming)", "an event stream of run events", false),
    ("createTranscription (Segment timestamps)", "`...` stands for more segments, which then end with a comma", true),
    ("createTranscription (Streaming)", "an event stream of transcript deltas", false),
    ("createTranscription (Word timestamps)", "`...` stands for more words, which then end with a comma", true),
    ("createVectorStoreFileBatch", "a trailing comma ends `file_counts`", true),
    ("deleteVectorStore", "its keys are not quoted (JavaScript, not JSON)", true),
    ("deleteVectorStoreFile", "its keys are not quoted (JavaScript, not JSON)", true),
    ("getVectorStoreFileBatch", "a trailing comma ends `file_counts`", true),
    ("listBatches", "a trailing comma ends each batch's `metadata`", true),
    ("listFiles", "a trailing comma ends each file", true),
    ("listModels", "a trailing comma ends the list of models", true),
    ("listPaginatedFineTuningJobs", "`{ ... }` stands for more jobs, and trailing commas end `hyperparameters`", true),
    ("retrieveBatch", "a trailing comma ends `metadata`", true),
    ("retrieveFile", "a trailing comma ends the file", true),
    ("submitToolOuputsToRun (Streaming)", "an event stream of run events", false),
];

/// Every documented answer of those APIs' operations, served and read
/// through its C call (`c-tests/calls/answers.c`), comes back whole,
/// plainly, under valgrind and with ASan/UBSan; those `NOT_JSON` lists are
/// read repaired, or refused as given with a clear message.
#[test]
fn every_documented_answer_of_the_other_apis_reads_whole() {
    let doc = support::spec::library_document();
    let mut answers_of: Vec<(&str, String, String)> = Vec::new();
    for (_, _, op) in support::spec::operations(&doc).iter().filter(|(_, _, op)| !is_raw(op)) {
        let id = call_of(op).0;
        let examples = documented(op);
        assert!(!examples.is_empty(), "{id} has no documented answer");
        answers_of.extend(examples.into_iter().map(|(label, text)| (id, label, text)));
    }
    let documented = answers_of;
    assert!(documented.len() >= 85, "{} documented answers", documented.len());
    let mut not_json: Vec<&str> =
        documented.iter().filter(|(_, _, t)| serde_json::from_str::<serde_json::Value>(t).is_err()).map(|(_, l, _)| l.as_str()).collect();
    not_json.sort();
    assert_eq!(not_json, NOT_JSON.map(|(label, _, _)| label));
    let mended = |label: &str| NOT_JSON.iter().find(|(l, _, _)| *l == label).is_none_or(|(_, _, repairable)| *repairable);
    let answers: Vec<(&str, String)> =
        documented.iter().filter(|(_, l, _)| mended(l)).map(|(id, _, t)| (*id, openai_api_mock::examples::repaired(t))).collect();
    for way in Run::all() {
        support::answers::check_read_whole("answers.c", way, &answers);
    }
    let refused: Vec<(&str, String)> = documented.iter().filter(|(_, l, _)| !mended(l)).map(|(id, _, t)| (*id, t.clone())).collect();
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
    for (_, _, op) in support::spec::operations(&doc).into_iter().filter(|(_, _, op)| !is_raw(op)) {
        let (id, def) = call_of(&op);
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        for _ in 0..300 {
            let body = support::answers::generate(&doc, schema, &mut rng, 0).to_string();
            support::answers::parses_both_ways(def, &body, id);
        }
    }
}
