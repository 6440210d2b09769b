//! The generator of every model and every call beyond the seed's 19
//! hand-written calls: the seed's 24 models (`src/models/seed.rs`, from
//! `tests/data/admin-2.3.0.yaml` with the live API's members), the 37
//! project operations the live API added and their schemas
//! (`src/models/generated.rs`, `src/api/generated.rs`, from OpenAI's
//! current document, `tests/data/projects-current.yaml`), and the 63
//! organization operations (`codegen/org.rs`: `src/models/org.rs`,
//! `src/api/org.rs`, `c-tests/org_answers.c`, from
//! `tests/data/admin-current.yaml` and the 2.3.0 document). Its output is
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
use yaml_rust2::{Yaml, YamlLoader};

/// The document as YAML (its maps keep the document's order, which the
/// members of a struct follow).
fn document() -> Yaml {
    let text = std::fs::read_to_string(support::root().join("tests/data/projects-current.yaml")).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// `schema`, or the schema its `$ref` names.
fn resolve<'a>(doc: &'a Yaml, schema: &'a Yaml) -> &'a Yaml {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            let target = &doc["components"]["schemas"][name];
            assert!(!target.is_badvalue(), "no {r}");
            resolve(doc, target)
        }
        None => schema,
    }
}

fn hash(y: &Yaml) -> Vec<(&str, &Yaml)> {
    y.as_hash().map_or(vec![], |h| h.iter().filter_map(|(k, v)| Some((k.as_str()?, v))).collect())
}

fn strs(y: &Yaml) -> Vec<&str> {
    y.as_vec().map_or(vec![], |v| v.iter().filter_map(Yaml::as_str).collect())
}

/// Schemas whose models are made elsewhere: the seed's, and `User`, whose
/// layout is the generated client's `user_t` (the organization part).
const SEED_SCHEMAS: [(&str, &str); 2] = [("ProjectServiceAccount", "project_service_account_t"), ("User", "user_t")];

/// Members that hold a secret (wiped before they are freed).
const SECRETS: [(&str, &str); 1] = [("ServiceAccountApiKeyBody", "value")];

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

/// How a member is stored.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Str,
    Int,
    Bool,
    Model(String),
    List(String),
    StrList,
    Json,
}

struct Member {
    key: String,
    ty: Ty,
    required: bool,
    secret: bool,
    doc: Option<String>,
}

struct Model {
    /// C name without `_t`.
    name: String,
    schema: String,
    doc: String,
    members: Vec<Member>,
}

struct Gen<'a> {
    doc: &'a Yaml,
    models: BTreeMap<String, Model>,
}

impl<'a> Gen<'a> {
    /// The C model name (without `_t`) for a `$ref`ed object schema,
    /// generating it when new.
    fn named(&mut self, schema_name: &str) -> String {
        if let Some((_, c)) = SEED_SCHEMAS.iter().find(|(s, _)| *s == schema_name) {
            return c.trim_end_matches("_t").to_string();
        }
        let name = snake(schema_name);
        if !self.models.contains_key(&name) {
            let schema = &self.doc["components"]["schemas"][schema_name];
            self.object(&name, schema_name, schema);
        }
        name
    }

    /// Generates model `name` for the object `schema`.
    fn object(&mut self, name: &str, schema_name: &str, schema: &'a Yaml) {
        // Reserve the name first (recursive schemas).
        self.models.insert(name.to_string(), Model { name: name.into(), schema: schema_name.into(), doc: String::new(), members: vec![] });
        let required = strs(&schema["required"]);
        let mut members = Vec::new();
        let props = hash(&schema["properties"]);
        assert!(!props.is_empty(), "{schema_name} has no properties");
        for (key, prop) in props {
            let key = key.to_string();
            let (ty, nullable) = self.ty(name, &key, prop);
            let doc = sentence(prop["description"].as_str());
            members.push(Member {
                key: key.clone(),
                ty,
                // NULL is refused only where the document requires a value.
                required: required.contains(&key.as_str()) && !nullable,
                secret: SECRETS.contains(&(schema_name, key.as_str())),
                doc,
            });
        }
        let doc = sentence(schema["description"].as_str()).unwrap_or_else(|| format!("The `{schema_name}` object of the API."));
        self.models.insert(name.to_string(), Model { name: name.into(), schema: schema_name.into(), doc, members });
    }

