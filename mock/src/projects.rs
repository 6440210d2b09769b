//! The projects and what each holds, declared: projects, their users,
//! service accounts, API keys, rate limits, certificates, groups, spend
//! alerts, roles and the roles given to their groups and users
//! (`RESOURCES`); data retention, hosted-tool and model permissions,
//! service tiers and the spend limit (`SINGLETONS`); what a project starts
//! with, and the operations that are not one collection's (archiving,
//! certificates turned on and off, a service account's new key).

use crate::error::{Answer, ApiError};
use crate::health;
use crate::people::{Person, CUSTOM_ROLES, ORG_GROUPS, ORG_USERS};
use crate::resource::{gone, plain, Body, Resource, Singleton, RESOURCE};
use crate::state::{member, name, text, State};
use serde_json::{json, Value};

/// The rate-limit members, in the order a new project's limits give them.
const LIMIT_FIELDS: [&str; 6] = [
    "max_requests_per_1_minute",
    "max_tokens_per_1_minute",
    "max_images_per_1_minute",
    "max_audio_megabytes_per_1_minute",
    "max_requests_per_1_day",
    "batch_1_day_max_input_tokens",
];

/// The models every new project gets a rate limit for, with their limits.
const DEFAULT_LIMITS: [(&str, [Option<i64>; 6]); 5] = [
    ("gpt-4o", [Some(10_000), Some(30_000_000), None, None, None, Some(1_000_000_000)]),
    ("gpt-4o-mini", [Some(30_000), Some(150_000_000), None, None, None, Some(2_000_000_000)]),
    ("o3", [Some(10_000), Some(30_000_000), None, None, None, Some(1_000_000_000)]),
    ("dall-e-3", [Some(7_500), Some(0), Some(10_000), None, Some(0), None]),
    ("whisper-1", [Some(10_000), Some(0), None, Some(1_000), None, None]),
];

/// The project roles every project has (predefined, not removable).
const PREDEFINED_ROLES: [(&str, &str, &str); 2] = [
    ("role_project_owner", "Project owner", "api.organization.projects.*"),
    ("role_project_member", "Project member", "api.organization.projects.read"),
];

const TOOLS: [&str; 5] = ["file_search", "web_search", "image_generation", "mcp", "code_interpreter"];

/// The tiers a project can enable beyond Standard.
const OPTIONAL_TIERS: [&str; 3] = ["flex", "fast", "ultrafast"];

/// A new project and what it starts with: the default rate limits, three
/// inactive certificates of the organization, the predefined roles.
fn add_project(st: &mut State, name: &str, residency: &Value, external_key_id: &Value) -> Value {
    let id = st.next_project_id("proj_");
    let now = st.tick();
    let mut v = json!({"id": id, "object": "organization.project", "name": name, "created_at": now, "archived_at": null,
                       "status": "active", "external_key_id": external_key_id});
    if !residency.is_null() {
        v["residency"] = residency.clone();
    }
    let under = [id.clone()];
    for (model, limits) in DEFAULT_LIMITS {
        let mut r = json!({"object": "project.rate_limit", "id": format!("rl-{model}"), "model": model});
        for (field, value) in LIMIT_FIELDS.iter().zip(limits) {
            if let Some(n) = value {
                r[*field] = json!(n);
            }
        }
        st.push("project_rate_limits", &under, r);
    }
    for i in 1..=3 {
        let cert = json!({"object": "organization.project.certificate", "id": format!("cert_{}_{i}", &id[5..11]),
                          "name": format!("Certificate {i}"), "active": false, "created_at": now,
                          "certificate_details": {"valid_at": now, "expires_at": now + 365 * 86_400}});
        st.push("project_certificates", &under, cert);
    }
    for (rid, name, permission) in PREDEFINED_ROLES {
        let role = json!({"object": "role", "id": rid, "name": name, "description": null, "permissions": [permission],
                          "resource_type": "api.project", "predefined_role": true, "_created_at": now, "_updated_at": now});
        st.push("project_roles", &under, role);
    }
    v
}

