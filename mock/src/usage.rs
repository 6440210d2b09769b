//! Usage and cost buckets for any time range, made deterministically: each
//! endpoint is a row of `ENDPOINTS` (its result object, its counts, the
//! members it groups by and their values). A group's count is a hash of the
//! endpoint, the bucket and the group; a total is the sum of its groups, so
//! grouped and ungrouped answers agree. Pages follow `next_page`.

use crate::error::{Answer, ApiError};
use crate::query::QVal;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

struct Endpoint {
    op: &'static str,
    object: &'static str,
    /// Counts and the largest value of each per group and bucket.
    counts: &'static [(&'static str, u64)],
    /// Members it can group by, besides project_id.
    dims: &'static [&'static str],
}

const ENDPOINTS: [Endpoint; 12] = [
    Endpoint {
        op: "usage-completions",
        object: "organization.usage.completions.result",
        counts: &[
            ("input_tokens", 5_000_000),
            ("input_cached_tokens", 1_000_000),
            ("output_tokens", 2_000_000),
            ("input_audio_tokens", 1000),
            ("output_audio_tokens", 1000),
            ("num_model_requests", 5000),
            ("input_cache_write_30m_tokens", 10_000),
            ("input_cache_write_12h_tokens", 10_000),
        ],
        dims: &["user_id", "api_key_id", "model", "batch", "service_tier", "api_source"],
    },
    Endpoint {
        op: "usage-decisions",
        object: "organization.usage.decisions.result",
        counts: &[
            ("input_tokens", 2_000_000),
            ("input_cached_tokens", 500_000),
            ("input_cache_write_30m_tokens", 10_000),
            ("input_cache_write_12h_tokens", 10_000),
            ("output_tokens", 500_000),
            ("num_model_requests", 2000),
        ],
        dims: &["user_id", "api_key_id", "model", "batch", "service_tier", "api_source"],
    },
    Endpoint {
        op: "usage-embeddings",
        object: "organization.usage.embeddings.result",
        counts: &[("input_tokens", 1_000_000), ("num_model_requests", 2000)],
        dims: &["user_id", "api_key_id", "model"],
    },
    Endpoint {
        op: "usage-moderations",
        object: "organization.usage.moderations.result",
        counts: &[("input_tokens", 100_000), ("num_model_requests", 500)],
        dims: &["user_id", "api_key_id", "model"],
    },
    Endpoint {
        op: "usage-images",
        object: "organization.usage.images.result",
        counts: &[("images", 200), ("num_model_requests", 200)],
        dims: &["user_id", "api_key_id", "model", "size", "source"],
    },
    Endpoint {
        op: "usage-audio-speeches",
        object: "organization.usage.audio_speeches.result",
        counts: &[("characters", 100_000), ("num_model_requests", 300)],
        dims: &["user_id", "api_key_id", "model"],
    },
    Endpoint {
        op: "usage-audio-transcriptions",
        object: "organization.usage.audio_transcriptions.result",
        counts: &[("seconds", 36_000), ("num_model_requests", 300)],
        dims: &["user_id", "api_key_id", "model"],
    },
    Endpoint {
        op: "usage-vector-stores",
        object: "organization.usage.vector_stores.result",
        counts: &[("usage_bytes", 50_000_000)],
        dims: &[],
    },
    Endpoint {
        op: "usage-code-interpreter-sessions",
        object: "organization.usage.code_interpreter_sessions.result",
        counts: &[("num_sessions", 100)],
        dims: &[],
    },
    Endpoint {
        op: "usage-file-search-calls",
        object: "organization.usage.file_searches.result",
        counts: &[("num_requests", 1000)],
        dims: &["user_id", "api_key_id", "vector_store_id"],
    },
    Endpoint {
        op: "usage-web-search-calls",
        object: "organization.usage.web_searches.result",
        counts: &[("num_model_requests", 500), ("num_requests", 500)],
        dims: &["user_id", "api_key_id", "model", "context_level", "api_source"],
    },
    Endpoint {
        op: "usage-costs",
        object: "organization.costs.result",
        counts: &[("amount", 2_000)],
        dims: &["line_item", "api_key_id", "user_id", "api_source"],
    },
];

