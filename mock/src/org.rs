//! The organization part of the mock: every organization operation of the
//! current document (`tests/data/admin-current.yaml`, compiled in). The
//! document declares each operation's path, query parameters and body
//! schema, and one generic front checks a request against them (400 naming
//! the parameter). Behind it the state is declared as data: `RESOURCES`
//! lists the collections (admin keys, invites, users, certificates,
//! groups and their users and roles, roles, user roles, spend alerts,
//! external keys and storage, workload identity providers and their
//! federation rules), each with how an object is made, changed, shown and
//! deleted; external keys and storage are validated by a rule or by the
//! verdict a test sets (`POST /__mock/{external_keys|external_storage}/{id}/verdict`); singletons
//! (data retention, spend limit), the audit log the mock writes for its own
//! changes, and usage and cost buckets made deterministically for any range.

use crate::error::{Answer, ApiError};
use crate::people::{Person, ORG_GROUPS, ORG_USERS};
pub use crate::query::QVal;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

// ---- the document ---------------------------------------------------------

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
    method: String,
    /// Path pieces: literal text, or `None` for a path parameter.
    pieces: Vec<Option<String>>,
    params: Vec<Value>,
    body: Option<Value>,
    /// The schema of its 200 answer.
    answer: Value,
}

pub struct Spec {
    doc: Value,
    ops: Vec<OpSpec>,
}

/// Operations of the document the project routes serve (not this module).
fn is_project_op(path: &str) -> bool {
    path.starts_with("/organization/projects") || path.starts_with("/projects/")
}

pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = include_str!("../../tests/data/admin-current.yaml");
        let doc = to_json(&yaml_rust2::YamlLoader::load_from_str(text).expect("the document is YAML")[0]);
        let mut ops = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            if is_project_op(path) {
                continue;
            }
            for (method, op) in item.as_object().into_iter().flatten() {
                let pieces = path.split('/').skip(1).map(|p| (!p.starts_with('{')).then(|| p.to_string())).collect();
                let body = op["requestBody"]["content"]["application/json"]["schema"].clone();
                ops.push(OpSpec {
                    id: op["operationId"].as_str().unwrap_or_default().to_string(),
                    method: method.to_uppercase(),
                    pieces,
                    params: op["parameters"].as_array().cloned().unwrap_or_default(),
                    body: (!body.is_null()).then_some(body),
                    answer: op["responses"]["200"]["content"]["application/json"]["schema"].clone(),
                });
            }
        }
        Spec { doc, ops }
    })
}

impl Spec {
    /// The schema a storage provider of `kind` (`aws`, …) is shown with.
    fn provider_schema(&self, kind: &str) -> &Value {
        let mut name: String = kind.chars().take(1).flat_map(char::to_uppercase).collect();
        name.push_str(kind.get(1..).unwrap_or_default());
        &self.doc["components"]["schemas"][format!("{name}ExternalStorageProvider")]
    }

