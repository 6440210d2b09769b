//! The audit log the mock writes for its own changes, each entry in
//! exactly the shape the document gives its event type, and its listing
//! with the document's filters.

use crate::error::Answer;
use crate::paging::page;
use crate::query::QVal;
use crate::spec::spec;
use crate::state::{text, State};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Request members an audit-log payload names otherwise: (event type,
/// the request's name, the payload's name).
const AUDIT_NAMES: &[(&str, &str, &str)] = &[("group.updated", "name", "group_name"), ("project.updated", "name", "title")];

impl State {
    /// Writes an audit-log entry for a change the mock made (`project`:
    /// the id and name of the project it was made in).
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

    /// Writes an audit-log entry for a change made in project `pid`.
    pub fn audit_in(&mut self, kind: &str, pid: &str, details: Value) {
        let name = self.find("projects", &[], pid).and_then(|p| p["name"].as_str().map(str::to_string));
        self.audit(kind, Some((pid, name.as_deref())), details);
    }
}

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

fn fit_object(kind: &str, given: Map<String, Value>, props: &Value) -> Value {
    let mut out = Map::new();
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

/// The audit log, newest first, with the document's filters.
pub fn list(st: &State, q: &BTreeMap<String, QVal>) -> Answer {
    let list = |k: &str| match q.get(k) {
        Some(QVal::List(l)) => Some(l.clone()),
        _ => None,
    };
    let range = match q.get("effective_at") {
        Some(QVal::Object(o)) => o.clone(),
        _ => BTreeMap::new(),
    };
    let entries: Vec<Value> = st
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
    page(entries, q, "id", false)
}
