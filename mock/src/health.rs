//! Health alerts: rules (of the organization or of a project) with a
//! version that every change moves on, checked against the caller's
//! `expected_version` as the API does (optimistic concurrency: a stale one
//! is refused with 409); and the alerts a rule raised, which a test makes
//! through the control endpoint `POST /__mock/health/alert_rules/{id}/trigger`
//! (the mock has no traffic to watch). What the document requires of an
//! answer and the request left out gets the document's first value.

use crate::error::{Answer, ApiError};
use crate::resource::{Body, Q};
use crate::spec::spec;
use crate::state::{text, State};
use serde_json::{json, Map, Value};

/// The members `schema` requires and `v` lacks, with a default each: the
/// first value of an enum, 0, false, "", [] or {} (null where null is allowed).
fn completed(mut v: Value, schema: &Value) -> Value {
    let spec = spec();
    let schema = spec.resolve(schema);
    let Some(obj) = v.as_object_mut() else { return v };
    for key in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if obj.contains_key(key) {
            continue;
        }
        let p = spec.resolve(&schema["properties"][key]);
        let options: Vec<&Value> = p["anyOf"].as_array().map_or_else(|| vec![p], |a| a.iter().map(|o| spec.resolve(o)).collect());
        let default = if options.iter().any(|o| o["type"] == "null") {
            Value::Null
        } else {
            let o = options[0];
            match (o["enum"].as_array().and_then(|e| e.first()), o["type"].as_str()) {
                (Some(first), _) => first.clone(),
                (_, Some("integer" | "number")) => json!(0),
                (_, Some("boolean")) => json!(false),
                (_, Some("array")) => json!([]),
                (_, Some("object")) => completed(json!({}), o),
                _ => json!(""),
            }
        };
        obj.insert(key.to_string(), default);
    }
    v
}

/// The variant of a `oneOf` with a `type` discriminator that `kind` selects.
fn variant<'a>(schema_name: &str, kind: &str) -> &'a Value {
    let spec = spec();
    let schema = &spec.doc["components"]["schemas"][schema_name];
    let target = schema["discriminator"]["mapping"][kind].as_str().unwrap_or_default();
    spec.doc.pointer(target.trim_start_matches('#')).unwrap_or(&Value::Null)
}

/// A rule's condition as answers show it, from a request's.
fn condition(given: &Value) -> Value {
    completed(given.clone(), variant("HealthAlertRuleCondition", given["type"].as_str().unwrap_or_default()))
}

/// Filters: each list given replaces the rule's (null clears it).
fn filters(mut now: Value, given: Option<&Value>) -> Value {
    for key in ["models", "observability_tags", "project_ids", "service_tiers"] {
        match given.and_then(|g| g.get(key)) {
            Some(Value::Null) => now[key] = json!([]),
            Some(v) => now[key] = v.clone(),
            None if now[key].is_null() => now[key] = json!([]),
            None => {}
        }
    }
    now
}

/// Notifications: each member given replaces the rule's; an empty object
/// turns both channels off.
fn notifications(mut now: Value, given: Option<&Value>) -> Value {
    if now.is_null() {
        now = json!({"email": {"addresses": [], "enabled": false, "org_owners": false, "project_owners": false},
                     "webhook": {"enabled": false}});
    }
    match given {
        Some(Value::Object(g)) if g.is_empty() => {
            now["email"]["enabled"] = json!(false);
            now["webhook"]["enabled"] = json!(false);
        }
        Some(Value::Object(g)) => {
            for (channel, members) in g {
                for (k, v) in members.as_object().into_iter().flatten() {
                    now[channel][k] = v.clone();
                }
            }
        }
        _ => {}
    }
    now
}

/// A new rule (version 1).
pub fn make_rule(st: &mut State, _: &[String], b: &Body) -> Result<Value, ApiError> {
    let id = st.next_id("alertrule_");
    let now = st.tick();
    Ok(json!({"object": "health.alert_rule", "id": id, "organization_id": "org-mock", "name": b["name"],
              "enabled": b.get("enabled").and_then(Value::as_bool).unwrap_or(true), "version": 1, "created_at": now,
              "updated_at": now, "condition": condition(&b["condition"]), "filters": filters(json!({}), b.get("filters")),
              "notifications": notifications(Value::Null, b.get("notifications"))}))
}

