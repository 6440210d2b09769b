//! The organization's state, declared: admin keys, invites, users,
//! certificates, groups and their users and roles, roles, user roles,
//! spend alerts, external keys and storage, workload identity providers
//! and their federation rules (`RESOURCES`); data retention and the spend
//! limit (`SINGLETONS`); the users and groups it starts with.

use crate::error::{Answer, ApiError};
use crate::people::{ORG_GROUPS, ORG_USERS};
use crate::resource::{gone, plain, Body, Resource, Singleton, RESOURCE};
use crate::spec::spec;
use crate::state::{member, text, with, State};
use crate::verdicts;
use crate::{health, invites};
use serde_json::{json, Value};

/// The organization as it starts: its users (the first an owner) and groups.
pub fn seed(st: &mut State) {
    for (i, u) in ORG_USERS.iter().enumerate() {
        let role = if i == 0 { "owner" } else { "reader" };
        st.push(
            "users",
            &[],
            json!({"object": "organization.user", "id": u.id, "name": u.name, "email": u.email, "role": role, "added_at": u.created_at}),
        );
    }
    for g in ORG_GROUPS.iter().filter(|g| g.group_type == "group") {
        st.push("groups", &[], json!({"object": "group", "id": g.id, "name": g.name, "created_at": g.created_at, "is_scim_managed": false, "group_type": g.group_type}));
    }
}

fn no_spend_limit(_: &[String]) -> ApiError {
    ApiError {
        status: 404,
        message: "No spend limit is set for this organization.".into(),
        kind: "invalid_request_error",
        param: None,
        code: Some("not_found"),
    }
}

/// A spend limit's notification channel after a change: left out, it stays;
/// null resets it to the owners only (none); given, its members change
/// (`recipients: []` and `subject_prefix: null` clear theirs).
pub fn channel(now: &Value, b: &Body) -> Value {
    match b.get("notification_channel") {
        None => now.clone(),
        Some(Value::Null) => Value::Null,
        Some(given) => {
            let mut c = if now.is_null() { json!({"type": "email", "recipients": [], "subject_prefix": null}) } else { now.clone() };
            for (k, x) in given.as_object().into_iter().flatten() {
                c[k] = if k == "subject_prefix" && x == "" { Value::Null } else { x.clone() };
            }
            c
        }
    }
}

pub const SINGLETONS: [Singleton; 2] = [
    Singleton {
        key: "data_retention",
        path: "/organization/data_retention",
        initial: |_| Some(json!({"object": "organization.data_retention", "type": "zero_data_retention"})),
        set: |_, _, b| Ok(json!({"object": "organization.data_retention", "type": b["retention_type"]})),
        missing: |_| ApiError::not_found("data retention setting", "organization"),
        deleted: "",
    },
    Singleton {
        key: "spend_limit",
        path: "/organization/spend_limit",
        initial: |_| None,
        set: |_, now, b| {
            let mut v = Value::Object(b.clone());
            v["object"] = json!("organization.spend_limit");
            v["enforcement"] = json!({"status": "enforcing"});
            v["notification_channel"] = channel(&now["notification_channel"], b);
            Ok(v)
        },
        missing: no_spend_limit,
        deleted: "organization.spend_limit.deleted",
    },
];

