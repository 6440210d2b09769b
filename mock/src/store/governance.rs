//! The project operations the live API added since the seed: mTLS
//! certificates, data retention, groups and their roles, hosted-tool and
//! model permissions, spend alerts and the spend limit, custom roles and
//! user role assignments, service-account updates and new keys. Each
//! project keeps its `Governance`; the answers take the current document's
//! shapes.

use super::{deleted, is_name, nullable_str, object, required, sa_json, Answer, ApiError, ApiKey, Owner, Page, Project, Store};
use crate::people::{OrgGroup, ORG_GROUPS};
use serde_json::{json, Map, Value};

/// The project roles every project has (predefined, not removable).
const PREDEFINED_ROLES: [(&str, &str, &str); 2] = [
    ("role_project_owner", "Project owner", "api.organization.projects.*"),
    ("role_project_member", "Project member", "api.organization.projects.read"),
];

const RETENTION_TYPES: [&str; 6] = [
    "organization_default",
    "none",
    "zero_data_retention",
    "modified_abuse_monitoring",
    "enhanced_zero_data_retention",
    "enhanced_modified_abuse_monitoring",
];

const TOOLS: [&str; 5] = ["file_search", "web_search", "image_generation", "mcp", "code_interpreter"];

struct Certificate {
    id: String,
    name: String,
    created_at: i64,
    active: bool,
}

/// A group added to the project (its role is checked when it is added).
struct ProjectGroup {
    group: &'static OrgGroup,
    created_at: i64,
}

struct SpendAlert {
    id: String,
    threshold_amount: i64,
    recipients: Vec<String>,
    subject_prefix: Option<String>,
}

struct Role {
    id: String,
    name: String,
    description: Option<String>,
    permissions: Vec<String>,
    predefined: bool,
    created_at: i64,
    updated_at: i64,
}

/// What a principal (a group or a user) has been given.
struct Assignment {
    principal: String,
    role: String,
}

/// A project's governance state.
pub struct Governance {
    certificates: Vec<Certificate>,
    retention: String,
    groups: Vec<ProjectGroup>,
    tools: [bool; 5],
    model_permissions: Option<(String, Vec<String>)>,
    spend_alerts: Vec<SpendAlert>,
    spend_limit: Option<i64>,
    roles: Vec<Role>,
    group_roles: Vec<Assignment>,
    user_roles: Vec<Assignment>,
    /// The default tier, and the enabled ones (`"all"` or a list).
    service_tiers: (String, Value),
}

/// The tiers a project can enable beyond Standard, and the defaults it can have.
const OPTIONAL_TIERS: [&str; 3] = ["flex", "fast", "ultrafast"];
const DEFAULT_TIERS: [&str; 3] = ["standard", "fast", "scale"];

impl Governance {
    pub fn service_tiers_json(&self) -> Value {
        json!({"object": "project.service_tier_settings", "default": self.service_tiers.0, "enabled_tiers": self.service_tiers.1})
    }

    /// `default` and/or `enabled_tiers` (`"all"` or a list of optional
    /// tiers), changed together; a default other than Standard must be enabled.
    pub fn update_service_tiers(&mut self, body: &Value) -> Answer {
        let obj = object(body, &["default", "enabled_tiers"])?;
        if obj.is_empty() {
            return Err(ApiError::invalid(None, "Supply at least one of 'default' or 'enabled_tiers'."));
        }
        let default = match obj.get("default") {
            Some(v) => one_of(v, "default", &DEFAULT_TIERS)?,
            None => self.service_tiers.0.clone(),
        };
        let enabled = match obj.get("enabled_tiers") {
            None => self.service_tiers.1.clone(),
            Some(v) if v == "all" => v.clone(),
            Some(v @ Value::Array(items)) => {
                for (i, t) in items.iter().enumerate() {
                    one_of(t, &format!("enabled_tiers[{i}]"), &OPTIONAL_TIERS)?;
                }
                v.clone()
            }
            Some(v) => {
                return Err(ApiError::invalid(
                    Some("enabled_tiers"),
                    format!("Invalid value for 'enabled_tiers': {v}. Expected \"all\" or a list of tiers."),
                ))
            }
        };
        let on = enabled == "all" || enabled.as_array().is_some_and(|l| l.iter().any(|t| t == default.as_str()));
        if default != "standard" && !on {
            return Err(ApiError::invalid(Some("default"), format!("The default tier '{default}' is not enabled for this project.")));
        }
        self.service_tiers = (default, enabled);
        Ok(self.service_tiers_json())
    }

