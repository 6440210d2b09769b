//! Files (`/v1/files`) and uploads (`/v1/uploads`): the bytes sent are
//! kept and served back exactly (`GET /v1/files/{id}/content`); an upload
//! takes its parts and, completed, becomes a file of their bytes in the
//! order it names them. Listing, retrieving and deleting files is plain
//! (`plain.rs`).

use crate::error::{Answer, ApiError};
use crate::spec::Spec;
use crate::state::{plain as shown, State};
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// The member of an answer that makes it bytes, not JSON (base64), beside
/// its `content_type`.
pub const RAW: &str = "_raw";

/// An answer of bytes.
pub fn raw(bytes: &[u8], content_type: &str) -> Value {
    json!({RAW: base64::engine::general_purpose::STANDARD.encode(bytes), "content_type": content_type})
}

/// The bytes of an answer `raw` made.
pub fn raw_bytes(v: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(v[RAW].as_str().unwrap_or_default()).unwrap_or_default()
}

/// A file field of a form: its bytes, filename and content type.
pub fn file_of(b: &Map<String, Value>, field: &str) -> Result<(Vec<u8>, String, String), ApiError> {
    let f = b
        .get(field)
        .filter(|f| f.is_object())
        .ok_or_else(|| ApiError::invalid(Some(field), format!("Missing required parameter: '{field}'.")))?;
    let data = base64::engine::general_purpose::STANDARD.decode(f["data"].as_str().unwrap_or_default()).unwrap_or_default();
    Ok((data, f["filename"].as_str().unwrap_or_default().to_string(), f["content_type"].as_str().unwrap_or_default().to_string()))
}

const PURPOSES: [&str; 6] = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"];

/// Keeps a new file of `bytes` and answers it.
pub fn keep_file(spec: &Spec, st: &mut State, bytes: &[u8], filename: &str, purpose: &str) -> Value {
    let now = st.tick();
    let v = json!({
        "id": st.next_id("file-"),
        "object": "file",
        "bytes": bytes.len(),
        "created_at": now,
        "expires_at": null,
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "status_details": null,
        "_content": base64::engine::general_purpose::STANDARD.encode(bytes),
    });
    st.push(spec.op("listFiles").collection, &[], v.clone());
    shown(&v)
}

pub fn create_file(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let (data, filename, _) = file_of(b, "file")?;
    let purpose = b.get("purpose").and_then(Value::as_str).unwrap_or_default();
    if !PURPOSES.contains(&purpose) {
        return Err(ApiError::invalid(Some("purpose"), format!("Invalid value for 'purpose': '{purpose}'.")));
    }
    if filename.is_empty() {
        return Err(ApiError::invalid(Some("file"), "The file has no filename."));
    }
    if ["batch", "fine-tune"].contains(&purpose) && !filename.ends_with(".jsonl") {
        return Err(ApiError::invalid(
            Some("file"),
            format!("Invalid file format for {purpose}: a .jsonl file is expected, not '{filename}'."),
        ));
    }
    Ok(keep_file(spec, st, &data, &filename, purpose))
}

/// The bytes of a file, exactly as they were sent.
pub fn content(spec: &Spec, st: &State, id: &str) -> Answer {
    let f = st.find(spec.op("listFiles").collection, &[], id).ok_or_else(|| ApiError::not_found("file", id))?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(f["_content"].as_str().unwrap_or_default()).unwrap_or_default();
    Ok(raw(&bytes, "application/octet-stream"))
}

fn upload(spec: &Spec, st: &State, id: &str) -> Result<Value, ApiError> {
    st.find(spec.op("createUpload").collection, &[], id).cloned().ok_or_else(|| ApiError::not_found("upload", id))
}

pub fn create_upload(spec: &Spec, st: &mut State, b: &Map<String, Value>) -> Answer {
    let purpose = b.get("purpose").and_then(Value::as_str).unwrap_or_default();
    if !PURPOSES.contains(&purpose) {
        return Err(ApiError::invalid(Some("purpose"), format!("Invalid value for 'purpose': '{purpose}'.")));
    }
    let now = st.tick();
    let v = json!({
        "id": st.next_id("upload_"),
        "object": "upload",
        "bytes": b.get("bytes").cloned().unwrap_or(json!(0)),
        "created_at": now,
        "filename": b.get("filename").cloned().unwrap_or(json!("")),
        "purpose": purpose,
        "status": "pending",
        "expires_at": now + 3600,
        "file": null,
        "_mime_type": b.get("mime_type").cloned().unwrap_or(Value::Null),
        "_parts": {},
    });
    st.push(spec.op("createUpload").collection, &[], v.clone());
    Ok(shown(&v))
}

fn pending(v: &Value) -> Result<(), ApiError> {
    match v["status"].as_str() {
        Some("pending") => Ok(()),
        other => Err(ApiError::invalid(None, format!("The upload is {}: it takes no more changes.", other.unwrap_or("gone")))),
    }
}

pub fn add_part(spec: &Spec, st: &mut State, id: &str, b: &Map<String, Value>) -> Answer {
    let mut v = upload(spec, st, id)?;
    pending(&v)?;
    let (data, _, _) = file_of(b, "data")?;
    let now = st.tick();
    let part = st.next_id("part_");
    v["_parts"][&part] = json!(base64::engine::general_purpose::STANDARD.encode(&data));
    st.replace(spec.op("createUpload").collection, &[], &v);
    Ok(json!({"id": part, "object": "upload.part", "created_at": now, "upload_id": id}))
}

pub fn complete(spec: &Spec, st: &mut State, id: &str, b: &Map<String, Value>) -> Answer {
    let mut v = upload(spec, st, id)?;
    pending(&v)?;
    let ids = b.get("part_ids").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut bytes = Vec::new();
    for p in &ids {
        let part = p.as_str().unwrap_or_default();
        let Some(data) = v["_parts"][part].as_str() else {
            return Err(ApiError::invalid(Some("part_ids"), format!("No part '{part}' in upload '{id}'.")));
        };
        bytes.extend(base64::engine::general_purpose::STANDARD.decode(data).unwrap_or_default());
    }
    if v["bytes"].as_u64() != Some(bytes.len() as u64) {
        return Err(ApiError::invalid(
            Some("part_ids"),
            format!("The parts hold {} bytes; the upload was created for {}.", bytes.len(), v["bytes"]),
        ));
    }
    let file = keep_file(spec, st, &bytes, v["filename"].as_str().unwrap_or_default(), v["purpose"].as_str().unwrap_or_default());
    v["status"] = json!("completed");
    v["file"] = file;
    st.replace(spec.op("createUpload").collection, &[], &v);
    Ok(shown(&v))
}

pub fn cancel_upload(spec: &Spec, st: &mut State, id: &str) -> Answer {
    let mut v = upload(spec, st, id)?;
    pending(&v)?;
    v["status"] = json!("cancelled");
    st.replace(spec.op("createUpload").collection, &[], &v);
    Ok(shown(&v))
}
