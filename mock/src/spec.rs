//! The document the mock serves: every operation of the current document
//! (`tests/data/admin-current.yaml`, compiled in) with its path, query
//! parameters, body schema and answer schema; a request's query and body
//! are checked against them here (400 naming the parameter at fault).

use crate::error::ApiError;
use crate::query::QVal;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn to_json(y: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(s) => json!(s.parse::<f64>().unwrap_or(0.0)),
        Yaml::Integer(i) => json!(i),
        Yaml::String(s) => json!(s),
        Yaml::Boolean(b) => json!(b),
        Yaml::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => {
            Value::Object(h.iter().map(|(k, v)| (k.as_str().map_or_else(|| format!("{k:?}"), str::to_string), to_json(v))).collect())
        }
        _ => Value::Null,
    }
}

/// One operation of the document the organization part serves.
pub struct OpSpec {
    pub id: String,
    pub method: String,
    /// Path pieces: literal text, or `None` for a path parameter.
    pub pieces: Vec<Option<String>>,
    params: Vec<Value>,
    pub body: Option<Value>,
    /// The schema of its 200 answer.
    answer: Value,
    /// Its documented example answer (`x-example-response`, or OpenAI's in
    /// `x-oaiMeta`), when it is JSON.
    pub example: Option<Value>,
    /// The path of the collection it acts on: its own, without a last `{id}`.
    pub collection: &'static str,
    /// Its request is a multipart form (given to the declarations as JSON).
    pub form: bool,
}

/// The document and its operations.
pub struct Spec {
    pub doc: Value,
    ops: Vec<OpSpec>,
}

/// The APIs beyond the administration the mock serves: their operations
/// come from OpenAI's current document (`tests/data/openai-current.yaml`).
pub const LIBRARY: [&str; 14] = [
    "Assistants",
    "Audio",
    "Batch",
    "Chat",
    "Completions",
    "Embeddings",
    "Files",
    "Fine-tuning",
    "Images",
    "Models",
    "Moderations",
    "Realtime",
    "Uploads",
    "Vector stores",
];

/// Every operation the mock serves: the administration contract's and, from
/// OpenAI's whole current document, those of `LIBRARY` (with the components
/// the contract lacks).
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let yaml = |text: &str| to_json(&yaml_rust2::YamlLoader::load_from_str(text).expect("the document is YAML")[0]);
        let mut doc = yaml(include_str!("../../tests/data/admin-current.yaml"));
        let whole = yaml(include_str!("../../tests/data/openai-current.yaml"));
        with_library(&mut doc, &whole);
        Spec::new(doc)
    })
}

/// `doc` with the operations of `LIBRARY` in `whole`, and the components of
/// `whole` it lacks.
fn with_library(doc: &mut Value, whole: &Value) {
    // The document leaves out the `model` a realtime session is created
    // for, which the API takes (and the generated client sends).
    let mut whole = whole.clone();
    // Its request also requires the `client_secret` the API returns (a copy
    // of the answer's schema): no client sends one.
    let realtime = &mut whole["components"]["schemas"]["RealtimeSessionCreateRequest"];
    realtime["properties"]["model"] = json!({"type": "string"});
    realtime["required"] = json!([]);
    let whole = &whole;
    for (path, item) in whole["paths"].as_object().into_iter().flatten() {
        let ops: Map<String, Value> = item
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, op)| op["tags"][0].as_str().is_some_and(|t| LIBRARY.contains(&t)))
            .map(|(m, op)| (m.clone(), op.clone()))
            .collect();
        if !ops.is_empty() {
            doc["paths"][path.as_str()] = Value::Object(ops);
        }
    }
    for (section, entries) in whole["components"].as_object().into_iter().flatten() {
        for (name, schema) in entries.as_object().into_iter().flatten() {
            if doc["components"][section.as_str()].get(name).is_none() {
                doc["components"][section.as_str()][name.as_str()] = schema.clone();
            }
        }
    }
}

