//! The organization part of the generator (ABI.md section 9): the 63
//! organization operations of `tests/data/admin-current.yaml` and their
//! models. The 22 operations the generated client has keep its names,
//! signatures and struct layouts, read from `tests/data/admin-2.3.0.yaml`
//! (members in the 2.3.0 order and types, C enums by value, then
//! `_library_owned`, then each enum's `<member>_string`, each count's
//! `<member>_64` and the current document's new members); the other 41
//! and their models follow section 8 (strings for enums). Operations and
//! members the document marks `x-source` (OpenAI's SDK has them before its
//! document) are read like the others.

use super::{camel, hash, segments, sentence, strs};
use crate::support::spec::snake;
use std::collections::BTreeMap;
use std::fmt::Write;
use yaml_rust2::{Yaml, YamlLoader};

pub fn load(file: &str) -> Yaml {
    let text = std::fs::read_to_string(crate::support::root().join("tests/data").join(file)).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// `schema`, or the schema its `$ref` names, in `doc`.
fn resolve<'a>(doc: &'a Yaml, schema: &'a Yaml) -> &'a Yaml {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            let target = &doc["components"]["schemas"][name];
            assert!(!target.is_badvalue(), "no {r}");
            resolve(doc, target)
        }
        None => schema,
    }
}

fn ref_name(schema: &Yaml) -> Option<&str> {
    schema["$ref"].as_str().map(|r| r.rsplit('/').next().unwrap())
}

/// The schema without an `anyOf: [X, {type: null}]` wrapper, and whether it
/// may be null.
fn strip_null(p: &Yaml) -> (&Yaml, bool) {
    if let Some(options) = p["anyOf"].as_vec() {
        let real: Vec<&Yaml> = options.iter().filter(|o| o["type"].as_str() != Some("null")).collect();
        if real.len() == 1 {
            return (real[0], real.len() < options.len());
        }
    }
    (p, p["nullable"].as_bool() == Some(true))
}

/// The branches of a union (`oneOf`, or `anyOf` of several), if it is one.
fn union_branches(p: &Yaml) -> Option<Vec<&Yaml>> {
    let options = p["oneOf"].as_vec().or_else(|| p["anyOf"].as_vec())?;
    let real: Vec<&Yaml> = options.iter().filter(|o| o["type"].as_str() != Some("null")).collect();
    (real.len() > 1).then_some(real)
}

fn is_object(doc: &Yaml, p: &Yaml) -> bool {
    let t = resolve(doc, p);
    !t["properties"].is_badvalue() || !t["allOf"].is_badvalue() || union_branches(t).is_some_and(|b| b.iter().all(|x| is_object(doc, x)))
}

