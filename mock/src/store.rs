//! The state of the fake organization and the rules of each operation:
//! validation, 404s, archived projects, pagination. HTTP lives in `routes`.

use serde_json::{json, Map, Value};

mod governance;

pub use crate::error::{Answer, ApiError};
pub use crate::people::{Person, CUSTOM_ROLES, ORG_USERS};

struct Member {
    id: String,
    role: String,
    added_at: i64,
    /// Who the user is (taken from the organization when added).
    person: Person,
}

struct ServiceAccount {
    id: String,
    name: String,
    /// `owner`, `member`, or `none` (made with `create_service_account_only`).
    role: &'static str,
    created_at: i64,
}

enum Owner {
    User(Person),
    ServiceAccount(String),
}

struct ApiKey {
    id: String,
    name: String,
    redacted: String,
    created_at: i64,
    /// None until the key is first used.
    last_used_at: Option<i64>,
    owner: Owner,
    /// The owner's role when it was removed from the project: the key stays
    /// (its `owner_project_access` is then `inactive`).
    removed_owner_role: Option<String>,
    /// When it stops working (None: never); an expired key cannot be updated.
    expires_at: Option<i64>,
}

struct RateLimit {
    id: String,
    model: &'static str,
    /// Values of the six limit fields, in `LIMIT_FIELDS` order; None = absent.
    limits: [Option<i64>; 6],
}

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

struct Project {
    id: String,
    /// The live API sends `name: null` for some projects.
    name: Option<String>,
    external_key_id: Option<String>,
    residency: Option<String>,
    created_at: i64,
    archived_at: Option<i64>,
    users: Vec<Member>,
    service_accounts: Vec<ServiceAccount>,
    api_keys: Vec<ApiKey>,
    rate_limits: Vec<RateLimit>,
    /// Certificates, retention, groups, permissions, spend, roles.
    gov: governance::Governance,
}

/// The residencies the current document lists.
const RESIDENCIES: [&str; 15] = [
    "GLOBAL",
    "US_STORAGE_PROCESSING",
    "EU_STORAGE_PROCESSING",
    "JP_STORAGE",
    "KR_STORAGE",
    "CA_STORAGE",
    "SG_STORAGE",
    "IN_STORAGE",
    "AU_STORAGE",
    "GB_STORAGE",
    "AE_STORAGE",
    "AE_STORAGE_PROCESSING",
    "JP_STORAGE_PROCESSING",
    "IN_STORAGE_PROCESSING",
    "AU_STORAGE_PROCESSING",
];

/// Page parameters, already validated.
pub struct Page {
    pub limit: usize,
    pub after: Option<String>,
    pub before: Option<String>,
}

/// The fake organization.
pub struct Store {
    seq: u64,
    projects: Vec<Project>,
    /// Users, invites, audit log, usage, … (the organization part).
    pub org: crate::org::Org,
}

fn is_name(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.trim().is_empty())
}

/// The JSON object of a request body, with only `allowed` keys.
fn object<'a>(body: &'a Value, allowed: &[&str]) -> Result<&'a Map<String, Value>, ApiError> {
    let obj = body.as_object().ok_or_else(|| ApiError::invalid(None, "The request body must be a JSON object."))?;
    if let Some(k) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(ApiError::invalid(Some(k), format!("Unrecognized request argument supplied: {k}")));
    }
    Ok(obj)
}

fn required<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a Value, ApiError> {
    obj.get(key).ok_or_else(|| ApiError::invalid(Some(key), format!("Missing required parameter: '{key}'.")))
}

/// A project role: `owner`, `member`, or one of the organization's custom roles.
fn role(v: &Value) -> Result<String, ApiError> {
    match v.as_str() {
        Some(r) if r == "owner" || r == "member" || CUSTOM_ROLES.contains(&r) => Ok(r.to_string()),
        _ => Err(ApiError::invalid(
            Some("role"),
            format!("Invalid value for 'role': {v}. Expected 'owner', 'member' or a custom project role."),
        )),
    }
}

/// An optional string that may be null: None for null.
fn nullable_str<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(ApiError::invalid(Some(key), format!("Invalid type for '{key}': expected a string or null, got {v}."))),
    }
}