    fn resolve<'a>(&'a self, s: &'a Value) -> &'a Value {
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

    /// `value` against `schema` (the subset the document uses): Err names
    /// the member at fault.
    fn check(&self, value: &Value, schema: &Value, at: &str) -> Result<(), ApiError> {
        let schema = self.resolve(schema);
        let bad = |why: String| Err(ApiError::invalid(Some(if at.is_empty() { "body" } else { at }), why));
        if let Some(options) = schema["anyOf"].as_array().or_else(|| schema["oneOf"].as_array()) {
            return if options.iter().any(|o| self.check(value, o, at).is_ok()) {
                Ok(())
            } else {
                bad(format!("Invalid value for '{at}': {value}."))
            };
        }
        if let Some(parts) = schema["allOf"].as_array() {
            let mut merged = Map::new();
            let mut required = Vec::new();
            for p in parts {
                let p = self.resolve(p);
                merged.extend(p["properties"].as_object().cloned().unwrap_or_default());
                required.extend(p["required"].as_array().cloned().unwrap_or_default());
            }
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
                items.iter().enumerate().try_for_each(|(i, v)| self.check(v, &schema["items"], &format!("{at}[{i}]")))
            }
            Some("object") | None if !schema["properties"].is_null() => {
                let Some(obj) = value.as_object() else {
                    return bad(format!("Invalid type for '{at}': expected an object, but got {value}."));
                };
                let props = schema["properties"].as_object().cloned().unwrap_or_default();
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
fn query(spec: &Spec, op: &OpSpec, raw: Option<&str>) -> Result<BTreeMap<String, QVal>, ApiError> {
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

// ---- state -------------------------------------------------------------------

/// An object of a collection: the ids of its parents (a group's users have
/// the group's) and its JSON as the API shows it (members starting with `_`
/// are the mock's own and never shown).
struct Item {
    parents: Vec<String>,
    v: Value,
}

/// The organization's own state.
pub struct Org {
    /// The mock's one clock (Unix seconds): every date it gives (projects,
    /// keys, audit-log entries, the present of usage and costs) is read
    /// from it; each change moves it on a second.
    clock: i64,
    /// The user the admin key belongs to: the actor of audit-log entries
    /// and the owner of new admin keys.
    actor: String,
    seq: u64,
    items: BTreeMap<&'static str, Vec<Item>>,
    retention: String,
    spend_limit: Option<Value>,
    log: Vec<Value>,
    /// What validating an external key or storage answers, as a test set it
    /// (by id); without one, the mock's rule decides.
    verdicts: BTreeMap<String, String>,
    /// Projects of the store (for audit-log entries and usage results).
    pub project_ids: Vec<String>,
}

/// Request members an audit-log payload names otherwise: (event type,
/// the request's name, the payload's name).
const AUDIT_NAMES: &[(&str, &str, &str)] = &[("group.updated", "name", "group_name"), ("project.updated", "name", "title")];

/// An audit-log payload made from what the mock knows (`details`: the id,
/// and a change's request body as `changes_requested`) in exactly the shape
/// the document gives events of type `kind` (`schema`): members it has no
/// property for are left out, renamed ones take the document's name, a
/// `changes_requested` it does not have is flattened into the payload,
/// and a null is kept only where the document allows one.
fn fit(kind: &str, details: Value, schema: &Value) -> Value {
    let Value::Object(mut given) = details else { return details };
    let props = &schema["properties"];
    if props.get("changes_requested").is_none() {
        if let Some(Value::Object(changes)) = given.remove("changes_requested") {
            for (k, v) in changes {
                given.entry(k).or_insert(v);
            }
        }
    }
    fit_object(kind, given, props)
}

fn fit_object(kind: &str, given: serde_json::Map<String, Value>, props: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for (k, v) in given {
        let k = AUDIT_NAMES.iter().find(|(t, from, _)| *t == kind && *from == k).map_or(k, |(_, _, to)| to.to_string());
        let Some(p) = props.get(&k) else { continue };
        let nullable = p["anyOf"].as_array().is_some_and(|a| a.iter().any(|b| b["type"] == "null")) || p["nullable"] == true;
        let v = match v {
            Value::Null if !nullable => continue,
            Value::Object(inner) if p["type"] == "object" => fit_object(kind, inner, &p["properties"]),
            v => v,
        };
        out.insert(k, v);
    }
    Value::Object(out)
}

fn text(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

impl Org {
    pub fn new(now: i64, actor: &str) -> Org {
        let mut org = Org {
            clock: now,
            actor: actor.to_string(),
            seq: 0,
            items: BTreeMap::new(),
            retention: "zero_data_retention".into(),
            spend_limit: None,
            log: Vec::new(),
            verdicts: BTreeMap::new(),
            project_ids: Vec::new(),
        };
        for (i, u) in ORG_USERS.iter().enumerate() {
            let role = if i == 0 { "owner" } else { "reader" };
            let v = json!({"object": "organization.user", "id": u.id, "name": u.name, "email": u.email, "role": role, "added_at": u.created_at});
            org.items.entry("users").or_default().push(Item { parents: vec![], v });
        }
        for g in ORG_GROUPS.iter().filter(|g| g.group_type == "group") {
            let v = json!({"object": "group", "id": g.id, "name": g.name, "created_at": g.created_at, "is_scim_managed": false, "group_type": g.group_type});
            org.items.entry("groups").or_default().push(Item { parents: vec![], v });
        }
        org
    }

    pub fn tick(&mut self) -> i64 {
        self.clock += 1;
        self.clock
    }

    /// The present, without moving the clock.
    pub fn now(&self) -> i64 {
        self.clock
    }

    /// Sets the present (a test's).
    pub fn set_now(&mut self, now: i64) {
        self.clock = now;
    }

    /// The admin key's owner, as `{id, name, email, created_at}` of the
    /// organization's users (an id it does not know: that id alone).
    fn owner(&self) -> Value {
        match ORG_USERS.iter().find(|u| u.id == self.actor) {
            Some(u) => json!({"id": u.id, "name": u.name, "email": u.email, "created_at": u.created_at}),
            None => json!({"id": self.actor, "name": null, "email": null, "created_at": 0}),
        }
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        format!("{prefix}{:016x}", self.seq.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5bd1_e995)
    }

    /// The organization's user (by a test on its id, email, …) as a project sees it.
    pub fn person(&self, test: impl Fn(&Person) -> bool) -> Option<Person> {
        self.items.get("users")?.iter().map(|i| person_of(&i.v)).find(|p| test(p))
    }

    /// Writes an audit-log entry for a change the mock made.
    pub fn audit(&mut self, kind: &str, project: Option<(&str, Option<&str>)>, details: Value) {
        let at = self.tick();
        let id = format!("audit_log-{:08x}_{}", self.log.len() + 1, at);
        let mut e = json!({
            "id": id,
            "type": kind,
            "effective_at": at,
            "actor": {"type": "api_key", "api_key": {"id": "key_mock_admin", "type": "user",
                      "user": {"id": self.actor, "email": self.owner()["email"]}}},
        });
        if let Some((pid, name)) = project {
            e["project"] = json!({"id": pid, "name": name});
        }
        let schema = &spec().doc["components"]["schemas"]["AuditLog"]["properties"][kind];
        e[kind] = fit(kind, details, schema);
        self.log.push(e);
    }

    /// Accepts a pending invite (the mock's control endpoint): the invitee
    /// becomes a user of the organization.
    pub fn accept_invite(&mut self, id: &str) -> Answer {
        let now = self.tick();
        let invites = self.items.entry("invites").or_default();
        let inv = invites.iter_mut().find(|i| i.v["id"] == id).ok_or_else(|| ApiError::not_found("invite", id))?;
        if inv.v["status"] != "pending" {
            return Err(ApiError::invalid(None, format!("Invite '{id}' is {}.", inv.v["status"])));
        }
        inv.v["status"] = json!("accepted");
        inv.v["accepted_at"] = json!(now);
        let email = text(&inv.v, "email");
        let role = text(&inv.v, "role");
        let invited = inv.v.clone();
        let user_id = self.next_id("user-");
        let name = email.split('@').next().unwrap_or_default().to_string();
        let user = json!({"object": "organization.user", "id": user_id, "name": name, "email": email, "role": role, "added_at": now});
        self.items.entry("users").or_default().push(Item { parents: vec![], v: user.clone() });
        self.audit("invite.accepted", None, json!({"id": id}));
        self.audit("user.added", None, json!({"id": user_id, "data": {"role": role}}));
        Ok(json!({"invite": invited, "user": user}))
    }
}

impl Org {
    /// Sets what validating the external key or storage `id` of collection
    /// `key` answers from now on (`status`: a key's validation status, a
    /// storage configuration's `status`).
    pub fn set_verdict(&mut self, key: &str, id: &str, status: &str) -> Answer {
        let res = RESOURCES
            .iter()
            .find(|r| r.key == key && r.validate.is_some())
            .ok_or_else(|| ApiError::invalid(None, format!("No verdicts for {key}.")))?;
        if !self.items.get(res.key).is_some_and(|l| l.iter().any(|i| i.v["id"] == id)) {
            return Err(ApiError::not_found(res.what, id));
        }
        self.verdicts.insert(id.to_string(), status.to_string());
        Ok(json!({"id": id, "status": status}))
    }
}

impl Default for Org {
    fn default() -> Self {
        Org::new(crate::DEFAULT_NOW, "user_alice")
    }
}

fn person_of(v: &Value) -> Person {
    Person {
        id: text(v, "id"),
        name: v["name"].as_str().map(String::from),
        email: v["email"].as_str().map(String::from),
        created_at: v["added_at"].as_i64().unwrap_or(0),
    }
}

// ---- the collections, declared ---------------------------------------------

/// What a new object of a resource is: its JSON, or Err (400/404).
type Make = fn(&mut Org, &[String], &Map<String, Value>) -> Result<Value, ApiError>;
/// A change to an object.
type Change = fn(&mut Org, &mut Value, &Map<String, Value>) -> Result<(), ApiError>;
/// An object as an answer shows it (list items, retrieve, …).
type Show = fn(&Org, &Value) -> Value;

/// A collection of the organization.
struct Resource {
    /// The key of its objects in `Org::items`.
    key: &'static str,
    /// The collection's path in the document (`{…}` for parents' ids).
    path: &'static str,
    /// What a 404 calls one.
    what: &'static str,
    make: Option<Make>,
    change: Option<Change>,
    show: Show,
    /// The answer to a delete.
    deleted: Gone,
    /// Audit-log events for create, update and delete ("" for none).
    events: [&'static str; 3],
    /// String query parameters a list keeps only the objects with that
    /// member equal to.
    filters: &'static [&'static str],
    /// `POST …/{id}/validate`: the status the mock's rule gives an object.
    validate: Option<fn(&Value) -> &'static str>,
}

fn plain(_: &Org, v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.retain(|k, _| !k.starts_with('_'));
    }
    v
}

/// The answer to a delete: its `object` (empty: the object itself, as it
/// was), and whether it carries the id and `deleted: true`.
struct Gone {
    object: &'static str,
    id: bool,
    flag: bool,
}

const fn gone(object: &'static str, id: bool, flag: bool) -> Gone {
    Gone { object, id, flag }
}

impl Gone {
    fn answer(&self, v: &Value) -> Value {
        let mut out = json!({"object": self.object});
        if self.id {
            out["id"] = v["id"].clone();
        }
        if self.flag {
            out["deleted"] = json!(true);
        }
        out
    }
}

const RESOURCES: [Resource; 14] = [
    Resource {
        key: "admin_api_keys",
        path: "/organization/admin_api_keys",
        what: "admin API key",
        make: Some(|org, _, b| {
            let id = org.next_id("key_");
            let now = org.tick();
            let secret = format!("sk-admin-{}", org.next_id(""));
            let redacted = format!("sk-admin...{}", &secret[secret.len() - 4..]);
            let expires = b.get("expires_in_seconds").and_then(Value::as_i64).map(|s| now + s);
            let owner = org.owner();
            Ok(json!({"object": "organization.admin_api_key", "id": id, "name": b["name"], "redacted_value": redacted,
                      "created_at": now, "expires_at": expires, "last_used_at": null,
                      "owner": {"type": "user", "object": "organization.user", "id": owner["id"], "name": owner["name"],
                                "created_at": owner["created_at"], "role": "owner"},
                      "_value": secret}))
        }),
        change: None,
        show: plain,
        deleted: gone("organization.admin_api_key.deleted", true, true),
        events: ["api_key.created", "", "api_key.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "invites",
        path: "/organization/invites",
        what: "invite",
        make: Some(|org, _, b| {
            let email = text(&Value::Object(b.clone()), "email");
            if !email.contains('@') {
                return Err(ApiError::invalid(Some("email"), format!("Invalid email address: '{email}'.")));
            }
            if org.person(|p| p.email.as_deref() == Some(email.as_str())).is_some() {
                return Err(ApiError::invalid(Some("email"), format!("'{email}' is already a member of this organization.")));
            }
            for (i, p) in b.get("projects").and_then(Value::as_array).into_iter().flatten().enumerate() {
                let pid = p["id"].as_str().unwrap_or_default();
                if !org.project_ids.iter().any(|x| x == pid) {
                    return Err(ApiError::invalid(Some(&format!("projects[{i}].id")), format!("No project '{pid}' in this organization.")));
                }
            }
            let id = org.next_id("invite-");
            let now = org.tick();
            let mut v = json!({"object": "organization.invite", "id": id, "email": email, "role": b["role"], "status": "pending",
                               "created_at": now, "expires_at": now + 7 * 86_400, "accepted_at": null});
            v["projects"] = b.get("projects").cloned().unwrap_or_else(|| json!([]));
            Ok(v)
        }),
        change: None,
        show: plain,
        deleted: gone("organization.invite.deleted", true, true),
        events: ["invite.sent", "", "invite.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "users",
        path: "/organization/users",
        what: "user",
        make: None,
        change: Some(|_, v, b| {
            if let Some(r) = b.get("role").and_then(Value::as_str).filter(|r| *r != "owner" && *r != "reader") {
                return Err(ApiError::invalid(Some("role"), format!("Invalid value for 'role': '{r}'. Expected 'owner' or 'reader'.")));
            }
            for k in ["role", "technical_level", "developer_persona"] {
                if let Some(x) = b.get(k).filter(|x| !x.is_null()) {
                    v[k] = x.clone();
                }
            }
            if let Some(r) = b.get("role_id").and_then(Value::as_str) {
                v["role"] = json!(r);
            }
            Ok(())
        }),
        show: plain,
        deleted: gone("organization.user.deleted", true, true),
        events: ["", "user.updated", "user.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "certificates",
        path: "/organization/certificates",
        what: "certificate",
        make: Some(|org, _, b| {
            let pem = text(&Value::Object(b.clone()), "certificate");
            if !pem.contains("-----BEGIN CERTIFICATE-----") {
                return Err(ApiError::invalid(Some("certificate"), "The certificate must be PEM-encoded."));
            }
            let id = org.next_id("cert_");
            let now = org.tick();
            Ok(json!({"object": "certificate", "id": id, "name": b.get("name").cloned().unwrap_or(Value::Null), "created_at": now,
                      "certificate_details": {"valid_at": now, "expires_at": now + 365 * 86_400}, "active": false, "_content": pem}))
        }),
        change: Some(|_, v, b| {
            if let Some(n) = b.get("name") {
                v["name"] = n.clone();
            }
            Ok(())
        }),
        show: |_, v| {
            json!({"object": "certificate", "id": v["id"], "name": v["name"], "created_at": v["created_at"],
                            "certificate_details": v["certificate_details"]})
        },
        deleted: gone("certificate.deleted", true, false),
        events: ["certificate.created", "certificate.updated", "certificate.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "groups",
        path: "/organization/groups",
        what: "group",
        make: Some(|org, _, b| {
            let id = org.next_id("group_");
            let now = org.tick();
            Ok(json!({"object": "group", "id": id, "name": b["name"], "created_at": now, "is_scim_managed": false, "group_type": "group"}))
        }),
        change: Some(|_, v, b| {
            v["name"] = b["name"].clone();
            Ok(())
        }),
        show: plain,
        deleted: gone("group.deleted", true, true),
        events: ["group.created", "group.updated", "group.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "group_users",
        path: "/organization/groups/{group_id}/users",
        what: "user in this group",
        make: Some(|org, parents, b| {
            let uid = text(&Value::Object(b.clone()), "user_id");
            if org.person(|p| p.id == uid).is_none() {
                return Err(ApiError::invalid(Some("user_id"), format!("No user '{uid}' in this organization.")));
            }
            Ok(json!({"id": uid, "_group": parents[0]}))
        }),
        change: None,
        show: |org, v| {
            let uid = text(v, "id");
            let p = org.person(|p| p.id == uid);
            json!({"id": uid, "name": p.as_ref().and_then(|p| p.name.clone()), "email": p.and_then(|p| p.email),
                   "picture": null, "is_service_account": false, "user_type": "user"})
        },
        deleted: gone("group.user.deleted", false, true),
        events: ["", "", ""],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "group_roles",
        path: "/organization/groups/{group_id}/roles",
        what: "role assigned to this group",
        make: Some(|org, _, b| assigned(org, b)),
        change: None,
        show: assigned_details,
        deleted: gone("group.role.deleted", false, true),
        events: ["role.assignment.created", "", "role.assignment.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "roles",
        path: "/organization/roles",
        what: "role",
        make: Some(|org, _, b| {
            let id = org.next_id("role_");
            let now = org.tick();
            Ok(
                json!({"object": "role", "id": id, "name": b["role_name"], "description": b.get("description").cloned().unwrap_or(Value::Null),
                      "permissions": b["permissions"], "resource_type": "api.organization", "predefined_role": false,
                      "_created_at": now, "_updated_at": now}),
            )
        }),
        change: Some(|org, v, b| {
            if let Some(n) = b.get("role_name").filter(|x| !x.is_null()) {
                v["name"] = n.clone();
            }
            for k in ["description", "permissions"] {
                if let Some(x) = b.get(k).filter(|x| !x.is_null()) {
                    v[k] = x.clone();
                }
            }
            v["_updated_at"] = json!(org.tick());
            Ok(())
        }),
        show: plain,
        deleted: gone("role.deleted", true, true),
        events: ["role.created", "role.updated", "role.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "user_roles",
        path: "/organization/users/{user_id}/roles",
        what: "role assigned to this user",
        make: Some(|org, _, b| assigned(org, b)),
        change: None,
        show: assigned_details,
        deleted: gone("user.role.deleted", false, true),
        events: ["role.assignment.created", "", "role.assignment.deleted"],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "spend_alerts",
        path: "/organization/spend_alerts",
        what: "spend alert",
        make: Some(|org, _, b| {
            let id = org.next_id("alert_");
            let mut v = Value::Object(b.clone());
            v["id"] = json!(id);
            v["object"] = json!("organization.spend_alert");
            Ok(v)
        }),
        change: Some(|_, v, b| {
            for (k, x) in b {
                v[k] = x.clone();
            }
            Ok(())
        }),
        show: plain,
        deleted: gone("organization.spend_alert.deleted", true, true),
        events: ["", "", ""],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "external_keys",
        path: "/organization/external_keys",
        what: "external key",
        make: Some(|org, _, b| {
            let mut v = Value::Object(b.clone());
            v["id"] = json!(org.next_id("extkey_"));
            v["object"] = json!("organization.external_key");
            v["workspace_id"] = json!("org-mock");
            v["api_project_ids"] = json!([]);
            v["created_at"] = json!(org.tick());
            if v["purpose"].is_null() {
                v["purpose"] = json!("ekm");
            }
            Ok(v)
        }),
        change: None,
        show: plain,
        deleted: gone("", false, false),
        events: ["external_key.registered", "", "external_key.removed"],
        filters: &["purpose"],
        // A key config the provider would accept has identifiers of its kind.
        validate: Some(|v| {
            let has = |k: &str, prefix: &str| v[k].as_str().is_some_and(|s| s.starts_with(prefix));
            let ok = match v["type"].as_str() {
                Some("aws") => has("kms_arn", "arn:aws:kms:") && has("role_arn", "arn:aws:iam::"),
                Some("gcp") => has("kms_project_id", "") && has("workload_identity_project_number", ""),
                Some("azure") => has("vault_uri", "https://"),
                Some("oci") => has("key_ocid", "ocid1.key.") && has("vault_ocid", "ocid1.vault."),
                _ => false,
            };
            if ok {
                "valid"
            } else {
                "invalid"
            }
        }),
    },
    Resource {
        key: "external_storage",
        path: "/organization/external_storage",
        what: "external storage configuration",
        make: Some(|org, _, b| {
            let pid = text(&Value::Object(b.clone()), "project_id");
            if !org.project_ids.contains(&pid) {
                return Err(ApiError::invalid(Some("project_id"), format!("No project '{pid}' in this organization.")));
            }
            let mut provider = b["provider"].clone();
            // What the provider is shown with beyond what was sent.
            let kind = text(&provider, "type");
            let role = text(&provider, "role_arn");
            let defaults = [
                ("account_id", json!(role.split(':').nth(4).unwrap_or("000000000000"))),
                ("external_id", json!(pid)),
                ("region", json!(if kind == "gcp" { "us-central1" } else { "us-east-1" })),
                ("audience", json!(format!("//iam.googleapis.com/projects/{}", text(&provider, "workload_identity_project_number")))),
            ];
            let shown = spec().provider_schema(&kind);
            for (k, d) in defaults {
                if provider.get(k).is_none() && !shown["properties"][k].is_null() {
                    provider[k] = d;
                }
            }
            Ok(json!({"object": "organization.external_storage", "id": org.next_id("extstorage_"), "project_id": pid,
                      "geography": "US", "status": "pending", "created_at": org.tick(), "provider": provider}))
        }),
        change: None,
        show: plain,
        deleted: gone("organization.external_storage.deleted", true, true),
        events: ["external_storage.registered", "", "external_storage.removed"],
        filters: &["project_id"],
        // A bucket OpenAI could reach: named, with a role or identity to assume.
        validate: Some(|v| {
            let p = &v["provider"];
            let named = p["bucket"].as_str().or(p["container"].as_str()).is_some_and(|b| !b.is_empty());
            let role = match p["type"].as_str() {
                Some("aws") => p["role_arn"].as_str().is_some_and(|r| r.starts_with("arn:aws:iam::")),
                _ => true,
            };
            if named && role {
                "validated"
            } else {
                "unhealthy"
            }
        }),
    },
    Resource {
        key: "workload_identity_providers",
        path: "/organization/workload_identity_providers",
        what: "workload identity provider",
        make: Some(|org, _, b| {
            let now = org.tick();
            let v = json!({"object": "organization.workload_identity_provider", "id": org.next_id("wip_"), "description": null,
                               "enabled": true, "attribute_transformations": [], "verification": {"type": "discovery", "discovery_url": null},
                               "created_at": now, "updated_at": now});
            Ok(with(v, b))
        }),
        change: Some(touched),
        show: plain,
        deleted: gone("organization.workload_identity_provider.deleted", true, true),
        events: ["", "", ""],
        filters: &[],
        validate: None,
    },
    Resource {
        key: "federation_rules",
        path: "/organization/workload_identity_providers/{workload_identity_provider_id}/federation_rules",
        what: "workload identity federation rule",
        make: Some(|org, parents, b| {
            let pid = text(&Value::Object(b.clone()), "project_id");
            if !org.project_ids.contains(&pid) {
                return Err(ApiError::invalid(Some("project_id"), format!("No project '{pid}' in this organization.")));
            }
            let now = org.tick();
            let v = json!({"object": "organization.workload_identity_federation_rule", "id": org.next_id("wifr_"),
                               "workload_identity_provider_id": parents[0], "name": null, "description": null, "enabled": true,
                               "permissions": {"type": "service_account_default"}, "created_at": now, "updated_at": now});
            Ok(with(v, b))
        }),
        change: Some(touched),
        show: plain,
        deleted: gone("organization.workload_identity_federation_rule.deleted", true, true),
        events: ["", "", ""],
        filters: &["service_account_id"],
        validate: None,
    },
];

/// `v` with the members of a request body `b` over its own.
fn with(mut v: Value, b: &Map<String, Value>) -> Value {
    for (k, x) in b {
        v[k] = x.clone();
    }
    v
}

/// A change that takes the body's members and stamps `updated_at`.
fn touched(org: &mut Org, v: &mut Value, b: &Map<String, Value>) -> Result<(), ApiError> {
    *v = with(v.take(), b);
    v["updated_at"] = json!(org.tick());
    Ok(())
}

/// A role given to a group or a user: the role must exist.
fn assigned(org: &mut Org, b: &Map<String, Value>) -> Result<Value, ApiError> {
    let rid = text(&Value::Object(b.clone()), "role_id");
    if !org.items.get("roles").is_some_and(|r| r.iter().any(|i| i.v["id"] == rid.as_str())) {
        return Err(ApiError::invalid(Some("role_id"), format!("No role '{rid}' in this organization.")));
    }
    Ok(json!({"id": rid, "_assigned_at": org.tick()}))
}

fn role_of<'a>(org: &'a Org, id: &str) -> Option<&'a Value> {
    org.items.get("roles")?.iter().map(|i| &i.v).find(|v| v["id"] == id)
}

/// A role as an assignment list shows it (AssignedRoleDetails).
fn assigned_details(org: &Org, v: &Value) -> Value {
    let rid = text(v, "id");
    let r = role_of(org, &rid).cloned().unwrap_or(Value::Null);
    json!({"id": rid, "name": r["name"], "permissions": r["permissions"], "resource_type": r["resource_type"],
           "predefined_role": r["predefined_role"], "description": r["description"], "created_at": r["_created_at"],
           "updated_at": r["_updated_at"], "created_by": "user_alice", "created_by_user_obj": null, "metadata": {},
           "assignment_sources": null})
}

/// The object of a role (as an assignment answer shows it).
fn role_object(org: &Org, id: &str) -> Value {
    let r = role_of(org, id).cloned().unwrap_or(Value::Null);
    json!({"object": "role", "id": id, "name": r["name"], "description": r["description"], "permissions": r["permissions"],
           "resource_type": r["resource_type"], "predefined_role": r["predefined_role"]})
}

// ---- dispatch -------------------------------------------------------------------

/// The collection a path template belongs to, and whether it names one item.
fn resource_of(path_pieces: &[Option<String>]) -> Option<(&'static Resource, bool)> {
    for r in &RESOURCES {
        let pieces: Vec<Option<String>> = r.path.split('/').skip(1).map(|p| (!p.starts_with('{')).then(|| p.to_string())).collect();
        if path_pieces.len() >= pieces.len() && path_pieces[..pieces.len()] == pieces[..] {
            match path_pieces.len() - pieces.len() {
                0 => return Some((r, false)),
                1 if path_pieces[pieces.len()].is_none() => return Some((r, true)),
                _ => {}
            }
        }
    }
    None
}

/// One page of `items` in the answer's list shape: `first_id`/`last_id`
/// lists or `next` lists, as the operation's answer schema has it.
fn page(spec: &Spec, op: &OpSpec, shown: Vec<Value>, q: &BTreeMap<String, QVal>) -> Answer {
    let limit = match q.get("limit") {
        Some(QVal::Int(n)) if (1..=100).contains(n) => *n as usize,
        Some(QVal::Int(n)) => {
            return Err(ApiError::invalid(Some("limit"), format!("Invalid 'limit': {n}. Expected an integer between 1 and 100.")))
        }
        _ => 20,
    };
    let mut shown = shown;
    if matches!(q.get("order"), Some(QVal::Str(o)) if o == "desc") {
        shown.reverse();
    }
    let id = |v: &Value| v["id"].as_str().unwrap_or_default().to_string();
    let position = |key: &str| -> Result<Option<usize>, ApiError> {
        match q.get(key) {
            Some(QVal::Str(c)) => shown
                .iter()
                .position(|v| id(v) == *c)
                .map(Some)
                .ok_or_else(|| ApiError::invalid(Some(key), format!("Invalid '{key}': no object with id '{c}' in this list."))),
            _ => Ok(None),
        }
    };
    let lo = position("after")?.map_or(0, |p| p + 1);
    let hi = position("before")?.unwrap_or(shown.len()).max(lo);
    let end = (lo + limit).min(hi);
    let data = shown[lo..end].to_vec();
    let has_more = end < hi;
    let answer = spec.resolve(&op.answer);
    let mut out = json!({"object": "list", "data": data, "has_more": has_more});
    if answer["properties"]["next"].is_object() {
        out["next"] = if has_more { json!(id(&shown[end - 1])) } else { Value::Null };
    } else {
        out["first_id"] = data.first().map_or(Value::Null, |v| json!(id(v)));
        out["last_id"] = data.last().map_or(Value::Null, |v| json!(id(v)));
    }
    Ok(out)
}

/// Serves one organization request. None: no such operation (the caller
/// answers 404 "Invalid URL").
pub fn serve(org: &mut Org, method: &str, path: &str, raw_query: Option<&str>, body: Option<&Value>) -> Option<Answer> {
    let spec = spec();
    let (op, ids) = spec.find(method, path)?;
    Some(serve_op(spec, org, op, &ids, raw_query, body))
}

fn serve_op(spec: &Spec, org: &mut Org, op: &OpSpec, ids: &[String], raw_query: Option<&str>, body: Option<&Value>) -> Answer {
    let q = query(spec, op, raw_query)?;
    let empty = json!({});
    let b = match (&op.body, body) {
        (Some(schema), Some(v)) => {
            spec.check(v, schema, "")?;
            v.as_object().cloned().unwrap_or_default()
        }
        (Some(_), None) => return Err(ApiError::invalid(None, "A JSON request body is required.")),
        (None, _) => empty.as_object().cloned().unwrap_or_default(),
    };
    match op.id.as_str() {
        "list-audit-logs" => return audit_logs(spec, org, op, &q),
        "retrieve-organization-data-retention" => return Ok(json!({"object": "organization.data_retention", "type": org.retention})),
        "update-organization-data-retention" => {
            org.retention = text(&Value::Object(b.clone()), "retention_type");
            return Ok(json!({"object": "organization.data_retention", "type": org.retention}));
        }
        "Getorganizationspendlimit" => {
            return org.spend_limit.clone().ok_or_else(|| ApiError {
                status: 404,
                message: "No spend limit is set for this organization.".into(),
                kind: "invalid_request_error",
                param: None,
                code: Some("not_found"),
            })
        }
        "Updateorganizationspendlimit" => {
            let mut v = Value::Object(b);
            v["object"] = json!("organization.spend_limit");
            v["enforcement"] = json!({"status": "enforcing"});
            org.spend_limit = Some(v.clone());
            return Ok(v);
        }
        "Deleteorganizationspendlimit" => {
            return match org.spend_limit.take() {
                Some(_) => Ok(json!({"object": "organization.spend_limit.deleted", "deleted": true})),
                None => Err(ApiError {
                    status: 404,
                    message: "No spend limit is set for this organization.".into(),
                    kind: "invalid_request_error",
                    param: None,
                    code: Some("not_found"),
                }),
            };
        }
        "activateOrganizationCertificates" | "deactivateOrganizationCertificates" => return toggle(org, &b, op.id.starts_with("activate")),
        id if id.starts_with("usage-") => return crate::usage::buckets(id, &q, &org.project_ids, org.clock),
        id if id.starts_with("validate-") => return validate(org, op, &ids[0]),
        _ => {}
    }
    let (res, one) = resource_of(&op.pieces).unwrap_or_else(|| panic!("{}: no resource declared", op.id));
    // The parents must exist (a group's users: the group).
    let parent_ids = if one { &ids[..ids.len() - 1] } else { ids };
    if let (Some(parent), Some(pid)) = (RESOURCES.iter().find(|p| res.path.starts_with(&format!("{}/{{", p.path))), parent_ids.first()) {
        if !org.items.get(parent.key).is_some_and(|l| l.iter().any(|i| i.v["id"] == pid.as_str())) {
            return Err(ApiError::not_found(parent.what, pid));
        }
    }
    let parents: Vec<String> = parent_ids.to_vec();
    let find = |org: &Org, id: &str| -> Result<usize, ApiError> {
        org.items
            .get(res.key)
            .and_then(|l| l.iter().position(|i| i.parents == parents && i.v["id"] == id))
            .ok_or_else(|| ApiError::not_found(res.what, id))
    };
    match (op.method.as_str(), one) {
        ("GET", false) => {
            let show = if res.key == "certificates" { cert_listed } else { res.show };
            let mut shown: Vec<Value> =
                org.items.get(res.key).into_iter().flatten().filter(|i| i.parents == parents).map(|i| show(org, &i.v)).collect();
            if let Some(QVal::List(emails)) = q.get("emails") {
                shown.retain(|v| v["email"].as_str().is_some_and(|e| emails.iter().any(|x| x == e)));
            }
            for f in res.filters {
                if let Some(QVal::Str(want)) = q.get(*f) {
                    shown.retain(|v| v[*f] == want.as_str());
                }
            }
            page(spec, op, shown, &q)
        }
        ("POST", false) => {
            let make = res.make.unwrap_or_else(|| panic!("{}: cannot create", res.key));
            let v = make(org, &parents, &b)?;
            let new_id = text(&v, "id");
            let assignment = res.key.ends_with("_users") || res.key.ends_with("_roles");
            if assignment && org.items.get(res.key).is_some_and(|l| l.iter().any(|i| i.parents == parents && i.v["id"] == new_id.as_str()))
            {
                let param = if res.key.ends_with("_users") { "user_id" } else { "role_id" };
                return Err(ApiError::invalid(Some(param), format!("'{new_id}' is already assigned.")));
            }
            org.items.entry(res.key).or_default().push(Item { parents: parents.clone(), v: v.clone() });
            if !res.events[0].is_empty() {
                org.audit(res.events[0], None, json!({"id": new_id}));
            }
            Ok(created(org, res, &parents, &v))
        }
        ("GET", true) => {
            let i = find(org, &ids[ids.len() - 1])?;
            let v = org.items[res.key][i].v.clone();
            let mut shown = (res.show)(org, &v);
            if res.key == "certificates" && matches!(q.get("include"), Some(QVal::List(l)) if l.iter().any(|x| x == "content")) {
                shown["certificate_details"]["content"] = v["_content"].clone();
            }
            Ok(shown)
        }
        ("POST", true) => {
            let change = res.change.unwrap_or_else(|| panic!("{}: cannot change", res.key));
            let i = find(org, &ids[ids.len() - 1])?;
            let mut v = org.items[res.key][i].v.clone();
            change(org, &mut v, &b)?;
            org.items.get_mut(res.key).expect("found above")[i].v = v.clone();
            if !res.events[1].is_empty() {
                org.audit(res.events[1], None, json!({"id": v["id"], "changes_requested": b}));
            }
            let shown = (res.show)(org, &v);
            Ok(if res.key == "groups" {
                json!({"id": v["id"], "name": v["name"], "created_at": v["created_at"], "is_scim_managed": false})
            } else {
                shown
            })
        }
        ("DELETE", true) => {
            let i = find(org, &ids[ids.len() - 1])?;
            let v = org.items[res.key][i].v.clone();
            if res.key == "invites" && v["status"] == "accepted" {
                return Err(ApiError::invalid(None, "An invite that has been accepted cannot be deleted."));
            }
            org.items.get_mut(res.key).expect("found above").remove(i);
            if !res.events[2].is_empty() {
                org.audit(res.events[2], None, json!({"id": v["id"]}));
            }
            Ok(if res.deleted.object.is_empty() { (res.show)(org, &v) } else { res.deleted.answer(&v) })
        }
        _ => Err(ApiError::invalid(None, format!("{} is not served", op.id))),
    }
}

/// The answer to a create: the object, or for an assignment what it links.
fn created(org: &Org, res: &Resource, parents: &[String], v: &Value) -> Value {
    match res.key {
        "admin_api_keys" => {
            let mut shown = plain(org, v);
            shown["value"] = v["_value"].clone();
            shown
        }
        "group_users" => json!({"object": "group.user", "user_id": v["id"], "group_id": parents[0]}),
        "group_roles" => {
            let g = org
                .items
                .get("groups")
                .and_then(|l| l.iter().find(|i| i.v["id"] == parents[0].as_str()))
                .map(|i| i.v.clone())
                .unwrap_or(Value::Null);
            json!({"object": "group.role", "group": {"object": "group", "id": g["id"], "name": g["name"], "created_at": g["created_at"], "scim_managed": false},
                   "role": role_object(org, v["id"].as_str().unwrap_or_default())})
        }
        "user_roles" => {
            let u = org
                .items
                .get("users")
                .and_then(|l| l.iter().find(|i| i.v["id"] == parents[0].as_str()))
                .map(|i| i.v.clone())
                .unwrap_or(Value::Null);
            json!({"object": "user.role", "user": u, "role": role_object(org, v["id"].as_str().unwrap_or_default())})
        }
        _ => (res.show)(org, v),
    }
}

/// `POST …/{id}/validate`: the verdict a test set, else the mock's rule. A
/// storage configuration keeps its new status; a key answers its own.
fn validate(org: &mut Org, op: &OpSpec, id: &str) -> Answer {
    // `…/{id}/validate`: the collection whose one item the path names.
    let res = match resource_of(&op.pieces[..op.pieces.len() - 1]) {
        Some((res, true)) => res,
        _ => panic!("{}: no resource declared", op.id),
    };
    let rule = res.validate.unwrap_or_else(|| panic!("{}: nothing validates it", op.id));
    let verdict = org.verdicts.get(id).cloned();
    let item =
        org.items.get_mut(res.key).and_then(|l| l.iter_mut().find(|i| i.v["id"] == id)).ok_or_else(|| ApiError::not_found(res.what, id))?;
    let status = verdict.unwrap_or_else(|| rule(&item.v).to_string());
    if res.key == "external_keys" {
        return Ok(json!({"status": status}));
    }
    item.v["status"] = json!(status);
    let v = item.v.clone();
    Ok(plain(org, &v))
}

/// A certificate as lists show it (with `active`).
fn cert_listed(_: &Org, v: &Value) -> Value {
    json!({"object": "organization.certificate", "id": v["id"], "name": v["name"], "active": v["active"],
           "created_at": v["created_at"], "certificate_details": v["certificate_details"]})
}

fn toggle(org: &mut Org, b: &Map<String, Value>, on: bool) -> Answer {
    let ids: Vec<String> = b["certificate_ids"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
    let certs = org.items.entry("certificates").or_default();
    if let Some(missing) = ids.iter().find(|id| !certs.iter().any(|c| c.v["id"] == id.as_str())) {
        return Err(ApiError::not_found("certificate", missing));
    }
    let mut data = Vec::new();
    for c in certs.iter_mut().filter(|c| ids.iter().any(|id| c.v["id"] == id.as_str())) {
        c.v["active"] = json!(on);
        data.push(json!({"object": "organization.certificate", "id": c.v["id"], "name": c.v["name"], "active": on,
                         "created_at": c.v["created_at"], "certificate_details": c.v["certificate_details"]}));
    }
    let logged: Vec<Value> = data.iter().map(|c| json!({"id": c["id"], "name": c["name"]})).collect();
    org.audit(if on { "certificates.activated" } else { "certificates.deactivated" }, None, json!({"certificates": logged}));
    let object = if on { "organization.certificate.activation" } else { "organization.certificate.deactivation" };
    Ok(json!({"object": object, "data": data}))
}

/// The audit log, newest first, with the document's filters.
fn audit_logs(spec: &Spec, org: &Org, op: &OpSpec, q: &BTreeMap<String, QVal>) -> Answer {
    let list = |k: &str| match q.get(k) {
        Some(QVal::List(l)) => Some(l.clone()),
        _ => None,
    };
    let range = match q.get("effective_at") {
        Some(QVal::Object(o)) => o.clone(),
        _ => BTreeMap::new(),
    };
    let entries: Vec<Value> = org
        .log
        .iter()
        .rev()
        .filter(|e| {
            let at = e["effective_at"].as_i64().unwrap_or(0);
            let in_range = range.iter().all(|(k, v)| match k.as_str() {
                "gt" => at > *v,
                "gte" => at >= *v,
                "lt" => at < *v,
                "lte" => at <= *v,
                _ => true,
            });
            let kind = text(e, "type");
            let matches = |k: &str, got: Vec<String>| list(k).is_none_or(|want| got.iter().any(|g| want.contains(g)));
            in_range
                && matches("event_types", vec![kind.clone()])
                && matches("project_ids", vec![text(&e["project"], "id")])
                && matches("actor_ids", vec![text(&e["actor"]["api_key"], "id"), text(&e["actor"]["api_key"]["user"], "id")])
                && matches("actor_emails", vec![text(&e["actor"]["api_key"]["user"], "email")])
                && matches("resource_ids", vec![text(&e[kind.as_str()], "id")])
        })
        .cloned()
        .collect();
    page(spec, op, entries, q)
}
