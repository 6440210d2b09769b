//! cJSON_ParseWithOpts on arbitrary bytes; whatever parses is printed both
//! ways, and the printed text must parse again and print the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use openai_api::support::cjson::*;
use std::ffi::CStr;

fuzz_target!(|data: &[u8]| {
    let mut text = data.to_vec();
    text.push(0);
    unsafe {
        for require_end in [0, 1] {
            let mut end = std::ptr::null();
            let tree = cJSON_ParseWithOpts(text.as_ptr().cast(), &mut end, require_end);
            if tree.is_null() {
                assert!(!cJSON_GetErrorPtr().is_null());
                continue;
            }
            assert!(end >= text.as_ptr().cast() && end < text.as_ptr().add(text.len()).cast());
            for formatted in [true, false] {
                let printed = if formatted { cJSON_Print(tree) } else { cJSON_PrintUnformatted(tree) };
                assert!(!printed.is_null());
                let again = cJSON_Parse(printed);
                assert!(!again.is_null(), "printed text does not parse: {:?}", CStr::from_ptr(printed));
                let reprinted = if formatted { cJSON_Print(again) } else { cJSON_PrintUnformatted(again) };
                assert_eq!(CStr::from_ptr(printed), CStr::from_ptr(reprinted));
                cJSON_free(reprinted.cast());
                cJSON_Delete(again);
                cJSON_free(printed.cast());
            }
            cJSON_Delete(tree);
        }
    }
});