/// `expires_in_seconds` (at least 1, never null), as the time it gives
/// from `now`; None when absent.
fn expiry(obj: &Map<String, Value>, now: i64) -> Result<Option<i64>, ApiError> {
    match obj.get("expires_in_seconds") {
        None => Ok(None),
        Some(v) => match v.as_i64() {
            Some(n) if n >= 1 && v.is_i64() => Ok(Some(now + n)),
            _ => Err(ApiError::invalid(
                Some("expires_in_seconds"),
                format!("Invalid value for 'expires_in_seconds': {v}. Expected an integer of at least 1."),
            )),
        },
    }
}

/// `geography` (deprecated) and `residency` name the same thing: one at most.
fn one_place(obj: &Map<String, Value>) -> Result<(), ApiError> {
    nullable_str(obj, "geography")?;
    if obj.get("geography").is_some_and(|g| !g.is_null()) && obj.get("residency").is_some_and(|r| !r.is_null()) {
        return Err(ApiError::invalid(Some("geography"), "Do not provide both 'geography' and 'residency'."));
    }
    Ok(())
}

/// One page of `items` as an OpenAI list object.
fn paginate<T>(items: &[T], id: impl Fn(&T) -> &str, to_json: impl Fn(&T) -> Value, page: &Page) -> Answer {
    let find = |cursor: &Option<String>, param: &str| -> Result<Option<usize>, ApiError> {
        match cursor {
            None => Ok(None),
            Some(c) => match items.iter().position(|i| id(i) == c) {
                Some(p) => Ok(Some(p)),
                None => Err(ApiError::invalid(Some(param), format!("Invalid '{param}': no object with id '{c}' in this list."))),
            },
        }
    };
    let after = find(&page.after, "after")?;
    let before = find(&page.before, "before")?;
    let lo = after.map_or(0, |p| p + 1);
    let hi = before.map_or(items.len(), |p| p).max(lo);
    let (start, end, has_more) = if page.before.is_some() && page.after.is_none() {
        let start = hi.saturating_sub(page.limit).max(lo);
        (start, hi, start > lo)
    } else {
        let end = (lo + page.limit).min(hi);
        (lo, end, end < hi)
    };
    let data: Vec<Value> = items[start..end].iter().map(&to_json).collect();
    let first = items[start..end].first().map(|i| id(i).to_string());
    let last = items[start..end].last().map(|i| id(i).to_string());
    Ok(json!({"object": "list", "data": data, "first_id": first, "last_id": last, "has_more": has_more}))
}

fn user_json(m: &Member) -> Value {
    let u = &m.person;
    json!({"object": "organization.project.user", "id": u.id, "name": u.name, "email": u.email, "role": m.role, "added_at": m.added_at})
}

fn sa_json(s: &ServiceAccount) -> Value {
    json!({"object": "organization.project.service_account", "id": s.id, "name": s.name, "role": s.role, "created_at": s.created_at})
}

fn rate_limit_json(r: &RateLimit) -> Value {
    let mut v = json!({"object": "project.rate_limit", "id": r.id, "model": r.model});
    for (name, value) in LIMIT_FIELDS.iter().zip(r.limits) {
        if let Some(n) = value {
            v[name] = json!(n);
        }
    }
    v
}

impl Project {
    fn json(&self) -> Value {
        let mut v = json!({
            "id": self.id,
            "object": "organization.project",
            "name": self.name,
            "created_at": self.created_at,
            "archived_at": self.archived_at,
            "status": if self.archived_at.is_some() { "archived" } else { "active" },
            "external_key_id": self.external_key_id,
        });
        if let Some(r) = &self.residency {
            v["residency"] = json!(r);
        }
        v
    }

