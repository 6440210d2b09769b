//! cJSON_Print, cJSON_PrintUnformatted and cJSON_Parse against the texts and
//! error offsets cJSON 1.7.7 produced for the same 65 inputs.

use openai_api::support::cjson::*;
use std::ffi::{CStr, CString};

fn take(p: *mut std::os::raw::c_char) -> String {
    assert!(!p.is_null());
    let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string();
    unsafe { cJSON_free(p as *mut _) };
    s
}

#[test]
fn golden_vectors() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cjson-1.7.7.json")).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 65);
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["input"].as_str().unwrap();
        let c_input = CString::new(input).unwrap();
        let tree = unsafe { cJSON_Parse(c_input.as_ptr()) };
        if case["valid"].as_bool().unwrap() {
            if tree.is_null() {
                failures.push(format!("{input:?}: rejected"));
                continue;
            }
            let printed = take(unsafe { cJSON_Print(tree) });
            let compact = take(unsafe { cJSON_PrintUnformatted(tree) });
            if printed != case["print"].as_str().unwrap() {
                failures.push(format!("{input:?}: print {printed:?} != {:?}", case["print"]));
            }
            if compact != case["print_unformatted"].as_str().unwrap() {
                failures.push(format!("{input:?}: unformatted {compact:?} != {:?}", case["print_unformatted"]));
            }
            unsafe { cJSON_Delete(tree) };
        } else {
            if !tree.is_null() {
                failures.push(format!("{input:?}: accepted"));
                unsafe { cJSON_Delete(tree) };
                continue;
            }
            let offset = unsafe { cJSON_GetErrorPtr().offset_from(c_input.as_ptr()) };
            if offset as u64 != case["error_offset"].as_u64().unwrap() {
                failures.push(format!("{input:?}: error at {offset}, cJSON says {}", case["error_offset"]));
            }
        }
    }
    assert!(failures.is_empty(), "{} of 65 differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn nesting_limit_is_enforced() {
    let deep = CString::new("[".repeat(1001) + &"]".repeat(1001)).unwrap();
    assert!(unsafe { cJSON_Parse(deep.as_ptr()) }.is_null());
    let ok = CString::new("[".repeat(1000) + &"]".repeat(1000)).unwrap();
    let tree = unsafe { cJSON_Parse(ok.as_ptr()) };
    assert!(!tree.is_null());
    unsafe { cJSON_Delete(tree) };
}

#[test]
fn the_rest_of_cjson_takes_null_and_bad_counts() {
    use std::ptr::null_mut;
    unsafe {
        assert!(cJSON_GetStringValue(null_mut()).is_null());
        assert!(cJSON_CreateIntArray(std::ptr::null(), 3).is_null());
        assert!(cJSON_CreateFloatArray([1.0f32].as_ptr(), -1).is_null());
        assert!(cJSON_CreateStringArray(null_mut(), 1).is_null());
        let mut one: [*const std::os::raw::c_char; 2] = [c"a".as_ptr(), std::ptr::null()];
        assert!(cJSON_CreateStringArray(one.as_mut_ptr(), 2).is_null(), "a NULL string makes no array");
        cJSON_AddItemReferenceToArray(null_mut(), null_mut());
        cJSON_AddItemReferenceToObject(null_mut(), c"k".as_ptr(), null_mut());
        assert!(cJSON_DetachItemViaPointer(null_mut(), null_mut()).is_null());
        cJSON_InsertItemInArray(null_mut(), 0, null_mut());
        assert_eq!(cJSON_ReplaceItemViaPointer(null_mut(), null_mut(), null_mut()), 0);
        cJSON_ReplaceItemInArray(null_mut(), 0, null_mut());
        cJSON_ReplaceItemInObject(null_mut(), null_mut(), null_mut());
        cJSON_ReplaceItemInObjectCaseSensitive(null_mut(), c"k".as_ptr(), null_mut());
        // An array with nothing to insert stays as it was.
        let a = cJSON_CreateIntArray([1, 2].as_ptr(), 2);
        cJSON_InsertItemInArray(a, 1, null_mut());
        cJSON_AddItemReferenceToArray(a, null_mut());
        assert_eq!(take(cJSON_PrintUnformatted(a)), "[1,2]");
        cJSON_Delete(a);
    }
}