/// `n` projects ("Project 1", ...); the first has Alice as owner and her
/// API key, both from a day before the clock.
pub fn seed(st: &mut State, n: usize) {
    let before = st.now() - 86_400;
    for i in 1..=n {
        let v = add_project(st, &format!("Project {i}"), &Value::Null, &Value::Null);
        st.push("projects", &[], v);
    }
    let Some(first) = st.project_ids().into_iter().next() else { return };
    let alice = Person::of(&ORG_USERS[0]);
    let under = [first];
    st.push("project_users", &under, member_value(&alice, "owner", before));
    let key = json!({"object": "organization.project.api_key", "id": "key_alice", "name": "Alice's key", "redacted_value": "sk-abc...def",
                     "created_at": before, "last_used_at": before + 1, "expires_at": null, "spend_limit": null,
                     "_owner": user_owner(&alice)});
    st.push("project_api_keys", &under, key);
}

fn member_value(u: &Person, role: &str, added_at: i64) -> Value {
    json!({"object": "organization.project.user", "id": u.id, "name": u.name, "email": u.email, "role": role, "added_at": added_at})
}

/// A key's owner as the mock keeps it: a user as they were when the key was made.
fn user_owner(u: &Person) -> Value {
    json!({"type": "user", "user": {"id": u.id, "name": u.name, "email": u.email, "created_at": u.created_at}})
}

/// A project role: `owner`, `member`, or one of the organization's custom roles.
fn project_role(v: Option<&Value>) -> Result<String, ApiError> {
    match v.and_then(Value::as_str) {
        Some(r) if r == "owner" || r == "member" || CUSTOM_ROLES.contains(&r) => Ok(r.to_string()),
        _ => Err(ApiError::invalid(
            Some("role"),
            format!("Invalid value for 'role': {}. Expected 'owner', 'member' or a custom project role.", v.unwrap_or(&Value::Null)),
        )),
    }
}

/// `expires_in_seconds` (the document keeps it at least 1) as the time it
/// gives from `now`.
fn expiry(b: &Body, now: i64) -> Option<i64> {
    b.get("expires_in_seconds").and_then(Value::as_i64).map(|n| now + n)
}

/// A key's spend limit as answers show it, from a request's (null: none).
fn key_limit(given: Option<&Value>) -> Value {
    match given {
        Some(l) if l.is_object() => json!({"threshold_amount": l["threshold_amount"], "currency": l["currency"], "interval": l["interval"],
                                           "enforcement": {"status": "inactive"}}),
        _ => Value::Null,
    }
}

/// A new secret key of a service account, kept in the project's keys;
/// the answer (the only one that shows the secret) is returned.
fn new_key(st: &mut State, pid: &str, account: &str, name: &str, expires_at: Option<i64>, limit: Option<&Value>) -> Value {
    let key_id = st.next_project_id("key_");
    let secret = format!("sk-svcacct-{}{}", st.next_project_id(""), st.next_project_id(""));
    let now = st.tick();
    let key = json!({"object": "organization.project.api_key", "id": key_id, "name": name,
                     "redacted_value": format!("sk-svc...{}", &secret[secret.len() - 4..]), "created_at": now,
                     "last_used_at": null, "expires_at": expires_at, "spend_limit": key_limit(limit),
                     "_owner": {"type": "service_account", "id": account}});
    st.push("project_api_keys", &[pid.to_string()], key);
    json!({"object": "organization.project.service_account.api_key", "value": secret, "name": name, "created_at": now,
           "id": key_id, "expires_at": expires_at, "spend_limit": key_limit(limit)})
}

