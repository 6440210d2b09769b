//! Every model's parse-from-bytes path (the one response bodies take) on
//! arbitrary bytes. What parses must convert back to JSON, and that JSON
//! must parse into the model again; everything is freed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use openai_api::support::cjson::{cJSON_Delete, cJSON_PrintUnformatted, cJSON_free};
use openai_api::generated::models::every_model;
use openai_api::wire::answer::parse_text;
use openai_api::wire::model::{free_def, to_json_def};
use std::ffi::CStr;

fuzz_target!(|data: &[u8]| {
    unsafe {
        for def in every_model() {
            let Ok(m) = parse_text(def, data) else { continue };
            assert!(!m.is_null());
            let json = to_json_def(def, m);
            // An answer that lacked a field the document requires parses
            // (as NULL/0) but cannot be converted back: NULL is allowed.
            if !json.is_null() {
                let text = cJSON_PrintUnformatted(json);
                assert!(!text.is_null());
                let bytes = CStr::from_ptr(text).to_bytes();
                match parse_text(def, bytes) {
                    Ok(again) => free_def(def, again),
                    Err(_) => panic!("{} does not parse back: {:?}", def.name, String::from_utf8_lossy(bytes)),
                }
                cJSON_free(text.cast());
                cJSON_Delete(json);
            }
            free_def(def, m);
        }
    }
});
