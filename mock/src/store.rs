//! The state of the fake organization and the rules of each operation:
//! validation, 404s, archived projects, pagination. HTTP lives in `routes`.

use serde_json::{json, Map, Value};

/// An OpenAI error answer: status plus `{"error":{message,type,param,code}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
    pub kind: &'static str,
    pub param: Option<String>,
    pub code: Option<&'static str>,
}

impl ApiError {
    pub fn invalid(param: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError { status: 400, message: message.into(), kind: "invalid_request_error", param: param.map(str::to_string), code: None }
    }
    pub fn not_found(what: &str, id: &str) -> ApiError {
        ApiError {
            status: 404,
            message: format!("No such {what}: '{id}'"),
            kind: "invalid_request_error",
            param: None,
            code: Some("not_found"),
        }
    }
    pub fn body(&self) -> Value {
        json!({"error": {"message": self.message, "type": self.kind, "param": self.param, "code": self.code}})
    }
}

pub type Answer = Result<Value, ApiError>;

struct Member {
    id: String,
    role: &'static str,
    added_at: i64,
}

struct ServiceAccount {
    id: String,
    name: String,
    role: &'static str,
    created_at: i64,
}

enum Owner {
    User(String),
    ServiceAccount(String),
}

struct ApiKey {
    id: String,
    name: String,
    redacted: String,
    created_at: i64,
    owner: Owner,
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
    name: String,
    created_at: i64,
    archived_at: Option<i64>,
    users: Vec<Member>,
    service_accounts: Vec<ServiceAccount>,
    api_keys: Vec<ApiKey>,
    rate_limits: Vec<RateLimit>,
}

/// A user of the organization (a project can only add these).
pub struct OrgUser {
    pub id: &'static str,
    pub name: &'static str,
    pub email: &'static str,
}

/// The organization's users.
pub const ORG_USERS: [OrgUser; 5] = [
    OrgUser { id: "user_alice", name: "Alice Example", email: "alice@example.com" },
    OrgUser { id: "user_bob", name: "Bob Example", email: "bob@example.com" },
    OrgUser { id: "user_carol", name: "Carol Example", email: "carol@example.com" },
    OrgUser { id: "user_dan", name: "Dan Example", email: "dan@example.com" },
    OrgUser { id: "user_zoe", name: "Zoë Ångström 日本", email: "zoe@example.com" },
];

/// Page parameters, already validated.
pub struct Page {
    pub limit: usize,
    pub after: Option<String>,
    pub before: Option<String>,
}

