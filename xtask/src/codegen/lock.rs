//! The layout lock (`tests/data/layout.lock`): every released struct and
//! enum keeps its layout, whatever the documents say now.

use super::model::*;
use super::root;
use std::collections::BTreeMap;

/// A released struct (`tests/data/layout.lock`): its members up to
/// `_library_owned`, those after it, and each one's C declaration.
pub struct Locked {
    before: Vec<String>,
    after: Vec<String>,
    decls: BTreeMap<String, String>,
}

pub type Lock = BTreeMap<String, Locked>;

pub fn lock() -> Lock {
    let text = std::fs::read_to_string(root().join("tests/data/layout.lock")).unwrap();
    let mut out = Lock::new();
    for line in text.lines() {
        let Some((name, decls)) = line.strip_prefix("struct ").and_then(|l| l.split_once(": ")) else { continue };
        let Some(name) = name.strip_suffix("_t") else { continue };
        let decls: Vec<(String, String)> = decls
            .split("; ")
            .filter(|d| !d.contains('('))
            .filter_map(|d| d.rsplit([' ', '*']).next().map(|n| (n.to_string(), d.to_string())))
            .collect();
        let names: Vec<String> = decls.iter().map(|(n, _)| n.clone()).collect();
        let Some(at) = names.iter().position(|n| n == "_library_owned") else { continue };
        let locked = Locked { before: names[..at].to_vec(), after: names[at + 1..].to_vec(), decls: decls.into_iter().collect() };
        out.insert(name.to_string(), locked);
    }
    out
}

/// What is released stays released (section 9): a model the lock records
/// keeps its members up to `_library_owned` in their places and with their
/// types (a string stays `char *`, free-form JSON `cJSON *`), and every
/// member the lock lacks goes after it, after the locked ones. A request
/// with such members and nothing public after `_library_owned` keeps them
/// in its private block (setters), as the seed's requests do.
pub fn follow_lock(models: &mut BTreeMap<String, Model>, lock: &Lock, requests: &[String]) {
    for (name, m) in models.iter_mut() {
        m.request |= requests.contains(name);
    }
    // A request's optional boolean can be sent as `false` (`has_<member>`),
    // unless a release laid it out without that.
    for (name, m) in models.iter_mut().filter(|(n, m)| requests.contains(n) && !m.private) {
        let decls = lock.get(name).map(|l| &l.decls);
        for f in m.members.iter_mut().filter(|f| f.ty == Ty::Bool && !f.required) {
            let released_plain = decls.is_some_and(|d| d.contains_key(&f.name) && !d.contains_key(&format!("has_{}", f.name)));
            if !released_plain {
                f.ty = Ty::NullableBool;
            }
        }
    }
    for (name, m) in models.iter_mut() {
        let Some(Locked { before, after, decls }) = lock.get(name) else { continue };
        let companion = |b: &str| {
            m.members.iter().any(|f| b == format!("has_{}", f.name) || b == format!("{}_string", f.name) || b == format!("{}_64", f.name))
        };
        for b in before.iter().filter(|b| !companion(b)) {
            assert!(
                m.members.iter().any(|f| &f.name == b && !f.ext),
                "{name}_t: the document no longer has `{b}`, a member a release laid out before `_library_owned`"
            );
        }
        for f in m.members.iter_mut() {
            f.ext = !before.contains(&f.name);
            match (decls.get(&f.name).map(String::as_str), &f.ty) {
                (Some(d), Ty::Str) if d.starts_with("struct cJSON *") => f.ty = Ty::Json,
                (Some(d), Ty::Json) if d.starts_with("char *") => f.ty = Ty::Str,
                _ => {}
            }
        }
        let place = |f: &Member| {
            let at = if f.ext { after } else { before };
            (f.ext, at.iter().position(|n| *n == f.name).unwrap_or(usize::MAX))
        };
        m.members.sort_by_key(place);
        if requests.contains(name) && after.is_empty() && m.members.iter().any(|f| f.ext) {
            m.private = true;
        }
    }
}