/// A key in the live API's shape: the owner is `{id, email, name, role,
/// created_at}` for a user and `{id, name, role, created_at}` for a
/// service account; a key whose user left the project is `inactive`.
fn key_shown(st: &State, parents: &[String], v: &Value) -> Value {
    let mut out = plain(st, parents, v);
    let owner = &v["_owner"];
    out["owner"] = if owner["type"] == "user" {
        let u = &owner["user"];
        let role =
            st.find("project_users", parents, &text(u, "id")).map_or_else(|| v["_removed_owner_role"].clone(), |m| m["role"].clone());
        json!({"type": "user", "user": {"id": u["id"], "name": u["name"], "email": u["email"], "role": role, "created_at": u["created_at"]}})
    } else {
        let s = st.find("project_service_accounts", parents, &text(owner, "id"));
        json!({"type": "service_account", "service_account":
               s.map(|s| json!({"id": s["id"], "name": s["name"], "role": s["role"], "created_at": s["created_at"]}))})
    };
    out["owner_project_access"] = json!(if v["_removed_owner_role"].is_null() { "active" } else { "inactive" });
    out
}

/// A role given to a group or a user of the project, as a list shows it.
fn assigned_shown(st: &State, parents: &[String], v: &Value) -> Value {
    let r = st.find("project_roles", &parents[..1], &text(v, "id")).cloned().unwrap_or(Value::Null);
    json!({"id": r["id"], "name": r["name"], "permissions": r["permissions"], "resource_type": "api.project",
           "predefined_role": r["predefined_role"], "description": r["description"], "created_at": r["_created_at"],
           "updated_at": r["_updated_at"], "created_by": "user_alice",
           "created_by_user_obj": {"id": "user_alice", "name": "Alice Example", "email": "alice@example.com"}, "metadata": {},
           "assignment_sources": null})
}

/// A role to give: it must be one of the project's.
fn assigned(st: &mut State, parents: &[String], b: &Body) -> Result<Value, ApiError> {
    let rid = member(b, "role_id");
    if st.find("project_roles", &parents[..1], &rid).is_none() {
        return Err(ApiError::invalid(Some("role_id"), format!("No role '{rid}' in this project.")));
    }
    Ok(json!({"id": rid}))
}

fn role_shown(st: &State, parents: &[String], id: &str) -> Value {
    plain(st, parents, st.find("project_roles", &parents[..1], id).unwrap_or(&Value::Null))
}

/// A spend alert's threshold must be positive and its channel must name someone.
fn alert_checked(b: &Body) -> Result<(), ApiError> {
    if b["threshold_amount"].as_i64().is_none_or(|n| n <= 0) {
        return Err(ApiError::invalid(Some("threshold_amount"), "'threshold_amount' must be a positive integer."));
    }
    if b["notification_channel"]["recipients"].as_array().is_none_or(Vec::is_empty) {
        return Err(ApiError::invalid(Some("notification_channel.recipients"), "'notification_channel.recipients' must not be empty."));
    }
    Ok(())
}

fn alert_value(id: &Value, b: &Body) -> Value {
    let ch = &b["notification_channel"];
    json!({"id": id, "object": "project.spend_alert", "threshold_amount": b["threshold_amount"], "currency": "USD", "interval": "month",
           "notification_channel": {"type": "email", "recipients": ch["recipients"], "subject_prefix": ch.get("subject_prefix").cloned().unwrap_or(Value::Null)}})
}

/// A non-empty list of permissions, when given (null: unchanged).
fn permissions(b: &Body) -> Result<Option<Value>, ApiError> {
    match b.get("permissions") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(l)) if l.is_empty() => Err(ApiError::invalid(Some("permissions"), "'permissions' must not be empty.")),
        Some(v) => Ok(Some(v.clone())),
    }
}

fn predefined(v: &Value, doing: &str) -> Result<(), ApiError> {
    if v["predefined_role"] == true {
        return Err(ApiError::invalid(None, format!("Role '{}' is predefined and cannot be {doing}.", text(v, "id"))));
    }
    Ok(())
}