/// The members of an object schema in order: `allOf` parts merged, a
/// union's branches flattened (a member where it first appears, typed as
/// its last branch has it, as the generator made the 2.3.0 union).
fn props<'a>(doc: &'a Yaml, schema: &'a Yaml) -> Vec<(String, &'a Yaml)> {
    let schema = resolve(doc, schema);
    let parts: Vec<&Yaml> = if let Some(all) = schema["allOf"].as_vec() {
        all.iter().collect()
    } else if let Some(b) = union_branches(schema) {
        b
    } else {
        return hash(&schema["properties"]).into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    };
    let mut out: Vec<(String, &Yaml)> = Vec::new();
    for part in parts {
        for (k, v) in props(doc, part) {
            match out.iter_mut().find(|(have, _)| *have == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
    }
    out
}

fn required(doc: &Yaml, schema: &Yaml) -> Vec<String> {
    let schema = resolve(doc, schema);
    let mut out: Vec<String> = strs(&schema["required"]).into_iter().map(String::from).collect();
    for part in schema["allOf"].as_vec().into_iter().flatten() {
        out.extend(required(doc, part));
    }
    out
}

fn description(doc: &Yaml, schema: &Yaml) -> Option<String> {
    let s = resolve(doc, schema);
    sentence(s["description"].as_str()).or_else(|| s["allOf"].as_vec().and_then(|a| a.iter().find_map(|p| description(doc, p))))
}

/// A JSON key as a C member name: other characters as `_`, a C keyword
/// with a leading `_`.
pub fn c_ident(key: &str) -> String {
    let s: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    const C_KEYWORDS: [&str; 12] =
        ["default", "auto", "char", "const", "double", "float", "int", "long", "short", "signed", "unsigned", "static"];
    if C_KEYWORDS.contains(&s.as_str()) {
        format!("_{s}")
    } else {
        s
    }
}

/// An enum value as the end of a C constant (section 4; a leading digit
/// gets a `_`).
fn c_value(v: &str) -> String {
    let s = c_ident(v);
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

fn upper_camel(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn enum_values(p: &Yaml) -> Vec<String> {
    p["enum"].as_vec().map_or(vec![], |v| {
        v.iter()
            .filter_map(|x| match x {
                Yaml::String(s) => Some(s.clone()),
                Yaml::Integer(i) => Some(i.to_string()),
                Yaml::Real(r) => Some(r.clone()),
                _ => None,
            })
            .collect()
    })
}

#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Str,
    Int,
    Bool,
    Double,
    Int64,
    /// A 2.3.0 `integer` of `format: int64`: a C `long`, as OpenAPI
    /// Generator's C client declares it.
    Long,
    /// A 2.3.0 `int` count, with its whole value in `<member>_64`.
    Counter,
    /// A C enum by value (index into `Org::enums`), the text of a value it
    /// has no constant for in `<member>_string`.
    Enum(usize),
    Model(String),
    List(String),
    StrList,
    Json,
    /// Every member no other one reads, as a cJSON object.
    Rest,
    /// An `int` that may be null, with `has_<member>`.
    NullableInt,
    /// An optional boolean of a request, with `has_<member>` (1: sent).
    NullableBool,
}

pub struct EnumDef {
    /// The Rust integer type behind it.
    pub raw: String,
    /// The C type, `openai_api_invite_ROLE_e`.
    pub c: String,
    /// The constants' prefix, `openai_api_invite_ROLE`.
    pub prefix: String,
    pub values: Vec<String>,
    /// `invite_role` for `invite_role_ToString`; empty for none.
    pub fns: String,
    /// A schema that is only an enum (`AuditLogEventType`): the
    /// generator's four functions.
    pub top: bool,
    pub doc: String,
}

pub struct Member {
    /// The C member name.
    pub name: String,
    /// The JSON key.
    pub key: String,
    pub ty: Ty,
    pub required: bool,
    pub secret: bool,
    pub doc: Option<String>,
    /// After `_library_owned` (the current document's, in structs the
    /// library made only).
    pub ext: bool,
    /// A released member the live API renamed: the new member's name.
    pub mirror: Option<String>,
}

pub struct Model {
    pub name: String,
    pub schema: String,
    pub doc: String,
    pub members: Vec<Member>,
    /// Laid out by the 2.3.0 document (released in the generated client).
    pub released: bool,
    /// A request whose members after `_library_owned` (and enum texts) live
    /// in a private block of the library's, set through setters.
    pub private: bool,
    /// A request body (or what one holds): it has a `_new` beside `_create`.
    pub request: bool,
}

/// The seed's schemas whose C names are not their snake_case (section 1):
/// (schema, struct name, function prefix).
const SEED_NAMES: [(&str, &str, &str); 1] = [("Error", "openai_api_error", "error")];

/// The function prefix of a model (`error_free` for `openai_api_error_t`).
pub fn fns_of(model: &str) -> &str {
    SEED_NAMES.iter().find(|(_, n, _)| *n == model).map_or(model, |(_, _, f)| f)
}

/// The C name of a schema's model.
fn model_name(schema: &str) -> String {
    SEED_NAMES.iter().find(|(s, _, _)| *s == schema).map_or_else(|| snake(schema), |(_, n, _)| n.to_string())
}

/// Nullable integers the live API added to a released model, each with a
/// `has_<member>` companion (1 when the answer had a value).
const NULLABLE_INTS: [(&str, &str); 1] = [("project_api_key", "last_used_at")];

/// Released models the live API also sends in another shape: that schema's
/// members are read too (an API key's owner is a user of that shape).
/// A member that shape lacks is not required (the answer may leave it
/// out), except an integer or boolean: a required one is always written.
const ALSO_READ: [(&str, &str); 2] =
    [("project_user", "ProjectApiKeyOwnerUser"), ("project_service_account", "ProjectApiKeyOwnerServiceAccount")];

/// Members the live API renamed: (2.3.0 key, current key).
const RENAMED_MEMBERS: [(&str, &str); 3] = [("result", "results"), ("invited_at", "created_at"), ("sessions", "num_sessions")];

/// Members that hold a secret (wiped before they are freed).
const SECRETS: [(&str, &str); 4] = [
    ("admin_api_key", "value"),
    ("admin_api_key_create_response", "value"),
    ("project_service_account_api_key", "value"),
    ("service_account_api_key_body", "value"),
];

/// The operationIds that are sentences, and their call names (section 9).
pub const RENAMED_OPS: [(&str, &str); 3] = [
    ("Getorganizationspendlimit", "retrieveOrganizationSpendLimit"),
    ("Updateorganizationspendlimit", "updateOrganizationSpendLimit"),
    ("Deleteorganizationspendlimit", "deleteOrganizationSpendLimit"),
];

/// Usage results count tokens, requests, bytes and seconds: their integers
/// are 64-bit (a released `int` one keeps a `_64` companion).
fn counts(model: &str) -> bool {
    model.starts_with("usage_") && (model.ends_with("_result") || model.ends_with("_result_inner"))
}

pub struct Org<'a> {
    pub old: &'a Yaml,
    pub cur: &'a Yaml,
    /// The seed's pass: released answers keep the document's required
    /// members (`_convertToJSON` writes them), and no `extra`.
    pub seed: bool,
    /// Schemas whose model already exists elsewhere: schema name -> C name.
    pub known: BTreeMap<String, String>,
    /// New models keep what an answer has beyond the document in `extra`.
    pub rest: bool,
    pub models: BTreeMap<String, Model>,
    pub enums: Vec<EnumDef>,
}

impl<'a> Org<'a> {
    /// A C enum for `values`, reused when one of that C name exists.
    #[allow(clippy::too_many_arguments)]
    fn add_enum(&mut self, raw: String, c: String, prefix: String, values: Vec<String>, fns: String, top: bool, doc: String) -> usize {
        if let Some(i) = self.enums.iter().position(|e| e.c == c) {
            return i;
        }
        assert!(!self.enums.iter().any(|e| e.raw == raw), "two enums named {raw}");
        self.enums.push(EnumDef { raw, c, prefix, values, fns, top, doc });
        self.enums.len() - 1
    }

    fn merged_values(old: &Yaml, cur: Option<&Yaml>) -> Vec<String> {
        let mut v = enum_values(old);
        for extra in cur.map(enum_values).unwrap_or_default() {
            if !v.contains(&extra) {
                v.push(extra);
            }
        }
        v
    }

    /// A released (2.3.0) model `name` for the old schema, with the current
    /// document's schema at the same place (if any) for its new members.
    pub fn released(&mut self, name: &str, label: &str, old: &'a Yaml, cur: Option<&'a Yaml>) {
        if self.models.contains_key(name) {
            return;
        }
        self.models.insert(
            name.into(),
            Model {
                name: name.into(),
                schema: label.into(),
                doc: String::new(),
                members: vec![],
                released: true,
                private: false,
                request: false,
            },
        );
        // A union's branches are models of their own too (the generated client has them).
        for b in union_branches(old).into_iter().flatten() {
            if let Some(sname) = ref_name(b) {
                let cur_b = &self.cur["components"]["schemas"][sname];
                self.released(&snake(sname), sname, resolve(self.old, b), (!cur_b.is_badvalue()).then_some(cur_b));
            }
        }
        let old_required = required(self.old, old);
        let old_props = props(self.old, old);
        let mut cur_props = cur.map(|c| props(self.cur, c)).unwrap_or_default();
        // The seed's members are required where both documents require a
        // value; the live API's answers may leave out the others.
        let cur_required = cur.map(|c| required(self.cur, c)).unwrap_or_default();
        let mut lacking: Vec<String> = Vec::new();
        for (_, also) in ALSO_READ.iter().filter(|(m, _)| *m == name) {
            let shape = props(self.cur, &self.cur["components"]["schemas"][*also]);
            lacking.extend(old_props.iter().map(|(k, _)| k.clone()).filter(|k| !shape.iter().any(|(s, _)| s == k)));
            for (k, v) in shape {
                if !cur_props.iter().any(|(have, _)| *have == k) {
                    cur_props.push((k, v));
                }
            }
        }
        let mut members = Vec::new();
        for (key, po) in &old_props {
            let pc = cur_props.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
            let renamed = RENAMED_MEMBERS.iter().find(|(o, n)| o == key && pc.is_none() && cur_props.iter().any(|(k, _)| k == n));
            // A renamed member's current schema is under its new name.
            let pc = pc.or_else(|| renamed.and_then(|(_, n)| cur_props.iter().find(|(k, _)| k == n).map(|(_, v)| *v)));
            let ty = self.old_ty(name, key, po, pc);
            let doc = sentence(resolve(self.old, po)["description"].as_str()).or_else(|| sentence(po["description"].as_str()));
            let required = if self.seed {
                let countable = matches!(ty, Ty::Int | Ty::Long | Ty::Bool);
                old_required.contains(key)
                    && cur_required.contains(key)
                    && !pc.is_some_and(|p| strip_null(p).1)
                    && (countable || !lacking.contains(key))
            } else {
                old_required.contains(key)
            };
            members.push(Member {
                name: c_ident(key),
                key: key.clone(),
                ty,
                required,
                secret: SECRETS.contains(&(name, key.as_str())),
                doc,
                ext: false,
                mirror: renamed.map(|(_, n)| c_ident(n)),
            });
        }
        for (key, pc) in &cur_props {
            if old_props.iter().any(|(k, _)| k == key) {
                continue;
            }
            // A renamed member's new name holds what the released one does.
            let ty = match RENAMED_MEMBERS.iter().find(|(_, n)| n == key).and_then(|(o, _)| members.iter().find(|m| m.key == *o)) {
                Some(m) if matches!(m.ty, Ty::List(_)) => m.ty.clone(),
                Some(m) if m.ty == Ty::Counter => Ty::Int64,
                _ if NULLABLE_INTS.contains(&(name, key.as_str())) => Ty::NullableInt,
                _ => self.cur_ty(name, key, pc),
            };
            let doc = sentence(pc["description"].as_str()).or_else(|| description(self.cur, strip_null(pc).0));
            members.push(Member { name: c_ident(key), key: key.clone(), ty, required: false, secret: false, doc, ext: true, mirror: None });
        }
        if !self.seed {
            members.push(rest_member(name, &members));
        }
        let doc = description(self.old, old).unwrap_or_else(|| format!("The `{label}` object of the API."));
        self.models.insert(
            name.into(),
            Model { name: name.into(), schema: label.into(), doc, members, released: true, private: false, request: false },
        );
    }

    fn old_ty(&mut self, parent: &str, key: &str, po: &'a Yaml, pc: Option<&'a Yaml>) -> Ty {
        let cur_of = |cur: &'a Yaml, p: Option<&'a Yaml>| p.map(|p| resolve(cur, strip_null(p).0));
        if let Some(sname) = ref_name(po) {
            let target = resolve(self.old, po);
            if target["type"].as_str() == Some("string") && !target["enum"].is_badvalue() {
                let name = model_name(sname);
                let values = Self::merged_values(target, cur_of(self.cur, pc));
                let doc = sentence(target["description"].as_str()).unwrap_or_default();
                let i = self.add_enum(
                    upper_camel(&name),
                    format!("openai_api_{name}__e"),
                    format!("openai_api_{name}_"),
                    values,
                    name.clone(),
                    true,
                    doc,
                );
                return Ty::Enum(i);
            }
            let name = model_name(sname);
            // The current schema of that name, else the one at this place.
            let by_name = &self.cur["components"]["schemas"][sname];
            self.released(&name, sname, target, if by_name.is_badvalue() { cur_of(self.cur, pc) } else { Some(by_name) });
            return Ty::Model(name);
        }
        let po = strip_null(po).0;
        match po["type"].as_str() {
            Some("string") if !po["enum"].is_badvalue() => {
                let values = Self::merged_values(po, cur_of(self.cur, pc));
                let k = key.to_ascii_uppercase();
                let i = self.add_enum(
                    format!("{}{}", upper_camel(parent), upper_camel(key)),
                    format!("openai_api_{parent}_{k}_e"),
                    format!("openai_api_{parent}_{k}"),
                    values,
                    format!("{parent}_{key}"),
                    false,
                    format!("`{parent}_t.{key}`."),
                );
                Ty::Enum(i)
            }
            Some("string") => Ty::Str,
            Some("integer") if po["format"].as_str() == Some("int64") => Ty::Long,
            Some("integer") if counts(parent) => Ty::Counter,
            Some("integer") => Ty::Int,
            Some("number") => Ty::Double,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = &po["items"];
                if let Some(sname) = ref_name(items) {
                    let name = model_name(sname);
                    let cur_items = pc.map(|p| &strip_null(p).0["items"]).filter(|i| !i.is_badvalue());
                    let by_name = &self.cur["components"]["schemas"][sname];
                    let cur_items = if by_name.is_badvalue() { cur_items.map(|i| resolve(self.cur, i)) } else { Some(by_name) };
                    self.released(&name, sname, resolve(self.old, items), cur_items);
                    Ty::List(name)
                } else {
                    assert_eq!(items["type"].as_str(), Some("string"), "{parent}.{key}");
                    Ty::StrList
                }
            }
            other => panic!("{parent}.{key}: 2.3.0 type {other:?}"),
        }
    }

    /// The model for a `$ref`ed current schema, generating it when new.
    pub fn cur_named(&mut self, sname: &str) -> String {
        if let Some(c) = self.known.get(sname) {
            return c.clone();
        }
        let name = snake(sname);
        if !self.models.contains_key(&name) {
            let schema = &self.cur["components"]["schemas"][sname];
            assert!(!schema.is_badvalue(), "no schema {sname}");
            self.current(&name, sname, schema);
        }
        name
    }

    /// A model of the current document (section 8 layout).
    pub fn current(&mut self, name: &str, label: &str, schema: &'a Yaml) {
        if self.models.contains_key(name) || self.known.values().any(|k| k == name) {
            return;
        }
        self.models.insert(
            name.into(),
            Model {
                name: name.into(),
                schema: label.into(),
                doc: String::new(),
                members: vec![],
                released: false,
                private: false,
                request: false,
            },
        );
        let req = required(self.cur, schema);
        let mut members = Vec::new();
        let all = props(self.cur, schema);
        assert!(!all.is_empty(), "{label} has no properties");
        for (key, p) in all {
            let (_, nullable) = strip_null(p);
            let ty = self.cur_ty(name, &key, p);
            let doc = sentence(p["description"].as_str()).or_else(|| sentence(strip_null(p).0["description"].as_str()));
            members.push(Member {
                name: c_ident(&key),
                secret: SECRETS.contains(&(name, key.as_str())),
                required: req.contains(&key) && !nullable,
                key,
                ty,
                doc,
                ext: false,
                mirror: None,
            });
        }
        if self.rest {
            members.push(rest_member(name, &members));
        }
        let doc = description(self.cur, schema).unwrap_or_else(|| format!("The `{label}` object of the API."));
        self.models.insert(
            name.into(),
            Model { name: name.into(), schema: label.into(), doc, members, released: false, private: false, request: false },
        );
    }

    /// The storage of a current-document member (section 8).
    fn cur_ty(&mut self, parent: &str, key: &str, p: &'a Yaml) -> Ty {
        let (p, _) = strip_null(p);
        let inner = format!("{parent}_{}", c_ident(key));
        if let Some(branches) = union_branches(p) {
            return if branches.iter().all(|b| is_object(self.cur, b)) {
                self.current(&inner, &format!("{parent}.{key}"), p);
                Ty::Model(inner)
            } else if branches.iter().all(|b| resolve(self.cur, b)["type"].as_str() == Some("string")) {
                Ty::Str
            } else {
                Ty::Json
            };
        }
        if !p["allOf"].is_badvalue() {
            self.current(&inner, &format!("{parent}.{key}"), p);
            return Ty::Model(inner);
        }
        if let Some(sname) = ref_name(p) {
            let target = resolve(self.cur, p);
            if is_object(self.cur, target) {
                return Ty::Model(self.cur_named(sname));
            }
            if union_branches(target).is_some() {
                // A named union of strings (`SpendLimitCurrency`) is a string.
                return self.cur_ty(parent, key, target);
            }
            return match target["type"].as_str() {
                Some("string") => Ty::Str,
                Some("integer") => Ty::Int,
                Some("boolean") => Ty::Bool,
                _ => Ty::Json,
            };
        }
        match p["type"].as_str() {
            Some("string") => Ty::Str,
            Some("integer") if counts(parent) => Ty::Int64,
            Some("integer") => Ty::Int,
            Some("number") => Ty::Double,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let (items, _) = strip_null(&p["items"]);
                if let Some(sname) = ref_name(items) {
                    let target = resolve(self.cur, items);
                    if is_object(self.cur, target) {
                        return Ty::List(self.cur_named(sname));
                    }
                    return if target["type"].as_str() == Some("string") { Ty::StrList } else { Ty::Json };
                }
                if is_object(self.cur, items) {
                    let inner = format!("{inner}_inner");
                    self.current(&inner, &format!("{parent}.{key}[]"), items);
                    return Ty::List(inner);
                }
                if items["type"].as_str() == Some("string") {
                    Ty::StrList
                } else {
                    Ty::Json
                }
            }
            Some("object") if !p["properties"].is_badvalue() => {
                self.current(&inner, &format!("{parent}.{key}"), p);
                Ty::Model(inner)
            }
            _ => Ty::Json,
        }
    }
}

