//! The generator of every model and every call beyond the seed's 19
//! hand-written calls: the seed's 24 models (`src/generated/models/seed.rs`, from
//! `tests/data/admin-2.3.0.yaml` with the live API's members), the 40
//! project operations the live API and OpenAI's SDK added and their
//! schemas (`src/generated/models/generated.rs`, `src/generated/calls/generated.rs`, from the
//! project part of OpenAI's current document, `tests/data/admin-current.yaml`),
//! and the 84 organization operations (`codegen/org.rs`:
//! `src/generated/models/org.rs`, `src/generated/calls/org.rs`, `c-tests/org_answers.c`, from
//! the same document's organization part and the 2.3.0 document). Its output is
//! committed, with one header per new model in `include/model/` and one per
//! API in `include/api/`. The test fails while the committed output
//! differs from what the document gives; regenerate with
//! `OPENAI_API_UPDATE_GENERATED=1 cargo test --test codegen`.
//!
//! Naming and layout follow ABI.md section 8: a model is its schema's name
//! in snake_case (`ProjectGroupListResource` -> `project_group_list_resource_t`),
//! an inline object is named after its parent and member (`_inner` for array
//! items), a member is named as its JSON key; strings and enums are
//! `char *`, integers and booleans `int`, arrays of strings `list_t *` of
//! `char *`, arrays of objects `list_t *` of the item model, a free-form
//! object a `cJSON *`. A call is `ProjectsAPI_<operationId in lowerCamelCase>`
//! (four sentence-like ids are renamed), with the client, the path ids, the
//! query parameters (integers as `int *`, strings as `char *`; NULL: not
//! sent) and the body.
#[path = "codegen/org.rs"]
mod org;
mod support;

use std::collections::BTreeMap;
use std::fmt::Write;
use support::spec::{snake, SEED_OPERATION_IDS};
use yaml_rust2::Yaml;

/// An operation on a project (`ProjectsAPI_`): its path is under a project.
pub fn is_project_path(path: &str) -> bool {
    path.starts_with("/organization/projects") || path.starts_with("/projects/")
}

/// The project part of the current document: its operations on a project
/// (the SDK's `x-source` ones too), with every component.
fn project_part(doc: &Yaml) -> Yaml {
    let mut part = doc.clone();
    if let Yaml::Hash(h) = &mut part {
        if let Some(Yaml::Hash(paths)) = h.get_mut(&Yaml::String("paths".into())) {
            let kept: Vec<(Yaml, Yaml)> =
                paths.iter().filter(|(k, _)| k.as_str().is_some_and(is_project_path)).map(|(k, v)| (k.clone(), v.clone())).collect();
            paths.clear();
            paths.extend(kept);
        }
    }
    part
}

fn hash(y: &Yaml) -> Vec<(&str, &Yaml)> {
    y.as_hash().map_or(vec![], |h| h.iter().filter_map(|(k, v)| Some((k.as_str()?, v))).collect())
}

fn strs(y: &Yaml) -> Vec<&str> {
    y.as_vec().map_or(vec![], |v| v.iter().filter_map(Yaml::as_str).collect())
}

/// `User`, whose layout is the generated client's `user_t` (the
/// organization part); the seed's schemas are the seed pass's.
const USER_SCHEMA: (&str, &str) = ("User", "user");

/// The operationIds that are sentences, and their call names (ABI.md section 8).
const RENAMED: [(&str, &str); 4] = [
    ("Getprojectspendlimit", "retrieveProjectSpendLimit"),
    ("Updateprojectspendlimit", "updateProjectSpendLimit"),
    ("Deleteprojectspendlimit", "deleteProjectSpendLimit"),
    ("CreateanAPIkeyforaserviceaccount", "createProjectServiceAccountApiKey"),
];

