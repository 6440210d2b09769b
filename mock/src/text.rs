//! What a model says (`/v1/chat/completions`, `/v1/completions`,
//! `/v1/moderations`, `/v1/realtime/sessions`): a reply derived from the
//! input alone (the same messages give the same words), tokens counted as
//! words, a tool called when tools are given and the request lets the
//! model choose one, moderation scores derived from the text.

use crate::error::{Answer, ApiError};
use crate::hash::fnv1a;
use crate::state::State;
use serde_json::{json, Map, Value};

/// The chat models (the base models of `models.rs` that chat).
const CHAT_MODELS: [&str; 3] = ["gpt-4o-mini", "gpt-4o", "ft:gpt-4o-mini-2024-07-18:org-abc::9vRpqv1E"];

/// The model a request names, if the mock has it for this kind of call.
fn model_of<'a>(b: &'a Map<String, Value>, known: &[&str]) -> Result<&'a str, ApiError> {
    let model = b.get("model").and_then(Value::as_str).unwrap_or_default();
    if known.contains(&model) {
        Ok(model)
    } else {
        Err(ApiError::no_model(model, Some("model")))
    }
}

/// How many tokens a text counts: its words, at least one.
pub fn tokens(text: &str) -> u64 {
    text.split_whitespace().count().max(1) as u64
}

/// The text of a message's `content`: a string, or its text parts joined.
pub fn content_text(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts.iter().filter_map(|p| p["text"].as_str()).collect::<Vec<_>>().join(" "),
        _ => String::new(),
    }
}

/// The reply to a text: the same text always gives the same words.
pub fn reply(to: &str) -> String {
    let words: Vec<&str> = to.split_whitespace().collect();
    match words.len() {
        0 => "Hello! How can I help?".into(),
        n => {
            let said = words.join(" ");
            let end = if said.ends_with(['.', '?', '!']) { "" } else { "." };
            format!("You said {n} word{}: {said}{end}", if n == 1 { "" } else { "s" })
        }
    }
}

/// The function a request lets the model call, if any: the one
/// `tool_choice` names, else the first when the choice is left to it.
fn tool_to_call(b: &Map<String, Value>) -> Option<&str> {
    let tools = b.get("tools")?.as_array()?;
    match b.get("tool_choice") {
        Some(Value::String(s)) if s == "none" => None,
        Some(Value::Object(o)) => o.get("function").and_then(|f| f["name"].as_str()),
        _ => tools.iter().find_map(|t| t["function"]["name"].as_str()),
    }
}

pub fn chat(st: &mut State, b: &Map<String, Value>) -> Answer {
    let model = model_of(b, &CHAT_MODELS)?;
    let messages = b.get("messages").and_then(Value::as_array).filter(|m| !m.is_empty());
    let Some(messages) = messages else {
        return Err(ApiError::invalid(Some("messages"), "'messages' must contain at least one message."));
    };
    let prompt: Vec<String> = messages.iter().map(|m| content_text(&m["content"])).collect();
    let last_user = messages.iter().rev().find(|m| m["role"] == "user").map(|m| content_text(&m["content"])).unwrap_or_default();
    let prompt_tokens: u64 = prompt.iter().map(|t| tokens(t)).sum();
    let n = b.get("n").and_then(Value::as_u64).unwrap_or(1).max(1);
    // After a tool's result the model answers with it, calling nothing.
    let after_tool = messages.last().is_some_and(|m| m["role"] == "tool");
    let tool_said = messages.last().map(|m| content_text(&m["content"])).unwrap_or_default();
    let now = st.tick();
    let id = st.next_id("chatcmpl-");
    let mut completion_tokens = 0;
    let choices: Vec<Value> = (0..n)
        .map(|i| match tool_to_call(b).filter(|_| !after_tool) {
            Some(name) => {
                // The text for the function's first parameter (`input` when it declares none).
                let tool = b.get("tools").and_then(Value::as_array).into_iter().flatten().find(|t| t["function"]["name"] == name);
                let param = tool.and_then(|t| t["function"]["parameters"]["properties"].as_object()).and_then(|p| p.keys().next().cloned());
                let mut args = Map::new();
                args.insert(param.unwrap_or_else(|| "input".into()), json!(last_user));
                let arguments = Value::Object(args).to_string();
                completion_tokens += tokens(&arguments);
                json!({
                    "index": i,
                    "message": {"role": "assistant", "content": null, "refusal": null, "annotations": [], "tool_calls": [{
                        "id": format!("call_{:016x}", fnv1a(format!("{name}{last_user}{i}").as_bytes())),
                        "type": "function",
                        "function": {"name": name, "arguments": arguments},
                    }]},
                    "logprobs": null,
                    "finish_reason": "tool_calls",
                })
            }
            None => {
                let text = if after_tool { format!("The tool says: {tool_said}.") } else { reply(&last_user) };
                completion_tokens += tokens(&text);
                json!({
                    "index": i,
                    "message": {"role": "assistant", "content": text, "refusal": null, "annotations": []},
                    "logprobs": null,
                    "finish_reason": "stop",
                })
            }
        })
        .collect();
    Ok(json!({
        "id": id,
        "object": "chat.completion",
        "created": now,
        "model": model,
        "choices": choices,
        "usage": usage(prompt_tokens, completion_tokens),
        "service_tier": "default",
        "system_fingerprint": "fp_mock",
    }))
}