/// 409 unless `expected` is the rule's version.
fn current(v: &Value, expected: Option<i64>) -> Result<(), ApiError> {
    let version = v["version"].as_i64().unwrap_or(0);
    match expected {
        Some(e) if e == version => Ok(()),
        Some(e) => Err(ApiError {
            status: 409,
            message: format!("The alert rule '{}' is at version {version}, not {e}: read it again and retry.", text(v, "id")),
            kind: "invalid_request_error",
            param: Some("expected_version".into()),
            code: Some("version_conflict"),
        }),
        None => Err(ApiError::invalid(Some("expected_version"), "Missing required parameter: 'expected_version'.")),
    }
}

/// An update at the rule's current version: what is given changes, and the version moves on.
pub fn change_rule(st: &mut State, _: &[String], v: &mut Value, b: &Body) -> Result<(), ApiError> {
    current(v, b.get("expected_version").and_then(Value::as_i64))?;
    if let Some(c) = b.get("condition") {
        if c.get("type").is_some_and(|t| *t != v["condition"]["type"]) {
            return Err(ApiError::invalid(Some("condition.type"), "To change a condition's type, create a new alert rule."));
        }
        let mut merged = v["condition"].clone();
        for (k, x) in c.as_object().into_iter().flatten() {
            merged[k] = x.clone();
        }
        v["condition"] = merged;
    }
    for key in ["name", "enabled"] {
        if let Some(x) = b.get(key) {
            v[key] = x.clone();
        }
    }
    v["filters"] = filters(v["filters"].take(), b.get("filters"));
    v["notifications"] = notifications(v["notifications"].take(), b.get("notifications"));
    v["version"] = json!(v["version"].as_i64().unwrap_or(0) + 1);
    v["updated_at"] = json!(st.tick());
    Ok(())
}

/// A delete names the version it deletes (`expected_version`).
pub fn deleting_rule(_: &mut State, _: &[String], v: &Value, q: &Q) -> Result<(), ApiError> {
    let expected = match q.get("expected_version") {
        Some(crate::query::QVal::Int(n)) => Some(*n),
        _ => None,
    };
    current(v, expected)
}

/// Which rules a list keeps: `enabled` and the condition's `type`.
pub fn keep_rule(q: &Q, v: &Value) -> bool {
    let enabled = !matches!(q.get("enabled"), Some(crate::query::QVal::Bool(e)) if v["enabled"] != *e);
    let kind = !matches!(q.get("type"), Some(crate::query::QVal::Str(t)) if v["condition"]["type"] != t.as_str());
    enabled && kind
}

/// `POST /__mock/health/alert_rules/{id}/trigger` with `{"type":
/// "triggered"|"resolved"}` (default `triggered`): the rule raises an alert,
/// kept with the organization's alerts or its project's. The alert is answered.
pub fn trigger(st: &mut State, rule_id: &str, body: &Map<String, Value>) -> Answer {
    let found = st
        .items
        .iter()
        .filter(|(k, _)| **k == "health_alert_rules" || **k == "project_health_alert_rules")
        .flat_map(|(k, l)| l.iter().map(move |i| (*k, i)))
        .find(|(_, i)| i.v["id"] == rule_id)
        .map(|(k, i)| (k, i.parents.clone(), i.v.clone()));
    let Some((key, parents, rule)) = found else { return Err(ApiError::not_found("health alert rule", rule_id)) };
    let kind = body.get("type").and_then(Value::as_str).unwrap_or("triggered");
    if kind != "triggered" && kind != "resolved" {
        return Err(ApiError::invalid(Some("type"), format!("Invalid value for 'type': '{kind}'. Expected 'triggered' or 'resolved'.")));
    }
    let id = st.next_id("alert_");
    let now = st.tick();
    let c = &rule["condition"];
    let window = c["window_seconds"].as_i64().unwrap_or(300);
    let threshold = c["threshold"].as_f64().unwrap_or(0.0);
    let measured = json!({"type": c["type"], "threshold": threshold, "value": threshold * 1.5});
    let measurement = completed(measured, variant("HealthAlertMeasurement", c["type"].as_str().unwrap_or_default()));
    let alert = json!({"object": "health.alert", "id": id, "alert_rule_id": rule_id, "type": kind, "created_at": now,
                       "occurred_at": now - 1, "window": {"started_at": now - 1 - window, "ended_at": now - 1},
                       "dimensions": {"model": null, "project_id": parents.first(), "service_tier": null, "http_status": null,
                                      "observability_tag": null},
                       "measurement": measurement});
    let alerts = if key == "health_alert_rules" { "health_alerts" } else { "project_health_alerts" };
    st.push(alerts, &parents, alert.clone());
    Ok(alert)
}