    /// A new project's state: three inactive certificates from the
    /// organization, the predefined roles, everything else at its default.
    pub fn new(project_id: &str, created_at: i64) -> Governance {
        let certificates = (1..=3)
            .map(|i| Certificate {
                id: format!("cert_{}_{i}", &project_id[5..11.min(project_id.len())]),
                name: format!("Certificate {i}"),
                created_at,
                active: false,
            })
            .collect();
        let roles = PREDEFINED_ROLES
            .iter()
            .map(|(id, name, permission)| Role {
                id: id.to_string(),
                name: name.to_string(),
                description: None,
                permissions: vec![permission.to_string()],
                predefined: true,
                created_at,
                updated_at: created_at,
            })
            .collect();
        Governance {
            certificates,
            retention: "organization_default".into(),
            groups: Vec::new(),
            tools: [true; 5],
            model_permissions: None,
            spend_alerts: Vec::new(),
            spend_limit: None,
            roles,
            group_roles: Vec::new(),
            user_roles: Vec::new(),
            service_tiers: ("standard".into(), json!([])),
        }
    }
}

fn certificate_json(c: &Certificate) -> Value {
    json!({"object": "organization.project.certificate", "id": c.id, "name": c.name, "active": c.active, "created_at": c.created_at,
           "certificate_details": {"valid_at": c.created_at, "expires_at": c.created_at + 365 * 86_400}})
}

fn group_json(project: &str, g: &ProjectGroup) -> Value {
    json!({"object": "project.group", "project_id": project, "group_id": g.group.id, "group_name": g.group.name,
           "group_type": g.group.group_type, "created_at": g.created_at})
}

fn role_json(r: &Role) -> Value {
    json!({"object": "role", "id": r.id, "name": r.name, "description": r.description, "permissions": r.permissions,
           "resource_type": "api.project", "predefined_role": r.predefined})
}

fn assigned_json(r: &Role) -> Value {
    json!({"id": r.id, "name": r.name, "permissions": r.permissions, "resource_type": "api.project", "predefined_role": r.predefined,
           "description": r.description, "created_at": r.created_at, "updated_at": r.updated_at, "created_by": "user_alice",
           "created_by_user_obj": {"id": "user_alice", "name": "Alice Example", "email": "alice@example.com"}, "metadata": {},
           "assignment_sources": null})
}

fn alert_json(a: &SpendAlert) -> Value {
    json!({"id": a.id, "object": "project.spend_alert", "threshold_amount": a.threshold_amount, "currency": "USD", "interval": "month",
           "notification_channel": {"type": "email", "recipients": a.recipients, "subject_prefix": a.subject_prefix}})
}

fn limit_json(amount: i64) -> Value {
    json!({"object": "project.spend_limit", "threshold_amount": amount, "currency": "USD", "interval": "month",
           "enforcement": {"status": "inactive"}})
}

/// A list in the `next` style (groups, roles): the next page starts after
/// `next`, which is null on the last page.
fn paginate_next<T>(items: &[T], id: impl Fn(&T) -> &str, to_json: impl Fn(&T) -> Value, page: &Page) -> Answer {
    let start = match &page.after {
        None => 0,
        Some(c) => {
            items
                .iter()
                .position(|i| id(i) == c)
                .ok_or_else(|| ApiError::invalid(Some("after"), format!("Invalid 'after': no object with id '{c}' in this list.")))?
                + 1
        }
    };
    let end = (start + page.limit).min(items.len());
    let has_more = end < items.len();
    let next = if has_more { items[..end].last().map(|i| id(i).to_string()) } else { None };
    Ok(json!({"object": "list", "data": items[start..end].iter().map(&to_json).collect::<Vec<_>>(), "has_more": has_more, "next": next}))
}