fn usage(prompt: u64, completion: u64) -> Value {
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0},
    })
}

/// The legacy completions: `prompt` a string or strings.
pub fn completion(st: &mut State, b: &Map<String, Value>) -> Answer {
    let model = model_of(b, &["gpt-3.5-turbo-instruct", "davinci-002", "babbage-002"])?;
    let prompts: Vec<String> = match b.get("prompt") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) if a.iter().all(Value::is_string) && !a.is_empty() => {
            a.iter().map(|p| p.as_str().unwrap_or_default().to_string()).collect()
        }
        Some(Value::Array(a)) if !a.is_empty() => vec![Value::Array(a.clone()).to_string()],
        _ => return Err(ApiError::invalid(Some("prompt"), "'prompt' must be a string, strings, or tokens.")),
    };
    let n = b.get("n").and_then(Value::as_u64).unwrap_or(1).max(1);
    let echo = b.get("echo").and_then(Value::as_bool).unwrap_or(false);
    let (mut used, mut made) = (0, 0);
    let mut choices = Vec::new();
    for p in &prompts {
        used += tokens(p);
        for _ in 0..n {
            let text = if echo { format!("{p}{}", reply(p)) } else { reply(p) };
            made += tokens(&text);
            choices.push(json!({"index": choices.len(), "text": text, "logprobs": null, "finish_reason": "stop"}));
        }
    }
    let now = st.tick();
    Ok(json!({
        "id": st.next_id("cmpl-"),
        "object": "text_completion",
        "created": now,
        "model": model,
        "system_fingerprint": "fp_mock",
        "choices": choices,
        "usage": {"prompt_tokens": used, "completion_tokens": made, "total_tokens": used + made},
    }))
}

/// The moderation categories, and words that raise each.
const CATEGORIES: [(&str, &[&str]); 13] = [
    ("harassment", &["idiot", "stupid"]),
    ("harassment/threatening", &["threaten"]),
    ("hate", &["hate"]),
    ("hate/threatening", &[]),
    ("illicit", &["steal"]),
    ("illicit/violent", &["bomb"]),
    ("self-harm", &[]),
    ("self-harm/intent", &[]),
    ("self-harm/instructions", &[]),
    ("sexual", &[]),
    ("sexual/minors", &[]),
    ("violence", &["kill", "attack"]),
    ("violence/graphic", &["gore"]),
];

pub fn moderation(st: &mut State, b: &Map<String, Value>) -> Answer {
    let model = b.get("model").and_then(Value::as_str).unwrap_or("omni-moderation-latest");
    if !["omni-moderation-latest", "text-moderation-latest", "text-moderation-stable"].contains(&model) {
        return Err(ApiError::no_model(model, Some("model")));
    }
    let texts: Vec<String> = match b.get("input") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                other => other["text"].as_str().unwrap_or_default().to_string(),
            })
            .collect(),
        _ => return Err(ApiError::invalid(Some("input"), "'input' must be a string, strings, or input parts.")),
    };
    let results: Vec<Value> = texts
        .iter()
        .map(|t| {
            let lower = t.to_lowercase();
            let (mut categories, mut scores, mut applied) = (Map::new(), Map::new(), Map::new());
            for (name, words) in CATEGORIES {
                let hit = words.iter().any(|w| lower.contains(w));
                let low = (fnv1a(format!("{name}{t}").as_bytes()) % 1000) as f64 / 100_000.0;
                categories.insert(name.into(), hit.into());
                scores.insert(name.into(), json!(if hit { 0.9 + low } else { low }));
                applied.insert(name.into(), json!(["text"]));
            }
            let flagged = categories.values().any(|v| v == true);
            json!({"flagged": flagged, "categories": categories, "category_scores": scores, "category_applied_input_types": applied})
        })
        .collect();
    Ok(json!({"id": st.next_id("modr-"), "model": model, "results": results}))
}

/// A realtime session with a client secret that expires in a minute.
pub fn realtime_session(st: &mut State, example: Option<&Value>, b: &Map<String, Value>) -> Answer {
    let mut v = example.cloned().unwrap_or_else(|| json!({}));
    for (k, x) in b {
        if v.get(k).is_some() {
            v[k] = x.clone();
        }
    }
    let now = st.tick();
    let id = st.next_id("sess_");
    v["id"] = json!(id);
    v["client_secret"] = json!({"value": format!("ek_{:032x}", fnv1a(id.as_bytes()) as u128 * 0x9e37_79b9), "expires_at": now + 60});
    Ok(v)
}
