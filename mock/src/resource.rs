//! What a declaration of the API's state says: a `Resource` is a
//! collection (its path in the document, its parents, how an object is
//! made, changed, shown and deleted), a `Singleton` one object per
//! organization or project (data retention, a spend limit, …). The
//! declarations are in `organization` and `projects`; `serve` runs them.

use crate::error::ApiError;
use crate::query::QVal;
use crate::state::State;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A checked query.
pub type Q = BTreeMap<String, QVal>;
/// A checked request body.
pub type Body = Map<String, Value>;
/// What a new object is (its JSON), made under its parents' ids; Err: 400/404.
pub type Make = fn(&mut State, &[String], &Body) -> Result<Value, ApiError>;
/// A change to an object under its parents' ids.
pub type Change = fn(&mut State, &[String], &mut Value, &Body) -> Result<(), ApiError>;
/// An object as an answer shows it (list items, retrieve, …).
pub type Show = fn(&State, &[String], &Value) -> Value;
/// Before an object is deleted (with the delete's query): Err refuses; may
/// change what refers to it.
pub type Deleting = fn(&mut State, &[String], &Value, &Q) -> Result<(), ApiError>;
/// Which objects a list keeps, by the query and the object as shown.
pub type Keep = fn(&Q, &Value) -> bool;

/// A collection.
pub struct Resource {
    /// The key of its objects in `State::items`.
    pub key: &'static str,
    /// The collection's path in the document (`{…}` for parents' ids).
    pub path: &'static str,
    /// What a 404 calls one.
    pub what: &'static str,
    /// The collections of the path's ids, outermost first: each must hold
    /// the id (a group's users: `["groups"]`).
    pub parents: &'static [&'static str],
    /// The member that names an object (and is a list's cursor).
    pub id: &'static str,
    pub make: Option<Make>,
    pub change: Option<Change>,
    pub show: Show,
    /// As a list shows one (None: `show`).
    pub listed: Option<Show>,
    /// The answer to a create (None: `show`).
    pub created: Option<Show>,
    /// The answer to a change (None: `show`).
    pub changed: Option<Show>,
    pub deleting: Option<Deleting>,
    /// The answer to a delete.
    pub deleted: Gone,
    /// Audit-log events for create, update and delete ("" for none).
    pub events: [&'static str; 3],
    /// String query parameters a list keeps only the objects with that
    /// member equal to (and a retrieve answers 404 to another).
    pub filters: &'static [&'static str],
    pub keep: Option<Keep>,
    /// The body member a create links by: linking the same twice is refused.
    pub unique: Option<&'static str>,
    /// `POST …/{id}/validate`: the status the mock's rule gives an object.
    pub validate: Option<fn(&Value) -> &'static str>,
}

/// The parts most declarations leave as they are.
pub const RESOURCE: Resource = Resource {
    key: "",
    path: "",
    what: "",
    parents: &[],
    id: "id",
    make: None,
    change: None,
    show: plain,
    listed: None,
    created: None,
    changed: None,
    deleting: None,
    deleted: gone("", false, false),
    events: ["", "", ""],
    filters: &[],
    keep: None,
    unique: None,
    validate: None,
};

/// An object as stored, without the mock's own members.
pub fn plain(_: &State, _: &[String], v: &Value) -> Value {
    crate::state::plain(v)
}

/// The answer to a delete: its `object` (empty: the object itself, as it
/// was), and whether it carries the id and `deleted: true`.
pub struct Gone {
    pub object: &'static str,
    pub id: bool,
    pub flag: bool,
}

pub const fn gone(object: &'static str, id: bool, flag: bool) -> Gone {
    Gone { object, id, flag }
}

impl Gone {
    pub fn answer(&self, id: &Value) -> Value {
        let mut out = json!({"object": self.object});
        if self.id {
            out["id"] = id.clone();
        }
        if self.flag {
            out["deleted"] = json!(true);
        }
        out
    }
}

/// One object per organization (no parents) or per project.
pub struct Singleton {
    /// Its key in `State::singletons`.
    pub key: &'static str,
    /// Its path in the document.
    pub path: &'static str,
    /// Its value before any change, for the parents' ids (None: it does
    /// not exist until set).
    pub initial: fn(&[String]) -> Option<Value>,
    /// The value a `POST` sets, from the current one (null if none) and the body.
    pub set: fn(&mut State, &Value, &Body) -> Result<Value, ApiError>,
    /// The 404 when it does not exist, for the parents' ids.
    pub missing: fn(&[String]) -> ApiError,
    /// The `object` of the answer to a `DELETE` (which brings back `initial`).
    pub deleted: &'static str,
}
