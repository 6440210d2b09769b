//! Requests and answers the benchmarks share.

use openai_api::generated::models::{
    create_embedding_request_input_parseFromJSON, create_embedding_request_model_parseFromJSON, create_embedding_request_new,
    create_embedding_request_t, CreateEmbeddingRequestEncodingFormat,
};
use openai_api::support::cjson::{cJSON_Delete, cJSON_Parse};
use std::ffi::CString;

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
