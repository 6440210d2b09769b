//! The shared library exports exactly the functions the header declares,
//! and every function the generated client's library exports for the APIs
//! it replaces: cJSON 1.7.7's API, the support files (`apiClient.h`,
//! `list.h`, `keyValuePair.h`, `binary.h`) and, from the 2.3.0 document by
//! OpenAPI Generator's C rules, each operation's call and each model's
//! functions (a program built against the generated client that calls one
//! must find it here: `symbol lookup error` otherwise).

use std::collections::BTreeSet;
use std::process::Command;
use support::spec::{resolve_yaml, snake};
use yaml_rust2::{Yaml, YamlLoader};

use crate::support;

/// cJSON 1.7.7's functions, as its header declares them.
const CJSON_1_7_7: [&str; 74] = [
    "cJSON_Version",
    "cJSON_InitHooks",
    "cJSON_Parse",
    "cJSON_ParseWithOpts",
    "cJSON_Print",
    "cJSON_PrintUnformatted",
    "cJSON_PrintBuffered",
    "cJSON_PrintPreallocated",
    "cJSON_Delete",
    "cJSON_GetArraySize",
    "cJSON_GetArrayItem",
    "cJSON_GetObjectItem",
    "cJSON_GetObjectItemCaseSensitive",
    "cJSON_HasObjectItem",
    "cJSON_GetErrorPtr",
    "cJSON_GetStringValue",
    "cJSON_IsInvalid",
    "cJSON_IsFalse",
    "cJSON_IsTrue",
    "cJSON_IsBool",
    "cJSON_IsNull",
    "cJSON_IsNumber",
    "cJSON_IsString",
    "cJSON_IsArray",
    "cJSON_IsObject",
    "cJSON_IsRaw",
    "cJSON_CreateNull",
    "cJSON_CreateTrue",
    "cJSON_CreateFalse",
    "cJSON_CreateBool",
    "cJSON_CreateNumber",
    "cJSON_CreateString",
    "cJSON_CreateRaw",
    "cJSON_CreateArray",
    "cJSON_CreateObject",
    "cJSON_CreateStringReference",
    "cJSON_CreateObjectReference",
    "cJSON_CreateArrayReference",
    "cJSON_CreateIntArray",
    "cJSON_CreateFloatArray",
    "cJSON_CreateDoubleArray",
    "cJSON_CreateStringArray",
    "cJSON_AddItemToArray",
    "cJSON_AddItemToObject",
    "cJSON_AddItemToObjectCS",
    "cJSON_AddItemReferenceToArray",
    "cJSON_AddItemReferenceToObject",
    "cJSON_DetachItemViaPointer",
    "cJSON_DetachItemFromArray",
    "cJSON_DeleteItemFromArray",
    "cJSON_DetachItemFromObject",
    "cJSON_DetachItemFromObjectCaseSensitive",
    "cJSON_DeleteItemFromObject",
    "cJSON_DeleteItemFromObjectCaseSensitive",
    "cJSON_InsertItemInArray",
    "cJSON_ReplaceItemViaPointer",
    "cJSON_ReplaceItemInArray",
    "cJSON_ReplaceItemInObject",
    "cJSON_ReplaceItemInObjectCaseSensitive",
    "cJSON_Duplicate",
    "cJSON_Compare",
    "cJSON_Minify",
    "cJSON_AddNullToObject",
    "cJSON_AddTrueToObject",
    "cJSON_AddFalseToObject",
    "cJSON_AddBoolToObject",
    "cJSON_AddNumberToObject",
    "cJSON_AddStringToObject",
    "cJSON_AddRawToObject",
    "cJSON_AddObjectToObject",
    "cJSON_AddArrayToObject",
    "cJSON_SetNumberHelper",
    "cJSON_malloc",
    "cJSON_free",
];

