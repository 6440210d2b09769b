//! Embeddings (`POST /v1/embeddings`): a vector for each input, of the
//! model's dimension (or the `dimensions` asked for), derived from the
//! input alone (the same text gives the same vector) and of unit length;
//! as numbers, or with `encoding_format: "base64"` as the base64 of their
//! little-endian 32-bit floats, as the API sends them.

use crate::error::{Answer, ApiError};
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// The embedding models: (id, dimensions, whether `dimensions` may shorten them).
const MODELS: [(&str, usize, bool); 3] =
    [("text-embedding-3-small", 1536, true), ("text-embedding-3-large", 3072, true), ("text-embedding-ada-002", 1536, false)];

fn invalid(param: &str, message: impl Into<String>) -> ApiError {
    ApiError::invalid(Some(param), message)
}

/// The inputs as texts or token lists: each one's bytes to derive its
/// vector from, and its token count.
fn inputs(input: &Value) -> Result<Vec<(Vec<u8>, u64)>, ApiError> {
    let one = |v: &Value| -> Result<(Vec<u8>, u64), ApiError> {
        match v {
            Value::String(s) if s.is_empty() => Err(invalid("input", "'$.input' is invalid: an input may not be empty.")),
            Value::String(s) => Ok((s.as_bytes().to_vec(), s.split_whitespace().count().max(1) as u64)),
            Value::Array(tokens) if tokens.iter().all(Value::is_u64) && !tokens.is_empty() => {
                Ok((v.to_string().into_bytes(), tokens.len() as u64))
            }
            _ => Err(invalid("input", "'$.input' is invalid: each input is a string or an array of token integers.")),
        }
    };
    match input {
        Value::Array(items) if items.is_empty() => Err(invalid("input", "'$.input' is invalid: an array of inputs may not be empty.")),
        // An array of token integers is one input.
        Value::Array(items) if items.iter().all(Value::is_u64) => Ok(vec![one(input)?]),
        Value::Array(items) => items.iter().map(one).collect(),
        other => Ok(vec![one(other)?]),
    }
}

/// A unit vector of `n` components derived from `seed` (FNV-1a, then a
/// 64-bit linear congruential sequence).
fn vector(seed: &[u8], n: usize) -> Vec<f32> {
    let mut h = crate::hash::fnv1a(seed);
    let v: Vec<f32> = (0..n)
        .map(|_| {
            h = h.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((h >> 40) as f32 / (1u64 << 24) as f32) - 0.5
        })
        .collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(f32::MIN_POSITIVE);
    v.into_iter().map(|x| x / norm).collect()
}

pub fn create(b: &Map<String, Value>) -> Answer {
    let model = b.get("model").and_then(Value::as_str).unwrap_or_default();
    let Some(&(_, native, shortens)) = MODELS.iter().find(|(m, _, _)| *m == model) else {
        return Err(ApiError::no_model(model, None));
    };
    let dims = match b.get("dimensions").and_then(Value::as_i64) {
        None => native,
        Some(_) if !shortens => return Err(invalid("dimensions", "This model does not support specifying dimensions.")),
        Some(d) if d < 1 || d as usize > native => {
            return Err(invalid("dimensions", format!("Invalid 'dimensions': {d}. Expected a value between 1 and {native}.")))
        }
        Some(d) => d as usize,
    };
    let base64 = match b.get("encoding_format").and_then(Value::as_str) {
        None | Some("float") => false,
        Some("base64") => true,
        Some(other) => return Err(invalid("encoding_format", format!("Invalid 'encoding_format': '{other}'."))),
    };
    let inputs = inputs(b.get("input").unwrap_or(&Value::Null))?;
    let tokens: u64 = inputs.iter().map(|(_, t)| t).sum();
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .map(|(i, (seed, _))| {
            let v = vector(seed, dims);
            let embedding = if base64 {
                let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
                json!(base64::engine::general_purpose::STANDARD.encode(bytes))
            } else {
                json!(v)
            };
            json!({"object": "embedding", "index": i, "embedding": embedding})
        })
        .collect();
    Ok(json!({"object": "list", "data": data, "model": model, "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn vectors_are_deterministic_unit_and_of_the_asked_dimension() {
        let a = create(&body(json!({"model": "text-embedding-3-small", "input": ["hello world", "bye"]}))).unwrap();
        let b = create(&body(json!({"model": "text-embedding-3-small", "input": "hello world"}))).unwrap();
        assert_eq!(a["data"][0]["embedding"], b["data"][0]["embedding"]);
        assert_ne!(a["data"][0]["embedding"], a["data"][1]["embedding"]);
        let v: Vec<f64> = a["data"][0]["embedding"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        assert_eq!(v.len(), 1536);
        assert!((v.iter().map(|x| x * x).sum::<f64>() - 1.0).abs() < 1e-3);
        assert_eq!(a["usage"]["prompt_tokens"], 3);
        let short = create(&body(json!({"model": "text-embedding-3-large", "input": [1, 2, 3], "dimensions": 8}))).unwrap();
        assert_eq!(short["data"][0]["embedding"].as_array().unwrap().len(), 8);
        assert_eq!(short["usage"]["total_tokens"], 3);
        let b64 = create(&body(json!({"model": "text-embedding-3-small", "input": "hello world", "encoding_format": "base64"}))).unwrap();
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64["data"][0]["embedding"].as_str().unwrap()).unwrap();
        let first = f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as f64;
        assert_eq!(bytes.len(), 1536 * 4);
        assert!((first - v[0]).abs() < 1e-6, "{first} {}", v[0]);
        assert_eq!(create(&body(json!({"model": "gpt-nonexistent", "input": "x"}))).unwrap_err().status, 404);
        assert_eq!(create(&body(json!({"model": "text-embedding-ada-002", "input": "x", "dimensions": 8}))).unwrap_err().status, 400);
        assert_eq!(create(&body(json!({"model": "text-embedding-3-small", "input": []}))).unwrap_err().status, 400);
    }
}
