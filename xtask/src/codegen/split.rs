//! The headers at the generated client's paths, from the one header
//! cbindgen writes. Each declaration goes to the header its name places it
//! in: `ProjectsAPI_…` to `api/ProjectsAPI.h`, `project_t` and `project_…`
//! to `model/project.h`, `cJSON…` to `external/cJSON.h`, `list_…` to
//! `include/list.h`, and so on; an enum no name places goes with the one
//! header that uses it. Each header includes the headers whose types it
//! uses by value, declares the structs it only points to, and ends by
//! including `openai_api.h`, which includes them all: a program that
//! includes any one header reaches every declaration, as before.

use std::collections::{BTreeMap, BTreeSet};

/// The kinds of declaration, in the order a header gives them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Define,
    Type,
    Function,
}

/// One declaration of cbindgen's header: its text (doc comment included),
/// the identifiers of its code (each with whether `struct` precedes it),
/// the name it declares, and whether it declares a struct.
struct Item {
    name: String,
    kind: Kind,
    text: String,
    words: Vec<(String, bool)>,
    is_struct: bool,
}

/// The support headers, each with what a name must start with (or be) to
/// go there, a one-line description, and what it declares before its items.
const SUPPORT: &[(&str, &[&str], &str)] = &[
    ("external/cJSON.h", &["cJSON", "CJSON_"], "cJSON's API (1.7.7's declarations), implemented by this library"),
    (
        "include/list.h",
        &["list_t", "listEntry", "list_callback", "list_ForEach", "list_", "findStrInStrList", "clear_and_free_string_list"],
        "`list_t`, the list every model uses for arrays, and its functions",
    ),
    ("include/keyValuePair.h", &["keyValuePair"], "`keyValuePair_t`, a key and its value"),
    ("include/binary.h", &["binary_t", "instantiate_binary_t", "base64"], "`binary_t`, bytes and their length, and base64"),
    (
        "include/apiClient.h",
        &["apiClient", "sslConfig", "curlConfig", "strReplace", "openai_api_version", "openai_api_error_code_e", "OPENAI_API_"],
        "`apiClient_t`, its settings, its errors and the library's version",
    ),
    // The generated client's placeholder, which its `model/function_object.h` includes.
    ("model/any_type.h", &[], "A placeholder the generated client has: it declares nothing of its own"),
];

/// The name a declaration's code declares.
fn name_of(code: &str) -> Option<(String, Kind)> {
    let ident = |s: &str| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).find(|w| !w.is_empty()).map(str::to_string);
    if let Some(rest) = code.strip_prefix("#define") {
        return ident(rest).map(|n| (n, Kind::Define));
    }
    if code.starts_with("typedef") {
        let first = code.lines().next().unwrap_or("");
        // A function pointer: `typedef R (*name)(…);`.
        if !code.contains('{') {
            if let Some(at) = first.find("(*") {
                return ident(&first[at + 2..]).map(|n| (n, Kind::Type));
            }
        }
        // `typedef … name;`: the last word before the final `;`.
        let last = code.trim_end().strip_suffix(';')?;
        let name = last.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).find(|w| !w.is_empty())?;
        return Some((name.to_string(), Kind::Type));
    }
    // A function: the word before the first `(` that is not an attribute.
    let mut rest = code;
    loop {
        let open = rest.find('(')?;
        let word = rest[..open].rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).find(|w| !w.is_empty())?;
        if word != "__attribute__" {
            return Some((word.to_string(), Kind::Function));
        }
        // Past the attribute's parentheses.
        let mut depth = 0;
        let mut end = open;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
}

