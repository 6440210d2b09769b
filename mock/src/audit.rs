//! The audit log the mock writes for its own changes, each entry in
//! exactly the shape the document gives its event type, and its listing
//! with the document's filters.

use crate::error::Answer;
use crate::paging::{bounds, limit};
use crate::query::QVal;
use crate::spec::spec;
use crate::state::State;
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

/// The audit log, newest first, with the document's filters, paged as
/// every list is (`paging::page`) but without copying the log: a cursor is
/// found from its id (an entry's id holds its place in the log), and the
/// page is read from there, so a page costs what it holds, not what the
/// log holds (a 100,000-event export is a thousand pages).
pub fn list(st: &State, q: &BTreeMap<String, QVal>) -> Answer {
    let keep = admits(q);
    let limit = limit(q)?;
    let n = st.log.len();
    // Place `p` of the list (newest first) is the log's entry `n - 1 - p`.
    let at = |p: usize| &st.log[n - 1 - p];
    let (lo, hi, before_only) = bounds(q, n, |c| place(st, c).filter(|&p| keep(at(p))))?;
    let (data, has_more) = if before_only {
        // The `limit` entries just before the cursor.
        let mut back = (lo..hi).rev().map(at).filter(|e| keep(e));
        let mut data: Vec<&Value> = back.by_ref().take(limit).collect();
        data.reverse();
        (data, back.next().is_some())
    } else {
        let mut on = (lo..hi).map(at).filter(|e| keep(e));
        let data: Vec<&Value> = on.by_ref().take(limit).collect();
        (data, on.next().is_some())
    };
    let id = |v: Option<&&Value>| v.map_or(Value::Null, |v| v["id"].clone());
    Ok(json!({
        "object": "list",
        "data": data.iter().map(|v| (*v).clone()).collect::<Vec<Value>>(),
        "first_id": id(data.first()),
        "last_id": id(data.last()),
        "has_more": has_more,
    }))
}

/// What the query's filters admit: `effective_at` bounds, event types,
/// project, actor and resource ids, actor emails.
fn admits(q: &BTreeMap<String, QVal>) -> impl Fn(&Value) -> bool + '_ {
    let list = |k: &str| match q.get(k) {
        Some(QVal::List(l)) => Some(l.as_slice()),
        _ => None,
    };
    let range = match q.get("effective_at") {
        Some(QVal::Object(o)) => o.clone(),
        _ => BTreeMap::new(),
    };
    move |e: &Value| {
        let at = e["effective_at"].as_i64().unwrap_or(0);
        let in_range = range.iter().all(|(k, v)| match k.as_str() {
            "gt" => at > *v,
            "gte" => at >= *v,
            "lt" => at < *v,
            "lte" => at <= *v,
            _ => true,
        });
        let kind = e["type"].as_str().unwrap_or_default();
        let matches = |k: &str, got: &[&Value]| {
            list(k).is_none_or(|want| got.iter().any(|g| want.iter().any(|w| g.as_str().unwrap_or_default() == w)))
        };
        let user = &e["actor"]["api_key"]["user"];
        in_range
            && matches("event_types", &[&e["type"]])
            && matches("project_ids", &[&e["project"]["id"]])
            && matches("actor_ids", &[&e["actor"]["api_key"]["id"], &user["id"]])
            && matches("actor_emails", &[&user["email"]])
            && matches("resource_ids", &[&e[kind]["id"]])
    }
}

/// The place in the list (newest first) of the entry `id`, read from the
/// id (`audit_log-<its number in hex>_<time>`) and checked.
fn place(st: &State, id: &str) -> Option<usize> {
    let number = id.strip_prefix("audit_log-")?.split('_').next()?;
    let k = usize::from_str_radix(number, 16).ok()?.checked_sub(1)?;
    (st.log.get(k)?["id"].as_str() == Some(id)).then(|| st.log.len() - 1 - k)
}