    /// A key in the live API's shape: the owner is `{id, email, name, role,
    /// created_at}` for a user and `{id, name, role, created_at}` for a
    /// service account (no `object`, no `added_at`).
    fn key_json(&self, k: &ApiKey) -> Value {
        let owner = match &k.owner {
            Owner::User(u) => {
                let role = self.users.iter().find(|m| m.id == u.id).map(|m| m.role.clone()).or_else(|| k.removed_owner_role.clone());
                json!({"type": "user", "user": {"id": u.id, "name": u.name, "email": u.email, "role": role, "created_at": u.created_at}})
            }
            Owner::ServiceAccount(id) => {
                let s = self.service_accounts.iter().find(|s| &s.id == id);
                json!({"type": "service_account", "service_account":
                       s.map(|s| json!({"id": s.id, "name": s.name, "role": s.role, "created_at": s.created_at}))})
            }
        };
        let access = if k.removed_owner_role.is_some() { "inactive" } else { "active" };
        json!({"object": "organization.project.api_key", "redacted_value": k.redacted, "name": k.name,
               "created_at": k.created_at, "last_used_at": k.last_used_at, "id": k.id,
               "owner_project_access": access, "owner": owner, "expires_at": k.expires_at})
    }

    fn writable(&mut self) -> Result<&mut Project, ApiError> {
        if self.archived_at.is_some() {
            return Err(ApiError::invalid(None, format!("Project '{}' is archived and cannot be modified.", self.id)));
        }
        Ok(self)
    }

    fn member(&self, user_id: &str) -> Result<usize, ApiError> {
        self.users.iter().position(|m| m.id == user_id).ok_or_else(|| ApiError::not_found("user in this project", user_id))
    }
}

fn deleted(object: &str, id: &str) -> Value {
    json!({"object": object, "id": id, "deleted": true})
}

impl Store {
    /// An organization with `seed_projects` projects ("Project 1", ...);
    /// the first has Alice as owner and her API key.
    #[cfg(test)]
    pub fn new(seed_projects: usize) -> Store {
        Store::at(seed_projects, crate::DEFAULT_NOW, "user_alice")
    }

    /// As `new`, its clock at `now` (what existed at start dates from a
    /// day before), its admin key `owner`'s.
    pub fn at(seed_projects: usize, now: i64, owner: &str) -> Store {
        let before = now - 86_400;
        let mut s = Store { seq: 0, projects: Vec::new(), org: crate::org::Org::new(now, owner) };
        for i in 1..=seed_projects {
            s.add_project(format!("Project {i}"));
        }
        if let Some(p) = s.projects.first_mut() {
            let alice = Person::of(&ORG_USERS[0]);
            p.users.push(Member { id: "user_alice".into(), role: "owner".into(), added_at: before, person: alice.clone() });
            p.api_keys.push(ApiKey {
                id: "key_alice".into(),
                name: "Alice's key".into(),
                redacted: "sk-abc...def".into(),
                created_at: before,
                last_used_at: Some(before + 1),
                owner: Owner::User(alice),
                removed_owner_role: None,
                expires_at: None,
            });
        }
        s
    }