pub const RESOURCES: [Resource; 13] = [
    Resource {
        key: "projects",
        path: "/organization/projects",
        what: "project",
        make: Some(|st, _, b| {
            if b.get("geography").is_some_and(|g| !g.is_null()) && b.get("residency").is_some_and(|r| !r.is_null()) {
                return Err(ApiError::invalid(Some("geography"), "Do not provide both 'geography' and 'residency'."));
            }
            let project_name = name(b, "name")?.ok_or_else(|| ApiError::invalid(Some("name"), "'name' must be a non-empty string."))?;
            let nothing = Value::Null;
            let v = add_project(st, &project_name, b.get("residency").unwrap_or(&nothing), b.get("external_key_id").unwrap_or(&nothing));
            st.audit(
                "project.created",
                Some((v["id"].as_str().unwrap_or_default(), v["name"].as_str())),
                json!({"id": v["id"], "data": {"name": v["name"]}}),
            );
            Ok(v)
        }),
        // `name` and `external_key_id` may each be left out (or null): what is given changes.
        change: Some(|st, _, v, b| {
            if let Some(n) = name(b, "name")? {
                v["name"] = json!(n);
            }
            if let Some(k) = b.get("external_key_id").filter(|k| !k.is_null()) {
                v["external_key_id"] = k.clone();
            }
            let details = json!({"id": v["id"], "changes_requested": b});
            st.audit("project.updated", Some((v["id"].as_str().unwrap_or_default(), v["name"].as_str())), details);
            Ok(())
        }),
        keep: Some(|q, v| v["status"] == "active" || matches!(q.get("include_archived"), Some(crate::query::QVal::Bool(true)))),
        ..RESOURCE
    },
    Resource {
        key: "project_users",
        path: "/organization/projects/{project_id}/users",
        what: "user in this project",
        parents: &["projects"],
        // The user by `user_id` or by `email` (exactly one).
        make: Some(|st, parents, b| {
            let role = project_role(b.get("role"))?;
            let now = st.tick();
            let (id, email) = (b.get("user_id").and_then(Value::as_str), b.get("email").and_then(Value::as_str));
            let user = match (id, email) {
                (Some(id), None) => st
                    .person(|u| u.id == id)
                    .ok_or_else(|| ApiError::invalid(Some("user_id"), format!("No user '{id}' in this organization.")))?,
                (None, Some(e)) => st
                    .person(|u| u.email.as_deref() == Some(e))
                    .ok_or_else(|| ApiError::invalid(Some("email"), format!("No user with email '{e}' in this organization.")))?,
                (None, None) => return Err(ApiError::invalid(Some("user_id"), "Provide one of 'user_id' or 'email'.")),
                (Some(_), Some(_)) => return Err(ApiError::invalid(Some("email"), "Provide only one of 'user_id' or 'email'.")),
            };
            if st.find("project_users", parents, &user.id).is_some() {
                return Err(ApiError::invalid(Some("user_id"), format!("User '{}' is already a member of this project.", user.id)));
            }
            st.audit_in("user.added", &parents[0], json!({"id": user.id, "data": {"role": role}}));
            Ok(member_value(&user, &role, now))
        }),
        change: Some(|_, _, v, b| {
            v["role"] = json!(project_role(b.get("role"))?);
            Ok(())
        }),
        // The live API's answer to adding a user has no `name`.
        created: Some(|st, parents, v| {
            let mut shown = plain(st, parents, v);
            shown.as_object_mut().map(|o| o.remove("name"));
            shown
        }),
        // The user's keys stay, with `owner_project_access` `inactive`.
        deleting: Some(|st, parents, v, _| {
            for k in st.under_mut("project_api_keys", parents).filter(|k| k["_owner"]["user"]["id"] == v["id"]) {
                k["_removed_owner_role"] = v["role"].clone();
            }
            Ok(())
        }),
        deleted: gone("organization.project.user.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "project_service_accounts",
        path: "/organization/projects/{project_id}/service_accounts",
        what: "service account",
        parents: &["projects"],
        // With `create_service_account_only: true` the account has role
        // `none` and no key (`api_key: null`).
        make: Some(|st, parents, b| {
            // The key is made at the next tick.
            let expires_at = expiry(b, st.now() + 1);
            let account = name(b, "name")?.ok_or_else(|| ApiError::invalid(Some("name"), "'name' must be a non-empty string."))?;
            let only = b.get("create_service_account_only").and_then(Value::as_bool).unwrap_or(false);
            let id = st.next_project_id("svc_acct_");
            let key = if only { Value::Null } else { new_key(st, &parents[0], &id, "Secret Key", expires_at, b.get("spend_limit")) };
            // Made with the key (the same second).
            let now = if only { st.tick() } else { st.now() };
            Ok(json!({"object": "organization.project.service_account", "id": id, "name": account,
                      "role": if only { "none" } else { "member" }, "created_at": now, "_api_key": key}))
        }),
        change: Some(|_, _, v, b| {
            if let Some(n) = name(b, "name")? {
                v["name"] = json!(n);
            }
            if let Some(r) = b.get("role") {
                v["role"] = r.clone();
            }
            Ok(())
        }),
        created: Some(|st, parents, v| {
            let mut shown = plain(st, parents, v);
            shown["api_key"] = v["_api_key"].clone();
            shown
        }),
        deleting: Some(|st, parents, v, _| {
            let (pid, id) = (parents[0].clone(), v["id"].clone());
            st.remove_where("project_api_keys", |k| k.parents[0] == pid && k.v["_owner"]["id"] == id);
            Ok(())
        }),
        deleted: gone("organization.project.service_account.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "project_api_keys",
        path: "/organization/projects/{project_id}/api_keys",
        what: "API key",
        parents: &["projects"],
        // New scopes and/or a new expiry (from now) for a key that has not
        // expired (the scopes show in the audit log's `api_key.updated`).
        change: Some(|st, parents, v, b| {
            let now = st.tick();
            if let Some(at) = v["expires_at"].as_i64().filter(|at| *at <= now) {
                return Err(ApiError::invalid(
                    None,
                    format!("API key '{}' expired at {at}; expired keys cannot be updated.", text(v, "id")),
                ));
            }
            if let Some(at) = expiry(b, now) {
                v["expires_at"] = json!(at);
            }
            // `null` removes the limit.
            if b.contains_key("spend_limit") {
                v["spend_limit"] = key_limit(b.get("spend_limit"));
            }
            st.audit_in("api_key.updated", &parents[0], json!({"id": v["id"], "changes_requested": b}));
            Ok(())
        }),
        show: key_shown,
        // `owner_project_access`: `active` (the default), `inactive` or `any`.
        keep: Some(|q, v| match q.get("owner_project_access") {
            Some(crate::query::QVal::Str(a)) if a == "any" => true,
            Some(crate::query::QVal::Str(a)) => v["owner_project_access"] == a.as_str(),
            _ => v["owner_project_access"] == "active",
        }),
        deleted: gone("organization.project.api_key.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "project_rate_limits",
        path: "/organization/projects/{project_id}/rate_limits",
        what: "rate limit",
        parents: &["projects"],
        change: Some(|_, _, v, b| {
            for (k, x) in b {
                match x.as_i64() {
                    Some(n) if n >= 0 => v[k] = json!(n),
                    _ => return Err(ApiError::invalid(Some(k), format!("'{k}' must be a non-negative integer."))),
                }
            }
            Ok(())
        }),
        ..RESOURCE
    },
    Resource {
        key: "project_certificates",
        path: "/organization/projects/{project_id}/certificates",
        what: "certificate",
        parents: &["projects"],
        ..RESOURCE
    },
    Resource {
        key: "project_groups",
        path: "/organization/projects/{project_id}/groups",
        what: "group in this project",
        parents: &["projects"],
        id: "group_id",
        make: Some(|st, parents, b| {
            let (id, role) = (member(b, "group_id"), member(b, "role"));
            let now = st.tick();
            let g = ORG_GROUPS
                .iter()
                .find(|g| g.id == id)
                .ok_or_else(|| ApiError::invalid(Some("group_id"), format!("No group '{id}' in this organization.")))?;
            if st.find("project_roles", parents, &role).is_none() {
                return Err(ApiError::invalid(Some("role"), format!("No role '{role}' in this project.")));
            }
            if st.under("project_groups", parents).any(|v| v["group_id"] == id.as_str()) {
                return Err(ApiError::invalid(Some("group_id"), format!("Group '{id}' is already in this project.")));
            }
            Ok(json!({"object": "project.group", "project_id": parents[0], "group_id": g.id, "group_name": g.name,
                      "group_type": g.group_type, "created_at": now}))
        }),
        deleting: Some(|st, parents, v, _| {
            let (pid, gid) = (parents[0].clone(), text(v, "group_id"));
            st.remove_where("project_group_roles", |a| a.parents == [pid.clone(), gid.clone()]);
            Ok(())
        }),
        deleted: gone("project.group.deleted", false, true),
        filters: &["group_type"],
        ..RESOURCE
    },
    Resource {
        key: "project_spend_alerts",
        path: "/organization/projects/{project_id}/spend_alerts",
        what: "spend alert",
        parents: &["projects"],
        make: Some(|st, _, b| {
            alert_checked(b)?;
            let id = st.next_project_id("alert_");
            Ok(alert_value(&json!(id), b))
        }),
        change: Some(|_, _, v, b| {
            alert_checked(b)?;
            *v = alert_value(&v["id"], b);
            Ok(())
        }),
        deleted: gone("project.spend_alert.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "project_roles",
        path: "/projects/{project_id}/roles",
        what: "role",
        parents: &["projects"],
        make: Some(|st, parents, b| {
            let role =
                name(b, "role_name")?.ok_or_else(|| ApiError::invalid(Some("role_name"), "'role_name' must be a non-empty string."))?;
            let granted = permissions(b)?.ok_or_else(|| ApiError::invalid(Some("permissions"), "'permissions' must not be empty."))?;
            let id = st.next_project_id("role_");
            let now = st.tick();
            if st.under("project_roles", parents).any(|r| r["name"] == role.as_str()) {
                return Err(ApiError::invalid(Some("role_name"), format!("A role named \"{role}\" already exists in this project.")));
            }
            Ok(json!({"object": "role", "id": id, "name": role, "description": b.get("description").cloned().unwrap_or(Value::Null),
                      "permissions": granted, "resource_type": "api.project", "predefined_role": false,
                      "_created_at": now, "_updated_at": now}))
        }),
        change: Some(|st, _, v, b| {
            let now = st.tick();
            predefined(v, "changed")?;
            if let Some(n) = name(b, "role_name")? {
                v["name"] = json!(n);
            }
            if let Some(p) = permissions(b)? {
                v["permissions"] = p;
            }
            if let Some(d) = b.get("description").filter(|d| !d.is_null()) {
                v["description"] = d.clone();
            }
            v["_updated_at"] = json!(now);
            Ok(())
        }),
        deleting: Some(|st, parents, v, _| {
            predefined(v, "deleted")?;
            let (pid, rid) = (parents[0].clone(), v["id"].clone());
            for key in ["project_group_roles", "project_user_roles"] {
                st.remove_where(key, |a| a.parents[0] == pid && a.v["id"] == rid);
            }
            Ok(())
        }),
        deleted: gone("role.deleted", true, true),
        ..RESOURCE
    },
    Resource {
        key: "project_group_roles",
        path: "/projects/{project_id}/groups/{group_id}/roles",
        what: "role assignment",
        parents: &["projects", "project_groups"],
        make: Some(assigned),
        show: assigned_shown,
        created: Some(|st, parents, v| {
            let g = ORG_GROUPS.iter().find(|g| g.id == parents[1]);
            json!({"object": "group.role", "role": role_shown(st, parents, &text(v, "id")),
                   "group": g.map(|g| json!({"object": "group", "id": g.id, "name": g.name, "created_at": g.created_at, "scim_managed": false}))})
        }),
        deleted: gone("group.role.deleted", false, true),
        unique: Some("role_id"),
        ..RESOURCE
    },
    Resource {
        key: "project_user_roles",
        path: "/projects/{project_id}/users/{user_id}/roles",
        what: "role assignment",
        parents: &["projects", "project_users"],
        make: Some(assigned),
        show: assigned_shown,
        created: Some(|st, parents, v| {
            let m = st.find("project_users", &parents[..1], &parents[1]).cloned().unwrap_or(Value::Null);
            json!({"object": "user.role", "role": role_shown(st, parents, &text(v, "id")),
                   "user": {"object": "organization.user", "id": m["id"], "name": m["name"], "email": m["email"], "role": m["role"], "added_at": m["added_at"]}})
        }),
        deleted: gone("user.role.deleted", false, true),
        unique: Some("role_id"),
        ..RESOURCE
    },
    Resource {
        key: "project_health_alert_rules",
        path: "/organization/projects/{project_id}/health/alert_rules",
        what: "health alert rule",
        parents: &["projects"],
        make: Some(health::make_rule),
        change: Some(health::change_rule),
        deleting: Some(health::deleting_rule),
        deleted: gone("health.alert_rule.deleted", true, true),
        keep: Some(health::keep_rule),
        ..RESOURCE
    },
    // Raised by a rule (`health::trigger`).
    Resource {
        key: "project_health_alerts",
        path: "/organization/projects/{project_id}/health/alerts",
        what: "health alert",
        parents: &["projects"],
        ..RESOURCE
    },
];

fn limit_value(now: &Value, b: &Body) -> Value {
    let mut v = json!({"object": "project.spend_limit", "threshold_amount": b["threshold_amount"], "currency": "USD", "interval": "month",
                       "enforcement": {"status": "inactive"}});
    v["notification_channel"] = crate::organization::channel(&now["notification_channel"], b);
    v
}

pub const SINGLETONS: [Singleton; 5] = [
    Singleton {
        key: "project_data_retention",
        path: "/organization/projects/{project_id}/data_retention",
        initial: |_| Some(json!({"object": "project.data_retention", "type": "organization_default"})),
        set: |_, _, b| Ok(json!({"object": "project.data_retention", "type": b["retention_type"]})),
        missing: |p| ApiError::not_found("data retention setting for project", &p[0]),
        deleted: "",
    },
    Singleton {
        key: "project_hosted_tool_permissions",
        path: "/organization/projects/{project_id}/hosted_tool_permissions",
        initial: |_| Some(Value::Object(TOOLS.iter().map(|t| (t.to_string(), json!({"enabled": true}))).collect())),
        // Each tool given is set; a tool left out or null stays as it is.
        set: |_, now, b| {
            let mut v = now.clone();
            for (tool, x) in b.iter().filter(|(_, x)| !x.is_null()) {
                v[tool] = json!({"enabled": x["enabled"]});
            }
            Ok(v)
        },
        missing: |p| ApiError::not_found("hosted tool permissions for project", &p[0]),
        deleted: "",
    },
    Singleton {
        key: "project_model_permissions",
        path: "/organization/projects/{project_id}/model_permissions",
        initial: |_| Some(json!({"object": "project.model_permissions", "mode": "deny_list", "model_ids": []})),
        set: |_, _, b| Ok(json!({"object": "project.model_permissions", "mode": b["mode"], "model_ids": b["model_ids"]})),
        missing: |p| ApiError::not_found("model permissions for project", &p[0]),
        deleted: "project.model_permissions.deleted",
    },
    Singleton {
        key: "project_service_tier_settings",
        path: "/organization/projects/{project_id}/service_tier_settings",
        initial: |_| Some(json!({"object": "project.service_tier_settings", "default": "standard", "enabled_tiers": []})),
        // `default` and/or `enabled_tiers` (`"all"` or a list of optional
        // tiers), changed together; a default other than Standard must be enabled.
        set: |_, now, b| {
            let default = b.get("default").unwrap_or(&now["default"]).clone();
            let enabled = b.get("enabled_tiers").unwrap_or(&now["enabled_tiers"]).clone();
            for (i, t) in enabled.as_array().into_iter().flatten().enumerate() {
                if !OPTIONAL_TIERS.iter().any(|o| t == o) {
                    return Err(ApiError::invalid(
                        Some(&format!("enabled_tiers[{i}]")),
                        format!("Invalid value for 'enabled_tiers[{i}]': {t}. Expected one of {OPTIONAL_TIERS:?}."),
                    ));
                }
            }
            let on = enabled == "all" || enabled.as_array().is_some_and(|l| l.contains(&default));
            if default != "standard" && !on {
                return Err(ApiError::invalid(
                    Some("default"),
                    format!("The default tier '{}' is not enabled for this project.", default.as_str().unwrap_or_default()),
                ));
            }
            Ok(json!({"object": "project.service_tier_settings", "default": default, "enabled_tiers": enabled}))
        },
        missing: |p| ApiError::not_found("service tier settings for project", &p[0]),
        deleted: "",
    },
    Singleton {
        key: "project_spend_limit",
        path: "/organization/projects/{project_id}/spend_limit",
        initial: |_| None,
        set: |_, now, b| Ok(limit_value(now, b)),
        missing: |p| ApiError::not_found("spend limit for project", &p[0]),
        deleted: "project.spend_limit.deleted",
    },
];

/// `POST …/archive`: archived from then on (archiving again changes nothing).
pub fn archive(st: &mut State, pid: &str) -> Answer {
    let now = st.tick();
    let p = st.under_mut("projects", &[]).find(|p| p["id"] == pid).ok_or_else(|| ApiError::not_found("project", pid))?;
    if p["archived_at"].is_null() {
        p["archived_at"] = json!(now);
        p["status"] = json!("archived");
    }
    let v = p.clone();
    st.audit("project.archived", Some((pid, v["name"].as_str())), json!({"id": pid}));
    Ok(v)
}

/// Activates (`on`) or deactivates the project's certificates the body names.
pub fn toggle(st: &mut State, pid: &str, b: &Body, on: bool) -> Answer {
    let under = [pid.to_string()];
    let ids: Vec<String> = b["certificate_ids"].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
    if let Some(unknown) = ids.iter().find(|id| st.find("project_certificates", &under, id).is_none()) {
        return Err(ApiError::invalid(Some("certificate_ids"), format!("No certificate '{unknown}' in this organization.")));
    }
    let mut data = Vec::new();
    for c in st.under_mut("project_certificates", &under).filter(|c| ids.iter().any(|id| c["id"] == id.as_str())) {
        c["active"] = json!(on);
        data.push(c.clone());
    }
    let object = if on { "organization.project.certificate.activation" } else { "organization.project.certificate.deactivation" };
    Ok(json!({"object": object, "data": data}))
}

/// `POST …/service_accounts/{id}/api_keys`: a new key for the service
/// account (the only time its value is shown).
pub fn create_key(st: &mut State, pid: &str, account: &str, b: &Body) -> Answer {
    // The key is made at the next tick.
    let expires_at = expiry(b, st.now() + 1);
    let key_name = name(b, "name")?.unwrap_or_else(|| "Secret Key".into());
    if st.find("project_service_accounts", &[pid.to_string()], account).is_none() {
        return Err(ApiError::not_found("service account", account));
    }
    Ok(new_key(st, pid, account, &key_name, expires_at, b.get("spend_limit")))
}
