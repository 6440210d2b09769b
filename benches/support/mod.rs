//! Requests and answers the benchmarks share (each uses a part of them).
#![allow(dead_code)]

use openai_api::generated::models::{
    create_embedding_request_input_parseFromJSON, create_embedding_request_model_parseFromJSON, create_embedding_request_new,
    create_embedding_request_t, CreateEmbeddingRequestEncodingFormat,
};
use openai_api::support::cjson::{cJSON_Delete, cJSON_Parse};
use std::ffi::CString;

/// Project `i` as the API answers a retrieve, named `name i`.
pub fn project(i: usize, name: &str) -> String {
    format!(
        r#"{{"id":"proj_{i:04}","object":"organization.project","name":"{name} {i}","created_at":1711471533,"archived_at":null,"status":"active"}}"#
    )
}

/// A page of 100 projects named `name 0` to `name 99`.
pub fn page(name: &str) -> String {
    let items: Vec<String> = (0..100).map(|i| project(i, name)).collect();
    format!(r#"{{"object":"list","data":[{}],"first_id":"proj_0000","last_id":"proj_0099","has_more":true}}"#, items.join(","))
}

/// A non-ASCII name written as `\u` escapes, as many JSON encoders send it.
pub const ESCAPED_NAME: &str = r"Zo\u00eb \u00c5ngstr\u00f6m \u65e5\u672c";

/// An embeddings answer for 100 inputs of 1,536 dimensions, printed as the
/// API prints it: indented by two spaces, one number a line, each number a
/// 32-bit float in its shortest form (`-0.0069292835`). The numbers are
/// pseudo-random, the same every run. About 2.6 MB.
pub fn embeddings_answer() -> String {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        // xorshift64*: a fixed sequence, spread over [-0.1, 0.1).
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 40;
        (r as f32 / (1u64 << 24) as f32 - 0.5) * 0.2
    };
    let mut out = String::with_capacity(3 << 20);
    out.push_str("{\n  \"object\": \"list\",\n  \"data\": [\n");
    for i in 0..100 {
        out.push_str(&format!("    {{\n      \"object\": \"embedding\",\n      \"index\": {i},\n      \"embedding\": [\n"));
        for d in 0..1536 {
            let sep = if d == 1535 { "" } else { "," };
            out.push_str(&format!("        {}{sep}\n", next()));
        }
        let sep = if i == 99 { "" } else { "," };
        out.push_str(&format!("      ]\n    }}{sep}\n"));
    }
    out.push_str(
        "  ],\n  \"model\": \"text-embedding-3-small\",\n  \"usage\": {\n    \"prompt_tokens\": 800,\n    \"total_tokens\": 800\n  }\n}",
    );
    out
}

/// The texts of the embeddings request, as its JSON body's `input`.
pub fn texts() -> String {
    let texts: Vec<String> = (0..100).map(|i| format!("\"document {i}\"")).collect();
    format!("[{}]", texts.join(","))
}

/// The embeddings request: 100 short texts (free it with
/// `create_embedding_request_free`).
pub unsafe fn embeddings_request() -> *mut create_embedding_request_t {
    let texts = CString::new(texts()).unwrap();
    // SAFETY: cJSON trees parsed from C strings, read by the _parseFromJSON
    // functions and deleted after; the request owns what they return.
    unsafe {
        let (input, model) = (cJSON_Parse(texts.as_ptr()), cJSON_Parse(c"\"text-embedding-3-small\"".as_ptr()));
        let request = create_embedding_request_new(
            create_embedding_request_input_parseFromJSON(input),
            create_embedding_request_model_parseFromJSON(model),
            CreateEmbeddingRequestEncodingFormat(1), // float
            0,
            std::ptr::null(),
        );
        assert!(!request.is_null());
        cJSON_Delete(input);
        cJSON_Delete(model);
        request
    }
}

/// The headers of an answer as the API sends them (17 with the
/// `content-type`, `content-length`, `date`, `x-request-id` and
/// `openai-processing-ms` every server of these benchmarks sends itself),
/// two `set-cookie` among them. Values as they come, ids made up.
pub const API_HEADERS: [(&str, &str); 12] = [
    ("connection", "keep-alive"),
    ("openai-organization", "org-3f8a2b1c9d7e6f5a4b3c2d1e"),
    ("openai-project", "proj_9e3779b97f4a7c15aa01bb02"),
    ("openai-version", "2020-10-01"),
    ("strict-transport-security", "max-age=31536000; includeSubDomains; preload"),
    ("cf-cache-status", "DYNAMIC"),
    ("set-cookie", "__cf_bm=q4Xw8lZ1mN2oP3rS4tU5vW6xY7zA8bC9dE0fG1hI2jK-1765144800-1.0.1.1-LmNoPqRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuVwXy; path=/; expires=Mon, 07-Dec-26 22:30:00 GMT; domain=.api.openai.com; HttpOnly; Secure; SameSite=None"),
    ("set-cookie", "_cfuvid=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg-1765144800000-0.0.1.1-604800000; path=/; domain=.api.openai.com; HttpOnly; Secure; SameSite=None"),
    ("x-content-type-options", "nosniff"),
    ("server", "cloudflare"),
    ("cf-ray", "8f1d2c3b4a5e6f70-FRA"),
    ("alt-svc", "h3=\":443\"; ma=86400"),
];

/// The head of a 200 JSON answer of `len` bytes: the 4 headers the
/// benchmarks long used (`api` false), or the API's 17.
pub fn head(len: usize, api: bool) -> String {
    let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n");
    if api {
        h.push_str("date: Mon, 07 Dec 2026 22:00:00 GMT\r\nopenai-processing-ms: 142\r\n");
    }
    h.push_str("x-request-id: req_0123456789abcdef0123456789abcdef\r\n");
    if api {
        for (k, v) in API_HEADERS {
            h.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    h.push_str("\r\n");
    h
}

/// A page of 100 audit-log events: the events of the API's documented
/// example (`tests/data/admin-current.yaml`, mended as the mock mends it)
/// in turn, each with an id of its own, printed as the API prints it.
pub fn audit_page() -> String {
    use serde_json::{json, Value};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/admin-current.yaml");
    let doc = yaml_rust2::YamlLoader::load_from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = doc[0]["paths"]["/organization/audit_logs"]["get"]["x-example-response"].as_str().unwrap().to_string();
    let example: Value = serde_json::from_str(&openai_api_mock::examples::repaired(&text)).unwrap();
    let events = example["data"].as_array().unwrap();
    let data: Vec<Value> = (0..100)
        .map(|i| {
            let mut e = events[i % events.len()].clone();
            e["id"] = json!(format!("audit_log-{i:04}"));
            e
        })
        .collect();
    let page = json!({"object": "list", "data": data, "first_id": "audit_log-0000", "last_id": "audit_log-0099", "has_more": true});
    serde_json::to_string_pretty(&page).unwrap()
}

/// Builds `benches/floor/floor.cpp` (C++17, simdjson), or says why not.
pub fn build_floor() -> Option<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = std::env::temp_dir().join(format!("openai-api-floor-{}", std::process::id()));
    let out = std::process::Command::new(std::env::var("CXX").unwrap_or_else(|_| "c++".into()))
        .args(["-O3", "-march=haswell", "-std=c++17", "-I"])
        .arg(root.join("include"))
        .arg(root.join("benches/floor/floor.cpp"))
        .args(["-lsimdjson", "-o"])
        .arg(&exe)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("the floor was not built (it needs libsimdjson-dev): {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    Some(exe)
}
