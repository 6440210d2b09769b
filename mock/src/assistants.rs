//! Threads, their messages, runs and run steps (`/v1/threads/…`), beside
//! assistants (served plainly, `plain.rs`). A run answers at once: with a
//! function tool it waits for the tool's output (`requires_action`), then,
//! or at once without one, it completes with an assistant message derived
//! from the thread's last user message and a `message_creation` step.

use crate::error::{Answer, ApiError};
use crate::plain;
use crate::spec::Spec;
use crate::state::{plain as shown, State};
use crate::text::{content_text, reply, tokens};
use serde_json::{json, Map, Value};

fn thread_exists(spec: &Spec, st: &State, thread: &str) -> Result<(), ApiError> {
    match st.find(spec.op("createThread").collection, &[], thread) {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found("thread", thread)),
    }
}

/// A message's `content` as the API shows it: text parts.
fn parts(content: &Value) -> Value {
    match content {
        Value::String(s) => json!([{"type": "text", "text": {"value": s, "annotations": []}}]),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|p| match p["type"].as_str() {
                    Some("text") => json!({"type": "text", "text": {"value": p["text"], "annotations": []}}),
                    _ => p.clone(),
                })
                .collect(),
        ),
        _ => json!([]),
    }
}

/// Adds a message to a thread (which must exist): the request's, or the
/// assistant's of a run.
fn add_message(spec: &Spec, st: &mut State, thread: &str, b: &Map<String, Value>, run: Option<&Value>) -> Answer {
    thread_exists(spec, st, thread)?;
    let role = b.get("role").and_then(Value::as_str).unwrap_or_default();
    if !["user", "assistant"].contains(&role) {
        return Err(ApiError::invalid(Some("role"), format!("Invalid value: '{role}'. Supported values are: 'user' and 'assistant'.")));
    }
    let content = b.get("content").cloned().unwrap_or(Value::Null);
    if content_text(&content).is_empty() && !content.is_array() {
        return Err(ApiError::invalid(Some("content"), "Message content must be non-empty."));
    }
    let parents = [thread.to_string()];
    let op = spec.op("createMessage");
    let mut v = plain::create(spec, st, op, &parents, b);
    v["thread_id"] = json!(thread);
    v["content"] = parts(&content);
    v["assistant_id"] = run.map_or(Value::Null, |r| r["assistant_id"].clone());
    v["run_id"] = run.map_or(Value::Null, |r| r["id"].clone());
    v["attachments"] = b.get("attachments").cloned().unwrap_or(json!([]));
    v["metadata"] = b.get("metadata").cloned().unwrap_or(json!({}));
    v["status"] = json!("completed");
    v["completed_at"] = v["created_at"].clone();
    v["incomplete_at"] = Value::Null;
    v["incomplete_details"] = Value::Null;
    st.replace(op.collection, &parents, &v);
    Ok(shown(&v))
}

pub fn create_message(spec: &Spec, st: &mut State, thread: &str, b: &Map<String, Value>) -> Answer {
    add_message(spec, st, thread, b, None)
}

pub fn create_thread(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let mut fields = b.clone();
    let messages = fields.remove("messages").and_then(|m| m.as_array().cloned()).unwrap_or_default();
    let op = spec.op("createThread");
    let mut v = plain::create(spec, st, op, &[], &fields);
    v["metadata"] = b.get("metadata").cloned().unwrap_or(json!({}));
    st.replace(op.collection, &[], &v);
    let thread = v["id"].as_str().unwrap_or_default().to_string();
    for m in messages {
        add_message(spec, st, &thread, m.as_object().unwrap_or(&Map::new()), None)?;
    }
    Ok(shown(&v))
}

/// The function calls a run's tools ask for (one per function tool).
fn calls(st: &mut State, tools: &Value, last: &str) -> Vec<Value> {
    let names: Vec<String> =
        tools.as_array().into_iter().flatten().filter_map(|t| t["function"]["name"].as_str().map(String::from)).collect();
    names.into_iter().map(|name| json!({"id": st.next_id("call_"), "type": "function", "function": {"name": name, "arguments": json!({"input": last}).to_string()}})).collect()
}

