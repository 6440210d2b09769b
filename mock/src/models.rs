//! The models an organization can use (`/v1/models`): OpenAI's base models,
//! owned by `system` or `openai`, and the organization's fine-tuned ones,
//! the only ones it may delete.

use crate::error::{Answer, ApiError};
use crate::state::State;
use serde_json::{json, Value};

/// The collection's key in `State::items`.
const KEY: &str = "models";

/// What the mock starts with: (id, created, owned_by).
const MODELS: [(&str, i64, &str); 8] = [
    ("gpt-4o-mini", 1_721_172_741, "system"),
    ("gpt-4o", 1_715_367_049, "system"),
    ("text-embedding-3-small", 1_705_948_997, "system"),
    ("text-embedding-3-large", 1_705_953_180, "system"),
    ("whisper-1", 1_677_532_384, "openai-internal"),
    ("tts-1", 1_681_940_951, "openai-internal"),
    ("dall-e-3", 1_698_785_189, "system"),
    ("ft:gpt-4o-mini-2024-07-18:org-abc::9vRpqv1E", 1_723_000_000, "org-abc"),
];

pub fn seed(st: &mut State) {
    for (id, created, owned_by) in MODELS {
        st.push(KEY, &[], json!({"id": id, "object": "model", "created": created, "owned_by": owned_by}));
    }
}

pub fn list(st: &State) -> Answer {
    let data: Vec<Value> = st.under(KEY, &[]).cloned().collect();
    Ok(json!({"object": "list", "data": data}))
}

pub fn retrieve(st: &State, id: &str) -> Answer {
    st.under(KEY, &[]).find(|m| m["id"] == id).cloned().ok_or_else(|| ApiError::no_model(id, Some("model")))
}

/// Deletes a fine-tuned model of the organization; a base model is refused
/// as the API refuses it (403).
pub fn delete(st: &mut State, id: &str) -> Answer {
    let model = retrieve(st, id)?;
    if !id.starts_with("ft:") {
        return Err(ApiError {
            status: 403,
            message: "You have insufficient permissions for this operation.".into(),
            kind: "invalid_request_error",
            param: None,
            code: Some("insufficient_permissions"),
        });
    }
    st.remove_where(KEY, |i| i.v["id"] == id);
    Ok(json!({"id": model["id"], "object": "model", "deleted": true}))
}