/// The generated client's support files' functions (ABI.md section 2).
const SUPPORT: [&str; 31] = [
    "apiClient_create",
    "apiClient_create_with_base_path",
    "sslConfig_create",
    "sslConfig_free",
    "apiClient_free",
    "apiClient_invoke",
    "apiClient_setupGlobalEnv",
    "apiClient_unsetupGlobalEnv",
    "strReplace",
    "base64encode",
    "base64decode",
    "list_createList",
    "list_freeList",
    "list_addElement",
    "list_removeElement",
    "list_getElementAt",
    "list_getWithIndex",
    "list_iterateThroughListForward",
    "list_iterateThroughListBackward",
    "listEntry_printAsInt",
    "listEntry_free",
    "clear_and_free_string_list",
    "findStrInStrList",
    "keyValuePair_create",
    "keyValuePair_create_allocate",
    "keyValuePair_free",
    "instantiate_binary_t",
    // model/object.c: the free-form value every generated library has.
    "object_create",
    "object_free",
    "object_parseFromJSON",
    "object_convertToJSON",
];

fn upper_camel(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

/// What the generated client's library exports for the 2.3.0 document's
/// administration part (`tests/data/admin-2.3.0.yaml`), by OpenAPI
/// Generator's C rules: `<Tag>API_<operationId in lowerCamelCase>` (untagged:
/// `DefaultAPI_`); for each schema `<model>_create`, `_free`,
/// `_parseFromJSON`, `_convertToJSON` and `<model>_<member>_ToString` /
/// `_FromString` for each member that is a string enum; for a schema that is
/// only an enum, `<model>_<model>_ToString`, `_FromString`,
/// `<model>_convertToJSON` and `<model>_parseFromJSON`.
fn generated_client_api() -> BTreeSet<String> {
    api_of("admin-2.3.0.yaml")
}

/// What OpenAPI Generator's C client exports for a document of
/// tests/data/: each call, each model's four functions, each enum's two
/// (an enum-only schema's four), by its rules.
fn api_of(document: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(support::root().join("tests/data").join(document)).unwrap();
    let doc = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let mut out = BTreeSet::new();
    for (_, item) in doc["paths"].as_hash().unwrap() {
        for (_, op) in item.as_hash().unwrap() {
            let api = op["tags"][0].as_str().map_or("DefaultAPI".to_string(), |t| format!("{}API", upper_camel(t)));
            let id = op["operationId"].as_str().unwrap();
            let mut words = id.split('-');
            let name = words.next().unwrap().to_string() + &words.map(|w| w[..1].to_uppercase() + &w[1..]).collect::<String>();
            out.insert(format!("{api}_{name}"));
        }
    }
    // A multipart form's schema has no model: its fields are its call's parameters.
    let mut forms = BTreeSet::new();
    for (_, item) in doc["paths"].as_hash().unwrap() {
        for (_, op) in item.as_hash().unwrap() {
            if let Some(r) = op["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].as_str() {
                forms.insert(r.rsplit('/').next().unwrap().to_string());
            }
        }
    }
    for (name, schema) in doc["components"]["schemas"].as_hash().unwrap() {
        let model = snake(name.as_str().unwrap());
        // No model: a form, another schema's alias, an array or a plain value, a free-form object.
        let free_form = schema["type"].as_str() == Some("object")
            && schema["properties"].is_badvalue()
            && schema["allOf"].is_badvalue()
            && schema["oneOf"].is_badvalue()
            && schema["anyOf"].is_badvalue();
        if forms.contains(name.as_str().unwrap())
            || !schema["$ref"].is_badvalue()
            || free_form
            || (matches!(schema["type"].as_str(), Some("array" | "boolean" | "integer" | "number")))
            || (schema["type"].as_str() == Some("string") && schema["enum"].is_badvalue())
        {
            continue;
        }
        if schema["type"].as_str() == Some("string") && !schema["enum"].is_badvalue() {
            for f in [format!("{model}_{model}_ToString"), format!("{model}_{model}_FromString")] {
                out.insert(f);
            }
            out.insert(format!("{model}_convertToJSON"));
            out.insert(format!("{model}_parseFromJSON"));
            continue;
        }
        for f in ["create", "free", "parseFromJSON", "convertToJSON"] {
            out.insert(format!("{model}_{f}"));
        }
        // The members of its branches and parts; an inline enum's
        // functions, of strings, integers, or an array's items.
        let mut parts: Vec<&Yaml> = vec![schema];
        let mut i = 0;
        while i < parts.len() {
            let p = parts[i];
            for b in p["oneOf"].as_vec().into_iter().chain(p["allOf"].as_vec()).flatten() {
                parts.push(resolve_yaml(&doc, b));
            }
            i += 1;
        }
        for b in parts {
            for (key, p) in b["properties"].as_hash().into_iter().flatten() {
                let p = if p["type"].as_str() == Some("array") { &p["items"] } else { p };
                if matches!(p["type"].as_str(), Some("string" | "integer")) && !p["enum"].is_badvalue() {
                    let member = key.as_str().unwrap().replace(['.', '/', '-'], "_");
                    out.insert(format!("{model}_{member}_ToString"));
                    out.insert(format!("{model}_{member}_FromString"));
                }
            }
        }
    }
    out
}

/// Function names declared in the headers under include/: a declaration starts at
/// column 0 with a return type and has `name(` before any `;`.
pub(crate) fn declared() -> BTreeSet<String> {
    let header = support::declarations();
    let mut names = BTreeSet::new();
    for line in header.lines() {
        // A deprecated function's attribute may share its line.
        let line = line.trim_start_matches("__attribute__((deprecated)) ");
        let starts_decl = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && !line.starts_with("typedef")
            && !line.starts_with("extern")
            && line.contains('(');
        if !starts_decl {
            continue;
        }
        let before_paren = &line[..line.find('(').unwrap()];
        let name = before_paren.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap();
        names.insert(name.to_string());
    }
    names
}

fn exported() -> BTreeSet<String> {
    let so = support::lib_dir().join("libopenai_api.so");
    let out = Command::new("nm").args(["-D", "--defined-only"]).arg(&so).output().expect("nm (binutils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (_addr, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
            (kind == "T").then(|| name.to_string())
        })
        .collect()
}