/// The values a group member takes.
fn values(dim: &str, op: &str, projects: &[String]) -> Vec<Value> {
    let strs = |v: &[&str]| v.iter().map(|s| json!(s)).collect();
    match dim {
        "project_id" if projects.is_empty() => strs(&["proj_usage_default"]),
        "project_id" => projects.iter().map(|p| json!(p)).collect(),
        "user_id" => strs(&["user_alice", "user_bob"]),
        "api_key_id" => strs(&["key_alice", "key_deploy"]),
        "model" if op == "usage-embeddings" => strs(&["text-embedding-3-small"]),
        "model" if op == "usage-images" => strs(&["gpt-image-1", "dall-e-3"]),
        "model" if op.starts_with("usage-audio") => strs(&["gpt-4o-mini-tts", "whisper-1"]),
        "model" => strs(&["gpt-4o", "gpt-4o-mini"]),
        "batch" => vec![json!(false), json!(true)],
        "size" => strs(&["1024x1024", "256x256"]),
        "source" => strs(&["image.generation", "image.edit"]),
        "vector_store_id" => strs(&["vs_docs", "vs_tickets"]),
        "context_level" => strs(&["low", "medium"]),
        "line_item" => strs(&["gpt-4o, input", "gpt-4o, output"]),
        "api_source" => strs(&["agents_api", "unlabeled"]),
        "service_tier" => strs(&["default", "flex"]),
        _ => vec![Value::Null],
    }
}

/// The filter parameter of a group member, if it has one.
fn filter_of(dim: &str) -> Option<&'static str> {
    match dim {
        "project_id" => Some("project_ids"),
        "user_id" => Some("user_ids"),
        "api_key_id" => Some("api_key_ids"),
        "model" => Some("models"),
        "vector_store_id" => Some("vector_store_ids"),
        "line_item" => Some("line_items"),
        "size" => Some("sizes"),
        "source" => Some("sources"),
        "context_level" => Some("context_levels"),
        _ => None,
    }
}

/// The hash of `parts`, each ended by a NUL byte.
fn hash(parts: &[&str]) -> u64 {
    crate::hash::fnv1a_of(parts.iter().flat_map(|p| p.bytes().chain([0])))
}

/// A group: the members grouped by and their values.
type Group<'a> = Vec<(&'a str, Value)>;

