//! One page of a list, as the API pages: `limit` (1 to 100, default 20),
//! `after` and `before` cursors (object ids), `order` (`desc` reverses),
//! and the answer in one of the API's two list shapes.

use crate::error::{Answer, ApiError};
use crate::query::QVal;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The page size the query asks for (`limit`: 1 to 100, default 20).
pub fn limit(q: &BTreeMap<String, QVal>) -> Result<usize, ApiError> {
    match q.get("limit") {
        Some(QVal::Int(n)) if (1..=100).contains(n) => Ok(*n as usize),
        Some(QVal::Int(n)) => {
            Err(ApiError::invalid(Some("limit"), format!("Invalid 'limit': {n}. Expected an integer between 1 and 100.")))
        }
        _ => Ok(20),
    }
}

/// Where the query's cursors put a page in a list of `len` items, `place`
/// giving an id's place in it (None: not in the list, refused): the page
/// lies in `lo..hi`, and with `before` alone (true) it is the `limit`
/// items just before `hi`, else the first ones from `lo`.
pub fn bounds(q: &BTreeMap<String, QVal>, len: usize, place: impl Fn(&str) -> Option<usize>) -> Result<(usize, usize, bool), ApiError> {
    let cursor = |key: &str| -> Result<Option<usize>, ApiError> {
        match q.get(key) {
            Some(QVal::Str(c)) => place(c)
                .map(Some)
                .ok_or_else(|| ApiError::invalid(Some(key), format!("Invalid '{key}': no object with id '{c}' in this list."))),
            _ => Ok(None),
        }
    };
    // A token page (`page`, the `next` of the page before) goes on after it too.
    let after = match cursor("after")? {
        Some(p) => Some(p),
        None => cursor("page")?,
    };
    let before = cursor("before")?;
    let lo = after.map_or(0, |p| p + 1);
    Ok((lo, before.unwrap_or(len).max(lo), before.is_some() && after.is_none()))
}

/// The page of `items` the query asks for. `id` is the member naming an
/// object; `by_next`: the answer carries `next` (the last id of a page
/// that has more, else null) instead of `first_id` and `last_id`. With
/// `before` and no `after` the page is the `limit` objects just before
/// the cursor.
pub fn page(mut items: Vec<Value>, q: &BTreeMap<String, QVal>, id: &str, by_next: bool) -> Answer {
    let limit = limit(q)?;
    if matches!(q.get("order"), Some(QVal::Str(o)) if o == "desc") {
        items.reverse();
    }
    let id_of = |v: &Value| v[id].as_str().unwrap_or_default().to_string();
    let (lo, hi, before_only) = bounds(q, items.len(), |c| items.iter().position(|v| id_of(v) == c))?;
    let (start, end, has_more) = if before_only {
        let start = hi.saturating_sub(limit).max(lo);
        (start, hi, start > lo)
    } else {
        let end = (lo + limit).min(hi);
        (lo, end, end < hi)
    };
    let data = items[start..end].to_vec();
    let mut out = json!({"object": "list", "has_more": has_more});
    if by_next {
        out["next"] = match data.last() {
            Some(v) if has_more => json!(id_of(v)),
            _ => Value::Null,
        };
    } else {
        out["first_id"] = data.first().map_or(Value::Null, |v| json!(id_of(v)));
        out["last_id"] = data.last().map_or(Value::Null, |v| json!(id_of(v)));
    }
    out["data"] = Value::Array(data);
    Ok(out)
}