/// The member that keeps what an answer has beyond the document (the live
/// API sends members its document lacks): `extra`, after `_library_owned`.
fn rest_member(model: &str, members: &[Member]) -> Member {
    let name = if members.iter().any(|m| m.name == "extra") { "extra_members" } else { "extra" };
    let what = if model == "audit_log" {
        " (the details of an event type newer than this library sit under the key its `type` names)"
    } else {
        ""
    };
    Member {
        name: name.into(),
        key: name.into(),
        ty: Ty::Rest,
        required: false,
        secret: false,
        doc: Some(format!("Every member of the answer this struct has no member for{what}, as a cJSON object the struct owns (NULL when there is none); `_convertToJSON` writes them back.")),
        ext: true,
        mirror: None,
    }
}

/// A query parameter.
#[derive(Clone, Debug)]
pub enum Q {
    Int,
    Str,
    Bool,
    /// An array of strings (`list_t *` of `char *`); `ptr`: passed as
    /// `list_t **` (the 2.3.0 `name[]` parameters).
    List {
        ptr: bool,
    },
    /// A 2.3.0 string enum by value (index into `Org::enums`).
    Enum(usize),
    /// An object of integers (`effective_at`), its model and members.
    Object(String, Vec<String>),
}

pub struct Param {
    /// The C name.
    pub name: String,
    /// The name on the wire (already encoded: brackets as `%5B%5D`).
    pub wire: String,
    pub q: Q,
}

pub struct Op {
    pub id: String,
    pub api: String,
    pub name: String,
    pub method: String,
    pub path: String,
    pub summary: String,
    pub path_params: Vec<String>,
    pub query: Vec<Param>,
    pub body: Option<String>,
    pub result: String,
    /// The one of the 22 the generated client has.
    pub released: bool,
    /// For one of the 22 whose current parameters differ: those, for `<name>Ex`.
    pub ex: Option<Vec<Param>>,
    /// For a list: (item model, cursor member of the page, cursor parameter).
    pub list: Option<(String, String, String)>,
    /// The smallest request body its schema accepts, as JSON.
    pub body_json: Option<String>,
}

/// `Audit Logs` -> `AuditLogsAPI`; untagged: `DefaultAPI`.
pub fn api_of(op: &Yaml) -> String {
    match op["tags"].as_vec().and_then(|t| t.first()).and_then(Yaml::as_str) {
        Some(tag) => format!("{}API", upper_camel(tag)),
        None => "DefaultAPI".into(),
    }
}

pub fn call_name(id: &str) -> String {
    match RENAMED_OPS.iter().find(|(o, _)| *o == id) {
        Some((_, n)) => n.to_string(),
        None => camel(id),
    }
}

impl Org<'_> {
    /// The generated client's enum of a query parameter:
    /// `openai_api_usageCompletions_bucket_width_e`, its constants
    /// `openai_api_usageCompletions_BUCKETWIDTH_…`.
    fn param_enum(&mut self, op_name: &str, name: &str, values: Vec<String>, doc: String) -> usize {
        let k: String = name.chars().filter(|c| *c != '_').collect::<String>().to_ascii_uppercase();
        self.add_enum(
            format!("{}{}Param", upper_camel(op_name), upper_camel(name)),
            format!("openai_api_{op_name}_{name}_e"),
            format!("openai_api_{op_name}_{k}"),
            values,
            String::new(),
            false,
            doc,
        )
    }

    fn params(&mut self, op: &Yaml, op_name: &str, released: bool) -> (Vec<String>, Vec<Param>) {
        let doc = if released { self.old } else { self.cur };
        let mut path_params = Vec::new();
        let mut query = Vec::new();
        for p in op["parameters"].as_vec().into_iter().flatten() {
            let p = resolve(doc, p);
            let raw = p["name"].as_str().unwrap().to_string();
            let name = raw.trim_end_matches("[]").to_string();
            match p["in"].as_str() {
                Some("path") => path_params.push(name),
                Some("query") => {
                    let s = resolve(doc, &p["schema"]);
                    let wire_list = format!("{name}%5B%5D");
                    let (q, wire) = match s["type"].as_str() {
                        Some("integer") => (Q::Int, name.clone()),
                        Some("boolean") => (Q::Bool, name.clone()),
                        Some("array") => {
                            if released {
                                // The generated client's enum of the items, declared as it does.
                                let items = resolve(doc, &s["items"]);
                                if !items["enum"].is_badvalue() {
                                    let cur_items = cur_param(self.cur, op_name, &raw).map(|c| resolve(self.cur, &c["schema"]["items"]));
                                    let values = Self::merged_values(items, cur_items);
                                    let doc =
                                        format!("The values of `{name}` for `{op_name}`; the list holds their JSON strings (`char *`).");
                                    self.param_enum(op_name, &name, values, doc);
                                }
                            }
                            (Q::List { ptr: released && raw.ends_with("[]") }, wire_list)
                        }
                        Some("object") => {
                            let model = format!("{}_{}_parameter", snake(op_name), name);
                            let model = if released { model } else { self.find_param_model(&model) };
                            let members = hash(&s["properties"]).into_iter().map(|(k, _)| k.to_string()).collect();
                            (Q::Object(model, members), name.clone())
                        }
                        _ if released && !s["enum"].is_badvalue() => {
                            let cur_s = cur_param(self.cur, op_name, &raw).map(|c| resolve(self.cur, &c["schema"]));
                            let values = Self::merged_values(s, cur_s);
                            let i = self.param_enum(
                                op_name,
                                &name,
                                values,
                                format!("The values of `{name}` for `{op_name}` (0, `…_NULL`: not sent)."),
                            );
                            (Q::Enum(i), name.clone())
                        }
                        _ => (Q::Str, name.clone()),
                    };
                    query.push(Param { name, wire, q });
                }
                other => panic!("{op_name}: parameter in {other:?}"),
            }
        }
        (path_params, query)
    }

    /// The model of an object query parameter of one of the 22 (its
    /// current version takes the same).
    fn find_param_model(&self, name: &str) -> String {
        assert!(self.models.contains_key(name), "no model {name}");
        name.to_string()
    }
}

