//! A collection no declaration owns, served as the document says: an
//! operation OpenAI adds that is a plain resource (list, create, retrieve,
//! update and delete under one path) works in the mock without new code.
//! An object is made from the operation's documented example answer (or
//! its retrieve's, or its list's first item): a new `id` with the
//! example's prefix, the clock's time in `created_at` and `updated_at`, and
//! the request's members where the example has them. An update sets the
//! members the object has; a delete answers as its example does (a
//! `deleted: true` answer, or the object as it was).

use crate::error::{Answer, ApiError};
use crate::paging::page;
use crate::query::QVal;
use crate::spec::{OpSpec, Spec};
use crate::state::{plain, State};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

type Q = BTreeMap<String, QVal>;

/// What a 404 calls one object of `collection` (`/…/alert_rules` → "alert rule").
fn what(collection: &str) -> String {
    let last = collection.rsplit('/').next().unwrap_or_default();
    let one = last.strip_suffix('s').filter(|_| !last.ends_with("ss")).unwrap_or(last);
    one.replace('_', " ")
}

/// The shape of one object: the documented example of the create, the
/// retrieve or the list (its first item), whichever the document has first.
fn template(spec: &Spec, op: &OpSpec) -> Option<Map<String, Value>> {
    let created = spec.op_on("POST", op.collection, false).and_then(|o| o.example.clone());
    let got = spec.op_on("GET", op.collection, true).and_then(|o| o.example.clone());
    let listed = spec.op_on("GET", op.collection, false).and_then(|o| o.example.as_ref().map(|e| e["data"][0].clone()));
    [created, got, listed].into_iter().flatten().find_map(|v| v.as_object().cloned())
}

/// The prefix of an example's id (`alertrule_` of `alertrule_ecc2…`).
fn id_prefix(example_id: Option<&str>) -> &str {
    example_id.and_then(|id| id.rfind(['_', '-']).map(|i| &id[..=i])).unwrap_or("obj_")
}

/// A new object of `op`'s collection under `parents`, made from its
/// template with the request's members over it, kept in the state.
pub fn create(spec: &Spec, st: &mut State, op: &OpSpec, parents: &[String], b: &Map<String, Value>) -> Value {
    let mut v = template(spec, op).unwrap_or_default();
    let id = st.next_id(id_prefix(v.get("id").and_then(Value::as_str)));
    let now = st.tick();
    for (name, value) in b {
        if v.contains_key(name) || v.is_empty() {
            v.insert(name.clone(), value.clone());
        }
    }
    v.insert("id".into(), id.into());
    for stamp in ["created_at", "updated_at"] {
        if v.contains_key(stamp) {
            v.insert(stamp.into(), now.into());
        }
    }
    let v = Value::Object(v);
    st.push(op.collection, parents, v.clone());
    v
}

pub fn serve(spec: &Spec, st: &mut State, op: &OpSpec, ids: &[String], q: &Q, b: &Map<String, Value>) -> Answer {
    let one = op.pieces.last() == Some(&None);
    let parents = if one { &ids[..ids.len() - 1] } else { ids };
    let key = op.collection;
    let what = what(key);
    let position = |st: &State, id: &str| st.index_of(key, parents, "id", id).ok_or_else(|| ApiError::not_found(&what, id));
    match (op.method.as_str(), one) {
        ("GET", false) => {
            // A query parameter that names a member of the objects filters by it (`run_id`).
            let mut items: Vec<Value> = st.under(key, parents).map(plain).collect();
            for (name, value) in q {
                match value {
                    QVal::Str(want) if items.iter().any(|v| v.get(name).is_some()) => items.retain(|v| v[name] == want.as_str()),
                    // `metadata[k]=v`: each pair must be the object's.
                    QVal::Map(pairs) => items.retain(|v| pairs.iter().all(|(k, want)| v[name][k] == want.as_str())),
                    _ => {}
                }
            }
            page(items, q, "id", op.pages_by_next(spec))
        }
        ("POST", false) => Ok(create(spec, st, op, parents, b)),
        ("GET", true) => {
            let i = position(st, &ids[ids.len() - 1])?;
            Ok(plain(&st.items[key][i].v))
        }
        ("POST", true) => {
            let i = position(st, &ids[ids.len() - 1])?;
            let now = st.tick();
            let v = &mut st.items.get_mut(key).expect("found above")[i].v;
            for (name, value) in b {
                if v.get(name).is_some() {
                    v[name] = value.clone();
                }
            }
            if v.get("updated_at").is_some() {
                v["updated_at"] = now.into();
            }
            Ok(plain(v))
        }
        ("DELETE", true) => {
            let i = position(st, &ids[ids.len() - 1])?;
            let v = st.items.get_mut(key).expect("found above").remove(i).v;
            match &op.example {
                Some(e) if e["deleted"] == true => {
                    let mut gone = Map::new();
                    if let Some(object) = e.get("object") {
                        gone.insert("object".into(), object.clone());
                    }
                    gone.insert("id".into(), v["id"].clone());
                    gone.insert("deleted".into(), true.into());
                    Ok(Value::Object(gone))
                }
                _ => Ok(plain(&v)),
            }
        }
        _ => Err(ApiError::invalid(None, format!("{} is not served", op.id))),
    }
}