/// The last user message of a thread, as text.
fn last_user(spec: &Spec, st: &State, thread: &str) -> String {
    let parents = [thread.to_string()];
    st.under(spec.op("listMessages").collection, &parents)
        .filter(|m| m["role"] == "user")
        .last()
        .map(|m| m["content"].as_array().into_iter().flatten().filter_map(|p| p["text"]["value"].as_str()).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// A new step of a run.
fn add_step(spec: &Spec, st: &mut State, run: &Value, details: Value, status: &str, usage: Value) -> Value {
    let parents = [run["thread_id"].as_str().unwrap_or_default().to_string(), run["id"].as_str().unwrap_or_default().to_string()];
    let op = spec.op("listRunSteps");
    let mut v = plain::create(spec, st, op, &parents, &Map::new());
    let now = st.now();
    v["object"] = json!("thread.run.step");
    v["run_id"] = run["id"].clone();
    v["assistant_id"] = run["assistant_id"].clone();
    v["thread_id"] = run["thread_id"].clone();
    v["type"] = details["type"].clone();
    v["step_details"] = details;
    v["status"] = json!(status);
    v["completed_at"] = if status == "completed" { json!(now) } else { Value::Null };
    v["usage"] = usage;
    st.replace(op.collection, &parents, &v);
    v
}

/// Completes a run: the assistant's message (the reply to `to`), its step
/// and the run's usage.
fn complete(spec: &Spec, st: &mut State, run: &mut Value, to: &str) -> Result<(), ApiError> {
    let thread = run["thread_id"].as_str().unwrap_or_default().to_string();
    let text = reply(to);
    let said = Map::from_iter([("role".to_string(), json!("assistant")), ("content".to_string(), json!(text))]);
    let message = add_message(spec, st, &thread, &said, Some(run))?;
    let (prompt, completion) = (tokens(to), tokens(&text));
    let usage = json!({"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion});
    add_step(
        spec,
        st,
        run,
        json!({"type": "message_creation", "message_creation": {"message_id": message["id"]}}),
        "completed",
        usage.clone(),
    );
    run["status"] = json!("completed");
    run["completed_at"] = json!(st.now());
    run["required_action"] = Value::Null;
    run["usage"] = usage;
    Ok(())
}

pub fn create_run(spec: &Spec, st: &mut State, thread: &str, b: &Map<String, Value>) -> Answer {
    thread_exists(spec, st, thread)?;
    let assistant_id = b.get("assistant_id").and_then(Value::as_str).unwrap_or_default();
    let assistant = st
        .find(spec.op("listAssistants").collection, &[], assistant_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("assistant", assistant_id))?;
    for m in b.get("additional_messages").and_then(Value::as_array).into_iter().flatten() {
        add_message(spec, st, thread, m.as_object().unwrap_or(&Map::new()), None)?;
    }
    let parents = [thread.to_string()];
    let op = spec.op("createRun");
    let mut run = plain::create(spec, st, op, &parents, &Map::new());
    let now = st.now();
    run["thread_id"] = json!(thread);
    run["assistant_id"] = json!(assistant_id);
    for k in ["model", "instructions", "tools", "temperature", "top_p", "response_format"] {
        run[k] = b.get(k).cloned().unwrap_or_else(|| assistant[k].clone());
    }
    run["metadata"] = b.get("metadata").cloned().unwrap_or(json!({}));
    run["started_at"] = json!(now);
    run["completed_at"] = Value::Null;
    let last = last_user(spec, st, thread);
    let asked = calls(st, &run["tools"], &last);
    if asked.is_empty() || b.get("tool_choice") == Some(&json!("none")) {
        complete(spec, st, &mut run, &last)?;
    } else {
        run["status"] = json!("requires_action");
        run["required_action"] = json!({"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": asked}});
        add_step(spec, st, &run, json!({"type": "tool_calls", "tool_calls": asked}), "in_progress", Value::Null);
    }
    st.replace(op.collection, &parents, &run);
    Ok(shown(&run))
}

pub fn create_thread_and_run(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let thread = b.get("thread").and_then(Value::as_object).cloned().unwrap_or_default();
    let t = create_thread(spec, st, &thread)?;
    let mut rest = b.clone();
    rest.remove("thread");
    create_run(spec, st, t["id"].as_str().unwrap_or_default(), &rest)
}

/// A run of a thread, to change: its index in the runs' list.
fn run_of(spec: &Spec, st: &State, thread: &str, run: &str) -> Result<Value, ApiError> {
    thread_exists(spec, st, thread)?;
    st.find(spec.op("listRuns").collection, &[thread.to_string()], run).cloned().ok_or_else(|| ApiError::not_found("run", run))
}

pub fn submit_tool_outputs(spec: &Spec, st: &mut State, thread: &str, run_id: &str, b: &Map<String, Value>) -> Answer {
    let mut run = run_of(spec, st, thread, run_id)?;
    if run["status"] != "requires_action" {
        return Err(ApiError::invalid(
            None,
            format!("Runs in status \"{}\" do not accept tool outputs.", run["status"].as_str().unwrap_or_default()),
        ));
    }
    let outputs = b.get("tool_outputs").and_then(Value::as_array).cloned().unwrap_or_default();
    let asked = run["required_action"]["submit_tool_outputs"]["tool_calls"].as_array().cloned().unwrap_or_default();
    for call in &asked {
        if !outputs.iter().any(|o| o["tool_call_id"] == call["id"]) {
            return Err(ApiError::invalid(
                Some("tool_outputs"),
                format!("Expected tool outputs for call_ids {}, got none for it.", call["id"]),
            ));
        }
    }
    let said: Vec<&str> = outputs.iter().filter_map(|o| o["output"].as_str()).collect();
    let parents = [thread.to_string(), run_id.to_string()];
    let steps = spec.op("listRunSteps").collection;
    for step in st.under_mut(steps, &parents).filter(|s| s["status"] == "in_progress") {
        step["status"] = json!("completed");
    }
    complete(spec, st, &mut run, &said.join(" "))?;
    st.replace(spec.op("listRuns").collection, &[thread.to_string()], &run);
    Ok(shown(&run))
}

pub fn cancel_run(spec: &Spec, st: &mut State, thread: &str, run_id: &str) -> Answer {
    let mut run = run_of(spec, st, thread, run_id)?;
    let status = run["status"].as_str().unwrap_or_default().to_string();
    if !["queued", "in_progress", "requires_action"].contains(&status.as_str()) {
        return Err(ApiError::invalid(None, format!("Cannot cancel run with status '{status}'.")));
    }
    run["status"] = json!("cancelled");
    run["cancelled_at"] = json!(st.tick());
    run["required_action"] = Value::Null;
    st.replace(spec.op("listRuns").collection, &[thread.to_string()], &run);
    Ok(shown(&run))
}
