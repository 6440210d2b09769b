//! Work the API does over time: batches (`/v1/batches`), fine-tuning jobs
//! (`/v1/fine_tuning/jobs`) and vector stores' file batches. Each moves one
//! stage on each time it is read (a batch `validating` → `in_progress` →
//! `finalizing` → `completed`; a job `queued` → `validating_files` →
//! `running` → `succeeded`, with its events, checkpoints and fine-tuned
//! model), so a program that polls sees it progress; a cancel stops it.

use crate::error::{Answer, ApiError};
use crate::paging::page;
use crate::plain;
use crate::query::QVal;
use crate::spec::Spec;
use crate::state::{plain as shown, State};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

type Q = BTreeMap<String, QVal>;

/// The object of `id` in a collection, or a 404 naming `what`.
fn get(st: &State, key: &'static str, parents: &[String], id: &str, what: &str) -> Result<Value, ApiError> {
    st.find(key, parents, id).cloned().ok_or_else(|| ApiError::not_found(what, id))
}

/// The next stage of `stages` after `status` (the last stays).
fn next<'a>(stages: &[&'a str], status: &str) -> Option<&'a str> {
    let at = stages.iter().position(|s| *s == status)?;
    stages.get(at + 1).copied()
}

const BATCH: [&str; 4] = ["validating", "in_progress", "finalizing", "completed"];
const ENDPOINTS: [&str; 5] = ["/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations"];

pub fn create_batch(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let endpoint = b.get("endpoint").and_then(Value::as_str).unwrap_or_default();
    if !ENDPOINTS.contains(&endpoint) {
        return Err(ApiError::invalid(Some("endpoint"), format!("Invalid 'endpoint': '{endpoint}'.")));
    }
    // Its input is a file of the organization's.
    let input = b.get("input_file_id").and_then(Value::as_str).unwrap_or_default();
    if st.find(spec.op("listFiles").collection, &[], input).is_none() {
        return Err(ApiError::invalid(Some("input_file_id"), format!("Invalid 'input_file_id': no file '{input}'.")));
    }
    if b.get("completion_window").and_then(Value::as_str) != Some("24h") {
        return Err(ApiError::invalid(Some("completion_window"), "Invalid 'completion_window': only '24h' is supported."));
    }
    let op = spec.op("createBatch");
    let mut v = plain::create(spec, st, op, &[], b);
    let now = st.now();
    v["status"] = json!("validating");
    v["created_at"] = json!(now);
    v["expires_at"] = json!(now + 86_400);
    for k in [
        "in_progress_at",
        "finalizing_at",
        "completed_at",
        "failed_at",
        "expired_at",
        "cancelling_at",
        "cancelled_at",
        "output_file_id",
        "error_file_id",
        "errors",
    ] {
        v[k] = Value::Null;
    }
    v["request_counts"] = json!({"total": 0, "completed": 0, "failed": 0});
    v["metadata"] = b.get("metadata").cloned().unwrap_or(Value::Null);
    st.replace(op.collection, &[], &v);
    Ok(shown(&v))
}

/// The answer to one request of a batch's input file, as the endpoint
/// itself would give it.
fn run_one(st: &mut State, url: &str, body: &Map<String, Value>) -> Answer {
    match url {
        "/v1/chat/completions" => crate::text::chat(st, body),
        "/v1/completions" => crate::text::completion(st, body),
        "/v1/embeddings" => crate::embeddings::create(body),
        "/v1/moderations" => crate::text::moderation(st, body),
        other => Err(ApiError::invalid(Some("url"), format!("The batch endpoint '{other}' is not served by the mock."))),
    }
}

