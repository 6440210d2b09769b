//! The models: each schema's C struct and table, built from the documents
//! (the 2.3.0 layouts first, then the current document's members).

use super::naming::*;
use super::openapi::*;
use std::collections::{BTreeMap, BTreeSet};
use yaml_rust2::Yaml;

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
    /// An array of numbers: a `list_t *` of `double *`.
    NumList,
    /// The whole value of a union of non-objects (a `cJSON *`).
    Whole,
    Json,
    /// Every member no other one reads, as a cJSON object.
    Rest,
    /// An `int` that may be null, with `has_<member>`.
    NullableInt,
    /// An optional boolean of a request, with `has_<member>` (1: sent).
    NullableBool,
    /// A free-form object: `object_t *` (its JSON text).
    Object,
    /// An object of `additionalProperties` of one kind (`Str`, `Num` or
    /// `Any`): a `list_t *` of `keyValuePair_t *`.
    Map(&'static str),
    /// An array of such objects: a `list_t *` of maps.
    MapList(&'static str),
    /// A `number` of `format: float`: a C `float`.
    Float,
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
    /// The current document lets it be `null` (a request can send that).
    pub nullable: bool,
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
    /// The `has_<member>` of its optional booleans go after
    /// `_library_owned` (a 2.3.0 layout has no room for them before).
    pub late_has: bool,
}

/// Nullable integers the live API added to a released model, each with a
/// `has_<member>` companion (1 when the answer had a value).
pub(crate) const NULLABLE_INTS: [(&str, &str); 1] = [("project_api_key", "last_used_at")];

/// Usage results count tokens, requests, bytes and seconds: their integers
/// are 64-bit (a released `int` one keeps a `_64` companion).
pub(crate) fn counts(model: &str) -> bool {
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
    pub(crate) fn add_enum(
        &mut self,
        raw: String,
        c: String,
        prefix: String,
        values: Vec<String>,
        fns: String,
        top: bool,
        doc: String,
    ) -> usize {
        if let Some(i) = self.enums.iter().position(|e| e.c == c) {
            return i;
        }
        assert!(!self.enums.iter().any(|e| e.raw == raw), "two enums named {raw}");
        self.enums.push(EnumDef { raw, c, prefix, values, fns, top, doc });
        self.enums.len() - 1
    }

    pub(crate) fn merged_values(old: &Yaml, cur: Option<&Yaml>) -> Vec<String> {
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
                late_has: false,
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
        let old_props = released_props(self.old, old);
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
                nullable: pc.is_some_and(is_nullable),
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
            members.push(Member {
                name: c_ident(key),
                key: key.clone(),
                ty,
                required: false,
                secret: false,
                doc,
                ext: true,
                mirror: None,
                nullable: is_nullable(pc),
            });
        }
        if let Some(branches) = union_branches(old).filter(|b| !b.iter().all(|b| is_object(self.old, b))) {
            // A union of strings, arrays, …: the generated client's struct
            // has no member for its value; the library keeps it whole. With
            // objects among the branches, the members hold an object.
            let mixed = !members.is_empty();
            let kinds: Vec<String> = branches.iter().filter(|b| !is_object(self.old, b)).map(|b| branch_kind(self.old, b)).collect();
            let doc = if mixed {
                format!(
                    "The value when it is not an object ({}), as a cJSON tree the struct owns (NULL when the members above hold an object): `{label}` has no member for it in the generated client. Make one with `{name}_parseFromJSON`; `{name}_convertToJSON` writes it back.",
                    kinds.join(", ")
                )
            } else {
                format!(
                    "The value ({}), as a cJSON tree the struct owns: `{label}` has no member for it in the generated client. Make one with `{name}_parseFromJSON`; `{name}_convertToJSON` writes it back.",
                    kinds.join(", ")
                )
            };
            members.push(Member {
                name: "value".into(),
                key: String::new(),
                ty: Ty::Whole,
                required: false,
                secret: false,
                doc: Some(doc),
                ext: true,
                mirror: None,
                nullable: false,
            });
            if mixed && !self.seed {
                members.push(rest_member(name, &members));
            }
        } else if !self.seed {
            members.push(rest_member(name, &members));
        }
        let doc = description(self.old, old).unwrap_or_else(|| format!("The `{label}` object of the API."));
        self.models.insert(
            name.into(),
            Model {
                name: name.into(),
                schema: label.into(),
                doc,
                members,
                released: true,
                private: false,
                request: false,
                late_has: false,
            },
        );
    }

    pub(crate) fn old_ty(&mut self, parent: &str, key: &str, po: &'a Yaml, pc: Option<&'a Yaml>) -> Ty {
        let cur_of = |cur: &'a Yaml, p: Option<&'a Yaml>| p.map(|p| resolve(cur, strip_null(p).0));
        // `allOf` of one schema is that schema (`prediction`).
        let po = match po["allOf"].as_vec() {
            Some(one) if one.len() == 1 => &one[0],
            _ => po,
        };
        // A free-form object is no model, named or not.
        if let Some(ty) = free_form(resolve(self.old, po)) {
            return ty;
        }
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
            // A model the administration part has already.
            if let Some(known) = self.known.get(sname) {
                return Ty::Model(known.clone());
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
                // The generated client's name: the key in capitals without its
                // underscores (`encoding_format` -> `ENCODINGFORMAT`).
                let member = c_ident(key);
                let k: String = member.chars().filter(|c| *c != '_').collect::<String>().to_ascii_uppercase();
                let i = self.add_enum(
                    format!("{}{}", upper_camel(parent), upper_camel(&member)),
                    format!("openai_api_{parent}_{k}_e"),
                    format!("openai_api_{parent}_{k}"),
                    values,
                    format!("{parent}_{member}"),
                    false,
                    format!("`{parent}_t.{key}`."),
                );
                Ty::Enum(i)
            }
            Some("string") => Ty::Str,
            // An integer with listed values (`weight`: 0 or 1): an `int`, as
            // the generated client keeps it, beside the enum and the two
            // functions it declares for them.
            Some("integer") if !po["enum"].is_badvalue() => {
                let member = c_ident(key);
                let k: String = member.chars().filter(|c| *c != '_').collect::<String>().to_ascii_uppercase();
                self.add_enum(
                    format!("{}{}", upper_camel(parent), upper_camel(&member)),
                    format!("openai_api_{parent}_{k}_e"),
                    format!("openai_api_{parent}_{k}"),
                    enum_values(po),
                    format!("{parent}_{member}"),
                    false,
                    format!("The values of `{parent}_t.{key}`."),
                );
                Ty::Int
            }
            Some("integer") if po["format"].as_str() == Some("int64") => Ty::Long,
            Some("integer") if counts(parent) => Ty::Counter,
            Some("integer") => Ty::Int,
            Some("number") if po["format"].as_str() == Some("float") => Ty::Float,
            Some("number") => Ty::Double,
            Some("boolean") => Ty::Bool,
            Some("array") => {
                let items = &po["items"];
                let target = resolve(self.old, items);
                if let Some(ty) = free_form(target) {
                    let Ty::Map(of) = ty else { panic!("{parent}.{key}: an array of free-form objects") };
                    return Ty::MapList(of);
                }
                if target["type"].as_str() == Some("string") && !target["enum"].is_badvalue() {
                    // The generated client keeps the strings, and declares
                    // the enum with its functions.
                    let values = enum_values(target);
                    let member = c_ident(key);
                    let k: String = member.chars().filter(|c| *c != '_').collect::<String>().to_ascii_uppercase();
                    let (raw, c, prefix, fns, top) = match ref_name(items) {
                        Some(sname) => {
                            let name = model_name(sname);
                            (upper_camel(&name), format!("openai_api_{name}__e"), format!("openai_api_{name}_"), name, true)
                        }
                        None => (
                            format!("{}{}", upper_camel(parent), upper_camel(&member)),
                            format!("openai_api_{parent}_{k}_e"),
                            format!("openai_api_{parent}_{k}"),
                            format!("{parent}_{member}"),
                            false,
                        ),
                    };
                    let doc = format!("The values of `{parent}_t.{key}`'s strings.");
                    self.add_enum(raw, c, prefix, values, fns, top, doc);
                    return Ty::StrList;
                }
                if let Some(sname) = ref_name(items) {
                    let name = model_name(sname);
                    let cur_items = pc.map(|p| &strip_null(p).0["items"]).filter(|i| !i.is_badvalue());
                    let by_name = &self.cur["components"]["schemas"][sname];
                    let cur_items = if by_name.is_badvalue() { cur_items.map(|i| resolve(self.cur, i)) } else { Some(by_name) };
                    self.released(&name, sname, resolve(self.old, items), cur_items);
                    Ty::List(name)
                } else if matches!(items["type"].as_str(), Some("number" | "integer")) {
                    Ty::NumList
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
                late_has: false,
            },
        );
        let req = required(self.cur, schema);
        let mut members = Vec::new();
        let all = props(self.cur, schema);
        assert!(!all.is_empty(), "{label} has no properties");
        // A union's member of different JSON types in different branches
        // (a grader's `input`: a string or an array) is kept as JSON.
        let shapes = |key: &str| -> BTreeSet<&str> {
            union_branches(resolve(self.cur, schema))
                .into_iter()
                .flatten()
                .filter_map(|b| props(self.cur, b).into_iter().find(|(k, _)| k == key))
                .map(|(_, p)| json_shape(self.cur, p))
                .collect()
        };
        for (key, p) in all {
            let (_, nullable) = strip_null(p);
            let ty = if shapes(&key).len() > 1 { Ty::Json } else { self.cur_ty(name, &key, p) };
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
                nullable: is_nullable(p),
            });
        }
        if self.rest {
            members.push(rest_member(name, &members));
        }
        let doc = description(self.cur, schema).unwrap_or_else(|| format!("The `{label}` object of the API."));
        self.models.insert(
            name.into(),
            Model {
                name: name.into(),
                schema: label.into(),
                doc,
                members,
                released: false,
                private: false,
                request: false,
                late_has: false,
            },
        );
    }

    /// The storage of a current-document member (section 8).
    pub(crate) fn cur_ty(&mut self, parent: &str, key: &str, p: &'a Yaml) -> Ty {
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

/// What a branch of a union is, in words: `a string`, `an array of integers`.
fn branch_kind(doc: &Yaml, b: &Yaml) -> String {
    let b = resolve(doc, b);
    match (b["type"].as_str(), b["enum"].is_badvalue()) {
        (Some("string"), false) => "one of the model names".into(),
        (Some("array"), _) => format!("an array of {}", plural(&branch_kind(doc, &b["items"]))),
        (Some("integer"), _) => "an integer".into(),
        (Some(t), _) => format!("a {t}"),
        (None, _) => "a value".into(),
    }
}

/// `a string` -> `strings`, `an array of integers` -> `arrays of integers`.
fn plural(kind: &str) -> String {
    let bare = kind.trim_start_matches("an ").trim_start_matches("a ");
    match bare.split_once(" of ") {
        Some((head, rest)) => format!("{head}s of {rest}"),
        None => format!("{bare}s"),
    }
}

/// The member that keeps what an answer has beyond the document (the live
/// API sends members its document lacks): `extra`, after `_library_owned`.
/// The JSON type a member's schema gives its value (`object` for any
/// object, union of objects included; `value` for a union of others).
fn json_shape<'y>(doc: &'y Yaml, p: &'y Yaml) -> &'y str {
    let p = resolve(doc, strip_null(p).0);
    if is_object(doc, p) {
        return "object";
    }
    match union_branches(p) {
        Some(_) => "value",
        None => p["type"].as_str().unwrap_or("value"),
    }
}

/// The type of a free-form object schema (one with neither members nor
/// branches): a map when its values share a type, else `object_t`. None
/// for any other schema.
fn free_form(t: &Yaml) -> Option<Ty> {
    if t["type"].as_str() != Some("object") || !t["properties"].is_badvalue() || !t["allOf"].is_badvalue() || union_branches(t).is_some() {
        return None;
    }
    let ap = &t["additionalProperties"];
    Some(match ap["type"].as_str() {
        _ if ap.as_bool() == Some(true) => Ty::Map("Any"),
        Some("string") => Ty::Map("Str"),
        Some("integer" | "number") => Ty::Map("Num"),
        Some(_) => Ty::Map("Any"),
        None if ap.is_badvalue() || ap.as_bool() == Some(false) => Ty::Object,
        None => Ty::Map("Any"),
    })
}

pub(crate) fn rest_member(model: &str, members: &[Member]) -> Member {
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
        nullable: false,
    }
}