/// The current document's version of a parameter of one of the 22.
fn cur_param<'y>(cur: &'y Yaml, op_name: &str, raw: &str) -> Option<&'y Yaml> {
    {
        for (_, item) in hash(&cur["paths"]) {
            for (_, op) in hash(item) {
                if op["operationId"].as_str().map(camel).as_deref() == Some(op_name) {
                    return op["parameters"].as_vec()?.iter().find(|p| p["name"].as_str() == Some(raw));
                }
            }
        }
        None
    }
}

fn all_ops(doc: &Yaml) -> Vec<(String, String, &Yaml)> {
    hash(&doc["paths"])
        .into_iter()
        .flat_map(|(path, item)| hash(item).into_iter().map(move |(m, op)| (path.to_string(), m.to_string(), op)))
        .collect()
}

/// The organization operations and every model they use.
/// `known_pages`: the project part's models by name, with their members'
/// keys and the item model of their `data` list (if any).
pub type KnownPages = BTreeMap<String, (Vec<String>, Option<String>)>;

pub fn build<'a>(
    old: &'a Yaml,
    cur: &'a Yaml,
    project_ids: &[String],
    known: BTreeMap<String, String>,
    known_pages: &KnownPages,
) -> (Org<'a>, Vec<Op>) {
    let mut org = Org { old, cur, seed: false, known, rest: true, models: BTreeMap::new(), enums: Vec::new() };
    let old_ops: BTreeMap<String, (String, String, &Yaml)> = all_ops(old)
        .into_iter()
        .filter(|(p, _, _)| !p.starts_with("/organization/projects"))
        .map(|(p, m, op)| (op["operationId"].as_str().unwrap().to_string(), (p, m, op)))
        .collect();
    assert_eq!(old_ops.len(), 22, "the generated client's organization calls");
    let cur_ops: Vec<(String, String, &Yaml)> =
        all_ops(cur).into_iter().filter(|(_, _, op)| !project_ids.iter().any(|i| Some(i.as_str()) == op["operationId"].as_str())).collect();
    // The document's 63 and the 21 its SDK has ahead of it (`x-source`).
    assert_eq!(cur_ops.len(), 84, "the current document's organization operations");
    // The 22's models first: their names and layouts are released.
    let answer = |op: &'a Yaml| &op["responses"]["200"]["content"]["application/json"]["schema"];
    let request = |op: &'a Yaml| &op["requestBody"]["content"]["application/json"]["schema"];
    let find_cur = |id: &str| cur_ops.iter().find(|(_, _, o)| o["operationId"].as_str() == Some(id)).map(|(_, _, o)| *o);
    for (id, (_, _, op)) in &old_ops {
        let cur_op = find_cur(id).unwrap_or_else(|| panic!("{id} is not in the current document"));
        for (o, c, fallback) in [
            (answer(op), answer(cur_op), format!("{}_200_response", snake(&camel(id)))),
            (request(op), request(cur_op), format!("{}_request", snake(&camel(id)))),
        ] {
            if o.is_badvalue() {
                continue;
            }
            let name = ref_name(o).map_or(fallback, snake);
            let label = ref_name(o).unwrap_or(name.as_str()).to_string();
            let cur_schema = (!c.is_badvalue()).then(|| resolve(cur, c));
            org.released(&name, &label, resolve(old, o), cur_schema);
        }
        for p in op["parameters"].as_vec().into_iter().flatten() {
            let s = resolve(old, &p["schema"]);
            if s["type"].as_str() == Some("object") {
                let name = format!("{}_{}_parameter", snake(&camel(id)), p["name"].as_str().unwrap());
                let label = name.clone();
                let cur_p = cur_param(cur, &camel(id), p["name"].as_str().unwrap()).map(|c| &c["schema"]);
                org.released(&name, &label, s, cur_p);
            }
        }
    }
    // Every released schema of 2.3.0 beyond the seed's.
    let released_count = org.models.values().filter(|m| m.released).count() + org.enums.iter().filter(|e| e.top).count();
    assert_eq!(released_count, 68, "the generated client's organization models");
    for m in org.models.keys().cloned().collect::<Vec<_>>() {
        org.known.entry(org.models[&m].schema.clone()).or_insert(m);
    }
    let mut ops = Vec::new();
    for (path, method, op) in &cur_ops {
        let id = op["operationId"].as_str().unwrap().to_string();
        let name = call_name(&id);
        let api = api_of(op);
        let released = old_ops.contains_key(&id);
        let (path_params, query, ex) = if released {
            let (_, _, old_op) = old_ops[&id];
            let (pp, q) = org.params(old_op, &name, true);
            let (_, cq) = org.params(op, &name, false);
            let same = q.len() == cq.len() && q.iter().zip(&cq).all(|(a, b)| a.name == b.name);
            (pp, q, (!same).then_some(cq))
        } else {
            let (pp, q) = org.params(op, &name, false);
            (pp, q, None)
        };
        let mut path_params = path_params;
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let (result, body) = if released {
            let (_, _, old_op) = old_ops[&id];
            let r = answer(old_op);
            let b = request(old_op);
            (
                ref_name(r).map_or(format!("{}_200_response", snake(&name)), snake),
                (!b.is_badvalue()).then(|| ref_name(b).map_or(format!("{}_request", snake(&name)), snake)),
            )
        } else {
            let r = answer(op);
            let result = match ref_name(r) {
                Some(s) => org.cur_named(s),
                None => {
                    let n = format!("{}_response", snake(&name));
                    org.current(&n, &n, r);
                    n
                }
            };
            let b = request(op);
            let body = (!b.is_badvalue()).then(|| match ref_name(b) {
                Some(s) => org.cur_named(s),
                None => {
                    let n = format!("{}_request", snake(&name));
                    org.current(&n, &n, b);
                    n
                }
            });
            (result, body)
        };
        let body_json = if released {
            let (_, _, old_op) = old_ops[&id];
            let b = request(old_op);
            (!b.is_badvalue()).then(|| min_json(old, b, 0))
        } else {
            let b = request(op);
            (!b.is_badvalue()).then(|| min_json(cur, b, 0))
        };
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        ops.push(Op {
            id,
            api,
            name,
            method: method.to_uppercase(),
            path: path.clone(),
            summary,
            path_params,
            query,
            body,
            result,
            released,
            ex,
            list: None,
            body_json,
        });
    }
    for op in &mut ops {
        // The page's members: an organization model's, or a project one's.
        let (keys, item): (Vec<String>, Option<String>) = match org.models.get(&op.result) {
            Some(m) => (
                m.members.iter().map(|f| f.key.clone()).collect(),
                m.members.iter().find(|f| f.key == "data").and_then(|f| match &f.ty {
                    Ty::List(i) => Some(i.clone()),
                    _ => None,
                }),
            ),
            None => known_pages.get(&op.result).cloned().unwrap_or_default(),
        };
        let params = op.ex.as_ref().unwrap_or(&op.query);
        let has = |k: &str| keys.iter().any(|f| f == k);
        let cursor = ["last_id", "next", "next_page"].into_iter().find(|c| has(c));
        let param = ["after", "page"].into_iter().find(|p| params.iter().any(|q| q.name == *p));
        if let (Some(item), Some(cursor), Some(param), true) = (item, cursor, param, has("has_more")) {
            op.list = Some((item, cursor.to_string(), param.to_string()));
        }
    }
    (org, ops)
}

// ---- emission ------------------------------------------------------------

fn rust_ident(name: &str) -> String {
    const RUST_KEYWORDS: [&str; 12] = ["type", "ref", "use", "match", "move", "mod", "impl", "fn", "let", "loop", "where", "self"];
    if RUST_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.into()
    }
}

impl Org<'_> {
    fn c_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Str => "*mut c_char".into(),
            Ty::Int | Ty::Bool | Ty::Counter | Ty::NullableInt | Ty::NullableBool => "c_int".into(),
            Ty::Double => "f64".into(),
            Ty::Int64 => "i64".into(),
            Ty::Long => "c_long".into(),
            Ty::Enum(i) => self.enums[*i].raw.clone(),
            Ty::Model(m) => format!("*mut {m}_t"),
            Ty::List(_) | Ty::StrList => "*mut list_t".into(),
            Ty::Json | Ty::Rest => "*mut cJSON".into(),
        }
    }

    fn kind(&self, m: &Member) -> String {
        match &m.ty {
            Ty::Str => "str".into(),
            Ty::Int => "int".into(),
            Ty::Bool => "bool".into(),
            Ty::Double => "double".into(),
            Ty::Int64 => "int64".into(),
            Ty::Long => "long".into(),
            Ty::Counter => format!("counter({}_64)", m.name),
            Ty::NullableInt => format!("nullable_int(has_{})", m.name),
            Ty::NullableBool => format!("nullable_bool(has_{})", m.name),
            Ty::Enum(i) => format!("enum({}, {}_string)", self.enums[*i].raw, m.name),
            Ty::Model(n) => format!("model({n}_t)"),
            Ty::List(n) => format!("list({n}_t)"),
            Ty::StrList => "str_list".into(),
            Ty::Json => "json".into(),
            Ty::Rest => "rest".into(),
        }
    }
}