/// `text` without its comments.
fn uncommented(text: &str) -> String {
    crate::layout::uncommented(text).lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// The declarations of cbindgen's header, in its order.
fn items(header: &str) -> Vec<Item> {
    let start = header.rfind("#include <").map(|i| i + header[i..].find('\n').unwrap() + 1).expect("the header's system includes");
    let end = header.rfind("#endif  /* OPENAI_API_H */").expect("the header's guard");
    let mut out = Vec::new();
    for chunk in header[start..end].split("\n\n") {
        // The `extern "C"` markers around the functions; each header has its own.
        let chunk: String = chunk
            .lines()
            .filter(|l| {
                !matches!(l.trim(), "#ifdef __cplusplus" | "extern \"C\" {" | "}  // extern \"C\"")
                    && !l.starts_with("#endif  // __cplusplus")
                    && !l.starts_with("#endif // __cplusplus")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let code = uncommented(&chunk);
        if code.is_empty() {
            assert!(
                chunk.trim().is_empty() || chunk.trim_start().starts_with("/*"),
                "a comment cbindgen wrote without a declaration:\n{chunk}"
            );
            continue;
        }
        let (name, kind) = name_of(&code).unwrap_or_else(|| panic!("no declared name in:\n{chunk}"));
        assert!(kind == Kind::Define || !code.starts_with('#'), "a preprocessor block in cbindgen's output:\n{chunk}");
        let (words, is_struct) = (words(&code), code.starts_with("typedef struct"));
        out.push(Item { name, kind, text: chunk.trim_matches('\n').to_string(), words, is_struct });
    }
    out
}

/// The identifiers of `code`, each with whether `struct` precedes it.
fn words(code: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut after_struct = false;
    for w in code.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()) {
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        out.push((w.to_string(), after_struct));
        after_struct = w == "struct";
    }
    out
}

/// The header a name places a declaration in, from the names of the
/// models (longest first) and of the APIs.
fn home(name: &str, models: &[String], apis: &BTreeSet<String>) -> Option<String> {
    let support = |late: bool| support_home(name, late);
    if let Some(api) = name.split_once("API_").map(|(tag, _)| format!("{tag}API")).filter(|a| apis.contains(a)) {
        return Some(format!("api/{api}.h"));
    }
    if let Some(path) = support(false) {
        return Some(path);
    }
    let bare = name.strip_prefix("openai_api_").unwrap_or(name);
    if let Some(m) = models.iter().find(|m| bare.strip_prefix(m.as_str()).is_some_and(|rest| rest.starts_with('_'))) {
        return Some(format!("model/{m}.h"));
    }
    support(true)
}

/// The support header whose prefix `name` starts with: with `late`, the
/// prefixes that end in `_` (tried only after the models'), else the others.
fn support_home(name: &str, late: bool) -> Option<String> {
    SUPPORT
        .iter()
        // A type name (`list_t`) names that type only, not `list_threads_response_t`.
        .find(|(_, names, _)| names.iter().any(|p| p.ends_with('_') == late && (name == *p || !p.ends_with("_t") && name.starts_with(p))))
        .map(|(path, _, _)| path.to_string())
}

/// The macro that guards a header's declarations: `OPENAI_API_MODEL_PROJECT_H`.
fn guard(path: &str) -> String {
    let upper: String = path.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    format!("OPENAI_API_{upper}")
}

/// What a header holds, said in its `@brief`.
fn brief(path: &str) -> String {
    if let Some((_, _, what)) = SUPPORT.iter().find(|(p, _, _)| *p == path) {
        return what.to_string();
    }
    if let Some(api) = path.strip_prefix("api/").and_then(|p| p.strip_suffix(".h")) {
        return format!("The calls of `{api}` and the walkers of their lists");
    }
    let model = path.strip_prefix("model/").and_then(|p| p.strip_suffix(".h")).unwrap();
    format!("The model `{model}_t`: its struct, its enums and its functions")
}

/// What a header declares before its items (macros and declarations
/// cbindgen does not write), by path.
fn preamble(path: &str, version: &str) -> String {
    match path {
        "external/cJSON.h" => CJSON_PREAMBLE.to_string(),
        "include/list.h" => LIST_PREAMBLE.to_string(),
        "include/apiClient.h" => {
            let mut parts = version.split('.');
            let (major, minor, patch) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            format!(
                "{CURL_PREAMBLE}\n/* The version of these headers (openai_api_version() gives the library's). */\n/** The major version of these headers. */\n#define OPENAI_API_VERSION_MAJOR {major}\n/** The minor version of these headers. */\n#define OPENAI_API_VERSION_MINOR {minor}\n/** The patch version of these headers. */\n#define OPENAI_API_VERSION_PATCH {patch}\n/** The version of these headers, as text. */\n#define OPENAI_API_VERSION \"{version}\"\n"
            )
        }
        "model/error.h" => ERROR_PREAMBLE.to_string(),
        _ => String::new(),
    }
}

/// The whole set of headers: `include/openai_api.h` (`preface` is its doc,
/// `trailer` what it declares after every header, the C++ call wrappers)
/// and one header per API, per model and per support type, each keyed by
/// its path under `include/`.
pub(crate) fn split(header: &str, preface: &str, trailer: &str, version: &str) -> Vec<(String, String)> {
    let items = items(header);
    let structs: Vec<String> = items.iter().filter(|i| i.is_struct).map(|i| i.name.trim_end_matches("_t").to_string()).collect();
    // The models: the structs no support header claims (`list_t`, `cJSON`, …).
    let mut models: Vec<String> = structs
        .iter()
        .filter(|s| support_home(&format!("{s}_t"), false).is_none())
        .map(|s| if s == "openai_api_error" { "error".to_string() } else { s.clone() })
        .collect();
    // A schema that is only an enum (`openai_api_audio_response_format__e`)
    // has a header of its own, as the generated client's.
    for i in items.iter().filter(|i| i.kind == Kind::Type && !i.is_struct) {
        if let Some(m) = i.name.strip_prefix("openai_api_").and_then(|n| n.strip_suffix("__e")) {
            if !models.iter().any(|have| have == m) {
                models.push(m.to_string());
            }
        }
    }
    models.sort_by_key(|m| std::cmp::Reverse(m.len()));
    let apis: BTreeSet<String> = items
        .iter()
        .filter(|i| i.kind == Kind::Function)
        .filter_map(|i| i.name.split_once("API_").map(|(tag, _)| format!("{tag}API")))
        .collect();
    // Where each declaration goes; an enum no name places goes with the
    // one header that uses it.
    let mut homes: Vec<Option<String>> = items.iter().map(|i| home(&i.name, &models, &apis)).collect();
    // A call's query enum, `openai_api_<call>_<parameter>_e`, goes with the call.
    let calls: Vec<(String, String)> = items
        .iter()
        .zip(&homes)
        .filter(|(i, h)| i.kind == Kind::Function && h.as_ref().is_some_and(|h| h.starts_with("api/")))
        .map(|(i, h)| (i.name.split_once("API_").unwrap().1.to_string(), h.clone().unwrap()))
        .collect();
    for (item, h) in items.iter().zip(homes.iter_mut()) {
        if h.is_none() {
            let bare = item.name.strip_prefix("openai_api_").unwrap_or(&item.name);
            *h = calls
                .iter()
                .filter(|(c, _)| bare.strip_prefix(c.as_str()).is_some_and(|r| r.starts_with('_')))
                .max_by_key(|(c, _)| c.len())
                .map(|(_, h)| h.clone());
        }
    }
    for i in 0..items.len() {
        if homes[i].is_some() {
            continue;
        }
        let users: BTreeSet<String> = items
            .iter()
            .zip(&homes)
            .filter(|(other, _)| other.words.iter().any(|(w, _)| *w == items[i].name) && other.name != items[i].name)
            .filter_map(|(_, h)| h.clone())
            .collect();
        assert!(users.len() == 1, "`{}` has no home: no name places it and {} headers use it", items[i].name, users.len());
        homes[i] = users.into_iter().next();
    }
    let mut parts: BTreeMap<String, Vec<&Item>> = BTreeMap::new();
    for (item, h) in items.iter().zip(&homes) {
        parts.entry(h.clone().unwrap()).or_default().push(item);
    }
    for m in &models {
        parts.entry(format!("model/{m}.h")).or_default();
    }
    for (path, _, _) in SUPPORT {
        parts.entry(path.to_string()).or_default();
    }
    let defined: BTreeMap<&str, &str> = items.iter().zip(&homes).map(|(i, h)| (i.name.as_str(), h.as_deref().unwrap())).collect();
    // What each header needs: the headers of the types it uses by value,
    // and the structs it only points to.
    let mut needs: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<String>)> = BTreeMap::new();
    for (path, its) in &parts {
        let (mut inc, mut fwd) = (BTreeSet::new(), BTreeSet::new());
        for item in its {
            for (w, pointed) in item.words.iter().cloned() {
                let Some(&there) = defined.get(w.as_str()) else { continue };
                if there == path {
                    continue;
                }
                // `struct openai_api_error_t` needs model/error.h's macro first.
                if pointed && w != "openai_api_error_t" {
                    fwd.insert(w);
                } else {
                    inc.insert(there);
                }
            }
        }
        needs.insert(path, (inc, fwd));
    }
    // The includes must not form a circle.
    for start in needs.keys() {
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(start, vec![start])];
        while let Some((at, trail)) = stack.pop() {
            for next in &needs[at].0 {
                assert!(next != start, "the headers include each other: {} -> {next}", trail.join(" -> "));
                if !trail.contains(next) {
                    let mut t = trail.clone();
                    t.push(next);
                    stack.push((next, t));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (path, its) in &parts {
        out.push((format!("include/{path}"), part(path, its, &needs[path.as_str()], version)));
    }
    // The umbrella: every header, support first, then the models and APIs.
    let mut all = String::new();
    all.push_str("#ifndef OPENAI_API_H\n#define OPENAI_API_H\n\n");
    all.push_str(preface.trim_end());
    all.push_str("\n\n");
    let order = |p: &&String| (!SUPPORT.iter().any(|(s, _, _)| s == p), p.starts_with("api/"), (*p).clone());
    let mut paths: Vec<&String> = parts.keys().collect();
    paths.sort_by_key(order);
    for p in paths {
        all.push_str(&format!("#include \"{p}\"\n"));
    }
    all.push_str(trailer);
    all.push_str("\n#endif /* OPENAI_API_H */\n");
    out.push(("include/openai_api.h".to_string(), all));
    out
}

/// The text of the header at `path` with `items`.
fn part(path: &str, items: &[&Item], (inc, fwd): &(BTreeSet<&str>, BTreeSet<String>), version: &str) -> String {
    let g = guard(path);
    let up = if path.contains('/') { "../" } else { "" };
    let mut s = format!(
        "#ifndef {g}\n#define {g}\n\n/* Generated by `cargo xtask codegen` from the library's sources: do not edit. */\n\n/**\n * @file {path}\n * @brief {}.\n *\n * Included alone, it declares everything openai_api.h does (it includes\n * it last); the conventions of every function are openai_api.h's.\n */\n\n",
        brief(path)
    );
    // Only the header a program includes first brings in openai_api.h, once
    // its own declarations are made.
    s.push_str(&format!("#ifndef OPENAI_API_INCLUDING\n#define OPENAI_API_INCLUDING 1\n#define {g}_FIRST 1\n#endif\n\n"));
    s.push_str(
        "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n",
    );
    for i in inc {
        s.push_str(&format!("#include \"{up}{i}\"\n"));
    }
    s.push('\n');
    let pre = preamble(path, version);
    if !pre.is_empty() {
        s.push_str(pre.trim_end());
        s.push_str("\n\n");
    }
    for f in fwd {
        s.push_str(&format!("struct {f};\n"));
    }
    if !fwd.is_empty() {
        s.push('\n');
    }
    let mut sorted: Vec<&&Item> = items.iter().collect();
    sorted.sort_by_key(|i| i.kind);
    for item in sorted.iter().filter(|i| i.kind != Kind::Function) {
        s.push_str(&item.text);
        s.push_str("\n\n");
    }
    let fns: Vec<&&&Item> = sorted.iter().filter(|i| i.kind == Kind::Function).collect();
    if !fns.is_empty() {
        s.push_str("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
        for item in fns {
            s.push_str(&item.text);
            s.push_str("\n\n");
        }
        s.push_str("#ifdef __cplusplus\n}\n#endif\n\n");
    }
    s.push_str(&format!(
        "#ifdef {g}_FIRST\n#undef {g}_FIRST\n#undef OPENAI_API_INCLUDING\n/* Every other declaration of the library. */\n#include \"{up}openai_api.h\"\n#endif\n\n#endif /* {g} */\n"
    ));
    s
}

/// libcurl's types, for the fields of `apiClient_t`.
const CURL_PREAMBLE: &str = r#"/* libcurl's types, for the fields of apiClient_t: declared here only when
 * <curl/curl.h> has not already declared them. This library does not use
 * libcurl. */
#if !defined(CURLINC_CURL_H) && !defined(__CURL_CURL_H) && !defined(OPENAI_API_CURL_TYPES)
/** Set once this header has declared `CURL` and `curl_off_t`. */
#define OPENAI_API_CURL_TYPES 1
/** libcurl's handle type (`curl_pre_invoke_func`'s argument); never made here. */
typedef void CURL;
/** libcurl's offset type (`progress_func`'s arguments). */
typedef long curl_off_t;
#endif
"#;

/// `list_ForEach`.
const LIST_PREAMBLE: &str = r#"/** Runs the statement after it once per entry of `list` (NULL: none), `element` a `listEntry_t *`. */
#define list_ForEach(element, list) for (element = (list != NULL) ? (list)->firstEntry : NULL; element != NULL; element = element->nextListEntry)
"#;

/// The error model's name in C.
const ERROR_PREAMBLE: &str = r#"#if !defined(__cplusplus) && !defined(_GNU_SOURCE) && !defined(__error_t_defined)
/**
 * The error model's other name. The generated client names it `error_t`
 * (`struct error_t`); glibc declares `typedef int error_t` in C++ and under
 * _GNU_SOURCE, where the model is `openai_api_error_t` only. Elsewhere, in
 * C, the model is `struct error_t` and `error_t` as in the generated
 * client, and this macro makes `openai_api_error_t` name it too.
 */
#define openai_api_error_t error_t
#endif
"#;

/// cJSON's macros and the functions declared as cJSON 1.7.7 declares them.
const CJSON_PREAMBLE: &str = r#"#ifndef CJSON_PUBLIC
/** cJSON's export marker: declares `type` (as cJSON.h does). */
#define CJSON_PUBLIC(type) type
#endif

/** Sets a number item's `valueint` and `valuedouble` (as cJSON 1.7.7). */
#define cJSON_SetIntValue(object, number) ((object) ? (object)->valueint = (object)->valuedouble = (number) : (number))
/** Sets a number item's value through cJSON_SetNumberHelper (as cJSON 1.7.7). */
#define cJSON_SetNumberValue(object, number) ((object != NULL) ? cJSON_SetNumberHelper(object, (double)number) : (number))
/** Runs the statement after it once per item of an array or object (NULL: none). */
#define cJSON_ArrayForEach(element, array) for (element = (array != NULL) ? (array)->child : NULL; element != NULL; element = element->next)

/*
 * cJSON 1.7.7's declarations of the functions that cJSON 1.7.15 declares
 * returning cJSON_bool. The library's return that cJSON_bool (1 when done,
 * 0 for a NULL argument or nothing done), so a program built against the
 * system's cJSON 1.7.15 reads a real answer whichever library its link
 * line takes them from; a program written for 1.7.7 ignores it.
 */
#ifdef __cplusplus
extern "C" {
#endif
struct cJSON;
/** Appends `item` to `array`'s children; the array now owns it. */
void cJSON_AddItemToArray(struct cJSON *array, struct cJSON *item);
/** Appends `item` under a copy of the key `string`; the object owns `item`. */
void cJSON_AddItemToObject(struct cJSON *object, const char *string, struct cJSON *item);
/** Like `cJSON_AddItemToObject`, but the key is not copied: `string` must outlive the tree (use it with string literals). */
void cJSON_AddItemToObjectCS(struct cJSON *object, const char *string, struct cJSON *item);
/** Appends to `array` a reference to `item`: `item` stays the caller's (it must outlive the array). */
void cJSON_AddItemReferenceToArray(struct cJSON *array, struct cJSON *item);
/** Adds to `object`, under a copy of the key `string`, a reference to `item`: `item` stays the caller's (it must outlive the object). */
void cJSON_AddItemReferenceToObject(struct cJSON *object, const char *string, struct cJSON *item);
/** Inserts `newitem` before item `which` of `array` (appends it when there is no such item); the array owns it. Nothing happens for a negative `which` or a NULL argument. */
void cJSON_InsertItemInArray(struct cJSON *array, int which, struct cJSON *newitem);
/** Puts `newitem` in the place of item `which` of `array` and frees that item; nothing happens when there is no such item (`newitem` stays the caller's then). */
void cJSON_ReplaceItemInArray(struct cJSON *array, int which, struct cJSON *newitem);
/** Puts `newitem`, under a copy of the key `string`, in the place of the member named `string` (ASCII case ignored) and frees that member; nothing is replaced when there is none (`newitem` stays the caller's, with the key given to it). */
void cJSON_ReplaceItemInObject(struct cJSON *object, const char *string, struct cJSON *newitem);
/** Like `cJSON_ReplaceItemInObject`, for the member named exactly `string`. */
void cJSON_ReplaceItemInObjectCaseSensitive(struct cJSON *object, const char *string, struct cJSON *newitem);
#ifdef __cplusplus
}
#endif
"#;
