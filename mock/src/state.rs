//! The mock's state: its one clock, its ids, the objects of every
//! collection and every singleton, the audit log and the verdicts a test
//! set. What each collection is, and how a request changes it, is declared
//! in `organization` and `projects`; `serve` applies the declarations.

use crate::error::ApiError;
use crate::people::{Person, ORG_USERS};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// An object of a collection: the ids of its parents (a project's users
/// have the project's) and its JSON as the API shows it (members starting
/// with `_` are the mock's own and never shown).
pub struct Item {
    pub parents: Vec<String>,
    pub v: Value,
}

pub struct State {
    /// The mock's one clock (Unix seconds): every date it gives (projects,
    /// keys, audit-log entries, the present of usage and costs) is read
    /// from it; each change moves it on a second.
    clock: i64,
    /// The user the admin key belongs to: the actor of audit-log entries
    /// and the owner of new admin keys.
    pub actor: String,
    /// The organization's ids and the projects' come from two sequences,
    /// so neither half's ids move when the other grows.
    seq: u64,
    project_seq: u64,
    /// Objects by collection (a resource's `key`).
    pub items: BTreeMap<&'static str, Vec<Item>>,
    /// Singletons changed from their first value, by key and the id of
    /// the project they belong to ("" for the organization's).
    pub singletons: BTreeMap<(&'static str, String), Value>,
    /// The audit log, oldest first.
    pub log: Vec<Value>,
    /// What validating an external key or storage answers, as a test set it
    /// (by id); without one, the mock's rule decides.
    pub verdicts: BTreeMap<String, String>,
    /// Where the mock is served (`http://127.0.0.1:port`): the start of the
    /// URLs it hands out (an image's).
    pub base: String,
}

impl State {
    /// Nothing yet, the clock at `now`, the admin key `actor`'s.
    pub fn empty(now: i64, actor: &str) -> State {
        State {
            clock: now,
            actor: actor.to_string(),
            seq: 0,
            project_seq: 0,
            items: BTreeMap::new(),
            singletons: BTreeMap::new(),
            log: Vec::new(),
            verdicts: BTreeMap::new(),
            base: "http://127.0.0.1".into(),
        }
    }

    /// Moves the clock on a second and gives the new present.
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

    /// A new organization-side id: deterministic, spread out, looking like OpenAI's.
    pub fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        format!("{prefix}{:016x}", self.seq.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5bd1_e995)
    }

    /// A new id of a project or of what it holds.
    pub fn next_project_id(&mut self, prefix: &str) -> String {
        self.project_seq += 1;
        format!("{prefix}{:016x}", self.project_seq.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// Adds an object to collection `key`.
    pub fn push(&mut self, key: &'static str, parents: &[String], v: Value) {
        self.items.entry(key).or_default().push(Item { parents: parents.to_vec(), v });
    }

    /// The objects of collection `key` under `parents`, in order.
    pub fn under<'a>(&'a self, key: &str, parents: &'a [String]) -> impl Iterator<Item = &'a Value> + 'a {
        self.items.get(key).into_iter().flatten().filter(move |i| i.parents == parents).map(|i| &i.v)
    }

    /// The objects of collection `key` under `parents`, to change.
    pub fn under_mut<'a>(&'a mut self, key: &str, parents: &'a [String]) -> impl Iterator<Item = &'a mut Value> + 'a {
        self.items.get_mut(key).into_iter().flatten().filter(move |i| i.parents == parents).map(|i| &mut i.v)
    }

    /// Where in collection `key` the object under `parents` whose member
    /// `member` is `id` stands.
    /// Puts `v` back in place of the object of its `id` under `parents`.
    pub fn replace(&mut self, key: &str, parents: &[String], v: &Value) {
        let id = v["id"].as_str().unwrap_or_default().to_string();
        if let Some(old) = self.under_mut(key, parents).find(|o| o["id"] == id.as_str()) {
            *old = v.clone();
        }
    }

    pub fn index_of(&self, key: &str, parents: &[String], member: &str, id: &str) -> Option<usize> {
        self.items.get(key)?.iter().position(|i| i.parents == parents && i.v[member] == id)
    }

    /// The object of collection `key` under `parents` whose `id` member is `id`.
    pub fn find(&self, key: &str, parents: &[String], id: &str) -> Option<&Value> {
        self.index_of(key, parents, "id", id).map(|i| &self.items[key][i].v)
    }

    /// Drops the objects of collection `key` that `gone` picks.
    pub fn remove_where(&mut self, key: &str, gone: impl Fn(&Item) -> bool) {
        if let Some(list) = self.items.get_mut(key) {
            list.retain(|i| !gone(i));
        }
    }

    /// The admin key's owner, as `{id, name, email, created_at}` of the
    /// organization's users (an id it does not know: that id alone).
    pub fn owner(&self) -> Value {
        match ORG_USERS.iter().find(|u| u.id == self.actor) {
            Some(u) => json!({"id": u.id, "name": u.name, "email": u.email, "created_at": u.created_at}),
            None => json!({"id": self.actor, "name": null, "email": null, "created_at": 0}),
        }
    }

    /// The ids of every project, oldest first (archived ones too).
    pub fn project_ids(&self) -> Vec<String> {
        self.under("projects", &[]).map(|v| text(v, "id")).collect()
    }

    /// The organization's user (by a test on its id, email, …) as a project sees it.
    pub fn person(&self, test: impl Fn(&Person) -> bool) -> Option<Person> {
        self.under("users", &[]).map(person_of).find(|p| test(p))
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

/// A string member of `v` ("" if it is not one).
pub fn text(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

/// A string member of a request body ("" if it is not one).
pub fn member(b: &Map<String, Value>, k: &str) -> String {
    b.get(k).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// `v` with the members of a request body `b` over its own.
pub fn with(mut v: Value, b: &Map<String, Value>) -> Value {
    for (k, x) in b {
        v[k] = x.clone();
    }
    v
}

/// An object as the API shows it: without the mock's own `_` members.
pub fn plain(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.retain(|k, _| !k.starts_with('_'));
    }
    v
}

/// A request member that must be a string with more than blanks in it.
pub fn name(b: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match b.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::invalid(Some(key), format!("'{key}' must be a non-empty string."))),
    }
}