/// The fake organization.
pub struct Store {
    clock: i64,
    seq: u64,
    projects: Vec<Project>,
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

fn role(v: &Value) -> Result<&'static str, ApiError> {
    match v.as_str() {
        Some("owner") => Ok("owner"),
        Some("member") => Ok("member"),
        _ => Err(ApiError::invalid(Some("role"), format!("Invalid value for 'role': {v}. Expected 'owner' or 'member'."))),
    }
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
    let u = ORG_USERS.iter().find(|u| u.id == m.id).expect("members are org users");
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
        json!({
            "object": "organization.project",
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at,
            "archived_at": self.archived_at,
            "status": if self.archived_at.is_some() { "archived" } else { "active" },
        })
    }

    fn key_json(&self, k: &ApiKey) -> Value {
        let owner = match &k.owner {
            Owner::User(id) => {
                let m = self.users.iter().find(|m| &m.id == id);
                json!({"type": "user", "user": m.map(user_json)})
            }
            Owner::ServiceAccount(id) => {
                let s = self.service_accounts.iter().find(|s| &s.id == id);
                json!({"type": "service_account", "service_account": s.map(sa_json)})
            }
        };
        json!({"object": "organization.project.api_key", "redacted_value": k.redacted, "name": k.name,
               "created_at": k.created_at, "id": k.id, "owner": owner})
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
    pub fn new(seed_projects: usize) -> Store {
        let mut s = Store { clock: 1_711_471_533, seq: 0, projects: Vec::new() };
        for i in 1..=seed_projects {
            s.add_project(format!("Project {i}"));
        }
        if let Some(p) = s.projects.first_mut() {
            p.users.push(Member { id: "user_alice".into(), role: "owner", added_at: 1_711_471_533 });
            p.api_keys.push(ApiKey {
                id: "key_alice".into(),
                name: "Alice's key".into(),
                redacted: "sk-abc...def".into(),
                created_at: 1_711_471_533,
                owner: Owner::User("user_alice".into()),
            });
        }
        s
    }

    fn tick(&mut self) -> i64 {
        self.clock += 1;
        self.clock
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        // Deterministic, spread-out ids that look like OpenAI's.
        format!("{prefix}{:016x}", self.seq.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn add_project(&mut self, name: String) -> &Project {
        let id = self.next_id("proj_");
        let created_at = self.tick();
        let rate_limits = DEFAULT_LIMITS.iter().map(|(model, limits)| RateLimit { id: format!("rl-{model}"), model, limits: *limits }).collect();
        self.projects.push(Project {
            id,
            name,
            created_at,
            archived_at: None,
            users: Vec::new(),
            service_accounts: Vec::new(),
            api_keys: Vec::new(),
            rate_limits,
        });
        self.projects.last().unwrap()
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
        let name = required(object(body, &["name"])?, "name")?;
        if !is_name(name) {
            return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string."));
        }
        let name = name.as_str().unwrap().to_string();
        Ok(self.add_project(name).json())
    }

    pub fn retrieve_project(&mut self, id: &str) -> Answer {
        Ok(self.project(id)?.json())
    }

    pub fn modify_project(&mut self, id: &str, body: &Value) -> Answer {
        let name = required(object(body, &["name"])?, "name")?;
        if !is_name(name) {
            return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string."));
        }
        let p = self.project(id)?.writable()?;
        p.name = name.as_str().unwrap().to_string();
        Ok(p.json())
    }

    pub fn archive_project(&mut self, id: &str) -> Answer {
        let now = self.tick();
        let p = self.project(id)?;
        p.archived_at.get_or_insert(now);
        Ok(p.json())
    }

    pub fn list_users(&mut self, project: &str, page: &Page) -> Answer {
        let p = self.project(project)?;
        paginate(&p.users, |m| &m.id, user_json, page)
    }

    pub fn create_user(&mut self, project: &str, body: &Value) -> Answer {
        let obj = object(body, &["user_id", "role"])?;
        let user_id = required(obj, "user_id")?;
        let role = role(required(obj, "role")?)?;
        let now = self.tick();
        let p = self.project(project)?.writable()?;
        let Some(user) = ORG_USERS.iter().find(|u| Some(u.id) == user_id.as_str()) else {
            return Err(ApiError::invalid(Some("user_id"), format!("No user {user_id} in this organization.")));
        };
        if p.users.iter().any(|m| m.id == user.id) {
            return Err(ApiError::invalid(Some("user_id"), format!("User '{}' is already a member of this project.", user.id)));
        }
        p.users.push(Member { id: user.id.to_string(), role, added_at: now });
        Ok(user_json(p.users.last().unwrap()))
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

    pub fn delete_user(&mut self, project: &str, user: &str) -> Answer {
        let p = self.project(project)?.writable()?;
        let i = p.member(user)?;
        p.users.remove(i);
        p.api_keys.retain(|k| !matches!(&k.owner, Owner::User(u) if u == user));
        Ok(deleted("organization.project.user.deleted", user))
    }

    pub fn list_service_accounts(&mut self, project: &str, page: &Page) -> Answer {
        let p = self.project(project)?;
        paginate(&p.service_accounts, |s| &s.id, sa_json, page)
    }

    pub fn create_service_account(&mut self, project: &str, body: &Value) -> Answer {
        let name = required(object(body, &["name"])?, "name")?;
        if !is_name(name) {
            return Err(ApiError::invalid(Some("name"), "'name' must be a non-empty string."));
        }
        self.project(project)?.writable()?;
        let id = self.next_id("svc_acct_");
        let key_id = self.next_id("key_");
        let secret = format!("sk-svcacct-{}{}", self.next_id(""), self.next_id(""));
        let now = self.tick();
        let p = self.project(project)?;
        let sa = ServiceAccount { id: id.clone(), name: name.as_str().unwrap().to_string(), role: "member", created_at: now };
        let mut answer = sa_json(&sa);
        answer["api_key"] = json!({"object": "organization.project.service_account.api_key", "value": secret,
                                   "name": "Secret Key", "created_at": now, "id": key_id});
        p.api_keys.push(ApiKey {
            id: key_id,
            name: "Secret Key".into(),
            redacted: format!("sk-svc...{}", &secret[secret.len() - 4..]),
            created_at: now,
            owner: Owner::ServiceAccount(id),
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

    pub fn list_api_keys(&mut self, project: &str, page: &Page) -> Answer {
        let p = self.project(project)?;
        paginate(&p.api_keys, |k| &k.id, |k| p.key_json(k), page)
    }

    fn api_key(p: &Project, id: &str) -> Result<usize, ApiError> {
        p.api_keys.iter().position(|k| k.id == id).ok_or_else(|| ApiError::not_found("API key", id))
    }

    pub fn retrieve_api_key(&mut self, project: &str, id: &str) -> Answer {
        let p = self.project(project)?;
        Ok(p.key_json(&p.api_keys[Self::api_key(p, id)?]))
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
        let r = p
            .rate_limits
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(|| ApiError::not_found("rate limit", id))?;
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
        let e = s.create_user(&p, &json!({"user_id": "user_bob", "role": "admin"})).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("role"));
        let e = s.update_rate_limit(&p, "rl-o3", &json!({"max_requests_per_1_minute": "5"})).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("max_requests_per_1_minute"));
    }
}