fn camel(operation_id: &str) -> String {
    if let Some((_, n)) = RENAMED.iter().find(|(id, _)| *id == operation_id) {
        return n.to_string();
    }
    let mut out = String::new();
    let mut upper = false;
    for c in operation_id.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The first sentence of a description, on one line, safe in a comment.
fn sentence(text: Option<&str>) -> Option<String> {
    let t = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.replace("*/", "* /");
    let end = t.find(". ").map_or(t.len(), |i| i + 1);
    let s = t[..end].trim().to_string();
    (!s.is_empty()).then_some(s)
}

const HEADER: &str = org::HEADER;

struct Op {
    id: String,
    method: String,
    path: String,
    summary: String,
    path_params: Vec<String>,
    query: Vec<(String, &'static str)>,
    body: Option<String>,
    result: String,
    /// For a list: (item model, cursor member).
    list: Option<(String, String)>,
}

/// The project operations beyond the seed's 19, with their models made in `o`.
fn ops(o: &mut org::Org) -> Vec<Op> {
    let doc = o.cur;
    let mut out = Vec::new();
    let all: Vec<(&str, &str, &Yaml)> =
        hash(&doc["paths"]).into_iter().flat_map(|(path, item)| hash(item).into_iter().map(move |(m, op)| (path, m, op))).collect();
    for (path, method, op) in all {
        let path = path.to_string();
        let id = op["operationId"].as_str().unwrap().to_string();
        if SEED_OPERATION_IDS.contains(&id.as_str()) {
            continue;
        }
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        for p in op["parameters"].as_vec().into_iter().flatten() {
            let name = p["name"].as_str().unwrap().to_string();
            match p["in"].as_str() {
                Some("path") => path_params.push(name),
                Some("query") => {
                    let ty = match p["schema"]["type"].as_str() {
                        Some("integer") => "int",
                        Some("boolean") => "bool",
                        _ => "str",
                    };
                    query.push((name, ty));
                }
                other => panic!("{id}: parameter in {other:?}"),
            }
        }
        // Path ids in path order.
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let body =
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str().map(|r| o.cur_named(r.rsplit('/').next().unwrap()));
        let response = &op["responses"]["200"]["content"]["application/json"]["schema"];
        let result_schema = response["$ref"].as_str().unwrap_or_else(|| panic!("{id}: the 200 answer is not a named schema"));
        let result = o.cur_named(result_schema.rsplit('/').next().unwrap());
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        out.push(Op { id, method: method.to_uppercase(), path, summary, path_params, query, body, result, list: None });
    }
    for op in &mut out {
        // Seed models (not made here) are never lists here.
        let Some(m) = o.models.get(&op.result) else { continue };
        let data = m.members.iter().find(|f| f.key == "data");
        let cursor = ["last_id", "next"].into_iter().find(|c| m.members.iter().any(|f| f.key == *c));
        if let (Some(org::Member { ty: org::Ty::List(item), .. }), Some(cursor), true) =
            (data, cursor, op.query.iter().any(|(n, _)| n == "after") && m.members.iter().any(|f| f.key == "has_more"))
        {
            op.list = Some((item.clone(), cursor.to_string()));
        }
    }
    out
}

/// `/organization/projects/{project_id}/groups` as path pieces.
fn segments(path: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest.find('}').unwrap();
        if open > 0 {
            parts.push(format!("Lit({:?})", &rest[..open]));
        }
        let name = &rest[open + 1..close];
        parts.push(format!("Id({name:?}, {name})"));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(format!("Lit({rest:?})"));
    }
    parts.join(", ")
}

fn calls_rs(ops: &[Op]) -> String {
    let mut s = String::new();
    s.push_str(HEADER);
    s.push_str("//! The calls the live API added since the seed, and a walker for each of\n//! their lists. Each call returns a new result the caller frees with the\n//! matching `_free`, or NULL (the error API says why); arguments stay the\n//! caller's; a NULL optional parameter is not sent.\n\n");
    let mut helpers = vec!["body"];
    for q in ["bool", "int", "str"] {
        if ops.iter().any(|o| o.query.iter().any(|(_, t)| *t == q)) {
            helpers.push(match q {
                "bool" => "bool_q",
                "int" => "int_q",
                _ => "str_q",
            });
        }
    }
    write!(
        s,
        "#![allow(clippy::too_many_arguments)]\n\nuse crate::call::engine::{{{}, call, guarded, Seg::Id, Seg::Lit}};\nuse crate::call::paging::walk;",
        helpers.join(", ")
    )
    .unwrap();
    s.push_str("\nuse crate::client::structs::apiClient_t;\nuse crate::generated::models::generated::*;\n#[allow(unused_imports)]\nuse crate::generated::models::seed::*;\nuse std::os::raw::{c_char, c_int, c_void};\nuse std::ptr;\n");
    for op in ops {
        let name = camel(&op.id);
        let mut params = vec!["apiClient: *mut apiClient_t".to_string()];
        params.extend(op.path_params.iter().map(|p| format!("{p}: *mut c_char")));
        params.extend(op.query.iter().map(|(q, ty)| format!("{q}: *mut {}", if *ty == "str" { "c_char" } else { "c_int" })));
        if let Some(b) = &op.body {
            params.push(format!("{b}: *mut {b}_t"));
        }
        let query: Vec<String> = op.query.iter().map(|(q, ty)| format!("({q:?}, {ty}_q({q}))")).collect();
        let body = op.body.as_ref().map_or("|| None".to_string(), |b| format!("|| body({b})"));
        writeln!(
            s,
            "\n/// {} (`{} {}`). Returns a new `{}_t` (free it with `{}_free`), or NULL.",
            op.summary.trim_end_matches('.'),
            op.method,
            op.path,
            op.result,
            op.result
        )
        .unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn ProjectsAPI_{name}({}) -> *mut {}_t {{", params.join(", "), op.result)
            .unwrap();
        writeln!(s, "    // SAFETY: the caller passes a client from apiClient_create* (or NULL)\n    // and NULL or NUL-terminated strings, per the header.").unwrap();
        writeln!(s, "    unsafe {{\n        guarded(apiClient, ptr::null_mut(), || {{").unwrap();
        writeln!(s, "            let query = [{}];", query.join(", ")).unwrap();
        writeln!(s, "            call(apiClient, {:?}, &[{}], &query, {body})", op.method, segments(&op.path)).unwrap();
        s.push_str("        })\n    }\n}\n");
    }
    for op in ops {
        let Some((item, cursor)) = &op.list else { continue };
        let name = camel(&op.id);
        let walker = format!("forEach{}", name.trim_start_matches("list").trim_end_matches('s'));
        let mut params = vec!["apiClient: *mut apiClient_t".to_string()];
        params.extend(op.path_params.iter().map(|p| format!("{p}: *mut c_char")));
        params.push("limit: *mut c_int".into());
        params.push(format!("visit: Option<unsafe extern \"C\" fn(*mut {item}_t, *mut c_void) -> c_int>"));
        params.push("user_data: *mut c_void".into());
        let mut args: Vec<String> = vec!["apiClient".into()];
        args.extend(op.path_params.iter().cloned());
        for (q, _) in &op.query {
            args.push(match q.as_str() {
                "limit" => "limit".into(),
                "after" => "after".into(),
                _ => "ptr::null_mut()".into(),
            });
        }
        writeln!(s, "\n/// Calls `visit(item, user_data)` for every item of `ProjectsAPI_{name}`, page after page (`limit` per page, NULL for the server's default; the next page starts after the `{cursor}` of the last). Each item is the library's and valid only while `visit` runs. `visit` returns 0 to go on, non-zero to stop. Returns how many items were visited, or -1 when a page could not be fetched (the error API says why) or `visit` is NULL.").unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn ProjectsAPI_{walker}({}) -> c_int {{", params.join(", ")).unwrap();
        writeln!(s, "    // SAFETY: as for ProjectsAPI_{name}; `visit` is a valid function.").unwrap();
        writeln!(
            s,
            "    unsafe {{ guarded(apiClient, -1, || walk(apiClient, |after| ProjectsAPI_{name}({}), visit, user_data)) }}\n}}",
            args.join(", ")
        )
        .unwrap();
    }
    s
}

fn header_of(model: &str) -> String {
    format!("/* model/{model}.h: one header per model, as the generated client has; everything is declared in openai_api.h. */\n#include \"../openai_api.h\"\n")
}

const TABLE_BEGIN: &str = "<!-- calls: generated by tests/codegen.rs -->\n";
const TABLE_END: &str = "<!-- calls: end -->\n";

/// The README with its table of every call (the 56 project operations in
/// the document's order, then the organization's) brought up to date.
fn readme_with_table(doc: &Yaml, more: &[String]) -> String {
    let readme = std::fs::read_to_string(support::root().join("README.md")).unwrap();
    let start = readme.find(TABLE_BEGIN).expect("the README's table marker") + TABLE_BEGIN.len();
    let end = readme.find(TABLE_END).expect("the README's table end marker");
    let mut table = String::from("| method | path | C function |\n|---|---|---|\n");
    for (path, item) in hash(&doc["paths"]) {
        for (method, op) in hash(item) {
            let id = op["operationId"].as_str().unwrap();
            writeln!(table, "| {} | `{path}` | `ProjectsAPI_{}` |", method.to_uppercase(), camel(id)).unwrap();
        }
    }
    for row in more {
        table.push_str(row);
    }
    format!("{}{table}{}", &readme[..start], &readme[end..])
}

/// Every generated file: (path relative to the crate, contents).
fn generate() -> Vec<(String, String)> {
    let (old, cur) = (org::load("admin-2.3.0.yaml"), org::load("admin-current.yaml"));
    generate_from(&old, &cur, &org::lock())
}

/// The whole output for the 2.3.0 document `old`, the current one `cur`
/// and the released layouts `lock`.
fn generate_from(old: &Yaml, cur: &Yaml, lock: &org::Lock) -> Vec<(String, String)> {
    let doc = project_part(cur);
    // The seed's models, from the same rules: the 2.3.0 layouts, the
    // current document's members after `_library_owned`.
    let mut seed = org::seed(old, &doc);
    org::follow_lock(&mut seed.models, lock, &[]);
    // The project operations beyond the seed, their models by section 8.
    let mut known: BTreeMap<String, String> =
        seed.models.values().filter(|m| !m.schema.contains('.')).map(|m| (m.schema.clone(), m.name.clone())).collect();
    known.insert(USER_SCHEMA.0.into(), USER_SCHEMA.1.into());
    let mut proj = org::Org { old, cur: &doc, seed: false, known, rest: false, models: BTreeMap::new(), enums: Vec::new() };
    let ops = ops(&mut proj);
    // Only request bodies refuse a missing member the document requires: an
    // answer is printed as the server sent it.
    let requests = with_nested(&proj, ops.iter().filter_map(|o| o.body.clone()).collect());
    for (name, model) in proj.models.iter_mut() {
        if !requests.contains(name) {
            model.members.iter_mut().for_each(|m| m.required = m.secret);
        }
    }
    org::follow_lock(&mut proj.models, lock, &requests);
    // The document's 37 and the 3 its SDK has ahead of it (`x-source`).
    assert_eq!(ops.len(), 40, "the project operations beyond the seed's");
    let proj_file = org::ModelsFile {
        doc: "//! The models of the project operations beyond the seed's, one table\n//! each (see `model!`). Every struct is allocated by the library or built\n//! by the program (`_library_owned` 0), freed with its `_free`.\n\n",
        list: "GENERATED",
        list_doc: "Every model of the project operations beyond the seed's, for code that must cover them all (fuzzing, tests).",
        uses: "#[allow(unused_imports)]\nuse crate::generated::models::org::user_t;\n#[allow(unused_imports)]\nuse crate::generated::models::seed::*;\n",
    };
    let mut files = vec![
        ("src/generated/models/generated.rs".to_string(), org::models_rs(&proj, &proj_file)),
        ("src/generated/calls/generated.rs".to_string(), calls_rs(&ops)),
    ];
    for name in proj.models.keys() {
        files.push((format!("include/model/{name}.h"), header_of(name)));
    }
    // The organization: its models may be the project part's.
    let project_ids: Vec<String> = hash(&doc["paths"])
        .into_iter()
        .flat_map(|(_, item)| hash(item).into_iter().map(|(_, op)| op["operationId"].as_str().unwrap().to_string()))
        .collect();
    let mut known: BTreeMap<String, String> =
        proj.models.values().filter(|m| !m.schema.contains('.')).map(|m| (m.schema.clone(), m.name.clone())).collect();
    known.insert(USER_SCHEMA.0.into(), USER_SCHEMA.1.into());
    known.insert("ProjectServiceAccount".into(), "project_service_account".into());
    let known_pages: org::KnownPages = proj
        .models
        .values()
        .map(|m| {
            let item = m.members.iter().find(|f| f.key == "data").and_then(|f| match &f.ty {
                org::Ty::List(i) => Some(i.clone()),
                _ => None,
            });
            (m.name.clone(), (m.members.iter().map(|f| f.key.clone()).collect(), item))
        })
        .collect();
    let (mut o, org_ops) = org::build(old, cur, &project_ids, known, &known_pages);
    let org_requests = org_requests(&mut o, &org_ops);
    org::follow_lock(&mut o.models, lock, &org_requests);
    let org_file = org::ModelsFile {
        doc: "//! The models of the organization operations, one table each (see\n//! `model!`). The 2.3.0 ones keep the generated client's layout; every\n//! struct is allocated by the library or built by the program\n//! (`_library_owned` 0), freed with its `_free`.\n\n",
        list: "ORGANIZATION",
        list_doc: "Every organization model, for code that must cover them all (fuzzing, tests).",
        uses: "#[allow(unused_imports)]\nuse crate::generated::models::generated::*;\n",
    };
    files.push((
        "src/generated/models/org.rs".to_string(),
        org::models_rs(&o, &org_file) + &org::calls_table(&org_ops) + &org::walkers_table(&org_ops),
    ));
    let seed_file = org::ModelsFile {
        doc: "//! The seed's models (the generated client's Projects API and its error\n//! answer), one table each (see `model!`): the generated client's layout\n//! up to `_library_owned`, the live API's members after it (in a request,\n//! in a private block set through setters). Every struct is allocated by\n//! the library or built by the program (`_library_owned` 0), freed with\n//! its `_free`.\n\n",
        list: "SEED",
        list_doc: "Every model of the seed, for code that must cover them all (fuzzing, tests).",
        uses: "#[allow(unused_imports)]\nuse crate::generated::models::generated::*;\n",
    };
    files.push(("src/generated/models/seed.rs".to_string(), org::models_rs(&seed, &seed_file)));
    let seed_ops = org::seed_ops(&mut seed);
    let seed_calls = org::CallsFile {
        doc: "//! The seed's 19 calls of the Projects API, declared as the generated\n//! client declares them. Every call sets `apiClient->response_code` to 0\n//! first, then to the HTTP status when an answer arrives; it returns a new\n//! result (the caller frees it with the matching `_free`) only for a 2xx\n//! answer whose JSON parses into the model, otherwise NULL with the reason\n//! readable through `apiClient_errorMessage`. Arguments stay the caller's;\n//! a NULL optional parameter is not sent; a NULL client or required\n//! argument returns NULL without a request.\n\n",
        models: "seed",
    };
    files.push(("src/generated/calls/seed.rs".to_string(), org::calls_rs(&seed, &seed_ops, &seed_calls)));
    files.push(("c-tests/org_answers.c".to_string(), org::answers_c(&o, &org_ops)));
    files.push(("c-tests/org_walkers.c".to_string(), org::walkers_c(&o, &org_ops)));
    let org_calls = org::CallsFile {
        doc: "//! The organization calls, and a walker for each of their lists. Each\n//! call returns a new result the caller frees with the matching `_free`,\n//! or NULL (the error API says why); arguments stay the caller's; a NULL\n//! optional parameter is not sent.\n\n",
        models: "org",
    };
    files.push(("src/generated/calls/org.rs".to_string(), org::calls_rs(&o, &org_ops, &org_calls)));
    for name in o.models.keys().chain(o.enums.iter().filter(|e| e.top).map(|e| &e.fns)) {
        files.push((format!("include/model/{name}.h"), header_of(name)));
    }
    let apis: std::collections::BTreeSet<&str> = org_ops.iter().map(|op| op.api.as_str()).collect();
    for api in apis {
        files.push((
            format!("include/api/{api}.h"),
            format!("/* api/{api}.h: kept at the generated client's path; everything is declared in openai_api.h. */\n#include \"../openai_api.h\"\n"),
        ));
    }
    let rows: Vec<String> = org_ops
        .iter()
        .map(|op| {
            let ex = if op.ex.is_some() { format!(", `{}_{}Ex`", op.api, op.name) } else { String::new() };
            let walker = if op.list.is_some() { format!(", `{}_{}`", op.api, org::walker_name(op)) } else { String::new() };
            format!("| {} | `{}` | `{}_{}`{ex}{walker} |\n", op.method, op.path, op.api, op.name)
        })
        .collect();
    files.push(("README.md".to_string(), readme_with_table(&doc, &rows)));
    files
}

/// `roots` and every model they hold, in `o`.
fn with_nested(o: &org::Org, mut roots: Vec<String>) -> Vec<String> {
    let mut i = 0;
    while i < roots.len() {
        let nested: Vec<String> = o.models.get(&roots[i]).map_or(vec![], |m| {
            m.members
                .iter()
                .filter_map(|m| match &m.ty {
                    org::Ty::Model(n) | org::Ty::List(n) => Some(n.clone()),
                    _ => None,
                })
                .collect()
        });
        for n in nested {
            if !roots.contains(&n) {
                roots.push(n);
            }
        }
        i += 1;
    }
    roots
}

/// Only request bodies (and what they hold) refuse a missing member the
/// document requires: an answer is printed as the server sent it.
fn org_requests(o: &mut org::Org, ops: &[org::Op]) -> Vec<String> {
    let mut roots: Vec<String> = ops.iter().filter_map(|op| op.body.clone()).collect();
    roots.extend(ops.iter().flat_map(|op| op.query.iter()).filter_map(|q| match &q.q {
        org::Q::Object(m, _) => Some(m.clone()),
        _ => None,
    }));
    let requests = with_nested(o, roots);
    for (name, model) in o.models.iter_mut() {
        if !requests.contains(name) {
            // An answer may leave out even a secret (an admin key's value
            // is only in the answer to its creation).
            model.members.iter_mut().for_each(|m| m.required = false);
        }
    }
    requests
}

#[test]
fn the_generated_code_is_fresh() {
    let root = support::root();
    let update = std::env::var("OPENAI_API_UPDATE_GENERATED").is_ok();
    let mut stale = Vec::new();
    for (path, text) in generate() {
        let file = root.join(&path);
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            if update {
                std::fs::write(&file, &text).unwrap();
            } else {
                stale.push(path);
            }
        }
    }
    assert!(stale.is_empty(), "stale generated files (run OPENAI_API_UPDATE_GENERATED=1 cargo test --test codegen): {stale:?}");
}

#[test]
fn names_follow_the_generator() {
    assert_eq!(snake("ProjectGroupListResource"), "project_group_list_resource");
    assert_eq!(snake("OrganizationProjectCertificate"), "organization_project_certificate");
    assert_eq!(camel("list-project-groups"), "listProjectGroups");
    assert_eq!(camel("listProjectCertificates"), "listProjectCertificates");
    assert_eq!(camel("Getprojectspendlimit"), "retrieveProjectSpendLimit");
    assert_eq!(
        segments("/organization/projects/{project_id}/groups/{group_id}"),
        r#"Lit("/organization/projects/"), Id("project_id", project_id), Lit("/groups/"), Id("group_id", group_id)"#
    );
}

/// `doc` with `member` (a string) added to the schema `schema`, and with
/// the `x-source` marks gone (as when OpenAI's document catches up).
fn caught_up(mut doc: Yaml, additions: &[(&str, &str)]) -> Yaml {
    fn unmark(y: &mut Yaml) {
        match y {
            Yaml::Hash(h) => {
                h.remove(&Yaml::String("x-source".into()));
                h.iter_mut().for_each(|(_, v)| unmark(v));
            }
            Yaml::Array(a) => a.iter_mut().for_each(unmark),
            _ => {}
        }
    }
    unmark(&mut doc);
    let key = |k: &str| Yaml::String(k.into());
    for (schema, member) in additions {
        let Yaml::Hash(root) = &mut doc else { panic!("a document") };
        let Some(Yaml::Hash(components)) = root.get_mut(&key("components")) else { panic!("components") };
        let Some(Yaml::Hash(schemas)) = components.get_mut(&key("schemas")) else { panic!("schemas") };
        let Some(Yaml::Hash(s)) = schemas.get_mut(&key(schema)) else { panic!("no {schema}") };
        let Some(Yaml::Hash(props)) = s.get_mut(&key("properties")) else { panic!("{schema} has no properties") };
        // First, where a new document would put it.
        let mut moved = yaml_rust2::yaml::Hash::new();
        let mut member_schema = yaml_rust2::yaml::Hash::new();
        member_schema.insert(key("type"), key("string"));
        moved.insert(key(member), Yaml::Hash(member_schema));
        moved.extend(props.drain());
        *props = moved;
    }
    doc
}

/// The struct `name` of a generated Rust file, one member declaration a line.
fn struct_of(text: &str, name: &str) -> Vec<String> {
    let start = text.find(&format!("struct {name} {{")).unwrap_or_else(|| panic!("no struct {name}"));
    let body = &text[start..start + text[start..].find("\n}").unwrap()];
    body.lines().skip(1).map(str::trim).filter(|l| !l.starts_with("///")).map(String::from).collect()
}

#[test]
fn a_document_that_catches_up_keeps_every_released_layout() {
    let (old, cur) = (org::load("admin-2.3.0.yaml"), org::load("admin-current.yaml"));
    let lock = org::lock();
    // A member OpenAI adds first in the list, to a released answer of the
    // organization, one of the project part and one of the seed, and to a
    // released request with nothing after `_library_owned`.
    let additions = [("GroupResponse", "note"), ("ProjectGroup", "note"), ("ProjectApiKey", "note"), ("InviteProjectGroupBody", "note")];
    let now: BTreeMap<String, String> = generate().into_iter().collect();
    let then: BTreeMap<String, String> = generate_from(&old, &caught_up(cur, &additions), &lock).into_iter().collect();
    for (file, model) in [
        ("src/generated/models/org.rs", "group_response_t"),
        ("src/generated/models/generated.rs", "project_group_t"),
        ("src/generated/models/seed.rs", "project_api_key_t"),
    ] {
        let (was, is) = (struct_of(&now[file], model), struct_of(&then[file], model));
        // Everything stays where it was; the new member comes last.
        assert_eq!(is[..was.len()], was[..], "{model}");
        assert_eq!(is[was.len()..], ["pub note: *mut c_char,"], "{model}");
    }
    // The request keeps it in its private block, set through a setter.
    let gen = &then["src/generated/models/generated.rs"];
    assert_eq!(
        struct_of(gen, "invite_project_group_body_t"),
        struct_of(&now["src/generated/models/generated.rs"], "invite_project_group_body_t")
    );
    assert_eq!(struct_of(gen, "InviteProjectGroupBodyAlloc"), ["base: invite_project_group_body_t,", "note: *mut c_char,"]);
    assert!(gen.contains("pub unsafe extern \"C\" fn invite_project_group_body_set_note("), "no setter");
    // Without the `x-source` marks and the new members, nothing changes.
    let (old, cur) = (org::load("admin-2.3.0.yaml"), org::load("admin-current.yaml"));
    let unmarked: BTreeMap<String, String> = generate_from(&old, &caught_up(cur, &[]), &lock).into_iter().collect();
    let changed: Vec<&String> = now.keys().filter(|f| now[*f] != unmarked[*f]).collect();
    assert!(changed.is_empty(), "{changed:?}");
}