/// Runs every request of a batch's input file (JSONL: `custom_id`,
/// `method`, `url`, `body`): its output file holds an answer a line, its
/// error file the lines that failed.
fn finish_batch(spec: &Spec, st: &mut State, v: &mut Value) {
    let input = v["input_file_id"].as_str().unwrap_or_default().to_string();
    let bytes = crate::files::content(spec, st, &input).map(|r| crate::files::raw_bytes(&r)).unwrap_or_default();
    let (mut out, mut errors, mut done, mut failed) = (String::new(), String::new(), 0, 0);
    for line in String::from_utf8_lossy(&bytes).lines().filter(|l| !l.trim().is_empty()) {
        let req: Value = serde_json::from_str(line).unwrap_or(Value::Null);
        let custom_id = req["custom_id"].clone();
        let id = st.next_id("batch_req_");
        let answer = run_one(st, req["url"].as_str().unwrap_or_default(), req["body"].as_object().unwrap_or(&Map::new()));
        let request_id = st.next_id("req_");
        match answer {
            Ok(body) => {
                done += 1;
                let line = json!({"id": id, "custom_id": custom_id, "response": {"status_code": 200, "request_id": request_id, "body": body}, "error": null});
                out.push_str(&format!("{line}\n"));
            }
            Err(e) => {
                failed += 1;
                let line = json!({"id": id, "custom_id": custom_id, "response": {"status_code": e.status, "request_id": request_id, "body": e.body()}, "error": null});
                errors.push_str(&format!("{line}\n"));
            }
        }
    }
    let name = format!("{}_output.jsonl", v["id"].as_str().unwrap_or_default());
    v["output_file_id"] = crate::files::keep_file(spec, st, out.as_bytes(), &name, "batch_output")["id"].clone();
    if !errors.is_empty() {
        let name = format!("{}_error.jsonl", v["id"].as_str().unwrap_or_default());
        v["error_file_id"] = crate::files::keep_file(spec, st, errors.as_bytes(), &name, "batch_output")["id"].clone();
    }
    v["request_counts"] = json!({"total": done + failed, "completed": done, "failed": failed});
}

/// A batch moves one stage on each time it is read; completed, it has run
/// its input file's requests.
fn advance_batch(spec: &Spec, st: &mut State, v: &mut Value) {
    let Some(to) = next(&BATCH, v["status"].as_str().unwrap_or_default()) else { return };
    let now = st.tick();
    v["status"] = json!(to);
    v[format!("{to}_at")] = json!(now);
    if to == "completed" {
        finish_batch(spec, st, v);
    }
}

pub fn retrieve_batch(spec: &Spec, st: &mut State, id: &str) -> Answer {
    let key = spec.op("listBatches").collection;
    let mut v = get(st, key, &[], id, "batch")?;
    advance_batch(spec, st, &mut v);
    st.replace(key, &[], &v);
    Ok(shown(&v))
}

pub fn cancel_batch(spec: &Spec, st: &mut State, id: &str) -> Answer {
    let key = spec.op("listBatches").collection;
    let mut v = get(st, key, &[], id, "batch")?;
    let status = v["status"].as_str().unwrap_or_default().to_string();
    if !["validating", "in_progress", "finalizing"].contains(&status.as_str()) {
        return Err(ApiError::invalid(None, format!("Cannot cancel a batch with status '{status}'.")));
    }
    let now = st.tick();
    v["status"] = json!("cancelling");
    v["cancelling_at"] = json!(now);
    st.replace(key, &[], &v);
    let shown_now = shown(&v);
    // The next read finds it cancelled.
    v["status"] = json!("cancelled");
    v["cancelled_at"] = json!(now + 1);
    st.replace(key, &[], &v);
    Ok(shown_now)
}

const JOB: [&str; 4] = ["queued", "validating_files", "running", "succeeded"];

/// A job's event, newest first in its list.
fn event(st: &mut State, job: &mut Value, message: &str) {
    let now = st.now();
    let id = st.next_id("ftevent-");
    let mut events = job["_events"].as_array().cloned().unwrap_or_default();
    events.insert(0, json!({"object": "fine_tuning.job.event", "id": id, "created_at": now, "level": "info", "message": message, "data": {}, "type": "message"}));
    job["_events"] = Value::Array(events);
}

pub fn create_job(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let model = b.get("model").and_then(Value::as_str).unwrap_or_default();
    if !["gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06", "gpt-4o-mini", "gpt-3.5-turbo", "babbage-002", "davinci-002"].contains(&model) {
        return Err(ApiError::invalid(Some("model"), format!("Model {model} is not available for fine-tuning or does not exist.")));
    }
    let op = spec.op("createFineTuningJob");
    let mut v = plain::create(spec, st, op, &[], b);
    v["status"] = json!("queued");
    v["fine_tuned_model"] = Value::Null;
    v["finished_at"] = Value::Null;
    v["trained_tokens"] = Value::Null;
    v["error"] = Value::Null;
    v["result_files"] = json!([]);
    v["metadata"] = b.get("metadata").cloned().unwrap_or(Value::Null);
    v["seed"] = b.get("seed").cloned().unwrap_or(json!(42));
    v["_suffix"] = b.get("suffix").cloned().unwrap_or(Value::Null);
    let auto = json!({"batch_size": "auto", "learning_rate_multiplier": "auto", "n_epochs": "auto"});
    v["hyperparameters"] = b.get("hyperparameters").cloned().unwrap_or_else(|| auto.clone());
    v["method"] = b.get("method").cloned().unwrap_or_else(|| json!({"type": "supervised", "supervised": {"hyperparameters": auto}}));
    v["integrations"] = b.get("integrations").cloned().unwrap_or(Value::Null);
    let said = format!("Created fine-tuning job: {}", v["id"].as_str().unwrap_or_default());
    event(st, &mut v, &said);
    st.replace(op.collection, &[], &v);
    Ok(shown(&v))
}