/// The seed's 24 models (the 19 project calls of the 2.3.0 document and
/// the error answer), in the generated client's layout, with the members
/// the live API added (`cur`: the current document's project part).
pub fn seed<'a>(old: &'a Yaml, cur: &'a Yaml) -> Org<'a> {
    let mut org = Org { old, cur, seed: true, known: BTreeMap::new(), rest: false, models: BTreeMap::new(), enums: Vec::new() };
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
    // Beside the members' new models the live API added (a key's spend limit).
    assert_eq!(org.models.values().filter(|m| m.released).count(), 24, "the seed's models");
    org
}

/// Released models the live API also sends in another shape: that schema's
/// members are read too (an API key's owner is a user of that shape).
/// A member that shape lacks is not required (the answer may leave it
/// out), except an integer or boolean: a required one is always written.
pub(crate) const ALSO_READ: [(&str, &str); 2] =
    [("project_user", "ProjectApiKeyOwnerUser"), ("project_service_account", "ProjectApiKeyOwnerServiceAccount")];

/// Members the live API renamed: (2.3.0 key, current key).
pub(crate) const RENAMED_MEMBERS: [(&str, &str); 3] = [("result", "results"), ("invited_at", "created_at"), ("sessions", "num_sessions")];

/// Members that hold a secret (wiped before they are freed).
pub(crate) const SECRETS: [(&str, &str); 4] = [
    ("admin_api_key", "value"),
    ("admin_api_key_create_response", "value"),
    ("project_service_account_api_key", "value"),
    ("service_account_api_key_body", "value"),
];