impl Spec {
    /// The operations of a document (a test's own, or the one compiled in).
    /// Each collection's path is kept for the life of the process: a
    /// document has a bounded number of them.
    pub fn new(doc: Value) -> Spec {
        let mut ops = Vec::new();
        let mut collections: BTreeMap<String, &'static str> = BTreeMap::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let pieces: Vec<Option<String>> = path.split('/').skip(1).map(|p| (!p.starts_with('{')).then(|| p.to_string())).collect();
                let body = op["requestBody"]["content"]["application/json"]["schema"].clone();
                let own = if pieces.last() == Some(&None) { &path[..path.rfind('/').unwrap_or(0)] } else { path.as_str() };
                let collection = *collections.entry(own.to_string()).or_insert_with(|| Box::leak(own.to_string().into_boxed_str()));
                ops.push(OpSpec {
                    id: op["operationId"].as_str().unwrap_or_default().to_string(),
                    method: method.to_uppercase(),
                    pieces,
                    params: op["parameters"].as_array().cloned().unwrap_or_default(),
                    body: (!body.is_null()).then_some(body),
                    answer: op["responses"]["200"]["content"]["application/json"]["schema"].clone(),
                    example: op["x-example-response"]
                        .as_str()
                        .or_else(|| op["x-oaiMeta"]["examples"]["response"].as_str())
                        .or_else(|| op["x-oaiMeta"]["examples"][0]["response"].as_str())
                        .and_then(crate::examples::parse),
                    collection,
                    form: !op["requestBody"]["content"]["multipart/form-data"].is_null(),
                });
            }
        }
        Spec { doc, ops }
    }

    /// The operation of `method` on the path template `collection`
    /// (`one`: on one object of it, `collection/{id}`).
    /// The operation of an operationId (one the document has).
    pub fn op(&self, id: &str) -> &OpSpec {
        self.ops.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no operation {id}"))
    }

    pub fn op_on(&self, method: &str, collection: &str, one: bool) -> Option<&OpSpec> {
        self.ops.iter().find(|o| o.method == method && o.collection == collection && (o.pieces.last() == Some(&None)) == one)
    }
}

impl OpSpec {
    /// Whether its list answer pages by `next` (else by `first_id`/`last_id`).
    pub fn pages_by_next(&self, spec: &Spec) -> bool {
        spec.resolve(&self.answer)["properties"]["next"].is_object()
    }
}

impl Spec {
    /// The schema a storage provider of `kind` (`aws`, …) is shown with.
    pub fn provider_schema(&self, kind: &str) -> &Value {
        let mut name: String = kind.chars().take(1).flat_map(char::to_uppercase).collect();
        name.push_str(kind.get(1..).unwrap_or_default());
        &self.doc["components"]["schemas"][format!("{name}ExternalStorageProvider")]
    }

    pub fn resolve<'a>(&'a self, s: &'a Value) -> &'a Value {
        match s["$ref"].as_str() {
            Some(r) => self.resolve(self.doc.pointer(r.trim_start_matches('#')).unwrap_or(&Value::Null)),
            None => s,
        }
    }

    /// The operation for a request, with its path parameters.
    pub fn find(&self, method: &str, path: &str) -> Option<(&OpSpec, Vec<String>)> {
        let segs: Vec<&str> = path.split('/').skip(1).collect();
        self.ops.iter().filter(|o| o.method == method && o.pieces.len() == segs.len()).find_map(|o| {
            let mut ids = Vec::new();
            for (piece, seg) in o.pieces.iter().zip(&segs) {
                match piece {
                    Some(lit) if lit == seg => {}
                    Some(_) => return None,
                    None => ids.push(percent_decode(seg)?),
                }
            }
            Some((o, ids))
        })
    }

    /// The members and required names of an `allOf`, its parts' own
    /// `allOf`s merged too.
    fn all_of(&self, schema: &Value, merged: &mut Map<String, Value>, required: &mut Vec<Value>) {
        let schema = self.resolve(schema);
        for p in schema["allOf"].as_array().into_iter().flatten() {
            self.all_of(p, merged, required);
        }
        merged.extend(schema["properties"].as_object().cloned().unwrap_or_default());
        required.extend(schema["required"].as_array().cloned().unwrap_or_default());
    }