    fn tick(&mut self) -> i64 {
        self.org.tick()
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        // Deterministic, spread-out ids that look like OpenAI's.
        format!("{prefix}{:016x}", self.seq.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn add_project(&mut self, name: String) -> &mut Project {
        let id = self.next_id("proj_");
        self.org.project_ids.push(id.clone());
        let id_for_gov = id.clone();
        let created_at = self.tick();
        let rate_limits =
            DEFAULT_LIMITS.iter().map(|(model, limits)| RateLimit { id: format!("rl-{model}"), model, limits: *limits }).collect();
        self.projects.push(Project {
            id,
            name: Some(name),
            external_key_id: None,
            residency: None,
            created_at,
            archived_at: None,
            users: Vec::new(),
            service_accounts: Vec::new(),
            api_keys: Vec::new(),
            rate_limits,
            gov: governance::Governance::new(&id_for_gov, created_at),
        });
        self.projects.last_mut().unwrap()
    }

    fn project(&mut self, id: &str) -> Result<&mut Project, ApiError> {
        self.projects.iter_mut().find(|p| p.id == id).ok_or_else(|| ApiError::not_found("project", id))
    }

    pub fn project_ids(&self) -> Vec<String> {
        self.projects.iter().map(|p| p.id.clone()).collect()
    }

    pub fn list_projects(&self, page: &Page, include_archived: bool) -> Answer {
        let visible: Vec<&Project> = self.projects.iter().filter(|p| include_archived || p.archived_at.is_none()).collect();
        paginate(&visible, |p| &p.id, |p| p.json(), page)
    }

    pub fn create_project(&mut self, body: &Value) -> Answer {
        let obj = object(body, &["name", "residency", "external_key_id", "geography"])?;
        one_place(obj)?;
        let name = required(obj, "name")?;
        if !is_name(name) {
            return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string."));
        }
        let residency = nullable_str(obj, "residency")?;
        if let Some(r) = residency.filter(|r| !RESIDENCIES.contains(r)) {
            return Err(ApiError::invalid(Some("residency"), format!("Invalid value for 'residency': '{r}'.")));
        }
        let external_key_id = nullable_str(obj, "external_key_id")?.map(str::to_string);
        let name = name.as_str().unwrap().to_string();
        let p = self.add_project(name);
        p.residency = residency.map(str::to_string);
        p.external_key_id = external_key_id;
        let v = p.json();
        self.audited("project.created", &v, json!({"id": v["id"], "data": {"name": v["name"]}}));
        Ok(v)
    }

    /// An audit-log entry for a change to the project `v` shows.
    fn audited(&mut self, kind: &str, project: &Value, details: Value) {
        let (id, name) = (project["id"].as_str().unwrap_or_default(), project["name"].as_str());
        self.org.audit(kind, Some((id, name)), details);
    }

    pub fn retrieve_project(&mut self, id: &str) -> Answer {
        Ok(self.project(id)?.json())
    }

    /// `name` and `external_key_id` may each be left out (or null): what is
    /// given changes.
    pub fn modify_project(&mut self, id: &str, body: &Value) -> Answer {
        let obj = object(body, &["name", "external_key_id", "geography"])?;
        one_place(obj)?;
        let name = match obj.get("name") {
            None | Some(Value::Null) => None,
            Some(n) if is_name(n) => n.as_str(),
            Some(_) => return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string.")),
        };
        let external_key_id = nullable_str(obj, "external_key_id")?;
        let p = self.project(id)?.writable()?;
        if let Some(n) = name {
            p.name = Some(n.to_string());
        }
        if let Some(k) = external_key_id {
            p.external_key_id = Some(k.to_string());
        }
        let v = p.json();
        self.audited("project.updated", &v, json!({"id": v["id"], "changes_requested": body}));
        Ok(v)
    }

    pub fn archive_project(&mut self, id: &str) -> Answer {
        let now = self.tick();
        let p = self.project(id)?;
        p.archived_at.get_or_insert(now);
        let v = p.json();
        self.audited("project.archived", &v, json!({"id": v["id"]}));
        Ok(v)
    }

    pub fn list_users(&mut self, project: &str, page: &Page) -> Answer {
        let p = self.project(project)?;
        paginate(&p.users, |m| &m.id, user_json, page)
    }

    /// The user by `user_id` or by `email` (exactly one).
    pub fn create_user(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["user_id", "email", "role"])?;
        let user_id = nullable_str(obj, "user_id")?;
        let email = nullable_str(obj, "email")?;
        let role = role(required(obj, "role")?)?;
        let now = self.tick();
        self.project(project)?.writable()?;
        let user = match (user_id, email) {
            (Some(id), None) => self
                .org
                .person(|u| u.id == id)
                .ok_or_else(|| ApiError::invalid(Some("user_id"), format!("No user '{id}' in this organization.")))?,
            (None, Some(e)) => self
                .org
                .person(|u| u.email.as_deref() == Some(e))
                .ok_or_else(|| ApiError::invalid(Some("email"), format!("No user with email '{e}' in this organization.")))?,
            (None, None) => return Err(ApiError::invalid(Some("user_id"), "Provide one of 'user_id' or 'email'.")),
            (Some(_), Some(_)) => return Err(ApiError::invalid(Some("email"), "Provide only one of 'user_id' or 'email'.")),
        };
        let p = self.project(project)?;
        if p.users.iter().any(|m| m.id == user.id) {
            return Err(ApiError::invalid(Some("user_id"), format!("User '{}' is already a member of this project.", user.id)));
        }
        p.users.push(Member { id: user.id.clone(), role, added_at: now, person: user });
        // The live API's answer to adding a user has no `name`.
        let mut answer = user_json(p.users.last().unwrap());
        answer.as_object_mut().unwrap().remove("name");
        let v = p.json();
        self.audited("user.added", &v, json!({"id": answer["id"], "data": {"role": answer["role"]}}));
        Ok(answer)
    }

    pub fn retrieve_user(&mut self, project: &str, user: &str) -> Answer {
        let p = self.project(project)?;
        Ok(user_json(&p.users[p.member(user)?]))
    }

    pub fn modify_user(&mut self, project: &str, user: &str, body: &Value) -> Answer {
        let role = role(required(object(body, &["role"])?, "role")?)?;
        let p = self.project(project)?.writable()?;
        let i = p.member(user)?;
        p.users[i].role = role;
        Ok(user_json(&p.users[i]))
    }

    /// The user's keys stay, with `owner_project_access` `inactive`.
    pub fn delete_user(&mut self, project: &str, user: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        let i = p.member(user)?;
        let m = p.users.remove(i);
        for k in p.api_keys.iter_mut().filter(|k| matches!(&k.owner, Owner::User(u) if u.id == user)) {
            k.removed_owner_role = Some(m.role.clone());
        }
        Ok(deleted("organization.project.user.deleted", user))
    }

    pub fn list_service_accounts(&mut self, project: &str, page: &Page) -> Answer {
        let p = self.project(project)?;
        paginate(&p.service_accounts, |s| &s.id, sa_json, page)
    }

    /// With `create_service_account_only: true` the account has role
    /// `none` and no key (`api_key: null`).
    pub fn create_service_account(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["name", "create_service_account_only", "expires_in_seconds"])?;
        // The key is made at the next tick.
        let expires_at = expiry(obj, self.org.now() + 1)?;
        let name = required(obj, "name")?;
        if !is_name(name) {
            return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string."));
        }
        let only = match obj.get("create_service_account_only") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                return Err(ApiError::invalid(
                    Some("create_service_account_only"),
                    format!("Invalid type for 'create_service_account_only': expected a boolean, got {v}."),
                ))
            }
        };
        self.project(project)?.writable()?;
        if only {
            let id = self.next_id("svc_acct_");
            let now = self.tick();
            let sa = ServiceAccount { id, name: name.as_str().unwrap().to_string(), role: "none", created_at: now };
            let mut answer = sa_json(&sa);
            answer["api_key"] = Value::Null;
            self.project(project)?.service_accounts.push(sa);
            return Ok(answer);
        }
        let id = self.next_id("svc_acct_");
        let key_id = self.next_id("key_");
        let secret = format!("sk-svcacct-{}{}", self.next_id(""), self.next_id(""));
        let now = self.tick();
        let p = self.project(project)?;
        let sa = ServiceAccount { id: id.clone(), name: name.as_str().unwrap().to_string(), role: "member", created_at: now };
        let mut answer = sa_json(&sa);
        answer["api_key"] = json!({"object": "organization.project.service_account.api_key", "value": secret,
                                   "name": "Secret Key", "created_at": now, "id": key_id, "expires_at": expires_at});
        p.api_keys.push(ApiKey {
            id: key_id,
            name: "Secret Key".into(),
            redacted: format!("sk-svc...{}", &secret[secret.len() - 4..]),
            created_at: now,
            last_used_at: None,
            owner: Owner::ServiceAccount(id),
            removed_owner_role: None,
            expires_at,
        });
        p.service_accounts.push(sa);
        Ok(answer)
    }

    fn service_account(p: &Project, id: &str) -> Result<usize, ApiError> {
        p.service_accounts.iter().position(|s| s.id == id).ok_or_else(|| ApiError::not_found("service account", id))
    }

    pub fn retrieve_service_account(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?;
        Ok(sa_json(&p.service_accounts[Self::service_account(p, id)?]))
    }

    pub fn delete_service_account(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        let i = Self::service_account(p, id)?;
        p.service_accounts.remove(i);
        p.api_keys.retain(|k| !matches!(&k.owner, Owner::ServiceAccount(s) if s == id));
        Ok(deleted("organization.project.service_account.deleted", id))
    }

    /// `owner_project_access`: `active`, `inactive`, `any`, or None (the
    /// default visibility: keys whose owner is still in the project).
    pub fn list_api_keys(&mut self, project: &str, page: &Page, owner_project_access: Option<&str>) -> Answer {
        let p = self.project(project)?;
        let keys: Vec<&ApiKey> = p
            .api_keys
            .iter()
            .filter(|k| match owner_project_access {
                Some("any") => true,
                Some("inactive") => k.removed_owner_role.is_some(),
                _ => k.removed_owner_role.is_none(),
            })
            .collect();
        paginate(&keys, |k| &k.id, |k| p.key_json(k), page)
    }

    fn api_key(p: &Project, id: &str) -> Result<usize, ApiError> {
        p.api_keys.iter().position(|k| k.id == id).ok_or_else(|| ApiError::not_found("API key", id))
    }

    pub fn retrieve_api_key(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?;
        Ok(p.key_json(&p.api_keys[Self::api_key(p, id)?]))
    }

    /// New scopes and/or a new expiry (from now) for a key that has not
    /// expired; its secret stays hidden (the answer is the key as listed;
    /// the scopes show in the audit log's `api_key.updated`).
    pub fn update_api_key(&mut self, project: &str, id: &str, body: &Value) -> Answer {
        let obj = object(body, &["scopes", "expires_in_seconds"])?;
        if obj.is_empty() {
            return Err(ApiError::invalid(None, "Provide at least one of 'scopes' or 'expires_in_seconds'."));
        }
        let now = self.tick();
        let expires_at = expiry(obj, now)?;
        if let Some(v) = obj.get("scopes") {
            governance::strings(v, "scopes", true)?;
        }
        let p = self.project(project)?.writable()?;
        let i = Self::api_key(p, id)?;
        let k = &mut p.api_keys[i];
        if let Some(at) = k.expires_at.filter(|at| *at <= now) {
            return Err(ApiError::invalid(None, format!("API key '{id}' expired at {at}; expired keys cannot be updated.")));
        }
        if expires_at.is_some() {
            k.expires_at = expires_at;
        }
        let v = p.key_json(&p.api_keys[i]);
        self.audited_key(project, id, body);
        Ok(v)
    }

    fn audited_key(&mut self, project: &str, id: &str, body: &Value) {
        let name = self.projects.iter().find(|p| p.id == project).and_then(|p| p.name.clone());
        self.org.audit("api_key.updated", Some((project, name.as_deref())), json!({"id": id, "changes_requested": body}));
    }

    /// The project's default and enabled service tiers.
    pub fn retrieve_service_tiers(&mut self, project: &str) -> Answer {
        Ok(self.project(project)?.gov.service_tiers_json())
    }

    pub fn update_service_tiers(&mut self, project: &str, body: &Value) -> Answer {
        let p = self.project(project)?.writable()?;
        p.gov.update_service_tiers(body)
    }

    pub fn delete_api_key(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        let i = Self::api_key(p, id)?;
        p.api_keys.remove(i);
        Ok(deleted("organization.project.api_key.deleted", id))
    }

    pub fn list_rate_limits(&mut self, project: &str, page: &Page) -> Answer {
        let p = self.project(project)?;
        paginate(&p.rate_limits, |r| &r.id, rate_limit_json, page)
    }

    pub fn update_rate_limit(&mut self, project: &str, id: &str, body: &Value) -> Answer {
        let obj = object(body, &LIMIT_FIELDS)?;
        let mut updates = Vec::new();
        for (i, name) in LIMIT_FIELDS.iter().enumerate() {
            if let Some(v) = obj.get(*name) {
                match v.as_i64() {
                    Some(n) if n >= 0 => updates.push((i, n)),
                    _ => return Err(ApiError::invalid(Some(name), format!("'{name}' must be a non-negative integer."))),
                }
            }
        }
        let p = self.project(project)?.writable()?;
        let r = p.rate_limits.iter_mut().find(|r| r.id == id).ok_or_else(|| ApiError::not_found("rate limit", id))?;
        for (i, n) in updates {
            r.limits[i] = Some(n);
        }
        Ok(rate_limit_json(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(limit: usize, after: Option<&str>, before: Option<&str>) -> Page {
        Page { limit, after: after.map(str::to_string), before: before.map(str::to_string) }
    }

    fn ids(v: &Value) -> Vec<String> {
        v["data"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn pages_cover_every_item_once_with_cursors() {
        let mut s = Store::new(7);
        let all = s.project_ids();
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let v = s.list_projects(&page(3, after.as_deref(), None), false).unwrap();
            let got = ids(&v);
            assert_eq!(v["first_id"].as_str(), got.first().map(String::as_str));
            assert_eq!(v["last_id"].as_str(), got.last().map(String::as_str));
            seen.extend(got);
            after = v["last_id"].as_str().map(str::to_string);
            if !v["has_more"].as_bool().unwrap() {
                break;
            }
        }
        assert_eq!(seen, all);
        // Exactly a full page at the end: has_more is false, not a trailing empty page.
        let v = s.list_projects(&page(7, None, None), false).unwrap();
        assert_eq!((ids(&v).len(), v["has_more"].as_bool()), (7, Some(false)));
        // After the last item: an empty page with null cursors.
        let v = s.list_projects(&page(3, Some(&all[6]), None), false).unwrap();
        assert!(ids(&v).is_empty() && v["first_id"].is_null() && v["last_id"].is_null());
        let _ = s.archive_project(&all[0]);
        assert_eq!(ids(&s.list_projects(&page(100, None, None), false).unwrap()).len(), 6);
        assert_eq!(ids(&s.list_projects(&page(100, None, None), true).unwrap()).len(), 7);
    }

    #[test]
    fn before_takes_the_items_just_before_the_cursor() {
        let mut s = Store::new(1);
        let p = s.project_ids()[0].clone();
        let v = s.list_rate_limits(&p, &page(2, None, Some("rl-whisper-1"))).unwrap();
        assert_eq!(ids(&v), ["rl-o3", "rl-dall-e-3"]);
        assert_eq!(v["has_more"], json!(true));
        let v = s.list_rate_limits(&p, &page(2, None, Some("rl-gpt-4o-mini"))).unwrap();
        assert_eq!(ids(&v), ["rl-gpt-4o"]);
        assert_eq!(v["has_more"], json!(false));
        let v = s.list_rate_limits(&p, &page(5, Some("rl-gpt-4o"), Some("rl-whisper-1"))).unwrap();
        assert_eq!(ids(&v), ["rl-gpt-4o-mini", "rl-o3", "rl-dall-e-3"]);
        assert_eq!(s.list_rate_limits(&p, &page(2, Some("rl-nope"), None)).unwrap_err().status, 400);
    }

    #[test]
    fn archived_projects_refuse_changes_but_can_be_read() {
        let mut s = Store::new(1);
        let p = s.project_ids()[0].clone();
        s.archive_project(&p).unwrap();
        assert_eq!(s.modify_project(&p, &json!({"name": "x"})).unwrap_err().status, 400);
        assert_eq!(s.create_service_account(&p, &json!({"name": "x"})).unwrap_err().status, 400);
        assert_eq!(s.update_rate_limit(&p, "rl-o3", &json!({"max_requests_per_1_minute": 1})).unwrap_err().status, 400);
        assert_eq!(s.retrieve_project(&p).unwrap()["status"], json!("archived"));
        assert_eq!(s.retrieve_project("proj_nope").unwrap_err().status, 404);
    }

    #[test]
    fn bodies_are_validated() {
        let mut s = Store::new(1);
        let p = s.project_ids()[0].clone();
        let e = s.create_project(&json!({})).unwrap_err();
        assert_eq!((e.status, e.param.as_deref()), (400, Some("name")));
        assert_eq!(s.create_project(&json!({"name": "a", "color": "red"})).unwrap_err().param.as_deref(), Some("color"));
        assert_eq!(s.create_project(&json!([1])).unwrap_err().status, 400);
        let e = s.create_user(&p, &json!({"user_id": "user_bob", "role": "superuser"})).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("role"));
        let e = s.update_rate_limit(&p, "rl-o3", &json!({"max_requests_per_1_minute": "5"})).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("max_requests_per_1_minute"));
    }
}