/// The buckets of `op` for the checked query, up to the present `now`
/// (no bucket starts after it).
pub fn buckets(op: &str, q: &BTreeMap<String, QVal>, projects: &[String], now: i64) -> Answer {
    let e = ENDPOINTS.iter().find(|e| e.op == op).ok_or_else(|| ApiError::invalid(None, format!("{op} is not served")))?;
    let int = |k: &str| match q.get(k) {
        Some(QVal::Int(n)) => Some(*n),
        _ => None,
    };
    let width = match q.get("bucket_width") {
        Some(QVal::Str(w)) if w == "1m" => 60,
        Some(QVal::Str(w)) if w == "1h" => 3600,
        _ => 86_400,
    };
    let (default_limit, max_limit) = match (width, op) {
        (86_400, "usage-costs") => (7, 180),
        (86_400, _) => (7, 31),
        (3600, _) => (24, 168),
        _ => (60, 1440),
    };
    let limit = int("limit").unwrap_or(default_limit);
    if !(1..=max_limit).contains(&limit) {
        return Err(ApiError::invalid(Some("limit"), format!("Invalid 'limit': {limit}. Expected an integer between 1 and {max_limit}.")));
    }
    let start = int("start_time").unwrap_or(0);
    let end = int("end_time").unwrap_or(now).min(now);
    if end <= start {
        return Err(ApiError::invalid(Some("end_time"), "'end_time' must be after 'start_time'."));
    }
    let first = start - start.rem_euclid(width);
    let from = match q.get("page") {
        Some(QVal::Str(p)) => p
            .strip_prefix("page_")
            .and_then(|h| i64::from_str_radix(h, 16).ok())
            .map(|x| x ^ 0x5a5a)
            .filter(|x| *x >= first && *x < end && (x - first) % width == 0)
            .ok_or_else(|| ApiError::invalid(Some("page"), format!("Invalid 'page': '{p}'.")))?,
        _ => first,
    };
    let group_by: Vec<String> = match q.get("group_by") {
        Some(QVal::List(l)) => l.clone(),
        _ => Vec::new(),
    };
    let mut dims: Vec<&str> = vec!["project_id"];
    dims.extend(e.dims);
    if let Some(bad) = group_by.iter().find(|g| !dims.contains(&g.as_str())) {
        return Err(ApiError::invalid(Some("group_by"), format!("Invalid value for 'group_by': '{bad}'.")));
    }
    // Every combination of every member's (filtered) values.
    let mut combos: Vec<Vec<(&str, Value)>> = vec![Vec::new()];
    for d in &dims {
        let mut vals = values(d, op, projects);
        if let Some(QVal::List(want)) = filter_of(d).and_then(|f| q.get(f)) {
            vals.retain(|v| v.as_str().is_some_and(|s| want.iter().any(|w| w == s)));
        }
        if let (&"batch", Some(QVal::Bool(b))) = (d, q.get("batch")) {
            vals.retain(|v| v == &json!(b));
        }
        combos = combos.into_iter().flat_map(|c| vals.iter().map(move |v| [c.clone(), vec![(*d, v.clone())]].concat())).collect();
    }
    let mut data = Vec::new();
    let mut at = from;
    while at < end && data.len() < limit as usize {
        let bucket = at.to_string();
        // Grouped by the asked members: the sums over the others.
        let mut groups: Vec<(Group, Vec<u64>)> = Vec::new();
        for c in &combos {
            let key: Vec<String> = c.iter().map(|(d, v)| format!("{d}={v}")).collect();
            let key = key.join("&");
            // Some groups have no use in some buckets, as on a real account.
            if hash(&[op, &bucket, &key, "used"]) % 4 == 0 {
                continue;
            }
            let shown: Vec<(&str, Value)> = c.iter().filter(|(d, _)| group_by.iter().any(|g| g == d)).cloned().collect();
            let counts: Vec<u64> = e.counts.iter().map(|(name, max)| hash(&[op, &bucket, &key, name]) % max + 1).collect();
            match groups.iter_mut().find(|(s, _)| *s == shown) {
                Some((_, sum)) => sum.iter_mut().zip(&counts).for_each(|(a, b)| *a += b),
                None => groups.push((shown, counts)),
            }
        }
        let results: Vec<Value> = groups
            .into_iter()
            .map(|(shown, counts)| {
                let mut r = Map::new();
                r.insert("object".into(), json!(e.object));
                for ((name, _), n) in e.counts.iter().zip(&counts) {
                    if *name == "amount" {
                        // Cents as dollars: a fractional amount, as the API sends.
                        r.insert("amount".into(), json!({"value": *n as f64 / 100.0 + 0.0025, "currency": "usd"}));
                    } else {
                        r.insert((*name).into(), json!(n));
                    }
                }
                for d in &dims {
                    let v = shown.iter().find(|(k, _)| k == d).map_or(Value::Null, |(_, v)| v.clone());
                    r.insert((*d).into(), v);
                }
                if op == "usage-costs" {
                    r.insert("quantity".into(), Value::Null);
                    r.insert("quantity_unit".into(), Value::Null);
                }
                Value::Object(r)
            })
            .collect();
        data.push(json!({"object": "bucket", "start_time": at, "end_time": at + width, "results": results}));
        at += width;
    }
    let has_more = at < end;
    let next = has_more.then(|| format!("page_{:x}", at ^ 0x5a5a));
    Ok(json!({"object": "page", "data": data, "has_more": has_more, "next_page": next}))
}