fn member_doc(org: &Org, m: &Member) -> String {
    let what = match &m.ty {
        Ty::List(item) => format!(" A list of `{item}_t *`."),
        Ty::StrList => " A list of `char *`.".into(),
        Ty::Json => " Any JSON value, as a cJSON tree the struct owns.".into(),
        Ty::Counter => format!(" Saturates at INT_MAX; the whole count is in `{}_64`.", m.name),
        Ty::NullableInt => format!(" 0 when null or absent (`has_{}` tells).", m.name),
        Ty::NullableBool => format!(
            " Sent only when `has_{0}` is 1 (so `false` can be sent): parsing sets it, `_create` sets it when `{0}` is non-zero.",
            m.name
        ),
        Ty::Enum(i) => format!(
            " 0 when the answer has none or a value without a constant (its text is then in `{}_string`); constants `{}_…`.",
            m.name, org.enums[*i].prefix
        ),
        _ => String::new(),
    };
    let key = if m.key != m.name { format!(" (JSON `{}`)", m.key) } else { String::new() };
    let mirror = m.mirror.as_ref().map_or(String::new(), |n| format!(" The live API sends it as `{n}`: in a struct the library made it holds the same value as `{n}` (a list is shared: free the struct, never the list)."));
    let base = m.doc.clone().unwrap_or_else(|| format!("`{}` in the JSON.", m.key));
    // A sentence of its own before what follows.
    let base = if base.ends_with(['.', '!', '?', ':']) { base } else { format!("{base}.") };
    format!("{base}{key}{what}{mirror}")
}

pub const HEADER: &str = "// Generated by tests/codegen.rs from tests/data/admin-current.yaml and tests/data/admin-2.3.0.yaml: do not edit.\n// Regenerate with `OPENAI_API_UPDATE_GENERATED=1 cargo test --test codegen`.\n";

/// What a generated model file says of itself, and the name of its list.
pub struct ModelsFile<'f> {
    pub doc: &'f str,
    pub list: &'f str,
    pub list_doc: &'f str,
    /// More `use` lines (models of other files).
    pub uses: &'f str,
}

pub fn models_rs(org: &Org, file: &ModelsFile) -> String {
    let mut s = String::new();
    s.push_str(HEADER);
    s.push_str(file.doc);
    s.push_str("#![allow(clippy::too_many_arguments)]\n\n");
    s.push_str("#[allow(unused_imports)]\nuse crate::wire::model::{blank, c_enum, create, enum_from_json, enum_from_string, enum_to_json, enum_to_string, free, model, new_copying, parse, set_int, set_text, to_json, CModel, ModelDef};\nuse crate::support::cjson::cJSON;\nuse crate::support::list::list_t;\n#[allow(unused_imports)]\nuse std::os::raw::{c_char, c_int, c_long};\n");
    s.push_str(file.uses);
    s.push('\n');
    writeln!(s, "/// {}", file.list_doc).unwrap();
    writeln!(s, "pub const {}: &[&ModelDef] = &[", file.list).unwrap();
    for m in org.models.values() {
        writeln!(s, "    &{}_t::DEF,", m.name).unwrap();
    }
    s.push_str("];\n");
    for e in &org.enums {
        writeln!(s, "\n/// {}", if e.doc.is_empty() { format!("`{}`.", e.c) } else { e.doc.clone() }).unwrap();
        writeln!(s, "#[repr(C)]\npub enum {} {{\n    {}_NULL = 0,", e.c, e.prefix).unwrap();
        for v in &e.values {
            writeln!(s, "    {}_{},", e.prefix, c_value(v)).unwrap();
        }
        s.push_str("}\n");
        let names: Vec<String> = e.values.iter().map(|v| format!("c{v:?}")).collect();
        writeln!(s, "c_enum!({} => {}: [{}]);", e.raw, e.c, names.join(", ")).unwrap();
        if e.top {
            let t = format!("{}_t", e.fns);
            writeln!(
                s,
                "/// The generated client's `{t}`: an incomplete struct type, declared as it declares it (the values are `{}`).",
                e.c
            )
            .unwrap();
            writeln!(s, "pub struct {t} {{\n    _opaque: [u8; 0],\n}}").unwrap();
        }
        if e.fns.is_empty() {
            continue;
        }
        let (to, from) = if e.top {
            (format!("{0}_{0}_ToString", e.fns), format!("{0}_{0}_FromString", e.fns))
        } else {
            (format!("{}_ToString", e.fns), format!("{}_FromString", e.fns))
        };
        let arg = e.fns.rsplit_once('_').filter(|_| !e.top).map_or(e.fns.as_str(), |(_, a)| a);
        let arg = rust_ident(if e.top { e.fns.as_str() } else { arg });
        let arg = arg.as_str();
        writeln!(s, "/// The JSON string of a `{}` value: static (never free it); \"NULL\" for 0 or a value without a name.", e.c).unwrap();
        writeln!(s, "#[no_mangle]\npub extern \"C\" fn {to}({arg}: {}) -> *mut c_char {{\n    enum_to_string({arg})\n}}", e.raw).unwrap();
        writeln!(s, "/// The `{}` value of a JSON string; 0 (`{}_NULL`) for NULL or text it has no constant for.", e.c, e.prefix).unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {from}({arg}: *mut c_char) -> {} {{\n    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ enum_from_string({arg}) }}\n}}", e.raw).unwrap();
        if e.top {
            writeln!(s, "/// A new cJSON string for the value (free with `cJSON_Delete`), or NULL for 0 or a value without a name.")
                .unwrap();
            writeln!(
                s,
                "#[no_mangle]\npub extern \"C\" fn {0}_convertToJSON({0}: {1}) -> *mut cJSON {{\n    enum_to_json({0})\n}}",
                e.fns, e.raw
            )
            .unwrap();
            writeln!(s, "/// The value of a cJSON string; 0 for NULL, a non-string or text without a constant.").unwrap();
            writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {0}_parseFromJSON({0}JSON: *mut cJSON) -> {1} {{\n    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ enum_from_json({0}JSON) }}\n}}", e.fns, e.raw).unwrap();
        }
    }
    for m in org.models.values() {
        emit_model(&mut s, org, m);
    }
    s.push_str("\n#[allow(dead_code)]\nfn _uses_cmodel<T: CModel>() {}\n");
    s
}

/// The companion members of a member, after `_library_owned`: an enum's
/// text, a count's whole value, a nullable integer's presence.
fn companions(f: &Member) -> Option<String> {
    match f.ty {
        Ty::Enum(_) => Some(format!(
            "    /// The server's `{}` text when `{}` has no constant for it; else NULL.\n    pub {}_string: *mut c_char,\n",
            f.key, f.name, f.name
        )),
        Ty::Counter => Some(format!("    /// The whole `{}`, which the `int` member saturates.\n    pub {}_64: i64,\n", f.key, f.name)),
        _ => None,
    }
}

