//! An independent client checks the mock: OpenAI's official Python SDK
//! (the `openai` pinned in tests/python/requirements.txt) runs every method
//! of its admin resources against the mock (projects and the organization,
//! those it has ahead of the document too), with its strict response
//! validation (`tests/python/sdk_admin.py`). Every call must succeed except
//! the deliberate errors below, and every method must have been called.
//!
//! The SDK comes from `OPENAI_API_SDK_PYTHON` (a Python with it installed,
//! as `.ci/run` sets) or else from a virtual environment this test makes in
//! `target/sdk-venv` with pip.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// The calls that must fail, and how.
const DELIBERATE: [(&str, &str); 18] = [
    ("admin_api_keys.retrieve missing", "NotFoundError 404"),
    ("invites.create bad role", "BadRequestError 400"),
    ("invites.delete accepted", "BadRequestError 400"),
    ("users.retrieve missing", "NotFoundError 404"),
    ("certificates.create not PEM", "BadRequestError 400"),
    ("spend_limit.retrieve unset", "NotFoundError 404"),
    ("usage.completions limit 0", "BadRequestError 400"),
    ("projects.create geography and residency", "BadRequestError 400"),
    ("projects.api_keys.update expired", "BadRequestError 400"),
    ("projects.api_keys.update nothing", "BadRequestError 400"),
    ("projects.service_tier_settings.update not enabled", "BadRequestError 400"),
    ("external_keys.retrieve missing", "NotFoundError 404"),
    ("external_storage.create unknown project", "BadRequestError 400"),
    ("workload_identity_providers.federation_rules.list missing provider", "NotFoundError 404"),
    ("health.alert_rules.update stale", "ConflictError 409"),
    ("health.alert_rules.delete stale", "ConflictError 409"),
    ("health.alerts.retrieve missing", "NotFoundError 404"),
    ("projects.health.alert_rules.retrieve missing project", "NotFoundError 404"),
];

/// A Python that has the pinned SDK (made once per test process: the
/// tests that need it run on parallel threads).
fn sdk_python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON.get_or_init(make_sdk_python).clone()
}