    /// `value` against `schema` (the subset the document uses): Err names
    /// the member at fault.
    pub fn check(&self, value: &Value, schema: &Value, at: &str) -> Result<(), ApiError> {
        let schema = self.resolve(schema);
        let bad = |why: String| Err(ApiError::invalid(Some(if at.is_empty() { "body" } else { at }), why));
        if let Some(options) = schema["anyOf"].as_array().or_else(|| schema["oneOf"].as_array()) {
            return if options.iter().any(|o| self.check(value, o, at).is_ok()) {
                Ok(())
            } else {
                bad(format!("Invalid value for '{at}': {value}."))
            };
        }
        if schema["allOf"].is_array() {
            let (mut merged, mut required) = (Map::new(), Vec::new());
            self.all_of(schema, &mut merged, &mut required);
            return self.check(value, &json!({"type": "object", "properties": merged, "required": required}), at);
        }
        if let Some(values) = schema["enum"].as_array() {
            if !values.contains(value) {
                let list: Vec<String> = values.iter().map(|v| v.to_string()).collect();
                return bad(format!("Invalid value for '{at}': {value}. Supported values are: {}.", list.join(", ")));
            }
        }
        match schema["type"].as_str() {
            Some("null") if !value.is_null() => bad(format!("'{at}' must be null.")),
            Some("string") if !value.is_string() => bad(format!("Invalid type for '{at}': expected a string, but got {value}.")),
            Some("string") => {
                let n = value.as_str().map_or(0, |t| t.chars().count()) as u64;
                if schema["minLength"].as_u64().is_some_and(|m| n < m) || schema["maxLength"].as_u64().is_some_and(|m| n > m) {
                    return bad(format!("Invalid '{at}': a string of {n} characters is out of range."));
                }
                Ok(())
            }
            Some("boolean") if !value.is_boolean() => bad(format!("Invalid type for '{at}': expected a boolean, but got {value}.")),
            Some("integer") | Some("number") => {
                let Some(n) = value.as_f64().filter(|_| schema["type"] != "integer" || value.is_i64() || value.is_u64()) else {
                    return bad(format!(
                        "Invalid type for '{at}': expected {}, but got {value}.",
                        schema["type"].as_str().unwrap_or("a number")
                    ));
                };
                if schema["minimum"].as_f64().is_some_and(|m| n < m) || schema["maximum"].as_f64().is_some_and(|m| n > m) {
                    return bad(format!("Invalid '{at}': {value} is out of range."));
                }
                Ok(())
            }
            Some("array") => {
                let Some(items) = value.as_array() else {
                    return bad(format!("Invalid type for '{at}': expected an array, but got {value}."));
                };
                let n = items.len() as u64;
                if schema["minItems"].as_u64().is_some_and(|m| n < m) || schema["maxItems"].as_u64().is_some_and(|m| n > m) {
                    return bad(format!("Invalid '{at}': {n} items is out of range."));
                }
                items.iter().enumerate().try_for_each(|(i, v)| self.check(v, &schema["items"], &format!("{at}[{i}]")))
            }
            Some("object") | None if !schema["properties"].is_null() => {
                let Some(obj) = value.as_object() else {
                    return bad(format!("Invalid type for '{at}': expected an object, but got {value}."));
                };
                let props = schema["properties"].as_object().cloned().unwrap_or_default();
                if schema["minProperties"].as_u64().is_some_and(|m| (obj.len() as u64) < m) {
                    let names: Vec<String> = props.keys().map(|k| format!("'{k}'")).collect();
                    return Err(ApiError::invalid(None, format!("Provide at least one of {}.", names.join(", "))));
                }
                for k in obj.keys() {
                    if !props.contains_key(k) {
                        let name = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                        return Err(ApiError::invalid(Some(&name), format!("Unrecognized request argument supplied: {k}")));
                    }
                }
                for r in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !obj.contains_key(r) {
                        let name = if at.is_empty() { r.to_string() } else { format!("{at}.{r}") };
                        return Err(ApiError::invalid(Some(&name), format!("Missing required parameter: '{name}'.")));
                    }
                }
                for (k, v) in obj {
                    self.check(v, &props[k], &if at.is_empty() { k.clone() } else { format!("{at}.{k}") })?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let text = format!("x={}", s.replace('+', "%2B"));
    let pair = form_urlencoded::parse(text.as_bytes()).next()?;
    Some(pair.1.into_owned())
}

/// The query checked against the operation's parameters: arrays as
/// `name[]=…` or repeated `name=…`, objects as `name[member]=…`.
pub fn query(spec: &Spec, op: &OpSpec, raw: Option<&str>) -> Result<BTreeMap<String, QVal>, ApiError> {
    let params: Vec<(&str, &Value, bool)> = op
        .params
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| (p["name"].as_str().unwrap_or("").trim_end_matches("[]"), spec.resolve(&p["schema"]), p["required"] == true))
        .collect();
    let mut out: BTreeMap<String, QVal> = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let (base, member) = match k.split_once('[') {
            Some((b, rest)) => (b.to_string(), Some(rest.trim_end_matches(']').to_string())),
            None => (k.to_string(), None),
        };
        let Some((name, schema, _)) = params.iter().find(|(n, _, _)| *n == base) else {
            return Err(ApiError::invalid(Some(&k), format!("Unrecognized query parameter: '{k}'.")));
        };
        let bad = |why: String| ApiError::invalid(Some(name), why);
        match (schema["type"].as_str(), member.as_deref()) {
            (Some("array"), None | Some("")) => {
                if let Some(values) = schema["items"]["enum"].as_array() {
                    if !values.iter().any(|e| e == v.as_ref()) {
                        return Err(bad(format!("Invalid value for '{name}': '{v}'.")));
                    }
                }
                match out.entry(name.to_string()).or_insert_with(|| QVal::List(Vec::new())) {
                    QVal::List(l) => l.push(v.into_owned()),
                    _ => unreachable!("a list parameter"),
                }
            }
            (Some("object"), Some(m)) if schema["properties"].is_null() && schema["additionalProperties"].is_object() => {
                match out.entry(name.to_string()).or_insert_with(|| QVal::Map(BTreeMap::new())) {
                    QVal::Map(o) => {
                        o.insert(m.to_string(), v.into_owned());
                    }
                    _ => unreachable!("a map parameter"),
                }
            }
            (Some("object"), Some(m)) => {
                if schema["properties"][m].is_null() {
                    return Err(bad(format!("Unrecognized query parameter: '{k}'.")));
                }
                let n: i64 = v.parse().map_err(|_| bad(format!("Invalid '{k}': '{v}'. Expected an integer.")))?;
                match out.entry(name.to_string()).or_insert_with(|| QVal::Object(BTreeMap::new())) {
                    QVal::Object(o) => {
                        o.insert(m.to_string(), n);
                    }
                    _ => unreachable!("an object parameter"),
                }
            }
            (_, Some(_)) | (Some("object"), None) => return Err(bad(format!("Invalid query parameter: '{k}'."))),
            (t, None) => {
                if out.contains_key(*name) {
                    return Err(bad(format!("Query parameter '{name}' given more than once.")));
                }
                let value = match t {
                    Some("integer") => {
                        let n: i64 = v.parse().map_err(|_| bad(format!("Invalid '{name}': '{v}'. Expected an integer.")))?;
                        if schema["minimum"].as_i64().is_some_and(|m| n < m) || schema["maximum"].as_i64().is_some_and(|m| n > m) {
                            return Err(bad(format!("Invalid '{name}': {n} is out of range.")));
                        }
                        QVal::Int(n)
                    }
                    Some("boolean") => match v.as_ref() {
                        "true" => QVal::Bool(true),
                        "false" => QVal::Bool(false),
                        _ => return Err(bad(format!("Invalid '{name}': '{v}'. Expected 'true' or 'false'."))),
                    },
                    _ => {
                        if let Some(values) = schema["enum"].as_array() {
                            if !values.iter().any(|e| e == v.as_ref()) {
                                return Err(bad(format!("Invalid value for '{name}': '{v}'.")));
                            }
                        }
                        if schema["minLength"].as_u64().is_some_and(|m| (v.chars().count() as u64) < m) {
                            return Err(bad(format!("Invalid '{name}': '{v}' is too short.")));
                        }
                        QVal::Str(v.into_owned())
                    }
                };
                out.insert(name.to_string(), value);
            }
        }
    }
    if let Some((name, _, _)) = params.iter().find(|(n, _, req)| *req && !out.contains_key(*n)) {
        return Err(ApiError::invalid(Some(name), format!("Missing query parameter '{name}'.")));
    }
    Ok(out)
}