    /// The storage of a property, and whether it may be null.
    fn ty(&mut self, parent: &str, key: &str, prop: &'a Yaml) -> (Ty, bool) {
        if let Some(options) = prop["anyOf"].as_vec() {
            let nullable = options.iter().any(|o| o["type"].as_str() == Some("null"));
            let first = options.iter().find(|o| o["type"].as_str() != Some("null")).expect("a non-null branch");
            return (self.ty(parent, key, first).0, nullable);
        }
        if let Some(r) = prop["$ref"].as_str() {
            let target = resolve(self.doc, prop);
            let schema_name = r.rsplit('/').next().unwrap();
            let is_object = target["type"].as_str() == Some("object") || !target["properties"].is_badvalue();
            return if is_object { (Ty::Model(self.named(schema_name)), false) } else { (Ty::Str, false) };
        }
        let ty = match prop["type"].as_str() {
            Some("string") => Ty::Str,
            Some("integer") => Ty::Int,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = &prop["items"];
                let item = resolve(self.doc, items);
                match (items["$ref"].as_str(), item["type"].as_str()) {
                    (Some(r), _) => Ty::List(self.named(r.rsplit('/').next().unwrap())),
                    (None, Some("string")) => Ty::StrList,
                    (None, Some("object")) => {
                        let inner = format!("{parent}_{key}_inner");
                        self.object(&inner, &format!("{parent}.{key}[]"), item);
                        Ty::List(inner)
                    }
                    other => panic!("{parent}.{key}: arrays of {other:?} are not supported"),
                }
            }
            Some("object") if !prop["properties"].is_badvalue() => {
                let inner = format!("{parent}_{key}");
                self.object(&inner, &format!("{parent}.{key}"), prop);
                Ty::Model(inner)
            }
            Some("object") => Ty::Json,
            other => panic!("{parent}.{key}: type {other:?} is not supported"),
        };
        (ty, false)
    }
}

fn rust_field(key: &str) -> String {
    if key == "type" {
        "r#type".into()
    } else {
        key.into()
    }
}

fn c_type(ty: &Ty) -> String {
    match ty {
        Ty::Str => "*mut c_char".into(),
        Ty::Int | Ty::Bool => "c_int".into(),
        Ty::Model(m) => format!("*mut {m}_t"),
        Ty::List(_) | Ty::StrList => "*mut list_t".into(),
        Ty::Json => "*mut cJSON".into(),
    }
}

fn kind(ty: &Ty) -> String {
    match ty {
        Ty::Str => "str".into(),
        Ty::Int => "int".into(),
        Ty::Bool => "bool".into(),
        Ty::Model(m) => format!("model({m}_t)"),
        Ty::List(m) => format!("list({m}_t)"),
        Ty::StrList => "str_list".into(),
        Ty::Json => "json".into(),
    }
}

fn member_doc(m: &Member) -> String {
    let what = match &m.ty {
        Ty::List(item) => format!(" A list of `{item}_t *`."),
        Ty::StrList => " A list of `char *`.".into(),
        Ty::Json => " Any JSON value, as a cJSON tree the struct owns.".into(),
        _ => String::new(),
    };
    match (&m.doc, what.is_empty()) {
        (Some(d), _) => format!("{d}{what}"),
        (None, false) => format!("`{}` in the JSON.{what}", m.key),
        (None, true) => format!("`{}` in the JSON.", m.key),
    }
}

const HEADER: &str = "// Generated by tests/codegen.rs from tests/data/projects-current.yaml: do not edit.\n// Regenerate with `OPENAI_API_UPDATE_GENERATED=1 cargo test --test codegen`.\n";

