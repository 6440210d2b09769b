//! Where each generated model, enum and call lives: a call in its API's
//! file (`ProjectsAPI_…` in `calls/projects.rs`, as `api/ProjectsAPI.h`);
//! a model or enum with the one API whose calls use it (through their
//! bodies, answers, lists and parameters, and the models those hold), or in
//! `common` when several use it or none does. So a group's models point
//! only to their own group and to `common`, and `common`'s only to itself.

use super::model::*;
use super::naming::snake;
use super::ops::*;
use std::collections::{BTreeMap, BTreeSet};

/// The group of shared models and enums.
pub(crate) const COMMON: &str = "common";

/// The file (module) name of an API: `AuditLogsAPI` -> `audit_logs`;
/// `ModelsAPI`, whose name is its folder's, -> `models_api`.
pub(crate) fn file_of(api: &str) -> String {
    match snake(api.strip_suffix("API").unwrap_or(api)) {
        name if name == "models" || name == "calls" => format!("{name}_api"),
        name => name,
    }
}

/// The group of every model (by name) and enum (by C type).
pub(crate) struct Groups {
    pub models: BTreeMap<String, String>,
    pub enums: BTreeMap<String, String>,
}

impl Groups {
    pub(crate) fn model(&self, name: &str) -> &str {
        self.models.get(name).map_or(COMMON, String::as_str)
    }

    pub(crate) fn enum_(&self, c: &str) -> &str {
        self.enums.get(c).map_or(COMMON, String::as_str)
    }

    /// Every group, `common` first.
    pub(crate) fn all(&self) -> Vec<String> {
        let others: BTreeSet<&String> = self.models.values().chain(self.enums.values()).filter(|g| *g != COMMON).collect();
        std::iter::once(COMMON.to_string()).chain(others.into_iter().cloned()).collect()
    }
}

/// What one operation uses directly: its API, its models and its
/// parameters' enums (by C type).
pub(crate) struct Uses {
    pub api: String,
    pub models: Vec<String>,
    pub enums: Vec<String>,
}

/// The models and enums an organization-style operation uses.
pub(crate) fn uses_of(org: &Org, op: &Op) -> Uses {
    let mut models: Vec<String> = op.body.iter().chain([&op.result]).cloned().collect();
    let mut enums = Vec::new();
    models.extend(op.list.iter().map(|(item, _, _)| item.clone()));
    for p in op.query.iter().chain(op.ex.iter().flatten()) {
        match &p.q {
            Q::Object(m, _) => models.push(m.clone()),
            Q::Enum(i) => enums.push(org.enums[*i].c.clone()),
            _ => {}
        }
    }
    Uses { api: op.api.clone(), models, enums }
}

/// The groups of the models of `orgs` and their enums, from what the
/// operations use.
pub(crate) fn groups(orgs: &[&Org], uses: &[Uses]) -> Groups {
    let model_of = |name: &str| orgs.iter().find_map(|o| o.models.get(name).map(|m| (*o, m)));
    // The APIs that reach each model; a model no operation reaches is
    // marked as used by everyone (`common`), and so is what it holds.
    let mut apis: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let reach = |from: &str, api: &str, apis: &mut BTreeMap<String, BTreeSet<String>>| {
        let mut todo = vec![from.to_string()];
        while let Some(name) = todo.pop() {
            if !apis.entry(name.clone()).or_default().insert(api.to_string()) {
                continue;
            }
            if let Some((_, m)) = model_of(&name) {
                for f in &m.members {
                    if let Ty::Model(n) | Ty::List(n) = &f.ty {
                        todo.push(n.clone());
                    }
                }
            }
        }
    };
    for u in uses {
        for m in &u.models {
            reach(m, &u.api, &mut apis);
        }
    }
    let all: Vec<String> = orgs.iter().flat_map(|o| o.models.keys().cloned()).collect();
    for name in &all {
        if !apis.contains_key(name) {
            reach(name, COMMON, &mut apis);
        }
    }
    let one = |set: &BTreeSet<String>| match set.iter().collect::<Vec<_>>()[..] {
        [api] if api != COMMON => file_of(api),
        _ => COMMON.to_string(),
    };
    let models: BTreeMap<String, String> = all.iter().map(|n| (n.clone(), one(&apis[n]))).collect();
    // An enum lives with the models and calls that use it.
    let mut enum_groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for o in orgs {
        for m in o.models.values() {
            for f in &m.members {
                if let Ty::Enum(i) = f.ty {
                    enum_groups.entry(o.enums[i].c.clone()).or_default().insert(models[&m.name].clone());
                }
            }
        }
        for e in &o.enums {
            enum_groups.entry(e.c.clone()).or_default();
        }
    }
    for u in uses {
        for e in &u.enums {
            enum_groups.entry(e.clone()).or_default().insert(file_of(&u.api));
        }
    }
    let enums = enum_groups
        .into_iter()
        .map(|(c, set)| {
            let g = match set.iter().collect::<Vec<_>>()[..] {
                [g] => g.clone(),
                _ => COMMON.to_string(),
            };
            (c, g)
        })
        .collect();
    Groups { models, enums }
}