fn emit_model(s: &mut String, org: &Org, m: &Model) {
    let t = format!("{}_t", m.name);
    let fns = fns_of(&m.name);
    let layout = if m.released {
        " Its members up to `_library_owned` are the generated client's (2.3.0); those after it exist only in structs the library made (parsed answers, `_create`)."
    } else {
        ""
    };
    let setters: Vec<&Member> =
        if m.private { m.members.iter().filter(|f| f.ext || matches!(f.ty, Ty::Enum(_))).collect() } else { vec![] };
    let how = if setters.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = setters.iter().map(|f| format!("`{fns}_set_{}{}`", f.name, if f.ext { "" } else { "_string" })).collect();
        format!(
            " Set the live API's members with {} on a request made by `{fns}_create` (a struct the program built has no room for them).",
            names.join(", ")
        )
    };
    writeln!(s, "\n/// {} (`{}` in the document.){layout}{how}", m.doc.trim_end_matches('.'), m.schema).unwrap();
    writeln!(s, "#[repr(C)]\npub struct {t} {{").unwrap();
    let sent = |f: &Member| format!("    /// 1 when `{0}` is sent, 0 when it is not.\n    pub has_{0}: c_int,\n", f.name);
    for f in m.members.iter().filter(|f| !f.ext) {
        writeln!(s, "    /// {}", member_doc(org, f)).unwrap();
        writeln!(s, "    pub {}: {},", rust_ident(&f.name), org.c_type(&f.ty)).unwrap();
        if f.ty == Ty::NullableBool {
            s.push_str(&sent(f));
        }
    }
    s.push_str(
        "    /// 1 when the library allocated this struct: its `_free` frees it and all it owns (set 0 to keep it). The library knows its own structs from its record, never from this member: one the program built is never freed.\n",
    );
    s.push_str("    pub _library_owned: c_int,\n");
    // After `_library_owned`: in the struct, or for a request in its
    // private block.
    let mut after = String::new();
    for f in m.members.iter().filter(|f| !f.ext) {
        after.push_str(&companions(f).unwrap_or_default());
    }
    for f in m.members.iter().filter(|f| f.ext) {
        writeln!(after, "    /// {}", member_doc(org, f)).unwrap();
        writeln!(after, "    pub {}: {},", rust_ident(&f.name), org.c_type(&f.ty)).unwrap();
        if f.ty == Ty::NullableInt {
            writeln!(after, "    /// 1 when the answer had a `{}`; 0 when it was null or absent.\n    pub has_{}: c_int,", f.key, f.name)
                .unwrap();
        }
        if f.ty == Ty::NullableBool {
            after.push_str(&sent(f));
        }
    }
    let alloc = format!("{}Alloc", upper_camel(&m.name));
    if m.private {
        s.push_str("}\n");
        writeln!(s, "/// The library's allocation of a `{t}`: the struct, then its private members.\n#[repr(C)]\npub(crate) struct {alloc} {{\n    base: {t},").unwrap();
        s.push_str(&after.replace("    pub ", "    "));
        s.push_str("}\n");
    } else {
        s.push_str(&after);
        s.push_str("}\n");
    }
    let line = |f: &Member| {
        let flag = match &f.mirror {
            Some(n) => format!("mirror({n})"),
            None if f.secret && f.required => "secret".into(),
            None if f.secret => "wiped".into(),
            None if f.required => "required".into(),
            None => "optional".into(),
        };
        let key = if f.key != f.name { format!(" = {:?}", f.key) } else { String::new() };
        format!("    {}{key}: {}, {flag};\n", rust_ident(&f.name), org.kind(f))
    };
    writeln!(s, "model!({t} {{").unwrap();
    if m.private {
        for f in m.members.iter().filter(|f| !f.ext) {
            s.push_str(&line(f));
        }
        writeln!(s, "}} ext {alloc} {{").unwrap();
        for f in m.members.iter().filter(|f| f.ext) {
            s.push_str(&line(f));
        }
    } else {
        for f in &m.members {
            s.push_str(&line(f));
        }
    }
    s.push_str("});\n");
    let public: Vec<&Member> = m.members.iter().filter(|f| !f.ext).collect();
    let params: Vec<String> = public.iter().map(|f| format!("{}: {}", rust_ident(&f.name), org.c_type(&f.ty))).collect();
    let names: Vec<String> = public
        .iter()
        .map(|f| match f.ty {
            Ty::NullableBool => format!("{0}, has_{0}: ({0} != 0) as c_int", rust_ident(&f.name)),
            _ => rust_ident(&f.name),
        })
        .collect();
    let more_in_struct = !m.private && (public.len() < m.members.len() || public.iter().any(|f| companions(f).is_some()));
    let rest = if more_in_struct { ", ..blank()" } else { "" };
    writeln!(s, "/// A new `{t}` that owns every pointer passed in; free it with `{fns}_free`.").unwrap();
    writeln!(s, "#[deprecated]\n#[no_mangle]\npub extern \"C\" fn {fns}_create({}) -> *mut {t} {{", params.join(", ")).unwrap();
    let sep = if names.is_empty() { "" } else { ", " };
    writeln!(s, "    create({t} {{ {}{sep}_library_owned: 1{rest} }})\n}}", names.join(", ")).unwrap();
    if m.request {
        emit_new(s, org, &t, fns, &public, &names, rest);
    }
    writeln!(s, "/// Frees the `{t}` and everything it owns. NULL is fine.").unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_free({fns}: *mut {t}) {{").unwrap();
    writeln!(s, "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ free({fns}) }}\n}}").unwrap();
    writeln!(s, "/// A new `{t}` from a cJSON object (free it with `{fns}_free`), or NULL when the JSON is not one.").unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_parseFromJSON({fns}JSON: *mut cJSON) -> *mut {t} {{").unwrap();
    writeln!(s, "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ parse({fns}JSON) }}\n}}").unwrap();
    writeln!(s, "/// A new cJSON object for the `{t}` (free with `cJSON_Delete`), or NULL when a member the document requires is missing.")
        .unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_convertToJSON({fns}: *mut {t}) -> *mut cJSON {{").unwrap();
    writeln!(s, "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ to_json({fns}) }}\n}}").unwrap();
    for f in setters {
        let (name, what) = match (&f.ty, f.ext) {
            (Ty::Enum(_), false) => (
                format!("{}_string", f.name),
                format!(
                    "Sends `{0}` as the `{1}` text (a value the enum has no constant for); `{1}` becomes `_NULL`. NULL clears the text.",
                    f.name, f.key
                ),
            ),
            (Ty::Int | Ty::Bool | Ty::Int64 | Ty::Long, _) => (f.name.clone(), format!("Sets `{}` (sent as the document says).", f.key)),
            _ => (f.name.clone(), format!("Sets `{}` to a copy of `{}` (NULL: not sent).", f.key, f.name)),
        };
        let (ty, call) = match f.ty {
            Ty::Int | Ty::Bool => ("c_int", "set_int"),
            _ => ("*const c_char", "set_text"),
        };
        writeln!(s, "/// {what} Returns 0, or -1 (with a warning on stderr) when `{fns}` is NULL or was not made by `{fns}_create`.")
            .unwrap();
        writeln!(
            s,
            "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_set_{name}({fns}: *mut {t}, {}: {ty}) -> c_int {{",
            rust_ident(&f.name)
        )
        .unwrap();
        writeln!(
            s,
            "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ {call}({fns}, {:?}, {}) }}\n}}",
            f.key,
            rust_ident(&f.name)
        )
        .unwrap();
    }
}

/// A request's `X_new`: `_create` without the deprecation, copying the
/// strings it is given (the caller keeps its own).
fn emit_new(s: &mut String, org: &Org, t: &str, fns: &str, public: &[&Member], names: &[String], rest: &str) {
    let params: Vec<String> = public
        .iter()
        .map(|f| {
            let ty = if f.ty == Ty::Str { "*const c_char".to_string() } else { org.c_type(&f.ty) };
            format!("{}: {ty}", rust_ident(&f.name))
        })
        .collect();
    let strings: Vec<String> = public.iter().filter(|f| f.ty == Ty::Str).map(|f| rust_ident(&f.name)).collect();
    let takes = if public.iter().any(|f| matches!(f.ty, Ty::Model(_) | Ty::List(_) | Ty::StrList | Ty::Json)) {
        "; the lists, models and JSON passed in become its own, as with `_create`"
    } else {
        ""
    };
    writeln!(s, "/// A new `{t}` holding copies of the strings passed in (the caller keeps its own){takes}; free it with `{fns}_free`. NULL when it cannot be made. The way to make a request whose newer members are then set (not deprecated, unlike `{fns}_create`).").unwrap();
    let sep = if names.is_empty() { "" } else { ", " };
    let made = format!("create({t} {{ {}{sep}_library_owned: 1{rest} }})", names.join(", "));
    if strings.is_empty() {
        writeln!(s, "#[no_mangle]\npub extern \"C\" fn {fns}_new({}) -> *mut {t} {{\n    {made}\n}}", params.join(", ")).unwrap();
        return;
    }
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_new({}) -> *mut {t} {{", params.join(", ")).unwrap();
    let list = strings.join(", ");
    let value = made.strip_prefix("create(").and_then(|m| m.strip_suffix(')')).expect("a create call");
    writeln!(
        s,
        "    // SAFETY: the arguments are as the header documents them.\n    unsafe {{ new_copying([{list}], |[{list}]| {value}) }}\n}}"
    )
    .unwrap();
}

impl Org<'_> {
    fn param_c(&self, p: &Param) -> String {
        match &p.q {
            Q::Int | Q::Bool => "*mut c_int".into(),
            Q::Str => "*mut c_char".into(),
            Q::List { ptr: false } => "*mut list_t".into(),
            Q::List { ptr: true } => "*mut *mut list_t".into(),
            Q::Enum(i) => self.enums[*i].raw.clone(),
            Q::Object(m, _) => format!("*mut {m}_t"),
        }
    }

    fn query_code(&self, params: &[Param]) -> String {
        let decl = if params.is_empty() {
            "let query: [(&str, Option<Vec<u8>>); 0] = [];"
        } else {
            "let mut query: Vec<(&str, Option<Vec<u8>>)> = Vec::new();"
        };
        let mut s = format!("{decl}\n");
        for p in params {
            let n = rust_ident(&p.name);
            match &p.q {
                Q::Int => writeln!(s, "            query.push(({:?}, int_q({n})));", p.wire),
                Q::Bool => writeln!(s, "            query.push(({:?}, bool_q({n})));", p.wire),
                Q::Str => writeln!(s, "            query.push(({:?}, str_q({n})));", p.wire),
                Q::Enum(_) => writeln!(s, "            query.push(({:?}, enum_q({n})));", p.wire),
                Q::List { ptr: false } => writeln!(s, "            list_q(&mut query, {:?}, {n});", p.wire),
                Q::List { ptr: true } => {
                    writeln!(s, "            list_q(&mut query, {:?}, if {n}.is_null() {{ ptr::null_mut() }} else {{ *{n} }});", p.wire)
                }
                Q::Object(_, members) => {
                    let mut out = Ok(());
                    for m in members {
                        out = writeln!(
                            s,
                            "            query.push(({:?}, {n}.as_ref().and_then(|o| set_int_q(o.{m}))));",
                            format!("{}%5B{m}%5D", p.wire)
                        );
                    }
                    out
                }
            }
            .unwrap();
        }
        s
    }
}

fn param_doc(p: &Param) -> String {
    let how = match &p.q {
        Q::List { ptr: true } => " (`list_t **`: the list is `[0]`; a NULL pointer or list is not sent)",
        Q::List { ptr: false } => " (a list of `char *`, sent as `name[]=…` once per item; NULL: not sent)",
        Q::Enum(_) => " (0: not sent)",
        Q::Object(..) => " (each non-zero member sent as `name[member]=…`; NULL: not sent)",
        _ => "",
    };
    format!("`{}`{how}", p.name)
}

/// What a generated calls file says of itself, and the models it uses.
pub struct CallsFile<'f> {
    pub doc: &'f str,
    pub models: &'f str,
}

pub fn calls_rs(org: &Org, ops: &[Op], file: &CallsFile) -> String {
    let mut s = String::new();
    s.push_str(HEADER);
    s.push_str(file.doc);
    s.push_str("#![allow(clippy::too_many_arguments, clippy::vec_init_then_push)]\n\n#[allow(unused_imports)]\nuse crate::call::engine::{body, bool_q, call, enum_q, guarded, int_q, list_q, set_int_q, str_q, Seg::Id, Seg::Lit};\n#[allow(unused_imports)]\nuse crate::call::paging::walk_from;\nuse crate::client::structs::apiClient_t;\n#[allow(unused_imports)]\nuse crate::support::list::list_t;\n#[allow(unused_imports)]\nuse crate::generated::models::generated::*;\n");
    writeln!(
        s,
        "use crate::generated::models::{}::*;\n#[allow(unused_imports)]\nuse std::os::raw::{{c_char, c_int, c_void}};\nuse std::ptr;",
        file.models
    )
    .unwrap();
    for op in ops {
        let mut variants = vec![(op.name.clone(), &op.query, false)];
        if let Some(ex) = &op.ex {
            variants.push((format!("{}Ex", op.name), ex, true));
        }
        for (name, query, is_ex) in variants {
            let mut params = vec!["apiClient: *mut apiClient_t".to_string()];
            params.extend(op.path_params.iter().map(|p| format!("{p}: *mut c_char")));
            params.extend(query.iter().map(|q| format!("{}: {}", rust_ident(&q.name), org.param_c(q))));
            if let Some(b) = &op.body {
                params.push(format!("{b}: *mut {b}_t"));
            }
            let body = op.body.as_ref().map_or("|| None".to_string(), |b| format!("|| body({b})"));
            let qdoc: Vec<String> = query.iter().filter(|q| !matches!(q.q, Q::Int | Q::Str | Q::Bool)).map(param_doc).collect();
            let qdoc = if qdoc.is_empty() { String::new() } else { format!(" Parameters: {}.", qdoc.join(", ")) };
            let ex_doc = if is_ex {
                format!(" `{}` with the current document's whole parameter list.", op.name)
            } else if op.released {
                " Declared as the generated client declares it.".to_string()
            } else {
                String::new()
            };
            writeln!(
                s,
                "\n/// {} (`{} {}`, operation `{}`).{ex_doc}{qdoc} Returns a new `{}_t` (free it with `{}_free`), or NULL.",
                op.summary.trim_end_matches('.'),
                op.method,
                op.path,
                op.id,
                op.result,
                op.result
            )
            .unwrap();
            writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {}_{name}({}) -> *mut {}_t {{", op.api, params.join(", "), op.result)
                .unwrap();
            writeln!(s, "    // SAFETY: the caller passes a client from apiClient_create* (or NULL)\n    // and NULL or valid arguments, per the header.").unwrap();
            writeln!(s, "    unsafe {{\n        guarded(apiClient, ptr::null_mut(), || {{").unwrap();
            writeln!(s, "            {}", org.query_code(query).trim_end()).unwrap();
            writeln!(s, "            call(apiClient, {:?}, &[{}], &query, {body})", op.method, segments(&op.path)).unwrap();
            s.push_str("        })\n    }\n}\n");
        }
    }
    for op in ops {
        let Some((item, cursor, cursor_param)) = &op.list else { continue };
        let (target, query) = match &op.ex {
            Some(ex) => (format!("{}Ex", op.name), ex),
            None => (op.name.clone(), &op.query),
        };
        let walker = walker_name(op);
        let mut params = vec!["apiClient: *mut apiClient_t".to_string()];
        params.extend(op.path_params.iter().map(|p| format!("{p}: *mut c_char")));
        params.extend(query.iter().map(|q| format!("{}: {}", rust_ident(&q.name), org.param_c(q))));
        params.push("next_cursor: *mut *mut c_char".into());
        params.push(format!("visit: Option<unsafe extern \"C\" fn(*mut {item}_t, *mut c_void) -> c_int>"));
        params.push("user_data: *mut c_void".into());
        let mut args: Vec<String> = vec!["apiClient".into()];
        args.extend(op.path_params.iter().cloned());
        args.extend(query.iter().map(|q| if q.name == *cursor_param { "cursor".into() } else { rust_ident(&q.name) }));
        let what = if op.name.starts_with("usage") { "bucket" } else { "item" };
        writeln!(s, "\n/// Calls `visit({what}, user_data)` for every {what} of `{}_{target}`, page after page, from `{cursor_param}` (NULL: the first page; the next page comes from the `{cursor}` of the last). Each {what} is the library's and valid only while `visit` runs; `visit` returns 0 to go on, non-zero to stop. When `next_cursor` is not NULL it receives where to resume (a new string to `free`, or NULL): the cursor of the page the walk stopped on (its {what}s come again), or after the last page its `{cursor}`. Returns how many {what}s were visited, or -1 when a page could not be fetched (the error API says why) or `visit` is NULL.", op.api).unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {}_{walker}({}) -> c_int {{", op.api, params.join(", ")).unwrap();
        writeln!(s, "    // SAFETY: as for {}_{target}; `visit` is a valid function; `next_cursor` is NULL or writable.", op.api).unwrap();
        writeln!(
            s,
            "    unsafe {{ guarded(apiClient, -1, || walk_from(apiClient, {}, next_cursor, |cursor| {}_{target}({}), visit, user_data)) }}\n}}",
            rust_ident(cursor_param),
            op.api,
            args.join(", ")
        )
        .unwrap();
    }
    s
}

/// `UsersAPI_forEachUser`, `UsageAPI_forEachCompletionsBucket`, …
pub fn walker_name(op: &Op) -> String {
    let n = &op.name;
    if let Some(rest) = n.strip_prefix("usage") {
        return format!("forEach{rest}Bucket");
    }
    let base = n.strip_prefix("list").map(str::to_string).unwrap_or_else(|| upper_camel(n.trim_end_matches("List")));
    format!("forEach{}", base.strip_suffix('s').unwrap_or(&base))
}

/// The smallest JSON a request schema accepts: its required members.
pub fn min_json(doc: &Yaml, schema: &Yaml, depth: usize) -> String {
    let (schema, _) = strip_null(schema);
    let schema = resolve(doc, schema);
    if let Some(v) = enum_values(schema).first() {
        return format!("{v:?}");
    }
    match schema["type"].as_str() {
        Some("string") => "\"x\"".into(),
        Some("integer") => schema["minimum"].as_i64().unwrap_or(1).max(1).to_string(),
        Some("number") => "1.5".into(),
        Some("boolean") => "true".into(),
        Some("array") if depth < 4 => format!("[{}]", min_json(doc, &schema["items"], depth + 1)),
        Some("array") => "[]".into(),
        _ => {
            let req = required(doc, schema);
            let parts: Vec<String> = props(doc, schema)
                .into_iter()
                .filter(|(k, _)| req.contains(k) && depth < 4)
                .map(|(k, p)| format!("{k:?}:{}", min_json(doc, p, depth + 1)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// `c-tests/org_answers.c`: calls each organization operation named on
/// the command line and prints what it read.
pub fn answers_c(org: &Org, ops: &[Op]) -> String {
    let mut s = String::new();
    s.push_str("/* Generated by tests/codegen.rs: do not edit.\n * Reads answers through the 63 organization calls, in the order the\n * arguments name the operations (operationIds), and prints one line per\n * call: \"<operationId>\\t<the result converted back to JSON>\" or\n * \"<operationId>\\tERROR <errorType>: <message>\". Request bodies are the\n * smallest each model accepts (parsed from JSON). The test serves the answers.\n * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */\n");
    s.push_str("#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n");
    let apis: std::collections::BTreeSet<&str> = ops.iter().map(|o| o.api.as_str()).collect();
    for api in apis {
        writeln!(s, "#include \"api/{api}.h\"").unwrap();
    }
    s.push_str("\nstatic void print_json(const char *op, cJSON *json) {\n    char *text = json ? cJSON_PrintUnformatted(json) : NULL;\n    printf(\"%s\\t%s\\n\", op, text ? text : \"CONVERT-FAILED\");\n    free(text);\n    cJSON_Delete(json);\n}\n\nstatic void print_error(apiClient_t *c, const char *op) {\n    const char *type = apiClient_errorType(c), *message = apiClient_errorMessage(c);\n    printf(\"%s\\tERROR %s: %s\\n\", op, type ? type : \"(none)\", message ? message : \"(none)\");\n}\n\n");
    s.push_str("#define SHOW(model, CALL)                                  \\\n    do {                                                   \\\n        model##_t *r_ = (CALL);                            \\\n        if (r_) print_json(op, model##_convertToJSON(r_)); \\\n        else print_error(c, op);                           \\\n        model##_free(r_);                                  \\\n    } while (0)\n\n");
    s.push_str("/* 1 when `op` is an organization operation (and was called). */\nstatic int call(apiClient_t *c, const char *op) {\n    if (0) {\n");
    for op in ops {
        writeln!(s, "    }} else if (!strcmp(op, {:?})) {{", op.id).unwrap();
        let mut args = vec!["c".to_string()];
        args.extend(op.path_params.iter().map(|p| format!("\"{p}_1\"")));
        for q in &op.query {
            args.push(match &q.q {
                Q::Enum(i) => format!("({})0", org.enums[*i].c),
                _ => "NULL".into(),
            });
        }
        if let Some(b) = &op.body {
            writeln!(s, "        cJSON *json = cJSON_Parse({:?});", op.body_json.as_deref().unwrap_or("{}")).unwrap();
            writeln!(s, "        {b}_t *req = {b}_parseFromJSON(json);").unwrap();
            args.push("req".into());
            writeln!(s, "        SHOW({}, {}_{}({}));", op.result, op.api, op.name, args.join(", ")).unwrap();
            writeln!(s, "        {b}_free(req);\n        cJSON_Delete(json);").unwrap();
        } else {
            writeln!(s, "        SHOW({}, {}_{}({}));", op.result, op.api, op.name, args.join(", ")).unwrap();
        }
    }
    s.push_str("    } else {\n        return 0;\n    }\n    return 1;\n}\n\n");
    s.push_str("int main(int argc, char **argv) {\n    const char *url = getenv(\"OPENAI_API_TEST_URL\");\n    const char *key = getenv(\"OPENAI_API_TEST_KEY\");\n    if (!url || !key) {\n        fprintf(stderr, \"set OPENAI_API_TEST_URL and OPENAI_API_TEST_KEY\\n\");\n        return 2;\n    }\n    apiClient_t *c = apiClient_create_with_base_path(url, NULL);\n    c->accessToken = strdup(key);\n    apiClient_setMaxRetries(c, 0);\n    int status = 0;\n    for (int i = 1; i < argc; i++) {\n        if (!call(c, argv[i])) {\n            fprintf(stderr, \"unknown operation %s\\n\", argv[i]);\n            status = 2;\n        }\n    }\n    apiClient_free(c);\n    return status;\n}\n");
    s
}

/// Each organization operation with the model its answer parses into.
pub fn calls_table(ops: &[Op]) -> String {
    let mut s = String::from("\n/// Each organization operation (operationId) with the model its answer parses into, for code that must cover them all (tests).\npub const ORGANIZATION_CALLS: &[(&str, &ModelDef)] = &[\n");
    for op in ops {
        writeln!(s, "    ({:?}, &{}_t::DEF),", op.id, op.result).unwrap();
    }
    s.push_str("];\n");
    s
}

/// The seed's 24 models (the 19 project calls of the 2.3.0 document and
/// the error answer), in the generated client's layout, with the members
/// the live API added (`cur`: the current document's project part).
pub fn seed<'a>(old: &'a Yaml, cur: &'a Yaml) -> Org<'a> {
    let mut org = Org { old, cur, seed: true, known: BTreeMap::new(), rest: true, models: BTreeMap::new(), enums: Vec::new() };
    let schema_of = |s: &Yaml| ref_name(s).map(str::to_string);
    let mut requests = Vec::new();
    let ops: Vec<(String, String, &Yaml)> = all_ops(old).into_iter().filter(|(p, _, _)| p.starts_with("/organization/projects")).collect();
    assert_eq!(ops.len(), 19, "the seed's calls");
    let mut schemas: Vec<(String, bool)> = Vec::new();
    for (_, _, op) in &ops {
        if let Some(s) = schema_of(&op["responses"]["200"]["content"]["application/json"]["schema"]) {
            schemas.push((s, false));
        }
        if let Some(s) = schema_of(&op["requestBody"]["content"]["application/json"]["schema"]) {
            schemas.push((s, true));
        }
    }
    schemas.push(("ErrorResponse".into(), false));
    for (s, request) in schemas {
        let name = model_name(&s);
        let c = &cur["components"]["schemas"][s.as_str()];
        org.released(&name, &s, &old["components"]["schemas"][s.as_str()], (!c.is_badvalue()).then_some(c));
        if request {
            requests.push(name);
        }
    }
    for r in requests {
        let m = org.models.get_mut(&r).expect("made above");
        m.request = true;
        // Private only when there is something to keep there.
        m.private = m.members.iter().any(|f| f.ext || matches!(f.ty, Ty::Enum(_)));
    }
    assert_eq!(org.models.len(), 24, "the seed's models");
    org
}

/// `c-tests/org_walkers.c`: runs the walker of each organization list
/// named on the command line and prints how many items it visited and
/// the cursor it handed back.
pub fn walkers_c(org: &Org, ops: &[Op]) -> String {
    let mut s = String::new();
    s.push_str("/* Generated by tests/codegen.rs: do not edit.\n * Runs the walker of each organization list named on the command line\n * (its list operation's operationId) from the first page and prints\n * \"<operationId>\\t<items visited> <cursor handed back or NULL>\", or\n * \"<operationId>\\tERROR <errorType>: <message>\". The test serves the pages.\n * Environment: OPENAI_API_TEST_URL, OPENAI_API_TEST_KEY. */\n");
    s.push_str("#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n");
    let apis: std::collections::BTreeSet<&str> = ops.iter().filter(|o| o.list.is_some()).map(|o| o.api.as_str()).collect();
    for api in apis {
        writeln!(s, "#include \"api/{api}.h\"").unwrap();
    }
    s.push_str("\nstatic int count(void *item, void *n) {\n    if (item) (*(int *)n)++;\n    return 0;\n}\n\n");
    s.push_str("/* 1 when `op` has a walker (and it ran). */\nstatic int walk(apiClient_t *c, const char *op) {\n    int n = 0, visited;\n    char *next = NULL;\n    if (0) {\n        return 0;\n");
    for op in ops {
        let Some((item, _, _)) = &op.list else { continue };
        let query = op.ex.as_ref().unwrap_or(&op.query);
        let mut args = vec!["c".to_string()];
        args.extend(op.path_params.iter().map(|p| format!("\"{p}_1\"")));
        for q in query {
            args.push(match &q.q {
                Q::Enum(i) => format!("({})0", org.enums[*i].c),
                _ => "NULL".into(),
            });
        }
        args.push("&next".into());
        args.push(format!("(int (*)({item}_t *, void *))count"));
        args.push("&n".into());
        writeln!(s, "    }} else if (!strcmp(op, {:?})) {{", op.id).unwrap();
        writeln!(s, "        visited = {}_{}({});", op.api, walker_name(op), args.join(", ")).unwrap();
    }
    s.push_str("    } else {\n        return 0;\n    }\n    if (visited < 0) {\n        const char *type = apiClient_errorType(c), *message = apiClient_errorMessage(c);\n        printf(\"%s\\tERROR %s: %s\\n\", op, type ? type : \"(none)\", message ? message : \"(none)\");\n    } else {\n        printf(\"%s\\t%d %d %s\\n\", op, visited, n, next ? next : \"NULL\");\n    }\n    free(next);\n    return 1;\n}\n\n");
    s.push_str("int main(int argc, char **argv) {\n    apiClient_t *c = apiClient_create_with_base_path(getenv(\"OPENAI_API_TEST_URL\"), NULL);\n    c->accessToken = strdup(getenv(\"OPENAI_API_TEST_KEY\"));\n    apiClient_setMaxRetries(c, 0);\n    int status = 0;\n    for (int i = 1; i < argc; i++) {\n        if (!walk(c, argv[i])) {\n            fprintf(stderr, \"no walker for %s\\n\", argv[i]);\n            status = 2;\n        }\n    }\n    apiClient_free(c);\n    return status;\n}\n");
    s
}

/// Each organization list operation with its walker's cursor: (operationId,
/// the page's cursor member, the cursor parameter).
pub fn walkers_table(ops: &[Op]) -> String {
    let mut s = String::from("\n/// Each organization list (operationId) with its walker's cursor: the page's member and the parameter it goes back in (tests).\npub const ORGANIZATION_WALKERS: &[(&str, &str, &str)] = &[\n");
    for op in ops {
        if let Some((_, cursor, param)) = &op.list {
            writeln!(s, "    ({:?}, {:?}, {:?}),", op.id, cursor, param).unwrap();
        }
    }
    s.push_str("];\n");
    s
}

/// The seed's 19 calls (`ProjectsAPI_`), declared as the generated client
/// declares them, with an `Ex` variant where the current document has more
/// parameters. Their walkers are the seed's (`src/api/walkers.rs`).
pub fn seed_ops(org: &mut Org) -> Vec<Op> {
    let old = org.old;
    let cur = org.cur;
    let mut ops = Vec::new();
    for (path, method, op) in all_ops(old).into_iter().filter(|(p, _, _)| p.starts_with("/organization/projects")) {
        let id = op["operationId"].as_str().unwrap().to_string();
        let name = call_name(&id);
        let cur_op = all_ops(cur).into_iter().find(|(_, _, o)| o["operationId"].as_str() == Some(id.as_str())).map(|(_, _, o)| o);
        let (mut path_params, query) = org.params(op, &name, true);
        let ex = cur_op
            .map(|c| org.params(c, &name, false).1)
            .filter(|cq| cq.len() != query.len() || cq.iter().zip(&query).any(|(a, b)| a.name != b.name));
        path_params.sort_by_key(|n| path.find(&format!("{{{n}}}")).unwrap());
        let result = model_name(ref_name(&op["responses"]["200"]["content"]["application/json"]["schema"]).expect("a named answer"));
        let body = ref_name(&op["requestBody"]["content"]["application/json"]["schema"]).map(model_name);
        let summary = sentence(op["summary"].as_str()).unwrap_or_else(|| id.clone());
        ops.push(Op {
            api: api_of(op),
            id,
            name,
            method: method.to_uppercase(),
            path,
            summary,
            path_params,
            query,
            body,
            result,
            released: true,
            ex,
            list: None,
            body_json: None,
        });
    }
    assert_eq!(ops.len(), 19, "the seed's calls");
    ops
}

/// A released struct (`tests/data/layout.lock`): its members up to
/// `_library_owned`, those after it, and each one's C declaration.
pub struct Locked {
    before: Vec<String>,
    after: Vec<String>,
    decls: BTreeMap<String, String>,
}

pub type Lock = BTreeMap<String, Locked>;

pub fn lock() -> Lock {
    let text = std::fs::read_to_string(crate::support::root().join("tests/data/layout.lock")).unwrap();
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