fn models_rs(models: &BTreeMap<String, Model>) -> String {
    let mut s = String::new();
    s.push_str(HEADER);
    s.push_str(
        "//! The models of the operations the live API added since the seed, one\n//! table each (see `model!`). Every struct is allocated by the library or\n//! built by the program (`_library_owned` 0), freed with its `_free`.\n\n",
    );
    s.push_str("#![allow(clippy::too_many_arguments)]\n\n");
    s.push_str("use super::{create, free, model, parse, to_json, CModel, ModelDef};\nuse crate::cjson::cJSON;\nuse crate::list::list_t;\n#[allow(unused_imports)]\nuse crate::models::seed::project_service_account_t;\n#[allow(unused_imports)]\nuse crate::models::org::user_t;\nuse std::os::raw::{c_char, c_int};\n\n");
    let own: Vec<&Model> = models.values().collect();
    writeln!(s, "/// Every generated model, for code that must cover them all (fuzzing, tests).").unwrap();
    writeln!(s, "pub const GENERATED: &[&ModelDef] = &[").unwrap();
    for m in &own {
        writeln!(s, "    &{}_t::DEF,", m.name).unwrap();
    }
    s.push_str("];\n");
    for m in own {
        let t = format!("{}_t", m.name);
        writeln!(s, "\n/// {} (`{}` in the document.)", m.doc.trim_end_matches('.'), m.schema).unwrap();
        writeln!(s, "#[repr(C)]\npub struct {t} {{").unwrap();
        for f in &m.members {
            writeln!(s, "    /// {}", member_doc(f)).unwrap();
            writeln!(s, "    pub {}: {},", rust_field(&f.key), c_type(&f.ty)).unwrap();
        }
        s.push_str(
            "    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.\n",
        );
        s.push_str("    pub _library_owned: c_int,\n}\n");
        writeln!(s, "model!({t} {{").unwrap();
        for f in &m.members {
            let flag = if f.secret {
                "secret"
            } else if f.required {
                "required"
            } else {
                "optional"
            };
            writeln!(s, "    {}: {}, {flag};", rust_field(&f.key), kind(&f.ty)).unwrap();
        }
        s.push_str("});\n");
        // _create
        let params: Vec<String> = m.members.iter().map(|f| format!("{}: {}", rust_field(&f.key), c_type(&f.ty))).collect();
        let names: Vec<String> = m.members.iter().map(|f| rust_field(&f.key)).collect();
        writeln!(s, "/// A new `{t}` that owns every pointer passed in; free it with `{}_free`.", m.name).unwrap();
        writeln!(s, "#[deprecated]\n#[no_mangle]\npub extern \"C\" fn {}_create({}) -> *mut {t} {{", m.name, params.join(", ")).unwrap();
        writeln!(s, "    create({t} {{ {}, _library_owned: 1 }})\n}}", names.join(", ")).unwrap();
        writeln!(s, "/// Frees the `{t}` and everything it owns. NULL is fine.").unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {n}_free({n}: *mut {t}) {{", n = m.name).unwrap();
        writeln!(s, "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ free({}) }}\n}}", m.name).unwrap();
        writeln!(s, "/// A new `{t}` from a cJSON object (free it with `{}_free`), or NULL when the JSON is not one.", m.name).unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {n}_parseFromJSON({n}JSON: *mut cJSON) -> *mut {t} {{", n = m.name).unwrap();
        writeln!(s, "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ parse({}JSON) }}\n}}", m.name).unwrap();
        writeln!(
            s,
            "/// A new cJSON object for the `{t}` (free with `cJSON_Delete`), or NULL when a member the document requires is missing."
        )
        .unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {n}_convertToJSON({n}: *mut {t}) -> *mut cJSON {{", n = m.name).unwrap();
        writeln!(s, "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ to_json({}) }}\n}}", m.name).unwrap();
    }
    s.push_str("\n#[allow(dead_code)]\nfn _uses_cmodel<T: CModel>() {}\n");
    s
}

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

fn ops(gen: &mut Gen) -> Vec<Op> {
    let doc = gen.doc;
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
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str().map(|r| gen.named(r.rsplit('/').next().unwrap()));
        let response = &op["responses"]["200"]["content"]["application/json"]["schema"];
        let result_schema = response["$ref"].as_str().unwrap_or_else(|| panic!("{id}: the 200 answer is not a named schema"));
        let result = gen.named(result_schema.rsplit('/').next().unwrap());
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        out.push(Op { id, method: method.to_uppercase(), path, summary, path_params, query, body, result, list: None });
    }
    for op in &mut out {
        // Seed models (not generated) are never lists here.
        let Some(m) = gen.models.get(&op.result) else { continue };
        let data = m.members.iter().find(|f| f.key == "data");
        let cursor = ["last_id", "next"].into_iter().find(|c| m.members.iter().any(|f| f.key == *c));
        if let (Some(Member { ty: Ty::List(item), .. }), Some(cursor), true) =
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
        "#![allow(clippy::too_many_arguments)]\n\nuse super::call::{{{}, call, guarded, Seg::Id, Seg::Lit}};\nuse super::paging::walk;",
        helpers.join(", ")
    )
    .unwrap();
    s.push_str("\nuse crate::client::apiClient_t;\nuse crate::models::generated::*;\nuse crate::models::seed::project_service_account_t;\nuse std::os::raw::{c_char, c_int, c_void};\nuse std::ptr;\n");
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
    let doc = document();
    let mut gen = Gen { doc: &doc, models: BTreeMap::new() };
    let ops = ops(&mut gen);
    // Only request bodies refuse a missing member the document requires: an
    // answer is printed as the server sent it.
    let mut requests: Vec<String> = ops.iter().filter_map(|o| o.body.clone()).collect();
    let mut i = 0;
    while i < requests.len() {
        let nested: Vec<String> = gen.models[&requests[i]]
            .members
            .iter()
            .filter_map(|m| match &m.ty {
                Ty::Model(n) | Ty::List(n) => Some(n.clone()),
                _ => None,
            })
            .filter(|n| !requests.contains(n))
            .collect();
        requests.extend(nested);
        i += 1;
    }
    for (name, model) in gen.models.iter_mut() {
        if !requests.contains(name) {
            model.members.iter_mut().for_each(|m| m.required = m.secret);
        }
    }
    assert_eq!(ops.len(), 37, "the document's new operations");
    let mut files =
        vec![("src/models/generated.rs".to_string(), models_rs(&gen.models)), ("src/api/generated.rs".to_string(), calls_rs(&ops))];
    for name in gen.models.keys() {
        files.push((format!("include/model/{name}.h"), header_of(name)));
    }
    // The organization: its models may be the project part's.
    let project_ids: Vec<String> = hash(&doc["paths"])
        .into_iter()
        .flat_map(|(_, item)| hash(item).into_iter().map(|(_, op)| op["operationId"].as_str().unwrap().to_string()))
        .collect();
    let mut known: BTreeMap<String, String> =
        gen.models.values().filter(|m| !m.schema.contains('.')).map(|m| (m.schema.clone(), m.name.clone())).collect();
    known.extend(SEED_SCHEMAS.iter().map(|(s, c)| (s.to_string(), c.trim_end_matches("_t").to_string())));
    let (old, cur) = (org::load("admin-2.3.0.yaml"), org::load("admin-current.yaml"));
    let known_pages: org::KnownPages = gen
        .models
        .values()
        .map(|m| {
            let item = m.members.iter().find(|f| f.key == "data").and_then(|f| match &f.ty {
                Ty::List(i) => Some(i.clone()),
                _ => None,
            });
            (m.name.clone(), (m.members.iter().map(|f| f.key.clone()).collect(), item))
        })
        .collect();
    let (mut o, org_ops) = org::build(&old, &cur, &project_ids, known, &known_pages);
    org_requests(&mut o, &org_ops);
    let org_file = org::ModelsFile {
        doc: "//! The models of the organization operations, one table each (see\n//! `model!`). The 2.3.0 ones keep the generated client's layout; every\n//! struct is allocated by the library or built by the program\n//! (`_library_owned` 0), freed with its `_free`.\n\n",
        list: "ORGANIZATION",
        list_doc: "Every organization model, for code that must cover them all (fuzzing, tests).",
    };
    files.push((
        "src/models/org.rs".to_string(),
        org::models_rs(&o, &org_file) + &org::calls_table(&org_ops) + &org::walkers_table(&org_ops),
    ));
    // The seed's models, from the same rules: the 2.3.0 layouts, the
    // current document's members after `_library_owned`.
    let seed = org::seed(&old, &doc);
    let seed_file = org::ModelsFile {
        doc: "//! The seed's models (the generated client's Projects API and its error\n//! answer), one table each (see `model!`): the generated client's layout\n//! up to `_library_owned`, the live API's members after it (in a request,\n//! in a private block set through setters). Every struct is allocated by\n//! the library or built by the program (`_library_owned` 0), freed with\n//! its `_free`.\n\n",
        list: "SEED",
        list_doc: "Every model of the seed, for code that must cover them all (fuzzing, tests).",
    };
    files.push(("src/models/seed.rs".to_string(), org::models_rs(&seed, &seed_file)));
    let mut seed = seed;
    let seed_ops = org::seed_ops(&mut seed);
    let seed_calls = org::CallsFile {
        doc: "//! The seed's 19 calls of the Projects API, declared as the generated\n//! client declares them. Every call sets `apiClient->response_code` to 0\n//! first, then to the HTTP status when an answer arrives; it returns a new\n//! result (the caller frees it with the matching `_free`) only for a 2xx\n//! answer whose JSON parses into the model, otherwise NULL with the reason\n//! readable through `apiClient_errorMessage`. Arguments stay the caller's;\n//! a NULL optional parameter is not sent; a NULL client or required\n//! argument returns NULL without a request.\n\n",
        models: "seed",
    };
    files.push(("src/api/seed.rs".to_string(), org::calls_rs(&seed, &seed_ops, &seed_calls)));
    files.push(("c-tests/org_answers.c".to_string(), org::answers_c(&o, &org_ops)));
    files.push(("c-tests/org_walkers.c".to_string(), org::walkers_c(&o, &org_ops)));
    let org_calls = org::CallsFile {
        doc: "//! The organization calls, and a walker for each of their lists. Each\n//! call returns a new result the caller frees with the matching `_free`,\n//! or NULL (the error API says why); arguments stay the caller's; a NULL\n//! optional parameter is not sent.\n\n",
        models: "org",
    };
    files.push(("src/api/org.rs".to_string(), org::calls_rs(&o, &org_ops, &org_calls)));
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

/// Only request bodies (and what they hold) refuse a missing member the
/// document requires: an answer is printed as the server sent it.
fn org_requests(o: &mut org::Org, ops: &[org::Op]) {
    let mut requests: Vec<String> = ops.iter().filter_map(|op| op.body.clone()).collect();
    requests.extend(ops.iter().flat_map(|op| op.query.iter()).filter_map(|q| match &q.q {
        org::Q::Object(m, _) => Some(m.clone()),
        _ => None,
    }));
    let mut i = 0;
    while i < requests.len() {
        let nested: Vec<String> = o.models.get(&requests[i]).map_or(vec![], |m| {
            m.members
                .iter()
                .filter_map(|m| match &m.ty {
                    org::Ty::Model(n) | org::Ty::List(n) => Some(n.clone()),
                    _ => None,
                })
                .collect()
        });
        for n in nested {
            if !requests.contains(&n) {
                requests.push(n);
            }
        }
        i += 1;
    }
    for (name, model) in o.models.iter_mut() {
        if !requests.contains(name) {
            // An answer may leave out even a secret (an admin key's value
            // is only in the answer to its creation).
            model.members.iter_mut().for_each(|m| m.required = false);
        }
    }
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