#[test]
fn exported_symbols_equal_declared_functions() {
    let declared = declared();
    let exported = exported();
    assert!(declared.len() > 150, "parsed only {} declarations", declared.len());
    let missing: Vec<_> = declared.difference(&exported).collect();
    let extra: Vec<_> = exported.difference(&declared).collect();
    assert!(missing.is_empty() && extra.is_empty(), "declared but not exported: {missing:?}\nexported but not declared: {extra:?}");
    for f in ["ProjectsAPI_listProjects", "cJSON_Parse", "list_createList", "project_create", "apiClient_create"] {
        assert!(exported.contains(f), "{f}");
    }
}

/// The same for the generated client's whole library: its other 14 APIs'
/// calls and every model and enum of theirs (openai-2.3.0.yaml).
#[test]
fn every_symbol_of_the_whole_generated_library_is_exported() {
    let exported = exported();
    let api = api_of("openai-2.3.0.yaml");
    assert!(api.len() > 2700, "derived only {} names", api.len());
    let missing: Vec<&String> = api.iter().filter(|f| !exported.contains(*f)).collect();
    assert!(missing.is_empty(), "{} of {} the generated library exports are missing: {missing:?}", missing.len(), api.len());
}

#[test]
fn every_symbol_of_the_generated_client_is_exported() {
    let exported = exported();
    let api = generated_client_api();
    assert!(api.len() > 400, "derived only {} names", api.len());
    let wanted: BTreeSet<String> = CJSON_1_7_7.iter().chain(&SUPPORT).map(|s| s.to_string()).chain(api).collect();
    let missing: Vec<&String> = wanted.iter().filter(|f| !exported.contains(*f)).collect();
    assert!(missing.is_empty(), "{} of {} the generated client's library exports are missing: {missing:?}", missing.len(), wanted.len());
}
