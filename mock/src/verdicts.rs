//! Validating external keys and storage: the mock's rule for what the
//! provider would decide, or the verdict a test set for an object
//! (`POST /__mock/{external_keys|external_storage}/{id}/verdict`).

use crate::error::{Answer, ApiError};
use crate::resource::Resource;
use crate::state::{plain, State};
use serde_json::{json, Value};

/// A key config the provider would accept has identifiers of its kind.
pub fn key_rule(v: &Value) -> &'static str {
    let has = |k: &str, prefix: &str| v[k].as_str().is_some_and(|s| s.starts_with(prefix));
    let ok = match v["type"].as_str() {
        Some("aws") => has("kms_arn", "arn:aws:kms:") && has("role_arn", "arn:aws:iam::"),
        Some("gcp") => has("kms_project_id", "") && has("workload_identity_project_number", ""),
        Some("azure") => has("vault_uri", "https://"),
        Some("oci") => has("key_ocid", "ocid1.key.") && has("vault_ocid", "ocid1.vault."),
        _ => false,
    };
    if ok {
        "valid"
    } else {
        "invalid"
    }
}

/// A bucket OpenAI could reach: named, with a role or identity to assume.
pub fn storage_rule(v: &Value) -> &'static str {
    let p = &v["provider"];
    let named = p["bucket"].as_str().or(p["container"].as_str()).is_some_and(|b| !b.is_empty());
    let role = match p["type"].as_str() {
        Some("aws") => p["role_arn"].as_str().is_some_and(|r| r.starts_with("arn:aws:iam::")),
        _ => true,
    };
    if named && role {
        "validated"
    } else {
        "unhealthy"
    }
}

/// Sets what validating `id` of `res` answers from now on (`status`: a
/// key's validation status, a storage configuration's `status`).
pub fn set(st: &mut State, res: &Resource, id: &str, status: &str) -> Answer {
    if st.find(res.key, &[], id).is_none() {
        return Err(ApiError::not_found(res.what, id));
    }
    st.verdicts.insert(id.to_string(), status.to_string());
    Ok(json!({"id": id, "status": status}))
}

/// `POST …/{id}/validate`: the verdict a test set, else the rule. A storage
/// configuration keeps its new status; a key answers its own.
pub fn validate(st: &mut State, res: &Resource, rule: fn(&Value) -> &'static str, id: &str) -> Answer {
    let verdict = st.verdicts.get(id).cloned();
    let item = st.under_mut(res.key, &[]).find(|v| v["id"] == id).ok_or_else(|| ApiError::not_found(res.what, id))?;
    let status = verdict.unwrap_or_else(|| rule(item).to_string());
    if res.key == "external_keys" {
        return Ok(json!({"status": status}));
    }
    item["status"] = json!(status);
    Ok(plain(item))
}
