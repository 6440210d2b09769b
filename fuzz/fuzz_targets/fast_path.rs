//! The fast path against the cJSON path on arbitrary bytes, for every
//! model: wherever the fast path builds a struct, the cJSON path builds
//! one too and the two read alike member by member; everything is freed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use openai_api::generated::models::every_model;
use openai_api::wire::answer::{parse_cjson_only, parse_fast_only};
use openai_api::wire::model::{dump_def, free_def};

fuzz_target!(|data: &[u8]| {
    unsafe {
        for def in every_model() {
            let Some(fast) = parse_fast_only(def, data) else { continue };
            let Some(slow) = parse_cjson_only(def, data) else {
                panic!("{}: the fast path took what cJSON refuses: {:?}", def.name, String::from_utf8_lossy(data));
            };
            assert_eq!(dump_def(def, fast), dump_def(def, slow), "{}: {:?}", def.name, String::from_utf8_lossy(data));
            free_def(def, fast);
            free_def(def, slow);
        }
    }
});