/// `order`: `asc` (default) or `desc`.
fn ordered<T>(mut items: Vec<T>, order: Option<&str>) -> Vec<T> {
    if order == Some("desc") {
        items.reverse();
    }
    items
}

pub(super) fn strings(v: &Value, key: &str, allow_empty: bool) -> Result<Vec<String>, ApiError> {
    let list = v.as_array().ok_or_else(|| ApiError::invalid(Some(key), format!("'{key}' must be an array of strings.")))?;
    let out: Option<Vec<String>> = list.iter().map(|s| s.as_str().map(str::to_string)).collect();
    let out = out.ok_or_else(|| ApiError::invalid(Some(key), format!("'{key}' must be an array of strings.")))?;
    if out.is_empty() && !allow_empty {
        return Err(ApiError::invalid(Some(key), format!("'{key}' must not be empty.")));
    }
    Ok(out)
}

fn one_of(v: &Value, key: &str, allowed: &[&str]) -> Result<String, ApiError> {
    match v.as_str() {
        Some(s) if allowed.contains(&s) => Ok(s.to_string()),
        _ => Err(ApiError::invalid(Some(key), format!("Invalid value for '{key}': {v}. Expected one of {allowed:?}."))),
    }
}

fn amount(v: &Value) -> Result<i64, ApiError> {
    match v.as_i64() {
        Some(n) if n > 0 => Ok(n),
        _ => Err(ApiError::invalid(Some("threshold_amount"), "'threshold_amount' must be a positive integer.")),
    }
}

/// The notification channel of a spend alert body.
fn channel(obj: &Map<String, Value>) -> Result<(Vec<String>, Option<String>), ApiError> {
    let ch = required(obj, "notification_channel")?
        .as_object()
        .ok_or_else(|| ApiError::invalid(Some("notification_channel"), "'notification_channel' must be an object."))?;
    one_of(required(ch, "type")?, "notification_channel.type", &["email"])?;
    let recipients = strings(required(ch, "recipients")?, "notification_channel.recipients", false)?;
    Ok((recipients, nullable_str(ch, "subject_prefix")?.map(str::to_string)))
}

impl Project {
    fn role(&self, id: &str) -> Result<&Role, ApiError> {
        self.gov.roles.iter().find(|r| r.id == id).ok_or_else(|| ApiError::not_found("role", id))
    }

    fn group(&self, id: &str) -> Result<usize, ApiError> {
        self.gov.groups.iter().position(|g| g.group.id == id).ok_or_else(|| ApiError::not_found("group in this project", id))
    }
}

impl Store {
    pub fn list_certificates(&mut self, project: &str, page: &Page, order: Option<&str>) -> Answer {
        let p = self.project(project)?;
        let certs = ordered(p.gov.certificates.iter().collect(), order);
        super::paginate(&certs, |c| &c.id, |c| certificate_json(c), page)
    }

    /// Activates (or deactivates) the certificates the body names.
    pub fn toggle_certificates(&mut self, project: &str, body: &Value, active: bool) -> Answer {
        let ids = strings(required(object(body, &["certificate_ids"])?, "certificate_ids")?, "certificate_ids", false)?;
        let p = self.project(project)?.writable()?;
        if let Some(unknown) = ids.iter().find(|id| !p.gov.certificates.iter().any(|c| &c.id == *id)) {
            return Err(ApiError::invalid(Some("certificate_ids"), format!("No certificate '{unknown}' in this organization.")));
        }
        let mut data = Vec::new();
        for c in p.gov.certificates.iter_mut().filter(|c| ids.contains(&c.id)) {
            c.active = active;
            data.push(certificate_json(c));
        }
        let object = if active { "organization.project.certificate.activation" } else { "organization.project.certificate.deactivation" };
        Ok(json!({"object": object, "data": data}))
    }

    pub fn retrieve_data_retention(&mut self, project: &str) -> Answer {
        Ok(json!({"object": "project.data_retention", "type": self.project(project)?.gov.retention}))
    }