pub const RESOURCES: [Resource; 16] = [
    Resource {
        key: "admin_api_keys",
        path: "/organization/admin_api_keys",
        what: "admin API key",
        make: Some(|st, _, b| {
            let id = st.next_id("key_");
            let now = st.tick();
            let secret = format!("sk-admin-{}", st.next_id(""));
            let redacted = format!("sk-admin...{}", &secret[secret.len() - 4..]);
            let expires = b.get("expires_in_seconds").and_then(Value::as_i64).map(|s| now + s);
            let owner = st.owner();
            Ok(json!({"object": "organization.admin_api_key", "id": id, "name": b["name"], "redacted_value": redacted,
                      "created_at": now, "expires_at": expires, "last_used_at": null,
                      "owner": {"type": "user", "object": "organization.user", "id": owner["id"], "name": owner["name"],
                                "created_at": owner["created_at"], "role": "owner"},
                      "_value": secret}))
        }),
        // The only answer that shows the key's value.
        created: Some(|st, parents, v| {
            let mut shown = plain(st, parents, v);
            shown["value"] = v["_value"].clone();
            shown
        }),
        deleted: gone("organization.admin_api_key.deleted", true, true),
        events: ["api_key.created", "", "api_key.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "invites",
        path: "/organization/invites",
        what: "invite",
        make: Some(invites::make),
        deleting: Some(invites::deleting),
        deleted: gone("organization.invite.deleted", true, true),
        events: ["invite.sent", "", "invite.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "users",
        path: "/organization/users",
        what: "user",
        change: Some(|_, _, v, b| {
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
        deleted: gone("organization.user.deleted", true, true),
        events: ["", "user.updated", "user.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "certificates",
        path: "/organization/certificates",
        what: "certificate",
        make: Some(|st, _, b| {
            let pem = member(b, "certificate");
            if !pem.contains("-----BEGIN CERTIFICATE-----") {
                return Err(ApiError::invalid(Some("certificate"), "The certificate must be PEM-encoded."));
            }
            let id = st.next_id("cert_");
            let now = st.tick();
            Ok(json!({"object": "certificate", "id": id, "name": b.get("name").cloned().unwrap_or(Value::Null), "created_at": now,
                      "certificate_details": {"valid_at": now, "expires_at": now + 365 * 86_400}, "active": false, "_content": pem}))
        }),
        change: Some(|_, _, v, b| {
            if let Some(n) = b.get("name") {
                v["name"] = n.clone();
            }
            Ok(())
        }),
        show: |_, _, v| {
            json!({"object": "certificate", "id": v["id"], "name": v["name"], "created_at": v["created_at"],
                            "certificate_details": v["certificate_details"]})
        },
        listed: Some(cert_listed),
        deleted: gone("certificate.deleted", true, false),
        events: ["certificate.created", "certificate.updated", "certificate.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "groups",
        path: "/organization/groups",
        what: "group",
        make: Some(|st, _, b| {
            let id = st.next_id("group_");
            let now = st.tick();
            Ok(json!({"object": "group", "id": id, "name": b["name"], "created_at": now, "is_scim_managed": false, "group_type": "group"}))
        }),
        change: Some(|_, _, v, b| {
            v["name"] = b["name"].clone();
            Ok(())
        }),
        changed: Some(|_, _, v| json!({"id": v["id"], "name": v["name"], "created_at": v["created_at"], "is_scim_managed": false})),
        deleted: gone("group.deleted", true, true),
        events: ["group.created", "group.updated", "group.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "group_users",
        path: "/organization/groups/{group_id}/users",
        what: "user in this group",
        parents: &["groups"],
        unique: Some("user_id"),
        make: Some(|st, parents, b| {
            let uid = member(b, "user_id");
            if st.person(|p| p.id == uid).is_none() {
                return Err(ApiError::invalid(Some("user_id"), format!("No user '{uid}' in this organization.")));
            }
            Ok(json!({"id": uid, "_group": parents[0]}))
        }),
        show: |st, _, v| {
            let uid = text(v, "id");
            let p = st.person(|p| p.id == uid);
            json!({"id": uid, "name": p.as_ref().and_then(|p| p.name.clone()), "email": p.and_then(|p| p.email),
                   "picture": null, "is_service_account": false, "user_type": "user"})
        },
        created: Some(|_, parents, v| json!({"object": "group.user", "user_id": v["id"], "group_id": parents[0]})),
        deleted: gone("group.user.deleted", false, true),
        ..RESOURCE
    },
    Resource {
        key: "group_roles",
        path: "/organization/groups/{group_id}/roles",
        what: "role assigned to this group",
        parents: &["groups"],
        unique: Some("role_id"),
        make: Some(|st, _, b| assigned(st, b)),
        show: assigned_details,
        created: Some(|st, parents, v| {
            let g = st.find("groups", &[], &parents[0]).cloned().unwrap_or(Value::Null);
            json!({"object": "group.role", "group": {"object": "group", "id": g["id"], "name": g["name"], "created_at": g["created_at"], "scim_managed": false},
                   "role": role_object(st, v["id"].as_str().unwrap_or_default())})
        }),
        deleted: gone("group.role.deleted", false, true),
        events: ["role.assignment.created", "", "role.assignment.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "roles",
        path: "/organization/roles",
        what: "role",
        make: Some(|st, _, b| {
            let id = st.next_id("role_");
            let now = st.tick();
            Ok(
                json!({"object": "role", "id": id, "name": b["role_name"], "description": b.get("description").cloned().unwrap_or(Value::Null),
                      "permissions": b["permissions"], "resource_type": "api.organization", "predefined_role": false,
                      "_created_at": now, "_updated_at": now}),
            )
        }),
        change: Some(|st, _, v, b| {
            if let Some(n) = b.get("role_name").filter(|x| !x.is_null()) {
                v["name"] = n.clone();
            }
            for k in ["description", "permissions"] {
                if let Some(x) = b.get(k).filter(|x| !x.is_null()) {
                    v[k] = x.clone();
                }
            }
            v["_updated_at"] = json!(st.tick());
            Ok(())
        }),
        deleted: gone("role.deleted", true, true),
        events: ["role.created", "role.updated", "role.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "user_roles",
        path: "/organization/users/{user_id}/roles",
        what: "role assigned to this user",
        parents: &["users"],
        unique: Some("role_id"),
        make: Some(|st, _, b| assigned(st, b)),
        show: assigned_details,
        created: Some(|st, parents, v| {
            let u = st.find("users", &[], &parents[0]).cloned().unwrap_or(Value::Null);
            json!({"object": "user.role", "user": u, "role": role_object(st, v["id"].as_str().unwrap_or_default())})
        }),
        deleted: gone("user.role.deleted", false, true),
        events: ["role.assignment.created", "", "role.assignment.deleted"],
        ..RESOURCE
    },
    Resource {
        key: "spend_alerts",
        path: "/organization/spend_alerts",
        what: "spend alert",
        make: Some(|st, _, b| {
            let id = st.next_id("alert_");
            let mut v = Value::Object(b.clone());
            v["id"] = json!(id);
            v["object"] = json!("organization.spend_alert");
            Ok(v)
        }),
        change: Some(|_, _, v, b| {
            for (k, x) in b {
                v[k] = x.clone();
            }
            Ok(())
        }),
        deleted: gone("organization.spend_alert.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "external_keys",
        path: "/organization/external_keys",
        what: "external key",
        make: Some(|st, _, b| {
            let mut v = Value::Object(b.clone());
            v["id"] = json!(st.next_id("extkey_"));
            v["object"] = json!("organization.external_key");
            v["workspace_id"] = json!("org-mock");
            v["api_project_ids"] = json!([]);
            v["created_at"] = json!(st.tick());
            if v["purpose"].is_null() {
                v["purpose"] = json!("ekm");
            }
            Ok(v)
        }),
        deleted: gone("", false, false),
        events: ["external_key.registered", "", "external_key.removed"],
        filters: &["purpose"],
        validate: Some(verdicts::key_rule),
        ..RESOURCE
    },
    Resource {
        key: "external_storage",
        path: "/organization/external_storage",
        what: "external storage configuration",
        make: Some(|st, _, b| {
            let pid = member(b, "project_id");
            if !st.project_ids().contains(&pid) {
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
            Ok(json!({"object": "organization.external_storage", "id": st.next_id("extstorage_"), "project_id": pid,
                      "geography": "US", "status": "pending", "created_at": st.tick(), "provider": provider}))
        }),
        deleted: gone("organization.external_storage.deleted", true, true),
        events: ["external_storage.registered", "", "external_storage.removed"],
        filters: &["project_id"],
        validate: Some(verdicts::storage_rule),
        ..RESOURCE
    },
    Resource {
        key: "workload_identity_providers",
        path: "/organization/workload_identity_providers",
        what: "workload identity provider",
        make: Some(|st, _, b| {
            let now = st.tick();
            let v = json!({"object": "organization.workload_identity_provider", "id": st.next_id("wip_"), "description": null,
                               "enabled": true, "attribute_transformations": [], "verification": {"type": "discovery", "discovery_url": null},
                               "created_at": now, "updated_at": now});
            Ok(with(v, b))
        }),
        change: Some(touched),
        deleted: gone("organization.workload_identity_provider.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "federation_rules",
        path: "/organization/workload_identity_providers/{workload_identity_provider_id}/federation_rules",
        what: "workload identity federation rule",
        parents: &["workload_identity_providers"],
        make: Some(|st, parents, b| {
            let pid = member(b, "project_id");
            if !st.project_ids().contains(&pid) {
                return Err(ApiError::invalid(Some("project_id"), format!("No project '{pid}' in this organization.")));
            }
            let now = st.tick();
            let v = json!({"object": "organization.workload_identity_federation_rule", "id": st.next_id("wifr_"),
                               "workload_identity_provider_id": parents[0], "name": null, "description": null, "enabled": true,
                               "permissions": {"type": "service_account_default"}, "created_at": now, "updated_at": now});
            Ok(with(v, b))
        }),
        change: Some(touched),
        deleted: gone("organization.workload_identity_federation_rule.deleted", true, true),
        filters: &["service_account_id"],
        ..RESOURCE
    },
    Resource {
        key: "health_alert_rules",
        path: "/organization/health/alert_rules",
        what: "health alert rule",
        make: Some(health::make_rule),
        change: Some(health::change_rule),
        deleting: Some(health::deleting_rule),
        deleted: gone("health.alert_rule.deleted", true, true),
        keep: Some(health::keep_rule),
        ..RESOURCE
    },
    // Raised by a rule (`health::trigger`).
    Resource { key: "health_alerts", path: "/organization/health/alerts", what: "health alert", ..RESOURCE },
];

/// A change that takes the body's members and stamps `updated_at`.
fn touched(st: &mut State, _: &[String], v: &mut Value, b: &Body) -> Result<(), ApiError> {
    *v = with(v.take(), b);
    v["updated_at"] = json!(st.tick());
    Ok(())
}

/// A role given to a group or a user: the role must exist.
fn assigned(st: &mut State, b: &Body) -> Result<Value, ApiError> {
    let rid = member(b, "role_id");
    if st.find("roles", &[], &rid).is_none() {
        return Err(ApiError::invalid(Some("role_id"), format!("No role '{rid}' in this organization.")));
    }
    Ok(json!({"id": rid, "_assigned_at": st.tick()}))
}

/// A role as an assignment list shows it (AssignedRoleDetails).
fn assigned_details(st: &State, _: &[String], v: &Value) -> Value {
    let rid = text(v, "id");
    let r = st.find("roles", &[], &rid).cloned().unwrap_or(Value::Null);
    json!({"id": rid, "name": r["name"], "permissions": r["permissions"], "resource_type": r["resource_type"],
           "predefined_role": r["predefined_role"], "description": r["description"], "created_at": r["_created_at"],
           "updated_at": r["_updated_at"], "created_by": "user_alice", "created_by_user_obj": null, "metadata": {},
           "assignment_sources": null})
}

/// The object of a role (as an assignment answer shows it).
fn role_object(st: &State, id: &str) -> Value {
    let r = st.find("roles", &[], id).cloned().unwrap_or(Value::Null);
    json!({"object": "role", "id": id, "name": r["name"], "description": r["description"], "permissions": r["permissions"],
           "resource_type": r["resource_type"], "predefined_role": r["predefined_role"]})
}

/// A certificate as lists show it (with `active`).
fn cert_listed(_: &State, _: &[String], v: &Value) -> Value {
    cert_listed_value(v)
}

/// Activates (`on`) or deactivates the organization's certificates the body names.
pub fn toggle(st: &mut State, b: &Body, on: bool) -> Answer {
    let ids: Vec<String> = b["certificate_ids"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
    if let Some(missing) = ids.iter().find(|id| st.find("certificates", &[], id).is_none()) {
        return Err(ApiError::not_found("certificate", missing));
    }
    let mut data = Vec::new();
    for c in st.under_mut("certificates", &[]).filter(|c| ids.iter().any(|id| c["id"] == id.as_str())) {
        c["active"] = json!(on);
        data.push(cert_listed_value(c));
    }
    let logged: Vec<Value> = data.iter().map(|c| json!({"id": c["id"], "name": c["name"]})).collect();
    st.audit(if on { "certificates.activated" } else { "certificates.deactivated" }, None, json!({"certificates": logged}));
    let object = if on { "organization.certificate.activation" } else { "organization.certificate.deactivation" };
    Ok(json!({"object": object, "data": data}))
}

fn cert_listed_value(v: &Value) -> Value {
    json!({"object": "organization.certificate", "id": v["id"], "name": v["name"], "active": v["active"],
           "created_at": v["created_at"], "certificate_details": v["certificate_details"]})
}