impl State {
    /// Adds `n` audit-log entries, as `n` changes would have written them:
    /// in turn a project's update, an API key's creation, a user added, a
    /// rate limit updated and a login, each in its documented shape (for a
    /// log of the size a large organization exports).
    pub fn fill_audit_log(&mut self, n: usize) {
        let projects = self.project_ids();
        for i in 0..n {
            let pid = projects.get(i % projects.len().max(1)).cloned();
            match i % 5 {
                0 => match &pid {
                    Some(p) => self.audit_in("project.updated", p, json!({"id": p, "changes_requested": {"name": format!("Project {i}")}})),
                    None => self.audit("login.succeeded", None, json!({})),
                },
                1 => self.audit("api_key.created", None, json!({"id": format!("key_{i:06}"), "data": {"scopes": ["/v1/*"]}})),
                2 => self.audit("user.added", None, json!({"id": format!("user_{i:06}"), "data": {"role": "reader"}})),
                3 => match &pid {
                    Some(p) => self.audit_in(
                        "rate_limit.updated",
                        p,
                        json!({"id": format!("rl_{i:06}"), "changes_requested": {"max_requests_per_1_minute": 100 + i}}),
                    ),
                    None => self.audit("login.succeeded", None, json!({})),
                },
                _ => self.audit("login.succeeded", None, json!({})),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paging::page;
    use crate::state::text;

    /// The log copied whole, filtered, then paged as every list is: what
    /// `list` answered before it read pages in place.
    fn copied(st: &State, q: &BTreeMap<String, QVal>) -> Answer {
        let keep = admits(q);
        page(st.log.iter().rev().filter(|e| keep(e)).cloned().collect(), q, "id", false)
    }

    #[test]
    fn a_page_read_in_place_is_the_page_of_the_copied_log() {
        let mut st = crate::serve::start(crate::DEFAULT_NOW, "user_alice", 3);
        st.fill_audit_log(230);
        let kinds = QVal::List(vec!["project.updated".into(), "user.added".into()]);
        let project = QVal::List(vec![st.project_ids()[1].clone()]);
        let mut checked = 0;
        for filter in [None, Some(("event_types", kinds)), Some(("project_ids", project))] {
            // Cursors are ids of the filtered list.
            let mut fq = BTreeMap::new();
            if let Some((k, v)) = &filter {
                fq.insert(k.to_string(), v.clone());
            }
            let keep = admits(&fq);
            let ids: Vec<String> = st.log.iter().rev().filter(|e| keep(e)).map(|e| text(e, "id")).collect();
            let n = ids.len();
            assert!(n > 20, "{filter:?} keeps {n}");
            for limit in [None, Some(1), Some(7), Some(100)] {
                for after in [None, Some(0), Some(5), Some(n / 2), Some(n - 1)] {
                    for before in [None, Some(0), Some(6), Some(n - 2)] {
                        let mut q = BTreeMap::new();
                        if let Some((k, v)) = &filter {
                            q.insert(k.to_string(), v.clone());
                        }
                        if let Some(l) = limit {
                            q.insert("limit".into(), QVal::Int(l));
                        }
                        if let Some(a) = after {
                            q.insert("after".into(), QVal::Str(ids[a].clone()));
                        }
                        if let Some(b) = before {
                            q.insert("before".into(), QVal::Str(ids[b].clone()));
                        }
                        let (got, want) = (list(&st, &q).map_err(|e| e.body()), copied(&st, &q).map_err(|e| e.body()));
                        assert_eq!(got, want, "{q:?}");
                        checked += usize::from(got.is_ok_and(|v| !v["data"].as_array().unwrap().is_empty()));
                    }
                }
            }
        }
        assert!(checked > 100, "half the queries give a page: {checked}");
        let mut q = BTreeMap::new();
        q.insert("after".to_string(), QVal::Str("audit_log-ffffffff_1".into()));
        assert!(list(&st, &q).is_err(), "an unknown cursor is refused");
    }
}