/// A job moves one stage on each time it is read; it ends with a model.
fn advance_job(st: &mut State, v: &mut Value) {
    let Some(to) = next(&JOB, v["status"].as_str().unwrap_or_default()) else { return };
    st.tick();
    v["status"] = json!(to);
    match to {
        "validating_files" => event(st, v, "Validating training file"),
        "running" => event(st, v, "Fine-tuning job started"),
        _ => {
            let suffix = v["_suffix"].as_str().unwrap_or_default().to_string();
            let id = v["id"].as_str().unwrap_or_default().trim_start_matches("ftjob-").to_string();
            let model = format!("ft:{}:org-abc:{suffix}:{id}", v["model"].as_str().unwrap_or_default());
            let now = st.now();
            v["fine_tuned_model"] = json!(model);
            v["finished_at"] = json!(now);
            v["trained_tokens"] = json!(5_000);
            v["result_files"] = json!([st.next_id("file-")]);
            let mut checkpoints = Vec::new();
            for step in [1000, 2000] {
                checkpoints.insert(
                    0,
                    json!({
                        "object": "fine_tuning.job.checkpoint",
                        "id": st.next_id("ftckpt_"),
                        "created_at": now,
                        "fine_tuned_model_checkpoint": format!("{model}:ckpt-step-{step}"),
                        "metrics": {"step": step, "train_loss": 0.5, "train_mean_token_accuracy": 0.9},
                        "fine_tuning_job_id": v["id"],
                        "step_number": step,
                    }),
                );
            }
            v["_checkpoints"] = Value::Array(checkpoints);
            event(st, v, &format!("New fine-tuned model created: {model}"));
            event(st, v, "The job has successfully completed");
            st.push("models", &[], json!({"id": model, "object": "model", "created": now, "owned_by": "org-abc"}));
        }
    }
}

/// A job, one stage further on.
fn job(spec: &Spec, st: &mut State, id: &str, advance: bool) -> Result<Value, ApiError> {
    let key = spec.op("listPaginatedFineTuningJobs").collection;
    let mut v = get(st, key, &[], id, "fine-tuning job")?;
    if advance {
        advance_job(st, &mut v);
        st.replace(key, &[], &v);
    }
    Ok(v)
}

pub fn retrieve_job(spec: &Spec, st: &mut State, id: &str) -> Answer {
    job(spec, st, id, true).map(|v| shown(&v))
}

pub fn cancel_job(spec: &Spec, st: &mut State, id: &str) -> Answer {
    let mut v = job(spec, st, id, false)?;
    let status = v["status"].as_str().unwrap_or_default().to_string();
    if ["succeeded", "failed", "cancelled"].contains(&status.as_str()) {
        return Err(ApiError::invalid(None, format!("Job has already completed: status is {status}.")));
    }
    st.tick();
    v["status"] = json!("cancelled");
    v["finished_at"] = Value::Null;
    event(st, &mut v, "Fine-tuning job cancelled");
    st.replace(spec.op("listPaginatedFineTuningJobs").collection, &[], &v);
    Ok(shown(&v))
}

pub fn job_events(spec: &Spec, st: &mut State, id: &str, q: &Q) -> Answer {
    let v = job(spec, st, id, false)?;
    let events: Vec<Value> = v["_events"].as_array().cloned().unwrap_or_default();
    let mut listed = page(events, q, "id", false)?;
    if let Some(o) = listed.as_object_mut() {
        o.remove("first_id");
        o.remove("last_id");
    }
    Ok(listed)
}

pub fn job_checkpoints(spec: &Spec, st: &mut State, id: &str, q: &Q) -> Answer {
    let v = job(spec, st, id, false)?;
    page(v["_checkpoints"].as_array().cloned().unwrap_or_default(), q, "id", false)
}

