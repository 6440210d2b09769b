//! Reading OpenAPI documents (YAML): loading, `$ref`s, properties,
//! nullable members, unions, enums, operations.

use super::naming::{camel, sentence};
use super::root;
use yaml_rust2::{Yaml, YamlLoader};

/// An operation on a project (`ProjectsAPI_`): its path is under a project.
pub fn is_project_path(path: &str) -> bool {
    path.starts_with("/organization/projects") || path.starts_with("/projects/")
}

/// The project part of the current document: its operations on a project
/// (the SDK's `x-source` ones too), with every component.
pub(crate) fn project_part(doc: &Yaml) -> Yaml {
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

pub(crate) fn hash(y: &Yaml) -> Vec<(&str, &Yaml)> {
    y.as_hash().map_or(vec![], |h| h.iter().filter_map(|(k, v)| Some((k.as_str()?, v))).collect())
}

pub(crate) fn strs(y: &Yaml) -> Vec<&str> {
    y.as_vec().map_or(vec![], |v| v.iter().filter_map(Yaml::as_str).collect())
}

pub fn load(file: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join("tests/data").join(file)).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// `schema`, or the schema its `$ref` names, in `doc`.
pub(crate) fn resolve<'a>(doc: &'a Yaml, schema: &'a Yaml) -> &'a Yaml {
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

pub(crate) fn ref_name(schema: &Yaml) -> Option<&str> {
    schema["$ref"].as_str().map(|r| r.rsplit('/').next().unwrap())
}

/// The schema without an `anyOf: [X, {type: null}]` wrapper, and whether it
/// may be null.
pub(crate) fn strip_null(p: &Yaml) -> (&Yaml, bool) {
    if let Some(options) = p["anyOf"].as_vec() {
        let real: Vec<&Yaml> = options.iter().filter(|o| o["type"].as_str() != Some("null")).collect();
        if real.len() == 1 {
            return (real[0], real.len() < options.len());
        }
    }
    (p, p["nullable"].as_bool() == Some(true))
}

/// Whether a member's schema takes `null` (`nullable`, or a `null` branch).
pub(crate) fn is_nullable(p: &Yaml) -> bool {
    let null_branch = |k: &str| p[k].as_vec().is_some_and(|o| o.iter().any(|b| b["type"].as_str() == Some("null")));
    p["nullable"].as_bool() == Some(true) || null_branch("anyOf") || null_branch("oneOf")
}

/// The branches of a union (`oneOf`, or `anyOf` of several), if it is one.
pub(crate) fn union_branches(p: &Yaml) -> Option<Vec<&Yaml>> {
    let options = p["oneOf"].as_vec().or_else(|| p["anyOf"].as_vec())?;
    let real: Vec<&Yaml> = options.iter().filter(|o| o["type"].as_str() != Some("null")).collect();
    // A `oneOf` of one schema is a union too (the generator merges it),
    // where `anyOf: [X, null]` only makes X nullable.
    let single = p["oneOf"].as_vec().is_some_and(|o| o.len() == 1);
    (real.len() > 1 || single).then_some(real)
}

pub(crate) fn is_object(doc: &Yaml, p: &Yaml) -> bool {
    let t = resolve(doc, p);
    !t["properties"].is_badvalue() || !t["allOf"].is_badvalue() || union_branches(t).is_some_and(|b| b.iter().all(|x| is_object(doc, x)))
}

/// The members of an object schema in order: `allOf` parts merged, a
/// union's branches flattened (a member where it first appears, typed as
/// its last branch has it, as the generator made the 2.3.0 union).
pub(crate) fn props<'a>(doc: &'a Yaml, schema: &'a Yaml) -> Vec<(String, &'a Yaml)> {
    let schema = resolve(doc, schema);
    let parts: Vec<&Yaml> = if let Some(all) = schema["allOf"].as_vec() {
        all.iter().collect()
    } else if let Some(b) = union_branches(schema) {
        b
    } else {
        return hash(&schema["properties"]).into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    };
    let mut out: Vec<(String, &Yaml)> = Vec::new();
    for part in parts {
        for (k, v) in props(doc, part) {
            match out.iter_mut().find(|(have, _)| *have == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
    }
    out
}

/// The members of a 2.3.0 schema in the order OpenAPI Generator laid them
/// out: as [`props`], but a top-level `allOf` puts the schemas it names
/// before its own members (a union's branch keeps the document's order).
pub(crate) fn released_props<'a>(doc: &'a Yaml, schema: &'a Yaml) -> Vec<(String, &'a Yaml)> {
    let schema = resolve(doc, schema);
    let Some(all) = schema["allOf"].as_vec() else { return props(doc, schema) };
    let (named, own): (Vec<&Yaml>, Vec<&Yaml>) = all.iter().partition(|p| !p["$ref"].is_badvalue());
    let mut out: Vec<(String, &Yaml)> = Vec::new();
    for part in named.into_iter().chain(own) {
        for (k, v) in props(doc, part) {
            match out.iter_mut().find(|(have, _)| *have == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
    }
    out
}

pub(crate) fn required(doc: &Yaml, schema: &Yaml) -> Vec<String> {
    let schema = resolve(doc, schema);
    let mut out: Vec<String> = strs(&schema["required"]).into_iter().map(String::from).collect();
    for part in schema["allOf"].as_vec().into_iter().flatten() {
        out.extend(required(doc, part));
    }
    out
}

pub(crate) fn description(doc: &Yaml, schema: &Yaml) -> Option<String> {
    let s = resolve(doc, schema);
    sentence(s["description"].as_str()).or_else(|| s["allOf"].as_vec().and_then(|a| a.iter().find_map(|p| description(doc, p))))
}

pub(crate) fn enum_values(p: &Yaml) -> Vec<String> {
    p["enum"].as_vec().map_or(vec![], |v| {
        v.iter()
            .filter_map(|x| match x {
                Yaml::String(s) => Some(s.clone()),
                Yaml::Integer(i) => Some(i.to_string()),
                Yaml::Real(r) => Some(r.clone()),
                _ => None,
            })
            .collect()
    })
}

/// The current document's version of a parameter of one of the 22.
pub(crate) fn cur_param<'y>(cur: &'y Yaml, op_name: &str, raw: &str) -> Option<&'y Yaml> {
    {
        for (_, item) in hash(&cur["paths"]) {
            for (_, op) in hash(item) {
                if op["operationId"].as_str().map(camel).as_deref() == Some(op_name) {
                    return op["parameters"].as_vec()?.iter().find(|p| p["name"].as_str() == Some(raw));
                }
            }
        }
        None
    }
}

/// The schema of an operation's JSON answer (a bad value when it has none).
pub(crate) fn answer_schema(op: &Yaml) -> &Yaml {
    &op["responses"]["200"]["content"]["application/json"]["schema"]
}

/// The schema of an operation's JSON request body (a bad value when it has none).
pub(crate) fn request_schema(op: &Yaml) -> &Yaml {
    &op["requestBody"]["content"]["application/json"]["schema"]
}

pub(crate) fn all_ops(doc: &Yaml) -> Vec<(String, String, &Yaml)> {
    hash(&doc["paths"])
        .into_iter()
        .flat_map(|(path, item)| hash(item).into_iter().map(move |(m, op)| (path.to_string(), m.to_string(), op)))
        .collect()
}

/// The smallest JSON a request schema accepts: its required members.
pub fn min_json(doc: &Yaml, schema: &Yaml, depth: usize) -> String {
    let (schema, _) = strip_null(schema);
    let schema = resolve(doc, schema);
    if let Some(v) = enum_values(schema).first() {
        return format!("{v:?}");
    }
    match schema["type"].as_str() {
        Some("string") => "\"x\"".into(),
        Some("integer") => schema["minimum"].as_i64().unwrap_or(1).max(1).to_string(),
        Some("number") => "1.5".into(),
        Some("boolean") => "true".into(),
        Some("array") if depth < 4 => format!("[{}]", min_json(doc, &schema["items"], depth + 1)),
        Some("array") => "[]".into(),
        _ => {
            let req = required(doc, schema);
            let parts: Vec<String> = props(doc, schema)
                .into_iter()
                .filter(|(k, _)| req.contains(k) && depth < 4)
                .map(|(k, p)| format!("{k:?}:{}", min_json(doc, p, depth + 1)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
    }
}