    pub fn update_data_retention(&mut self, project: &str, body: &Value) -> Answer {
        let t = one_of(required(object(body, &["retention_type"])?, "retention_type")?, "retention_type", &RETENTION_TYPES)?;
        let p = self.project(project)?.writable()?;
        p.gov.retention = t;
        Ok(json!({"object": "project.data_retention", "type": p.gov.retention}))
    }

    pub fn list_groups(&mut self, project: &str, page: &Page, order: Option<&str>) -> Answer {
        let p = self.project(project)?;
        let groups = ordered(p.gov.groups.iter().collect(), order);
        paginate_next(&groups, |g| g.group.id, |g| group_json(&p.id, g), page)
    }

    pub fn add_group(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["group_id", "role"])?;
        let id = required(obj, "group_id")?.as_str().ok_or_else(|| ApiError::invalid(Some("group_id"), "'group_id' must be a string."))?;
        let role = required(obj, "role")?.as_str().ok_or_else(|| ApiError::invalid(Some("role"), "'role' must be a string."))?.to_string();
        let now = self.tick();
        let p = self.project(project)?.writable()?;
        let group = ORG_GROUPS
            .iter()
            .find(|g| g.id == id)
            .ok_or_else(|| ApiError::invalid(Some("group_id"), format!("No group '{id}' in this organization.")))?;
        if !p.gov.roles.iter().any(|r| r.id == role) {
            return Err(ApiError::invalid(Some("role"), format!("No role '{role}' in this project.")));
        }
        if p.group(id).is_ok() {
            return Err(ApiError::invalid(Some("group_id"), format!("Group '{id}' is already in this project.")));
        }
        p.gov.groups.push(ProjectGroup { group, created_at: now });
        Ok(group_json(&p.id, p.gov.groups.last().unwrap()))
    }

    pub fn retrieve_group(&mut self, project: &str, group: &str, group_type: Option<&str>) -> Answer {
        let p = self.project(project)?;
        let g = &p.gov.groups[p.group(group)?];
        if group_type.is_some_and(|t| t != g.group.group_type) {
            return Err(ApiError::not_found(&format!("{} in this project", group_type.unwrap()), group));
        }
        Ok(group_json(&p.id, g))
    }

    pub fn remove_group(&mut self, project: &str, group: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        let i = p.group(group)?;
        p.gov.groups.remove(i);
        p.gov.group_roles.retain(|a| a.principal != group);
        Ok(json!({"object": "project.group.deleted", "deleted": true}))
    }

    pub fn retrieve_tool_permissions(&mut self, project: &str) -> Answer {
        let p = self.project(project)?;
        Ok(Value::Object(TOOLS.iter().zip(p.gov.tools).map(|(t, on)| (t.to_string(), json!({"enabled": on}))).collect()))
    }

    /// Each tool given is set; a tool left out or null stays as it is.
    pub fn update_tool_permissions(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &TOOLS)?;
        let mut updates = Vec::new();
        for (i, tool) in TOOLS.iter().enumerate() {
            match obj.get(*tool) {
                None | Some(Value::Null) => {}
                Some(v) => match v.get("enabled").and_then(Value::as_bool) {
                    Some(on) => updates.push((i, on)),
                    None => return Err(ApiError::invalid(Some(tool), format!("'{tool}.enabled' must be a boolean."))),
                },
            }
        }
        let p = self.project(project)?.writable()?;
        for (i, on) in updates {
            p.gov.tools[i] = on;
        }
        self.retrieve_tool_permissions(project)
    }

    pub fn retrieve_model_permissions(&mut self, project: &str) -> Answer {
        let p = self.project(project)?;
        let (mode, ids) = p.gov.model_permissions.clone().unwrap_or_else(|| ("deny_list".into(), Vec::new()));
        Ok(json!({"object": "project.model_permissions", "mode": mode, "model_ids": ids}))
    }

    pub fn update_model_permissions(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["mode", "model_ids"])?;
        let mode = one_of(required(obj, "mode")?, "mode", &["allow_list", "deny_list"])?;
        let ids = strings(required(obj, "model_ids")?, "model_ids", true)?;
        let p = self.project(project)?.writable()?;
        p.gov.model_permissions = Some((mode, ids));
        self.retrieve_model_permissions(project)
    }

    pub fn delete_model_permissions(&mut self, project: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        p.gov.model_permissions = None;
        Ok(json!({"object": "project.model_permissions.deleted", "deleted": true}))
    }

    pub fn update_service_account(&mut self, project: &str, id: &str, body: &Value) -> Answer {
        let obj = object(body, &["name", "role"])?;
        let name = match obj.get("name") {
            None => None,
            Some(n) if is_name(n) => n.as_str().map(str::to_string),
            Some(_) => return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string.")),
        };
        let role = obj.get("role").map(|r| one_of(r, "role", &["member", "owner"])).transpose()?;
        let p = self.project(project)?.writable()?;
        let i = Store::service_account(p, id)?;
        let sa = &mut p.service_accounts[i];
        if let Some(n) = name {
            sa.name = n;
        }
        if let Some(r) = role {
            sa.role = if r == "owner" { "owner" } else { "member" };
        }
        Ok(sa_json(sa))
    }

    /// A new key for the service account: the only time its value is shown.
    pub fn create_service_account_key(&mut self, project: &str, id: &str, body: &Value) -> Answer {
        let obj = object(body, &["name", "scopes", "expires_in_seconds"])?;
        // The key is made at the next tick.
        let expires_at = super::expiry(obj, self.org.now() + 1)?;
        let name = match obj.get("name") {
            None => "Secret Key".to_string(),
            Some(n) if is_name(n) => n.as_str().unwrap().to_string(),
            Some(_) => return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string.")),
        };
        if let Some(s) = obj.get("scopes") {
            strings(s, "scopes", true)?;
        }
        {
            let p = self.project(project)?.writable()?;
            Store::service_account(p, id)?;
        }
        let key_id = self.next_id("key_");
        let secret = format!("sk-svcacct-{}{}", self.next_id(""), self.next_id(""));
        let now = self.tick();
        let p = self.project(project)?;
        p.api_keys.push(ApiKey {
            id: key_id.clone(),
            name: name.clone(),
            redacted: format!("sk-svc...{}", &secret[secret.len() - 4..]),
            created_at: now,
            last_used_at: None,
            owner: Owner::ServiceAccount(id.to_string()),
            removed_owner_role: None,
            expires_at,
        });
        Ok(json!({"object": "organization.project.service_account.api_key", "value": secret, "name": name, "created_at": now,
                  "id": key_id, "expires_at": expires_at}))
    }

    pub fn list_spend_alerts(&mut self, project: &str, page: &Page, order: Option<&str>) -> Answer {
        let p = self.project(project)?;
        let alerts = ordered(p.gov.spend_alerts.iter().collect(), order);
        super::paginate(&alerts, |a| &a.id, |a| alert_json(a), page)
    }

    fn alert_body(body: &Value) -> Result<(i64, Vec<String>, Option<String>), ApiError> {
        let obj = object(body, &["threshold_amount", "currency", "interval", "notification_channel"])?;
        let amount = amount(required(obj, "threshold_amount")?)?;
        one_of(required(obj, "currency")?, "currency", &["USD"])?;
        one_of(required(obj, "interval")?, "interval", &["month"])?;
        let (recipients, prefix) = channel(obj)?;
        Ok((amount, recipients, prefix))
    }

    pub fn create_spend_alert(&mut self, project: &str, body: &Value) -> Answer {
        let (threshold_amount, recipients, subject_prefix) = Self::alert_body(body)?;
        self.project(project)?.writable()?;
        let id = self.next_id("alert_");
        let p = self.project(project)?;
        p.gov.spend_alerts.push(SpendAlert { id, threshold_amount, recipients, subject_prefix });
        Ok(alert_json(p.gov.spend_alerts.last().unwrap()))
    }

    fn alert(p: &mut Project, id: &str) -> Result<usize, ApiError> {
        p.gov.spend_alerts.iter().position(|a| a.id == id).ok_or_else(|| ApiError::not_found("spend alert", id))
    }

    pub fn retrieve_spend_alert(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?;
        let i = Self::alert(p, id)?;
        Ok(alert_json(&p.gov.spend_alerts[i]))
    }

    pub fn update_spend_alert(&mut self, project: &str, id: &str, body: &Value) -> Answer {
        let (threshold_amount, recipients, subject_prefix) = Self::alert_body(body)?;
        let p = self.project(project)?.writable()?;
        let i = Self::alert(p, id)?;
        let a = &mut p.gov.spend_alerts[i];
        (a.threshold_amount, a.recipients, a.subject_prefix) = (threshold_amount, recipients, subject_prefix);
        Ok(alert_json(a))
    }

    pub fn delete_spend_alert(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        let i = Self::alert(p, id)?;
        p.gov.spend_alerts.remove(i);
        Ok(deleted("project.spend_alert.deleted", id))
    }

    pub fn retrieve_spend_limit(&mut self, project: &str) -> Answer {
        let p = self.project(project)?;
        let amount = p.gov.spend_limit.ok_or_else(|| ApiError::not_found("spend limit for project", project))?;
        Ok(limit_json(amount))
    }

    pub fn update_spend_limit(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["threshold_amount", "currency", "interval"])?;
        let amount = amount(required(obj, "threshold_amount")?)?;
        one_of(required(obj, "currency")?, "currency", &["USD"])?;
        one_of(required(obj, "interval")?, "interval", &["month"])?;
        let p = self.project(project)?.writable()?;
        p.gov.spend_limit = Some(amount);
        Ok(limit_json(amount))
    }

    pub fn delete_spend_limit(&mut self, project: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        p.gov.spend_limit.take().ok_or_else(|| ApiError::not_found("spend limit for project", project))?;
        Ok(json!({"object": "project.spend_limit.deleted", "deleted": true}))
    }

    pub fn list_roles(&mut self, project: &str, page: &Page, order: Option<&str>) -> Answer {
        let p = self.project(project)?;
        let roles = ordered(p.gov.roles.iter().collect(), order);
        paginate_next(&roles, |r| &r.id, |r| role_json(r), page)
    }

    pub fn create_role(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["role_name", "permissions", "description"])?;
        let name = required(obj, "role_name")?;
        if !is_name(name) {
            return Err(ApiError::invalid(Some("role_name"), "'role_name' must be a non-empty string."));
        }
        let permissions = strings(required(obj, "permissions")?, "permissions", false)?;
        let description = nullable_str(obj, "description")?.map(str::to_string);
        self.project(project)?.writable()?;
        let id = self.next_id("role_");
        let now = self.tick();
        let p = self.project(project)?;
        if p.gov.roles.iter().any(|r| Some(r.name.as_str()) == name.as_str()) {
            return Err(ApiError::invalid(Some("role_name"), format!("A role named {name} already exists in this project.")));
        }
        p.gov.roles.push(Role {
            id,
            name: name.as_str().unwrap().to_string(),
            description,
            permissions,
            predefined: false,
            created_at: now,
            updated_at: now,
        });
        Ok(role_json(p.gov.roles.last().unwrap()))
    }

    pub fn retrieve_role(&mut self, project: &str, id: &str) -> Answer {
        Ok(role_json(self.project(project)?.role(id)?))
    }

    pub fn update_role(&mut self, project: &str, id: &str, body: &Value) -> Answer {
        let obj = object(body, &["role_name", "permissions", "description"])?;
        let name = match obj.get("role_name") {
            None | Some(Value::Null) => None,
            Some(n) if is_name(n) => n.as_str().map(str::to_string),
            Some(_) => return Err(ApiError::invalid(Some("role_name"), "'role_name' must be a non-empty string.")),
        };
        let permissions = match obj.get("permissions") {
            None | Some(Value::Null) => None,
            Some(v) => Some(strings(v, "permissions", false)?),
        };
        let description = nullable_str(obj, "description")?.map(str::to_string);
        let now = self.tick();
        let p = self.project(project)?.writable()?;
        let role = p.gov.roles.iter_mut().find(|r| r.id == id).ok_or_else(|| ApiError::not_found("role", id))?;
        if role.predefined {
            return Err(ApiError::invalid(None, format!("Role '{id}' is predefined and cannot be changed.")));
        }
        if let Some(n) = name {
            role.name = n;
        }
        if let Some(ps) = permissions {
            role.permissions = ps;
        }
        if description.is_some() {
            role.description = description;
        }
        role.updated_at = now;
        Ok(role_json(role))
    }

    pub fn delete_role(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        if p.role(id)?.predefined {
            return Err(ApiError::invalid(None, format!("Role '{id}' is predefined and cannot be deleted.")));
        }
        p.gov.roles.retain(|r| r.id != id);
        p.gov.group_roles.retain(|a| a.role != id);
        p.gov.user_roles.retain(|a| a.role != id);
        Ok(json!({"object": "role.deleted", "id": id, "deleted": true}))
    }

    /// The roles assigned to a group (`users`: false) or a user of the project.
    pub fn list_assigned_roles(&mut self, project: &str, principal: &str, users: bool, page: &Page, order: Option<&str>) -> Answer {
        let p = self.project(project)?;
        Self::principal(p, principal, users)?;
        let list = if users { &p.gov.user_roles } else { &p.gov.group_roles };
        let roles: Vec<&Role> =
            list.iter().filter(|a| a.principal == principal).filter_map(|a| p.gov.roles.iter().find(|r| r.id == a.role)).collect();
        let roles = ordered(roles, order);
        paginate_next(&roles, |r| &r.id, |r| assigned_json(r), page)
    }

    fn principal(p: &Project, principal: &str, users: bool) -> Result<(), ApiError> {
        if users {
            p.member(principal).map(|_| ())
        } else {
            p.group(principal).map(|_| ())
        }
    }

    pub fn assign_role(&mut self, project: &str, principal: &str, users: bool, body: &Value) -> Answer {
        let obj = object(body, &["role_id"])?;
        let role_id = required(obj, "role_id")?
            .as_str()
            .ok_or_else(|| ApiError::invalid(Some("role_id"), "'role_id' must be a string."))?
            .to_string();
        let p = self.project(project)?.writable()?;
        Self::principal(p, principal, users)?;
        let role = p.role(&role_id).map_err(|_| ApiError::invalid(Some("role_id"), format!("No role '{role_id}' in this project.")))?;
        let role_value = role_json(role);
        let list = if users { &mut p.gov.user_roles } else { &mut p.gov.group_roles };
        if list.iter().any(|a| a.principal == principal && a.role == role_id) {
            return Err(ApiError::invalid(Some("role_id"), format!("Role '{role_id}' is already assigned.")));
        }
        list.push(Assignment { principal: principal.to_string(), role: role_id });
        if users {
            let m = &p.users[p.member(principal)?];
            let u = &m.person;
            Ok(json!({"object": "user.role", "role": role_value, "user": {"object": "organization.user", "id": u.id, "name": u.name,
                      "email": u.email, "role": m.role, "added_at": m.added_at}}))
        } else {
            let g = &p.gov.groups[p.group(principal)?].group;
            Ok(json!({"object": "group.role", "role": role_value,
                      "group": {"object": "group", "id": g.id, "name": g.name, "created_at": g.created_at, "scim_managed": false}}))
        }
    }

    pub fn retrieve_assigned_role(&mut self, project: &str, principal: &str, users: bool, role_id: &str) -> Answer {
        let p = self.project(project)?;
        Self::principal(p, principal, users)?;
        let list = if users { &p.gov.user_roles } else { &p.gov.group_roles };
        if !list.iter().any(|a| a.principal == principal && a.role == role_id) {
            return Err(ApiError::not_found("role assignment", role_id));
        }
        Ok(assigned_json(p.role(role_id)?))
    }

    pub fn unassign_role(&mut self, project: &str, principal: &str, users: bool, role_id: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        Self::principal(p, principal, users)?;
        let list = if users { &mut p.gov.user_roles } else { &mut p.gov.group_roles };
        let i = list
            .iter()
            .position(|a| a.principal == principal && a.role == role_id)
            .ok_or_else(|| ApiError::not_found("role assignment", role_id))?;
        list.remove(i);
        Ok(json!({"object": if users { "user.role.deleted" } else { "group.role.deleted" }, "deleted": true}))
    }
}
