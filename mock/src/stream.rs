//! Streamed answers (`"stream": true` in a chat, completion or run
//! request): the answer the mock gives without streaming, sent as
//! server-sent events as the API sends them. Chat and completions: a chunk
//! per piece of text (a word and the space before it), a tool call's name
//! first and its arguments in pieces, the finish reason on a chunk of its
//! own, `usage` on a last chunk without choices when
//! `stream_options.include_usage` asks for it, then `data: [DONE]`. Runs:
//! named events, the run through its states (`thread.run.created`,
//! `.queued`, `.in_progress`), each step and the message it writes
//! (`thread.message.delta` per word), the run as it ended
//! (`thread.run.completed` or `.requires_action`), then `done`.
//!
//! Tests steer a stream with two request headers:
//! - `x-mock-stream-pace-ms: <ms>`: a pause before each event;
//! - `x-mock-stream-fault: error-after-<n>` (an error event after `n`
//!   events, and no `[DONE]`) or `cut-after-<n>` (the connection cut after
//!   `n` events).

use crate::spec::spec;
use crate::state::{plain as shown, State};
use axum::body::{Body, Bytes};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use std::time::Duration;

/// The pieces a text streams in: each word with the spaces before it.
fn pieces(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_whitespace() && cur.chars().last().is_some_and(|c| !c.is_whitespace()) {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(ch);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A chunk: the answer's own members, one choice, and `usage` null when
/// the last chunk is to carry it.
fn chunk(answer: &Value, object: &str, choices: Vec<Value>, usage: bool) -> Value {
    let mut c = Map::new();
    for key in ["id", "created", "model", "service_tier", "system_fingerprint"] {
        if let Some(v) = answer.get(key) {
            c.insert(key.into(), v.clone());
        }
    }
    c.insert("object".into(), json!(object));
    c.insert("choices".into(), Value::Array(choices));
    if usage {
        c.insert("usage".into(), Value::Null);
    }
    Value::Object(c)
}

/// The chunks of a chat completion, as the API streams it.
pub fn chat_chunks(answer: &Value, include_usage: bool) -> Vec<Value> {
    let mut out = Vec::new();
    let one = |index: &Value, delta: Value, finish: Value| {
        vec![json!({"index": index, "delta": delta, "logprobs": null, "finish_reason": finish})]
    };
    for choice in answer["choices"].as_array().into_iter().flatten() {
        let (index, m) = (&choice["index"], &choice["message"]);
        match m["tool_calls"].as_array() {
            Some(calls) => {
                for (i, call) in calls.iter().enumerate() {
                    let f = &call["function"];
                    let mut first = json!({"tool_calls": [{"index": i, "id": call["id"], "type": "function", "function": {"name": f["name"], "arguments": ""}}]});
                    if i == 0 {
                        first["role"] = json!("assistant");
                        first["content"] = Value::Null;
                        first["refusal"] = Value::Null;
                    }
                    out.push(chunk(answer, "chat.completion.chunk", one(index, first, Value::Null), include_usage));
                    for p in pieces(f["arguments"].as_str().unwrap_or_default()) {
                        let delta = json!({"tool_calls": [{"index": i, "function": {"arguments": p}}]});
                        out.push(chunk(answer, "chat.completion.chunk", one(index, delta, Value::Null), include_usage));
                    }
                }
            }
            None => {
                let first = json!({"role": "assistant", "content": "", "refusal": null});
                out.push(chunk(answer, "chat.completion.chunk", one(index, first, Value::Null), include_usage));
                for p in pieces(m["content"].as_str().unwrap_or_default()) {
                    out.push(chunk(answer, "chat.completion.chunk", one(index, json!({"content": p}), Value::Null), include_usage));
                }
            }
        }
        out.push(chunk(answer, "chat.completion.chunk", one(index, json!({}), choice["finish_reason"].clone()), include_usage));
    }
    if include_usage {
        let mut last = chunk(answer, "chat.completion.chunk", Vec::new(), false);
        last["usage"] = answer["usage"].clone();
        out.push(last);
    }
    out
}

/// The chunks of a legacy completion, as the API streams it.
pub fn completion_chunks(answer: &Value, include_usage: bool) -> Vec<Value> {
    let mut out = Vec::new();
    for choice in answer["choices"].as_array().into_iter().flatten() {
        let piece =
            |text: &str, finish: Value| vec![json!({"index": choice["index"], "text": text, "logprobs": null, "finish_reason": finish})];
        let texts = pieces(choice["text"].as_str().unwrap_or_default());
        let last = texts.len().saturating_sub(1);
        for (i, t) in texts.iter().enumerate() {
            let finish = if i == last { choice["finish_reason"].clone() } else { Value::Null };
            out.push(chunk(answer, "text_completion", piece(t, finish), include_usage));
        }
    }
    if include_usage {
        let mut last = chunk(answer, "text_completion", Vec::new(), false);
        last["usage"] = answer["usage"].clone();
        out.push(last);
    }
    out
}

/// The events of a run the mock has just run (`createRun`,
/// `createThreadAndRun`, `submitToolOuputsToRun`: `op`), as the API streams
/// them; `run` is the answer without streaming.
pub fn run_events(st: &State, op: &str, run: &Value) -> Vec<(Option<String>, String)> {
    let spec = spec();
    let thread = run["thread_id"].as_str().unwrap_or_default().to_string();
    let run_id = run["id"].as_str().unwrap_or_default().to_string();
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    let mut push = |name: &str, v: &Value| out.push((Some(name.to_string()), v.to_string()));
    if op == "createThreadAndRun" {
        if let Some(t) = st.find(spec.op("createThread").collection, &[], &thread) {
            push("thread.created", &shown(t));
        }
    }
    let mut early = run.clone();
    for (k, v) in [("completed_at", Value::Null), ("usage", Value::Null), ("required_action", Value::Null)] {
        early[k] = v;
    }
    let states: &[&str] = if op == "submitToolOuputsToRun" { &["queued", "in_progress"] } else { &["created", "queued", "in_progress"] };
    for state in states {
        early["status"] = json!(if *state == "created" { "queued" } else { state });
        push(&format!("thread.run.{state}"), &early);
    }
    let parents = [thread.clone(), run_id];
    let steps: Vec<&Value> = st.under(spec.op("listRunSteps").collection, &parents).collect();
    // After tool outputs only the step they led to is new.
    let skip = if op == "submitToolOuputsToRun" { steps.len().saturating_sub(1) } else { 0 };
    for step in steps.into_iter().skip(skip) {
        let step = shown(step);
        let mut going = step.clone();
        going["status"] = json!("in_progress");
        going["completed_at"] = Value::Null;
        going["usage"] = Value::Null;
        push("thread.run.step.created", &going);
        push("thread.run.step.in_progress", &going);
        let made = step["step_details"]["message_creation"]["message_id"].as_str().unwrap_or_default();
        if let Some(m) = st.find(spec.op("createMessage").collection, std::slice::from_ref(&thread), made) {
            let m = shown(m);
            let mut writing = m.clone();
            writing["status"] = json!("in_progress");
            writing["completed_at"] = Value::Null;
            writing["content"] = json!([]);
            push("thread.message.created", &writing);
            push("thread.message.in_progress", &writing);
            let text = m["content"][0]["text"]["value"].as_str().unwrap_or_default();
            for p in pieces(text) {
                let delta = json!({"id": m["id"], "object": "thread.message.delta",
                    "delta": {"content": [{"index": 0, "type": "text", "text": {"value": p, "annotations": []}}]}});
                push("thread.message.delta", &delta);
            }
            push("thread.message.completed", &m);
        }
        if step["status"] == "completed" {
            push("thread.run.step.completed", &step);
        }
    }
    let end = match run["status"].as_str() {
        Some("requires_action") => "thread.run.requires_action",
        Some("cancelled") => "thread.run.cancelled",
        _ => "thread.run.completed",
    };
    push(end, run);
    out
}

/// How a test asked the stream to go wrong.
#[derive(Clone, Copy)]
enum Fault {
    ErrorAfter(usize),
    CutAfter(usize),
}

/// The events of a stream (each its `data:` text, with its `event:` name
/// for run streams) sent as the API sends them, paced and faulted as the
/// request's headers ask.
pub fn respond(events: Vec<(Option<String>, String)>, h: &HeaderMap) -> Response {
    let header = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let pace = Duration::from_millis(header("x-mock-stream-pace-ms").and_then(|v| v.parse().ok()).unwrap_or(0));
    let fault = header("x-mock-stream-fault").and_then(|f| {
        let (kind, n) = f.rsplit_once('-')?;
        let n = n.parse().ok()?;
        match kind {
            "error-after" => Some(Fault::ErrorAfter(n)),
            "cut-after" => Some(Fault::CutAfter(n)),
            _ => None,
        }
    });
    let named = events.first().is_some_and(|e| e.0.is_some());
    let mut blocks: Vec<Result<Bytes, std::io::Error>> = Vec::new();
    let mut faulted = false;
    for (i, (name, data)) in events.into_iter().enumerate() {
        match fault {
            Some(Fault::ErrorAfter(n)) if i == n => {
                let error = json!({"message": "The server had an error while processing your request. Sorry about that!", "type": "server_error", "param": null, "code": null});
                let block =
                    if named { format!("event: error\ndata: {error}\n\n") } else { format!("data: {}\n\n", json!({"error": error})) };
                blocks.push(Ok(Bytes::from(block)));
                faulted = true;
                break;
            }
            Some(Fault::CutAfter(n)) if i == n => {
                blocks.push(Err(std::io::Error::other("the mock cuts the stream")));
                faulted = true;
                break;
            }
            _ => {}
        }
        let block = match name {
            Some(n) => format!("event: {n}\ndata: {data}\n\n"),
            None => format!("data: {data}\n\n"),
        };
        blocks.push(Ok(Bytes::from(block)));
    }
    if !faulted {
        let done = if named { "event: done\ndata: [DONE]\n\n" } else { "data: [DONE]\n\n" };
        blocks.push(Ok(Bytes::from(done)));
    }
    let stream = futures_util::stream::unfold(blocks.into_iter(), move |mut rest| async move {
        let next = rest.next()?;
        if !pace.is_zero() {
            tokio::time::sleep(pace).await;
        }
        if next.is_err() {
            // What came before the cut reaches the client first.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Some((next, rest))
    });
    ([("content-type", "text/event-stream; charset=utf-8"), ("cache-control", "no-cache")], Body::from_stream(stream)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_streams_in_words_that_join_back() {
        let t = "You said 3 words:  hello there, friend.";
        let p = pieces(t);
        assert_eq!(p.concat(), t);
        assert_eq!(p[0], "You");
        assert_eq!(p[1], " said");
        assert!(p.len() > 3);
    }
}