fn make_sdk_python() -> PathBuf {
    if let Some(p) = std::env::var_os("OPENAI_API_SDK_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = support::root().join("target/sdk-venv");
    let python = venv.join("bin/python");
    let requirements = support::root().join("tests/python/requirements.txt");
    let pinned = std::fs::read_to_string(&requirements).unwrap();
    let stamp = venv.join("requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(pinned.as_str()) {
        let out = support::output_within(Command::new("python3").args(["-m", "venv"]).arg(&venv), Duration::from_secs(120));
        assert!(out.status.success(), "python3 -m venv: {}", String::from_utf8_lossy(&out.stderr));
        let out = support::output_within(
            Command::new(&python).args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"]).arg(&requirements),
            Duration::from_secs(600),
        );
        assert!(out.status.success(), "pip install -r {}: {}", requirements.display(), String::from_utf8_lossy(&out.stderr));
        std::fs::write(&stamp, pinned).unwrap();
    }
    python
}

#[test]
fn the_official_python_sdk_runs_every_admin_method_against_the_mock() {
    let python = sdk_python();
    let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
    let project = mock.project_ids()[0].clone();
    let out = support::output_within(
        Command::new(&python)
            .arg(support::root().join("tests/python/sdk_admin.py"))
            .env("OPENAI_API_TEST_URL", mock.url())
            .env("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)
            .env("OPENAI_API_TEST_PROJECT", &project),
        Duration::from_secs(300),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "sdk_admin.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let mut called = Vec::new();
    let mut unexpected = Vec::new();
    let mut methods = Vec::new();
    for line in stdout.lines() {
        if let Some(m) = line.strip_prefix("methods ") {
            methods = m.split(' ').map(String::from).collect();
            continue;
        }
        let Some((name, result)) = line.split_once('\t') else { continue };
        called.push(name.to_string());
        let expected = DELIBERATE.iter().find(|(n, _)| *n == name).map_or("ok", |(_, e)| *e);
        if result != expected {
            unexpected.push(format!("{name}: expected {expected}, got {result}"));
        }
    }
    assert!(unexpected.is_empty(), "the SDK disagrees with the mock:\n{}", unexpected.join("\n"));
    for (name, _) in DELIBERATE {
        assert!(called.iter().any(|c| c == name), "the deliberate error {name} was not tried");
    }
    // Every admin method of the SDK was called: 3.63.0 has 155.
    assert_eq!(methods.len(), 155, "the SDK's methods: {methods:?}");
    let missing: Vec<&String> = methods.iter().filter(|m| !called.iter().any(|c| c == *m || c.starts_with(&format!("{m} ")))).collect();
    assert!(missing.is_empty(), "methods of the SDK never called: {missing:?}");
}

/// The calls of `sdk_library.py` that must fail, and how.
const LIBRARY_DELIBERATE: [(&str, &str); 5] = [
    ("models.retrieve missing", "NotFoundError 404"),
    ("models.delete base model", "PermissionDeniedError 403"),
    ("embeddings.create unknown model", "NotFoundError 404"),
    ("chat.completions.create unknown model", "NotFoundError 404"),
    ("beta.assistants.retrieve deleted", "NotFoundError 404"),
];

/// The SDK's methods whose operations are the calls of the generated
/// client's other APIs the library has (`tests/python/sdk_library.py`):
/// every one runs against the mock with strict response validation (but for
/// the embeddings the SDK asks as base64, which its strict mode refuses from
/// any server), and only the deliberate errors fail.
#[test]
fn the_official_python_sdk_runs_the_other_apis_against_the_mock() {
    let mock = Mock::start(Options::recording()).unwrap();
    let out = support::output_within(
        Command::new(sdk_python())
            .arg(support::root().join("tests/python/sdk_library.py"))
            .env("OPENAI_API_TEST_URL", mock.url())
            .env("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
        Duration::from_secs(300),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "sdk_library.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let mut called = Vec::new();
    let mut methods = Vec::new();
    for line in stdout.lines() {
        if let Some(m) = line.strip_prefix("methods ") {
            methods = m.split(' ').map(String::from).collect();
            continue;
        }
        let (name, result) = line.split_once('\t').expect("name<TAB>result");
        let expected = LIBRARY_DELIBERATE.iter().find(|(n, _)| *n == name).map_or("ok", |(_, e)| *e);
        assert_eq!(result, expected, "{name}");
        called.push(name.to_string());
    }
    // One SDK method a call of the generated client's other APIs.
    assert_eq!(methods.len(), openai_api::generated::LIBRARY_CALLS.len() + openai_api::generated::LIBRARY_RAW_CALLS.len(), "{methods:?}");
    assert_eq!(methods[..4], ["embeddings.create", "models.delete", "models.list", "models.retrieve"]);
    for m in &methods {
        assert!(called.iter().any(|c| c == m), "{m} was never called: {called:?}");
    }
}

/// The SDK's methods whose operations stream (`tests/python/sdk_streams.py`):
/// chat completions (and the SDK's `chat.completions.stream`), completions,
/// and the runs' `create`, `stream`, `create_and_run`,
/// `create_and_run_stream`, `submit_tool_outputs` and
/// `submit_tool_outputs_stream`, each read to its end against the mock and
/// compared with the answer without streaming; an error event raised as
/// the SDK's `APIError`. Strict validation but for the legacy completions,
/// whose chunks the SDK's types refuse from the API too (the script says
/// why).
#[test]
fn the_official_python_sdk_streams_from_the_mock() {
    let mock = Mock::start(Options::recording()).unwrap();
    let out = support::output_within(
        Command::new(sdk_python())
            .arg(support::root().join("tests/python/sdk_streams.py"))
            .env("OPENAI_API_TEST_URL", mock.url())
            .env("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY),
        Duration::from_secs(300),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "sdk_streams.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<(&str, &str)> = stdout.lines().map(|l| l.split_once('\t').expect("name<TAB>result")).collect();
    for (name, result) in &lines {
        assert_eq!(*result, "ok", "{name}");
    }
    let names: Vec<&str> = lines.iter().map(|(n, _)| *n).collect();
    for m in [
        "chat.completions.create stream",
        "chat.completions.stream",
        "completions.create stream",
        "beta.threads.runs.create stream",
        "beta.threads.runs.stream",
        "beta.threads.create_and_run stream",
        "beta.threads.create_and_run_stream",
        "beta.threads.runs.submit_tool_outputs stream",
        "beta.threads.runs.submit_tool_outputs_stream",
        "chat.completions.create stream error",
    ] {
        assert!(names.contains(&m), "{m} did not run: {names:?}");
    }
    // Each of those went to the server as a stream.
    let streamed = mock.requests().iter().filter(|r| String::from_utf8_lossy(&r.body).contains("\"stream\":true")).count();
    assert!(streamed >= 11, "{streamed} streamed requests");
}

/// Runs `scripts/contract.py check` on a document: (success, what it printed).
fn contract_check(document: &std::path::Path) -> (bool, String) {
    let out = support::output_within(
        Command::new(sdk_python()).arg(support::root().join("scripts/contract.py")).arg("check").arg(document),
        Duration::from_secs(300),
    );
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// The contract has every operation, parameter, body member and answer
/// member of the pinned SDK: a pin moved without the contract fails here,
/// naming what the SDK has that the contract lacks.
#[test]
fn the_contract_has_everything_the_pinned_sdk_calls() {
    let (ok, text) = contract_check(&support::root().join("tests/data/admin-current.yaml"));
    assert!(ok, "the contract and the pinned SDK differ:\n{text}");
    assert!(text.contains("methods 155 operations 155 differences 0"), "{text}");
    // The check sees drift: a contract without an operation and a member.
    let mut doc = support::spec::admin_document();
    doc["paths"].as_object_mut().unwrap().remove("/organization/health/alerts/{alert_id}");
    doc["components"]["schemas"]["ProjectApiKeyUpdateRequest"]["properties"].as_object_mut().unwrap().remove("spend_limit");
    let stale = std::env::temp_dir().join(format!("openai-api-contract-{}.json", std::process::id()));
    std::fs::write(&stale, doc.to_string()).unwrap();
    let (ok, text) = contract_check(&stale);
    std::fs::remove_file(&stale).ok();
    assert!(!ok, "a stale contract passed:\n{text}");
    for wanted in [
        "health.alerts.retrieve: GET /organization/health/alerts/{} is not in the contract",
        "projects.api_keys.update (update-project-api-key): the SDK sends body member `spend_limit`, the contract lacks it",
    ] {
        assert!(text.contains(wanted), "not named: {wanted}\n{text}");
    }
    assert!(text.contains("differences 2"), "{text}");
}

/// Runs `scripts/contract.py` with the pinned SDK: (success, what it printed).
fn contract_py(args: &[&std::ffi::OsStr]) -> (bool, String) {
    let out = support::output_within(
        Command::new(sdk_python()).arg(support::root().join("scripts/contract.py")).args(args).current_dir(support::root()),
        Duration::from_secs(300),
    );
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// What the contract describes that a contract written from scratch from
/// OpenAI's document and the pinned SDK does not, each judged: the SDK's
/// types cannot say them, and the contract keeps them.
const JUDGED: [&str; 14] = [
    // An SDK model's `Optional[X] = None` is an optional member, nullable
    // or not: the writer reads it as nullable (a client that takes a null
    // the API never sends loses nothing); the contract, like the document's
    // other audit-log event members, says not nullable.
    "only in A: GET /organization/audit_logs answer.data[].external_storage.registered nullable",
    "only in A: GET /organization/audit_logs answer.data[].external_storage.removed nullable",
    // The SDK types `window_seconds` as `int`; its docstring, not its type,
    // says "Must be 300, 900, or 1800": the contract holds the values.
    "only in B: POST /organization/health/alert_rules body.condition.window_seconds = 1800",
    "only in B: POST /organization/health/alert_rules body.condition.window_seconds = 300",
    "only in B: POST /organization/health/alert_rules body.condition.window_seconds = 900",
    "only in B: POST /organization/health/alert_rules/{} body.condition.window_seconds = 1800",
    "only in B: POST /organization/health/alert_rules/{} body.condition.window_seconds = 300",
    "only in B: POST /organization/health/alert_rules/{} body.condition.window_seconds = 900",
    "only in B: POST /organization/projects/{}/health/alert_rules body.condition.window_seconds = 1800",
    "only in B: POST /organization/projects/{}/health/alert_rules body.condition.window_seconds = 300",
    "only in B: POST /organization/projects/{}/health/alert_rules body.condition.window_seconds = 900",
    "only in B: POST /organization/projects/{}/health/alert_rules/{} body.condition.window_seconds = 1800",
    "only in B: POST /organization/projects/{}/health/alert_rules/{} body.condition.window_seconds = 300",
    "only in B: POST /organization/projects/{}/health/alert_rules/{} body.condition.window_seconds = 900",
];

/// `scripts/contract.py write`, from scratch, on the committed admin part of
/// OpenAI's published document (openai/openai-openapi f85dbe2) and the
/// pinned SDK describes what the contract describes (operations, parameters,
/// members, requiredness, nullability, enum values), but for the judged
/// differences; keeping the contract's names it rewrites the contract byte
/// for byte; and from a contract that lacks an operation and a member it
/// adds them back, marked with where in the SDK they come from.
#[test]
fn the_contract_is_written_from_the_document_and_the_sdk() {
    let dir = std::env::temp_dir().join(format!("openai-api-contract-write-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let document = support::root().join("tests/data/openai-f85dbe2-admin.yaml");
    let contract = support::root().join("tests/data/admin-current.yaml");
    // The committed document is the admin part of OpenAI's, as the writer
    // takes it: taking it again changes nothing.
    let part = dir.join("part.yaml");
    let (ok, text) = contract_py(&["admin-part".as_ref(), document.as_os_str(), part.as_os_str()]);
    assert!(ok, "{text}");
    assert!(std::fs::read(&part).unwrap() == std::fs::read(&document).unwrap(), "the committed admin part is not the writer's");
    let fresh = dir.join("fresh.yaml");
    let (ok, text) = contract_py(&["write".as_ref(), document.as_os_str(), fresh.as_os_str()]);
    assert!(ok && text.contains("methods 155 operations 155 additions 67"), "{text}");
    let (ok, text) = contract_py(&["compare".as_ref(), fresh.as_os_str(), contract.as_os_str()]);
    let differences: Vec<&str> = text.lines().filter(|l| l.starts_with("only in ")).collect();
    assert_eq!(differences, JUDGED, "the written contract and the contract differ:\n{text}");
    assert!(!ok, "compare passed with differences: {text}");

    let kept = dir.join("kept.yaml");
    let (ok, text) = contract_py(&["write".as_ref(), document.as_os_str(), kept.as_os_str(), "--keep".as_ref(), contract.as_os_str()]);
    assert!(ok && text.contains("methods 155 operations 155 additions 0"), "{text}");
    assert!(std::fs::read(&kept).unwrap() == std::fs::read(&contract).unwrap(), "rewriting the contract changed it: {}", kept.display());

    // A contract behind the SDK: without the retrieval of an alert and
    // without `spend_limit` on a key's update.
    let mut doc = support::spec::admin_document();
    doc["paths"].as_object_mut().unwrap().remove("/organization/health/alerts/{alert_id}");
    doc["components"]["schemas"]["ProjectApiKeyUpdateRequest"]["properties"].as_object_mut().unwrap().remove("spend_limit");
    let stale = dir.join("stale.json");
    std::fs::write(&stale, doc.to_string()).unwrap();
    let caught_up = dir.join("caught-up.yaml");
    let (ok, text) = contract_py(&["write".as_ref(), document.as_os_str(), caught_up.as_os_str(), "--keep".as_ref(), stale.as_os_str()]);
    assert!(ok, "{text}");
    assert!(text.contains("methods 155 operations 155 additions 2"), "{text}");
    assert!(text.contains("retrieve-health-alert: operation GET /organization/health/alerts/{alert_id}"), "{text}");
    assert!(text.contains("update-project-api-key body.spend_limit: member"), "{text}");
    let (ok, text) = contract_py(&["compare".as_ref(), caught_up.as_os_str(), contract.as_os_str()]);
    assert!(ok && text.contains("differences 0"), "{text}");
    let written = support::spec::load_path(&caught_up);
    assert_eq!(
        written["paths"]["/organization/health/alerts/{alert_id}"]["get"]["x-source"],
        "openai-python 3.63.0 openai/resources/admin/organization/health/alerts.py:retrieve"
    );
    assert_eq!(
        written["components"]["schemas"]["ProjectApiKeyUpdateRequest"]["properties"]["spend_limit"]["x-source"],
        "openai-python 3.63.0 openai/types/admin/organization/projects/api_key_update_params.py:APIKeyUpdateParams"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The tests that run `make contract…` with an SDK version share its
/// scratch virtual environment: one at a time.
static MAKE_CONTRACT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The lines of the docs/generator.md sh block that starts with `first`.
fn docs_block(first: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(support::root().join("docs/generator.md")).unwrap();
    let block = doc
        .split("```sh\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.starts_with(first))
        .unwrap_or_else(|| panic!("no sh block starting with {first}"));
    block.lines().map(String::from).collect()
}

fn run_line(line: &str) -> (bool, String) {
    let out = support::output_within(Command::new("bash").arg("-ec").arg(line).current_dir(support::root()), Duration::from_secs(600));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// docs/generator.md's `make contract-check` lines, as written, from the
/// repository's root: the pinned SDK agrees with the contract, an older one
/// names what it lacks.
#[test]
fn the_contract_check_of_the_docs_runs_as_written() {
    let _one = MAKE_CONTRACT.lock().unwrap_or_else(|e| e.into_inner());
    let lines = docs_block("make contract-check");
    assert_eq!(lines, ["make contract-check", "make contract-check SDK=3.57.0"], "{lines:?}");
    let (ok, text) = run_line(&lines[0]);
    assert!(ok && text.contains("methods 155 operations 155 differences 0"), "{}: {text}", lines[0]);
    let (ok, text) = run_line(&lines[1]);
    assert!(!ok && text.contains("methods 143 operations 155 differences 17"), "{}: {text}", lines[1]);
    assert!(text.contains("create-health-alert-rule: POST /organization/health/alert_rules has no method in the SDK"), "{text}");
}

/// docs/generator.md's worked example, as written, from the repository's
/// root: the contract of SDK 3.57.0 from scratch, what 3.63.0 adds to it
/// (the 23 additions the docs list), and the project's own command, which
/// finds the contract current and leaves it as it is.
#[test]
fn the_worked_example_of_the_docs_runs_as_written() {
    let _one = MAKE_CONTRACT.lock().unwrap_or_else(|e| e.into_inner());
    let lines = docs_block("make contract SDK=3.57.0");
    assert_eq!(
        lines,
        [
            "make contract SDK=3.57.0 OUT=target/contract-3.57.0.yaml KEEP=",
            "make contract SDK=3.63.0 OUT=target/contract-3.63.0.yaml KEEP=target/contract-3.57.0.yaml",
            "make contract",
            "git diff --exit-code tests/data/admin-current.yaml",
        ],
        "{lines:?}"
    );
    let (ok, text) = run_line(&lines[0]);
    assert!(ok && text.contains("methods 143 operations 143 additions 46"), "{}: {text}", lines[0]);
    let (ok, text) = run_line(&lines[1]);
    assert!(ok && text.contains("methods 155 operations 155 additions 23"), "{}: {text}", lines[1]);
    // What the docs say 3.63.0 brings.
    let doc = std::fs::read_to_string(support::root().join("docs/generator.md")).unwrap();
    for added in text.lines().filter(|l| l.contains(": ") && !l.starts_with("target/") && !l.starts_with("methods ")) {
        assert!(doc.contains(added), "the docs do not list: {added}");
    }
    let (ok, text) = run_line(&lines[2]);
    assert!(ok && text.contains("methods 155 operations 155 additions 0"), "{}: {text}", lines[2]);
    let (ok, text) = run_line(&lines[3]);
    assert!(ok, "{}: {text}", lines[3]);
}