/// A new vector store, ready, holding no file yet.
pub fn create_store(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let op = spec.op("createVectorStore");
    let mut v = plain::create(spec, st, op, &[], b);
    if let Some(o) = v.as_object_mut() {
        o.remove("bytes");
    }
    v["status"] = json!("completed");
    v["usage_bytes"] = json!(0);
    v["file_counts"] = json!({"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0});
    v["last_active_at"] = v["created_at"].clone();
    v["expires_after"] = b.get("expires_after").cloned().unwrap_or(Value::Null);
    v["expires_at"] = Value::Null;
    v["metadata"] = b.get("metadata").cloned().unwrap_or(json!({}));
    st.replace(op.collection, &[], &v);
    Ok(shown(&v))
}

/// A vector store (which must exist).
fn store(spec: &Spec, st: &State, vs: &str) -> Result<Value, ApiError> {
    get(st, spec.op("listVectorStores").collection, &[], vs, "vector store")
}

/// A file of a vector store: its id is the file's.
pub fn add_store_file(spec: &Spec, st: &mut State, vs: &str, b: &Map<String, Value>) -> Answer {
    store(spec, st, vs)?;
    let file = b.get("file_id").and_then(Value::as_str).unwrap_or_default().to_string();
    if file.is_empty() {
        return Err(ApiError::invalid(Some("file_id"), "'file_id' is required."));
    }
    let parents = [vs.to_string()];
    let op = spec.op("createVectorStoreFile");
    let key = op.collection;
    st.remove_where(key, |i| i.v["id"] == file.as_str() && i.parents == parents);
    let mut v = plain::create(spec, st, op, &parents, b);
    let made = v["id"].clone();
    st.remove_where(key, |i| i.v["id"] == made);
    v["id"] = json!(file);
    v["vector_store_id"] = json!(vs);
    v["status"] = json!("completed");
    v["last_error"] = Value::Null;
    v["usage_bytes"] = json!(1024);
    st.push(key, &parents, v.clone());
    Ok(shown(&v))
}

pub fn create_file_batch(spec: &Spec, st: &mut State, vs: &str, b: &Map<String, Value>) -> Answer {
    store(spec, st, vs)?;
    let ids: Vec<String> =
        b.get("file_ids").and_then(Value::as_array).into_iter().flatten().filter_map(|f| f.as_str().map(String::from)).collect();
    if ids.is_empty() {
        return Err(ApiError::invalid(Some("file_ids"), "'file_ids' must hold at least one file id."));
    }
    for id in &ids {
        let mut one = b.clone();
        one.insert("file_id".into(), json!(id));
        add_store_file(spec, st, vs, &one)?;
    }
    let parents = [vs.to_string()];
    let op = spec.op("createVectorStoreFileBatch");
    let mut v = plain::create(spec, st, op, &parents, &Map::new());
    v["vector_store_id"] = json!(vs);
    v["status"] = json!("in_progress");
    v["file_counts"] = json!({"in_progress": ids.len(), "completed": 0, "failed": 0, "cancelled": 0, "total": ids.len()});
    v["_file_ids"] = json!(ids);
    st.replace(op.collection, &parents, &v);
    Ok(shown(&v))
}

fn file_batch(spec: &Spec, st: &State, vs: &str, id: &str) -> Result<Value, ApiError> {
    store(spec, st, vs)?;
    get(st, spec.op("createVectorStoreFileBatch").collection, &[vs.to_string()], id, "vector store file batch")
}

/// A file batch is done when it is read again.
pub fn get_file_batch(spec: &Spec, st: &mut State, vs: &str, id: &str) -> Answer {
    let mut v = file_batch(spec, st, vs, id)?;
    if v["status"] == "in_progress" {
        let total = v["file_counts"]["total"].clone();
        v["status"] = json!("completed");
        v["file_counts"] = json!({"in_progress": 0, "completed": total, "failed": 0, "cancelled": 0, "total": total});
        st.replace(spec.op("createVectorStoreFileBatch").collection, &[vs.to_string()], &v);
    }
    Ok(shown(&v))
}

pub fn cancel_file_batch(spec: &Spec, st: &mut State, vs: &str, id: &str) -> Answer {
    let mut v = file_batch(spec, st, vs, id)?;
    if v["status"] != "in_progress" {
        return Err(ApiError::invalid(
            None,
            format!("Cannot cancel a file batch with status '{}'.", v["status"].as_str().unwrap_or_default()),
        ));
    }
    let total = v["file_counts"]["total"].clone();
    v["status"] = json!("cancelled");
    v["file_counts"] = json!({"in_progress": 0, "completed": 0, "failed": 0, "cancelled": total, "total": total});
    st.replace(spec.op("createVectorStoreFileBatch").collection, &[vs.to_string()], &v);
    Ok(shown(&v))
}

pub fn file_batch_files(spec: &Spec, st: &mut State, vs: &str, id: &str, q: &Q) -> Answer {
    let v = file_batch(spec, st, vs, id)?;
    let ids: Vec<Value> = v["_file_ids"].as_array().cloned().unwrap_or_default();
    let parents = [vs.to_string()];
    let files: Vec<Value> =
        st.under(spec.op("createVectorStoreFile").collection, &parents).filter(|f| ids.contains(&f["id"])).map(shown).collect();
    page(files, q, "id", false)
}
