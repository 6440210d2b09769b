//! OpenAI's current administration document (`tests/data/admin-current.yaml`,
//! a copy of the document in `../shared/spec/`) as JSON values.
#![allow(dead_code)]

use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn to_json(y: &Yaml) -> Value {
    match y {
        Yaml::Real(s) => serde_json::json!(s.parse::<f64>().unwrap()),
        Yaml::Integer(i) => serde_json::json!(i),
        Yaml::String(s) => serde_json::json!(s),
        Yaml::Boolean(b) => serde_json::json!(b),
        Yaml::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => {
            Value::Object(h.iter().map(|(k, v)| (k.as_str().map_or_else(|| format!("{k:?}"), str::to_string), to_json(v))).collect())
        }
        _ => Value::Null,
    }
}

/// `schema` of the YAML document `doc`, or the schema its `$ref` names.
pub fn resolve_yaml<'a>(doc: &'a Yaml, schema: &'a Yaml) -> &'a Yaml {
    match schema["$ref"].as_str() {
        Some(r) => resolve_yaml(doc, &doc["components"]["schemas"][r.rsplit('/').next().unwrap()]),
        None => schema,
    }
}

/// The project part of the current document: every operation on a project
/// (the SDK's `x-source` ones too), with every component.
pub fn document() -> Value {
    let mut doc = admin_document();
    if let Some(paths) = doc["paths"].as_object_mut() {
        paths.retain(|path, _| is_project_path(path));
    }
    doc
}

/// An operation on a project (`ProjectsAPI_`).
pub fn is_project_path(path: &str) -> bool {
    path.starts_with("/organization/projects") || path.starts_with("/projects/")
}

/// OpenAI's whole current administration document (`admin-current.yaml`:
/// the project part, the organization part, and what the official SDK has
/// ahead of it, marked `x-source`).
pub fn admin_document() -> Value {
    load("admin-current.yaml")
}

/// The operations of OpenAI's current document (`openai-current.yaml`)
/// beyond the administration whose API the library has (its header
/// `include/api/<Tag>API.h` exists), with every component.
pub fn library_document() -> Value {
    let mut doc = load("openai-current.yaml");
    // The generated client's operations: those of the 2.3.0 document.
    let old = load("openai-2.3.0.yaml");
    let released: Vec<Value> = operations(&old).into_iter().map(|(_, _, op)| op["operationId"].clone()).collect();
    let has = |op: &Value| op["tags"][0].as_str().is_some_and(has_api) && released.contains(&op["operationId"]);
    let paths = doc["paths"].as_object_mut().unwrap();
    paths.retain(|path, _| !path.starts_with("/organization") && !path.starts_with("/projects"));
    for item in paths.values_mut() {
        item.as_object_mut().unwrap().retain(|_, op| has(op));
    }
    paths.retain(|_, item| !item.as_object().unwrap().is_empty());
    doc
}

/// Whether the library has the API of a document's tag (`Fine-tuning` ->
/// `include/api/FineTuningAPI.h`).
pub fn has_api(tag: &str) -> bool {
    let api: String = tag.split([' ', '-']).map(|w| w[..1].to_uppercase() + &w[1..]).collect();
    super::root().join(format!("include/api/{api}API.h")).exists()
}

/// OpenAI's 2.3.0 administration document as the generator of the
/// generated client read it (`admin-2.3.0.yaml`).
pub fn admin_230_document() -> Value {
    load("admin-2.3.0.yaml")
}

fn load(file: &str) -> Value {
    load_path(&super::root().join("tests/data").join(file))
}

/// A YAML (or JSON) document as a JSON value.
pub fn load_path(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    to_json(&YamlLoader::load_from_str(&text).unwrap()[0])
}

/// The organization operations of `admin_document()` (the document's 63
/// and the 21 the SDK has ahead of it, marked `x-source`), in the
/// document's order.
pub fn organization_operations(doc: &Value) -> Vec<(String, String, Value)> {
    operations(doc).into_iter().filter(|(path, _, _)| !is_project_path(path)).collect()
}

/// How many of `ops` the SDK has ahead of the document (`x-source`).
pub fn ahead(ops: &[(String, String, Value)]) -> usize {
    ops.iter().filter(|(_, _, op)| !op["x-source"].is_null()).count()
}

/// Whether one of `sent` (`"<METHOD> <target>"`, as the mock logged them)
/// called the operation at `path` (a template) with `method`.
pub fn reached(sent: &[String], path: &str, method: &str) -> bool {
    let pattern: Vec<&str> = path.split('/').collect();
    sent.iter().any(|s| {
        let (m, target) = s.split_once(' ').unwrap();
        let target = target.strip_prefix("/v1").unwrap_or(target).split('?').next().unwrap();
        let segs: Vec<&str> = target.split('/').collect();
        m.eq_ignore_ascii_case(method)
            && segs.len() == pattern.len()
            && segs.iter().zip(&pattern).all(|(s, p)| p.starts_with('{') || s == p)
    })
}

/// Every operation: (path, method in lower case, operation object), in the
/// document's order.
pub fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((path.clone(), method.clone(), op.clone()));
        }
    }
    out
}

/// The operation object whose operationId is `id`.
pub fn operation<'a>(doc: &'a Value, id: &str) -> &'a Value {
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            if op["operationId"] == id {
                return op;
            }
        }
    }
    panic!("no operation {id}")
}

/// `schema`, or the schema its `$ref` names.
pub fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => resolve(doc, doc.pointer(r.trim_start_matches('#')).unwrap_or_else(|| panic!("no {r}"))),
        None => schema,
    }
}

/// A schema's name in snake_case, as the generator names models
/// (`ProjectGroupListResource` -> `project_group_list_resource`).
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if i > 0 && (prev_lower || (next_lower && chars[i - 1].is_ascii_uppercase())) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
