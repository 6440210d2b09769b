//! Emitting Rust: the model tables and structs, the calls and walkers.

use super::group::{file_of, Groups, COMMON};
use super::model::*;
use super::naming::*;
use super::ops::*;
use std::fmt::Write;

/// The walker of a list that takes only `limit` (the first walkers of the
/// project lists): `ProjectsAPI_forEachProjectCertificate`.
fn first_walker(s: &mut String, op: &Op, item: &str, cursor: &str) {
    let name = &op.name;
    let walker = format!("forEach{}", name.trim_start_matches("list").trim_end_matches('s'));
    let mut params = vec!["apiClient: *mut apiClient_t".to_string()];
    params.extend(op.path_params.iter().map(|p| format!("{p}: *mut c_char")));
    params.push("limit: *mut c_int".into());
    for q in op.query.iter().filter(|q| op.walk_with.contains(&q.name)) {
        params.push(format!("{}: *mut {}", rust_ident(&q.name), if matches!(q.q, Q::Str) { "c_char" } else { "c_int" }));
    }
    params.push(format!("visit: Option<unsafe extern \"C\" fn(*mut {item}_t, *mut c_void) -> c_int>"));
    params.push("user_data: *mut c_void".into());
    let mut args: Vec<String> = vec!["apiClient".into()];
    args.extend(op.path_params.iter().cloned());
    for q in &op.query {
        args.push(match q.name.as_str() {
            "limit" => "limit".into(),
            "after" => "after".into(),
            n if op.walk_with.iter().any(|w| w == n) => rust_ident(n),
            _ => "ptr::null_mut()".into(),
        });
    }
    let api = &op.api;
    let with: String = op.walk_with.iter().map(|w| format!(" `{w}` as for `{api}_{name}`;")).collect();
    writeln!(s, "\n/// Calls `visit(item, user_data)` for every item of `{api}_{name}`, page after page (`limit` per page, NULL for the server's default;{with} the next page starts after the `{cursor}` of the last). Each item is the library's and valid only while `visit` runs. `visit` returns 0 to go on, non-zero to stop. Returns how many items were visited, or -1 when a page could not be fetched (the error API says why) or `visit` is NULL.").unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {api}_{walker}({}) -> c_int {{", params.join(", ")).unwrap();
    writeln!(s, "    // SAFETY: as for {api}_{name}; `visit` is a valid function.").unwrap();
    writeln!(
        s,
        "    unsafe {{ guarded(apiClient, -1, || walk(apiClient, |after| {api}_{name}({}), visit, user_data)) }}\n}}",
        args.join(", ")
    )
    .unwrap();
}

impl Org<'_> {
    pub(crate) fn c_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Str => "*mut c_char".into(),
            Ty::Int | Ty::Bool | Ty::Counter | Ty::NullableInt | Ty::NullableBool => "c_int".into(),
            Ty::Double => "f64".into(),
            Ty::Int64 => "i64".into(),
            Ty::Long => "c_long".into(),
            Ty::Enum(i) => self.enums[*i].raw.clone(),
            Ty::Model(m) => format!("*mut {m}_t"),
            Ty::List(_) | Ty::StrList | Ty::NumList => "*mut list_t".into(),
            Ty::Json | Ty::Rest | Ty::Whole => "*mut cJSON".into(),
            Ty::Object => "*mut object_t".into(),
            Ty::Map(_) | Ty::MapList(_) => "*mut list_t".into(),
            Ty::Float => "f32".into(),
        }
    }

    pub(crate) fn kind(&self, m: &Member) -> String {
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
            Ty::NumList => "num_list".into(),
            Ty::Whole => "whole".into(),
            Ty::Json => "json".into(),
            Ty::Rest => "rest".into(),
            Ty::Object => "object".into(),
            Ty::Map(of) => format!("map({of})"),
            Ty::MapList(of) => format!("map_list({of})"),
            Ty::Float => "float".into(),
        }
    }
}

pub(crate) fn member_doc(org: &Org, m: &Member) -> String {
    let what = match &m.ty {
        Ty::List(item) => format!(" A list of `{item}_t *`."),
        Ty::StrList => " A list of `char *`.".into(),
        Ty::NumList => " A list of `double *` (integers too, as the generated client keeps them); an answer that sends it as base64 (`encoding_format` `base64`) is decoded into it.".into(),
        Ty::Json => " Any JSON value, as a cJSON tree the struct owns.".into(),
        Ty::Object => " Its JSON text, in an `object_t` the struct owns.".into(),
        Ty::Map(of) => format!(" A list of `keyValuePair_t *`: each key a `char *`, each value {}; the struct owns them.", map_value(of)),
        Ty::MapList(of) => format!(" A list of maps (`list_t *` of `keyValuePair_t *`, each value {}); the struct owns them.", map_value(of)),
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
    let key = if m.key != m.name && !m.key.is_empty() { format!(" (JSON `{}`)", m.key) } else { String::new() };
    let mirror = m.mirror.as_ref().map_or(String::new(), |n| format!(" The live API sends it as `{n}`: in a struct the library made it holds the same value as `{n}` (a list is shared: free the struct, never the list)."));
    let base = m.doc.clone().unwrap_or_else(|| format!("`{}` in the JSON.", m.key));
    // A sentence of its own before what follows.
    let base = if base.ends_with(['.', '!', '?', ':']) { base } else { format!("{base}.") };
    format!("{base}{key}{what}{mirror}")
}

/// What a map's value is, for the header.
fn map_value(of: &str) -> &'static str {
    match of {
        "Str" => "a `char *`",
        "Num" => "a `double *`",
        _ => "a `cJSON *` (any JSON value)",
    }
}

pub const HEADER: &str =
    "// Generated by `cargo xtask codegen` from tests/data/admin-current.yaml and tests/data/admin-2.3.0.yaml: do not edit.\n";

/// The enums and models of `org` that `keep_enum` and `keep_model` keep
/// (by C enum type and model name).
pub fn models_body(org: &Org, keep_enum: impl Fn(&str) -> bool, keep_model: impl Fn(&str) -> bool) -> String {
    let mut s = String::new();
    for e in org.enums.iter().filter(|e| keep_enum(&e.c)) {
        writeln!(s, "\n/// {}", if e.doc.is_empty() { format!("`{}`.", e.c) } else { e.doc.clone() }).unwrap();
        writeln!(s, "#[repr(C)]\npub enum {} {{\n    {}_NULL = 0,", e.c, e.prefix).unwrap();
        for v in &e.values {
            writeln!(s, "    {}_{},", e.prefix, c_value(v)).unwrap();
        }
        s.push_str("}\n");
        let names: Vec<String> = e.values.iter().map(|v| format!("c{v:?}")).collect();
        let one_line = format!("c_enum!({} => {}: [{}]);", e.raw, e.c, names.join(", "));
        if one_line.len() <= 100 {
            writeln!(s, "{one_line}").unwrap();
        } else {
            writeln!(s, "c_enum!({} => {}: [", e.raw, e.c).unwrap();
            names.iter().for_each(|n| writeln!(s, "    {n},").unwrap());
            s.push_str("]);\n");
        }
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
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {from}({arg}: *mut c_char) -> {} {{\n    // SAFETY: `{arg}` is NULL or a C string (the header's rule), only read.\n    unsafe {{ enum_from_string({arg}) }}\n}}", e.raw).unwrap();
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
            writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {0}_parseFromJSON({0}JSON: *mut cJSON) -> {1} {{\n    // SAFETY: `{0}JSON` is NULL or a cJSON item the caller keeps for the call (the header's rule), only read.\n    unsafe {{ enum_from_json({0}JSON) }}\n}}", e.fns, e.raw).unwrap();
        }
    }
    for m in org.models.values().filter(|m| keep_model(&m.name)) {
        emit_model(&mut s, org, m);
    }
    s
}

/// The companion members of a member, after `_library_owned`: an enum's
/// text, a count's whole value, a nullable integer's presence.
pub(crate) fn companions(f: &Member) -> Option<String> {
    match f.ty {
        Ty::Enum(_) => Some(format!(
            "    /// The server's `{}` text when `{}` has no constant for it; else NULL.\n    pub {}_string: *mut c_char,\n",
            f.key, f.name, f.name
        )),
        Ty::Counter => Some(format!("    /// The whole `{}`, which the `int` member saturates.\n    pub {}_64: i64,\n", f.key, f.name)),
        _ => None,
    }
}

pub(crate) fn emit_model(s: &mut String, org: &Org, m: &Model) {
    let t = format!("{}_t", m.name);
    let fns = fns_of(&m.name);
    let layout = if m.released {
        " Its members up to `_library_owned` are the generated client's (2.3.0); those after it exist only in structs the library made (parsed answers, `_create`)."
    } else {
        ""
    };
    let setters: Vec<&Member> =
        if m.private { m.members.iter().filter(|f| f.ext || matches!(f.ty, Ty::Enum(_))).collect() } else { vec![] };
    // A request's members the document lets be `null`: each has a mark in
    // the library's private block and a `_set_<member>_null`.
    let marks: Vec<&Member> = if m.request {
        m.members.iter().filter(|f| f.nullable && !f.required && !f.secret && f.mirror.is_none() && f.ty != Ty::Rest).collect()
    } else {
        vec![]
    };
    let mark_fields: String = marks
        .iter()
        .map(|f| {
            format!("    /// 1 while `{}` is to be sent as `null` (`{fns}_set_{}_null`).\n    _null_{}: c_int,\n", f.key, f.name, f.name)
        })
        .collect();
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
        if f.ty == Ty::NullableBool && !m.late_has {
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
        if f.ty == Ty::NullableBool && m.late_has {
            after.push_str(&sent(f));
        }
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
    if m.private || !marks.is_empty() {
        // A private request keeps its newer members in the block; another
        // keeps them in the struct, and only its `null` marks in the block.
        let private = if m.private {
            after.replace("    pub ", "    ")
        } else {
            s.push_str(&after);
            String::new()
        };
        s.push_str("}\n");
        writeln!(s, "/// The library's allocation of a `{t}`: the struct, then its private members.\n#[repr(C)]\npub(crate) struct {alloc} {{\n    base: {t},").unwrap();
        s.push_str(&private);
        s.push_str(&mark_fields);
        s.push_str("}\n");
    } else {
        s.push_str(&after);
        s.push_str("}\n");
    }
    let line = |f: &Member| {
        let flag = match &f.mirror {
            Some(n) => format!("mirror({n})"),
            None if marks.iter().any(|g| g.name == f.name) => format!("nullable(_null_{})", f.name),
            None if f.secret && f.required => "secret".into(),
            None if f.secret => "wiped".into(),
            None if f.required => "required".into(),
            None => "optional".into(),
        };
        let key = if f.key != f.name { format!(" = {:?}", f.key) } else { String::new() };
        format!("    {}{key}: {}, {flag};\n", rust_ident(&f.name), org.kind(f))
    };
    writeln!(s, "model!({t} {{").unwrap();
    if m.private || !marks.is_empty() {
        for f in m.members.iter().filter(|f| !f.ext || !m.private) {
            s.push_str(&line(f));
        }
        writeln!(s, "}} {} {alloc} {{", if m.private { "ext" } else { "marks" }).unwrap();
        for f in m.members.iter().filter(|f| f.ext && m.private) {
            s.push_str(&line(f));
        }
        for f in &marks {
            writeln!(s, "    _null_{}: null_mark, optional;", f.name).unwrap();
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
    writeln!(s, "    // SAFETY: `{fns}` is NULL or a `{t}` laid out as the header declares, handed over to be freed; a struct the library did not make is only read within the generated client's layout, and not freed.\n    unsafe {{ free({fns}) }}\n}}").unwrap();
    writeln!(s, "/// A new `{t}` from a cJSON object (free it with `{fns}_free`), or NULL when the JSON is not one.").unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_parseFromJSON({fns}JSON: *mut cJSON) -> *mut {t} {{").unwrap();
    writeln!(s, "    // SAFETY: `{fns}JSON` is NULL or a cJSON tree the caller keeps unchanged for the call (the header's rule), only read.\n    unsafe {{ parse({fns}JSON) }}\n}}").unwrap();
    writeln!(s, "/// A new cJSON object for the `{t}` (free with `cJSON_Delete`), or NULL when a member the document requires is missing.")
        .unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_convertToJSON({fns}: *mut {t}) -> *mut cJSON {{").unwrap();
    writeln!(s, "    // SAFETY: `{fns}` is NULL or a `{t}` laid out as the header declares, only read (past `_library_owned` only in a struct the library made).\n    unsafe {{ to_json({fns}) }}\n}}").unwrap();
    for f in &marks {
        writeln!(s, "/// Makes the request send `{}` as `null`{}: what the member held is freed and it is set to NULL/0; a value given later (by its setter, or in the struct for a member of its own) is sent instead. Returns 0, or -1 (with a warning on stderr) when `{fns}` is NULL or was not made by the library (`{fns}_new`, `_create` or `_parseFromJSON`).", f.key, null_means(&f.key)).unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {fns}_set_{}_null({fns}: *mut {t}) -> c_int {{", f.name).unwrap();
        writeln!(s, "    // SAFETY: `{fns}` is NULL or a `{t}` (the member is written only in a struct the library made).\n    unsafe {{ set_null({fns}, {:?}) }}\n}}", f.key).unwrap();
    }
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
            (Ty::Model(_), _) => (
                f.name.clone(),
                format!(
                    "Sets `{}` to `{}`, which the request takes (it frees it, as `_create`'s arguments; NULL: not sent).",
                    f.key, f.name
                ),
            ),
            _ => (f.name.clone(), format!("Sets `{}` to a copy of `{}` (NULL: not sent).", f.key, f.name)),
        };
        let (ty, call) = match &f.ty {
            Ty::Int | Ty::Bool => ("c_int".to_string(), "set_int"),
            Ty::Model(m) => (format!("*mut {m}_t"), "set_model"),
            _ => ("*const c_char".to_string(), "set_text"),
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
            "    // SAFETY: `{fns}` is NULL or a `{t}` (the member is written only in a struct the library made), the value a number or NULL or a C string, copied.\n    unsafe {{ {call}({fns}, {:?}, {}) }}\n}}",
            f.key,
            rust_ident(&f.name)
        )
        .unwrap();
    }
}

/// What an explicit `null` does, for the members whose document says so.
fn null_means(key: &str) -> &'static str {
    match key {
        "spend_limit" => " (it removes the key's spend limit)",
        "notification_channel" => " (it resets notifications to the owners only)",
        _ => "",
    }
}

/// A request's `X_new`: `_create` without the deprecation, copying the
/// strings it is given (the caller keeps its own).
pub(crate) fn emit_new(s: &mut String, org: &Org, t: &str, fns: &str, public: &[&Member], names: &[String], rest: &str) {
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
    let named = match &strings[..] {
        [one] => format!("`{one}` is"),
        many => format!("{} are each", many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
    };
    let value = made.strip_prefix("create(").and_then(|m| m.strip_suffix(')')).expect("a create call");
    writeln!(
        s,
        "    // SAFETY: {named} NULL or a C string, copied; the lists, models and JSON passed are the caller's to hand over (the header's rule for `_create`).\n    unsafe {{ new_copying([{list}], |[{list}]| {value}) }}\n}}"
    )
    .unwrap();
}

impl Org<'_> {
    pub(crate) fn param_c(&self, p: &Param) -> String {
        match &p.q {
            Q::Int | Q::Bool => "*mut c_int".into(),
            Q::Str => "*mut c_char".into(),
            Q::List { ptr: false } => "*mut list_t".into(),
            Q::List { ptr: true } => "*mut *mut list_t".into(),
            Q::Enum(i) => self.enums[*i].raw.clone(),
            Q::Object(m, _) => format!("*mut {m}_t"),
            Q::Map => "*mut list_t".into(),
        }
    }

    pub(crate) fn query_code(&self, params: &[Param]) -> String {
        // One pair a parameter: an array (no allocation).
        if params.iter().all(|p| matches!(p.q, Q::Int | Q::Bool | Q::Str | Q::Enum(_))) && !params.is_empty() {
            let pairs: Vec<String> = params
                .iter()
                .map(|p| {
                    let f = match p.q {
                        Q::Int => "int_q",
                        Q::Bool => "bool_q",
                        Q::Str => "str_q",
                        _ => "enum_q",
                    };
                    format!("({:?}, {f}({}))", p.wire, rust_ident(&p.name))
                })
                .collect();
            return format!("let query = [{}];\n", pairs.join(", "));
        }
        let decl = if params.is_empty() {
            "let query: [(&str, Option<Vec<u8>>); 0] = [];"
        } else {
            "let mut query: Vec<(&str, Option<Vec<u8>>)> = Vec::new();"
        };
        // A map's pairs are made first, for the query to borrow their names.
        let maps: String = params
            .iter()
            .filter(|p| matches!(p.q, Q::Map))
            .map(|p| format!("let {0}_pairs = map_q({1:?}, {0});\n            ", rust_ident(&p.name), p.wire))
            .collect();
        let mut s = format!("{maps}{decl}\n");
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
                Q::Map => writeln!(
                    s,
                    "            query.extend({}_pairs.iter().map(|(k, v)| (k.as_str(), Some(v.clone()))));",
                    rust_ident(&p.name)
                ),
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

pub(crate) fn param_doc(p: &Param) -> String {
    let how = match &p.q {
        Q::List { ptr: true } => " (`list_t **`: the list is `[0]`; a NULL pointer or list is not sent)",
        Q::List { ptr: false } => " (a list of `char *`, sent as `name[]=…` once per item; NULL: not sent)",
        Q::Enum(_) => " (0: not sent)",
        Q::Object(..) => " (each non-zero member sent as `name[member]=…`; NULL: not sent)",
        Q::Map => " (a list of `keyValuePair_t *` of `char *` keys and values, each sent as `name[key]=value`; NULL: not sent)",
        _ => "",
    };
    format!("`{}`{how}", p.name)
}

/// The SAFETY comment of a call with `params` (`name: type`): what each
/// pointer must be, by its type.
fn call_safety(params: &[String]) -> String {
    let mut what: Vec<(String, Vec<String>)> = Vec::new();
    for p in params.iter().skip(1) {
        let (name, ty) = p.split_once(": ").unwrap();
        let kind = match ty {
            "*mut c_char" | "*const c_char" => "NULL or a C string".to_string(),
            "*mut c_int" => "NULL or an int".to_string(),
            "*mut list_t" => "NULL or a `list_t` of C strings".to_string(),
            t if t.starts_with("*mut ") => format!("NULL or a `{}` laid out as the header declares", &t[5..]),
            _ => continue,
        };
        match what.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, names)) => names.push(format!("`{name}`")),
            None => what.push((kind, vec![format!("`{name}`")])),
        }
    }
    let mut parts = vec!["`apiClient` is NULL or a client from apiClient_create* (checked against the record before use)".to_string()];
    parts.extend(
        what.into_iter().map(|(kind, names)| format!("{} {} {kind}", names.join(", "), if names.len() > 1 { "are each" } else { "is" })),
    );
    let text = format!("SAFETY: {}; all only read, for the call (the header's rule).", parts.join("; "));
    super::wrap(&text, "    // ", "    // ", 100)
}

/// A multipart call's form parameters (`name: type`).
fn form_params(org: &Org, fields: &[FormField], ex: bool) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        let n = rust_ident(&f.name);
        let ty = match &f.f {
            F::File(..) => "*mut binary_t".to_string(),
            F::Str => "*mut c_char".into(),
            F::CStr => "*const c_char".into(),
            // A released top enum goes by the name the generated client gives it.
            F::Enum(i) if org.enums[*i].top => format!("{}_e", org.enums[*i].fns),
            F::Enum(i) => org.enums[*i].raw.clone(),
            F::Model(m) => format!("*mut {m}_t"),
            F::Int => "*mut c_int".into(),
            F::IntP | F::BoolP => "*const c_int".into(),
            F::Double => "f64".into(),
            F::DoubleP => "*const f64".into(),
            F::List { ptr: true } => "*mut *mut list_t".into(),
            F::List { ptr: false } => "*mut list_t".into(),
            F::Json => "*mut cJSON".into(),
        };
        out.push(format!("{n}: {ty}"));
        if ex && matches!(f.f, F::File(..)) {
            out.push(format!("{}_filename: *const c_char", f.name));
            out.push(format!("{}_content_type: *const c_char", f.name));
        }
    }
    out
}

/// The code that fills a multipart call's form.
fn form_code(fields: &[FormField], ex: bool) -> String {
    let mut s = String::new();
    for f in fields {
        let n = rust_ident(&f.name);
        let w = &f.wire;
        let line = match &f.f {
            F::File(name, ty) => {
                let (fname, ctype) = if ex {
                    (format!("{}_filename", f.name), format!("{}_content_type", f.name))
                } else {
                    ("ptr::null()".into(), "ptr::null()".into())
                };
                format!("form_file(form, {w:?}, {n}, {fname}, {ctype}, ({name:?}, {ty:?}), {})?;", f.required)
            }
            F::Str | F::CStr => format!("form_value(form, {w:?}, str_q({n}));"),
            F::Enum(_) => format!("form_value(form, {w:?}, enum_q({n}));"),
            F::Model(_) => format!("form_value(form, {w:?}, model_q({n}));"),
            F::Int | F::IntP => format!("form_value(form, {w:?}, int_q({n}));"),
            F::BoolP => format!("form_value(form, {w:?}, bool_q({n}));"),
            F::Double => format!("form_value(form, {w:?}, double_q({n}));"),
            F::DoubleP => format!("form_value(form, {w:?}, double_pq({n}));"),
            F::List { ptr: true } => format!("form_list(form, {w:?}, if {n}.is_null() {{ ptr::null_mut() }} else {{ *{n} }});"),
            F::List { ptr: false } => format!("form_list(form, {w:?}, {n});"),
            F::Json => format!("form_json(form, {w:?}, {n});"),
        };
        writeln!(s, "                {line}").unwrap();
    }
    s
}

/// The aliases the generated client's multipart calls name their top enums
/// by (`audio_response_format_e`, which it uses without declaring).
fn enum_aliases(org: &Org, ops: &[Op]) -> String {
    let mut done = std::collections::BTreeSet::new();
    let mut s = String::new();
    for f in ops.iter().filter_map(|op| op.form.as_ref()).flat_map(|(r, _)| r) {
        if let F::Enum(i) = f.f {
            let e = &org.enums[i];
            if e.top && done.insert(e.fns.clone()) {
                writeln!(s, "\n/// `{}` by the name the generated client's API header gives it (it never declares it).\n#[allow(non_camel_case_types)]\npub type {}_e = {};", e.c, e.fns, e.raw).unwrap();
            }
        }
    }
    s
}

/// A call's parameters as the generated client orders them: the client,
/// the path's ids, the body, then `query`.
fn call_params(org: &Org, op: &Op, query: &[Param]) -> Vec<String> {
    let mut params = vec!["apiClient: *mut apiClient_t".to_string()];
    params.extend(op.path_params.iter().map(|p| format!("{p}: *mut c_char")));
    if let Some(b) = &op.body {
        params.push(format!("{b}: *mut {b}_t"));
    }
    params.extend(query.iter().map(|q| format!("{}: {}", rust_ident(&q.name), org.param_c(q))));
    params
}

/// The closure that builds a call's JSON body (`|| None` without one).
fn body_arg(op: &Op) -> String {
    op.body.as_ref().map_or("|| None".to_string(), |b| format!("|| body({b})"))
}

pub fn calls_body(org: &Org, ops: &[Op]) -> String {
    let mut s = enum_aliases(org, ops);
    let mut events_written = false;
    for op in ops.iter().filter(|op| op.form.is_some() || op.raw.is_some()) {
        other_call(&mut s, org, op);
    }
    for op in ops.iter().filter(|op| op.form.is_none() && op.raw.is_none()) {
        let mut variants = vec![(op.name.clone(), &op.query, false)];
        if let Some(ex) = &op.ex {
            variants.push((format!("{}Ex", op.name), ex, true));
        }
        for (name, query, is_ex) in variants {
            let params = call_params(org, op, query);
            let body = body_arg(op);
            let qdoc: Vec<String> = query.iter().filter(|q| !matches!(q.q, Q::Int | Q::Str | Q::Bool)).map(param_doc).collect();
            let qdoc = if qdoc.is_empty() { String::new() } else { format!(" Parameters: {}.", qdoc.join(", ")) };
            let ex_doc = if is_ex {
                format!(" `{}` with the current document's whole parameter list.", op.name)
            } else if op.released && query.iter().any(|q| matches!(q.q, Q::List { ptr: true })) {
                format!(" Declared as the generated client declares it: its arrays are `list_t **` because that client declares them `list_t *name[]`, which C reads as a pointer to a `list_t *`; `{}Ex` and the walker, which it does not have, take the `list_t *` itself.", op.name)
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
            s.push_str(&call_safety(&params));
            writeln!(s, "    unsafe {{\n        guarded(apiClient, ptr::null_mut(), || {{").unwrap();
            writeln!(s, "            {}", org.query_code(query).trim_end()).unwrap();
            // A stream-capable call assembles the answer when the request says `stream`.
            let call = if super::library::STREAMS.iter().any(|(id, _)| *id == op.id) { "call_streamable" } else { "call" };
            writeln!(s, "            {call}(apiClient, {:?}, &[{}], &query, {body})", op.method, segments(&op.path)).unwrap();
            s.push_str("        })\n    }\n}\n");
        }
        if let Some((_, how)) = super::library::STREAMS.iter().find(|(id, _)| *id == op.id) {
            stream_call(&mut s, org, op, *how, &mut events_written);
        }
    }
    for op in ops {
        let Some((item, cursor, cursor_param)) = &op.list else { continue };
        // A walker released taking `limit` only keeps its shape; beside it
        // `<walker>Ex` takes the list call's whole parameter list.
        let walker = if op.resume {
            walker_name(op)
        } else {
            first_walker(&mut s, op, item, cursor);
            format!("{}Ex", walker_name(op))
        };
        let (target, query) = match &op.ex {
            Some(ex) => (format!("{}Ex", op.name), ex),
            None => (op.name.clone(), &op.query),
        };
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

/// The `…Stream` function of a stream-capable call (ABI.md section 10),
/// and before the first one of runs, the table of their events' models.
fn stream_call(s: &mut String, org: &Org, op: &Op, how: super::library::Streamed, events_written: &mut bool) {
    use super::library::{Streamed, RUN_EVENTS};
    if matches!(how, Streamed::Events) && !std::mem::replace(events_written, true) {
        s.push_str("\n/// The model of a run stream's event data, by event name (a name ending in `.` is a prefix; the\n/// first that fits wins); an event none fits is handed on as its `cJSON *`.\npub const RUN_EVENTS: &[(&str, &ModelDef)] = &[\n");
        for (event, model) in RUN_EVENTS {
            writeln!(s, "    ({event:?}, &{model}_t::DEF),").unwrap();
        }
        s.push_str("];\n");
    }
    let mut params = call_params(org, op, &op.query);
    let body = body_arg(op);
    let (what, call) = match how {
        Streamed::Chunks(model) => {
            params.push(format!("on_chunk: Option<unsafe extern \"C\" fn(user: *mut c_void, chunk: *mut {model}_t) -> c_int>"));
            (
                format!("Calls `on_chunk(user, chunk)` once per event, as soon as it arrives, with the event parsed into a `{model}_t`: the library's, valid only during the call (copy what you keep; a `_free` of it is refused with a warning)."),
                format!("stream_chunks(apiClient, {:?}, &[{}], &query, {body}, on_chunk, user)", op.method, segments(&op.path)),
            )
        }
        Streamed::Events => {
            params.push(
                "on_event: Option<unsafe extern \"C\" fn(user: *mut c_void, event: *const c_char, data: *mut c_void) -> c_int>".into(),
            );
            (
                "Calls `on_event(user, event, data)` once per event, as soon as it arrives, with the event's name and its data: `thread.run.step.delta` a `run_step_delta_object_t *`, `thread.message.delta` a `message_delta_object_t *`, other `thread.run.step.*` a `run_step_object_t *`, other `thread.run.*` a `run_object_t *`, other `thread.message.*` a `message_object_t *`, `thread.created` a `thread_object_t *`, `error` an `error_t *` (then the function returns -1), any other name its `cJSON *`; `done` is not handed on. The data is the library's, valid only during the call (copy what you keep; a `_free` of it is refused with a warning).".to_string(),
                format!("stream_events(apiClient, {:?}, &[{}], &query, {body}, RUN_EVENTS, on_event, user)", op.method, segments(&op.path)),
            )
        }
    };
    params.push("user: *mut c_void".into());
    writeln!(s, "\n/// `{}_{}` as a stream (`stream` is sent true whatever the request holds). {what} Non-zero from the callback stops the stream (the connection is closed, not reused; errorType `aborted`). Memory is bounded by the largest event; between events the client's idle limit applies (`apiClient_setStreamIdleTimeout`). Returns 0 when the stream ended as the API ends it (`[DONE]`), -1 otherwise (the error API says why).", op.api, op.name).unwrap();
    writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {}_{}Stream({}) -> c_int {{", op.api, op.name, params.join(", ")).unwrap();
    s.push_str(&call_safety(&params));
    s.push_str("    unsafe {\n        guarded(apiClient, -1, || {\n");
    writeln!(s, "            {}", org.query_code(&op.query).trim_end()).unwrap();
    writeln!(s, "            {call}").unwrap();
    s.push_str("        })\n    }\n}\n");
}

/// A multipart call (and its `Ex`) or a call whose answer is no model.
fn other_call(s: &mut String, org: &Org, op: &Op) {
    let mut variants: Vec<(String, Option<&[FormField]>, bool)> = match &op.form {
        Some((released, now)) => vec![(op.name.clone(), Some(released), false), (format!("{}Ex", op.name), Some(now), true)],
        None => vec![(op.name.clone(), None, false)],
    };
    // The bytes of a download with their length too; and any answer of
    // bytes handed over as they arrive.
    if op.raw == Some(Raw::Text) {
        variants.push((format!("{}Binary", op.name), None, false));
    }
    if op.raw.is_some() {
        variants.push((format!("{}To", op.name), None, false));
    }
    for (name, fields, ex) in variants {
        let mut params = call_params(org, op, &[]);
        params.extend(fields.map(|f| form_params(org, f, ex)).unwrap_or_default());
        let to = name.ends_with("To");
        if to {
            params.push("on_bytes: Option<unsafe extern \"C\" fn(user: *mut c_void, data: *const u8, len: usize) -> c_int>".into());
            params.push("user: *mut c_void".into());
        }
        let (ret, take, what) = match (op.raw, name.ends_with("Binary")) {
            _ if to => ("", "", "Hands every byte of the answer to `on_bytes(user, data, len)` as it arrives (`data` is valid during the call only), in flat memory whatever its size (no answer ceiling); non-zero from `on_bytes` stops it (errorType `aborted`, the connection closed). Returns 0 when every byte was handed over, -1 otherwise (the error API says why).".to_string()),
            (Some(Raw::Text), false) => ("c_char", "take_text", "Returns every byte of the answer followed by a NUL (a new string to `free`; a NUL inside is the file's: `…Binary` gives the length), or NULL.".to_string()),
            (Some(_), _) => ("binary_t", "take_bytes", "Returns a new `binary_t` holding every byte of the answer and its length (free `data`, then the struct, with `free`), or NULL.".to_string()),
            (None, _) => ("", "", format!("Returns a new `{0}_t` (free it with `{0}_free`), or NULL.", op.result)),
        };
        let ret = match ret {
            _ if to => "c_int".to_string(),
            "" => format!("*mut {}_t", op.result),
            r => format!("*mut {r}"),
        };
        let doc = match (fields.is_some(), ex) {
            (true, false) => " Declared as the generated client declares it; each file is sent with a filename and content type its bytes suggest, else the defaults MIGRATING.md lists.",
            (true, true) => " With the current document's whole form, each file followed by its filename and content type (NULL: as for the call without `Ex`).",
            _ if name.ends_with("Binary") => " Beside the generated client's call, which returns the bytes as a string.",
            _ if to => " Beside the generated client's call, for an answer of any size.",
            _ => " Declared as the generated client declares it.",
        };
        writeln!(s, "\n/// {} (`{} {}`, operation `{}`).{doc} {what}", op.summary.trim_end_matches('.'), op.method, op.path, op.id)
            .unwrap();
        writeln!(s, "#[no_mangle]\npub unsafe extern \"C\" fn {}_{name}({}) -> {ret} {{", op.api, params.join(", ")).unwrap();
        s.push_str(&call_safety(&params));
        let failed = if to { "-1" } else { "ptr::null_mut()" };
        writeln!(s, "    unsafe {{\n        guarded(apiClient, {failed}, || {{").unwrap();
        writeln!(s, "            {}", org.query_code(&op.query).trim_end()).unwrap();
        let path = segments(&op.path);
        match fields {
            Some(f) => {
                writeln!(s, "            call_form(apiClient, {:?}, &[{path}], &query, |form| {{", op.method).unwrap();
                s.push_str(&form_code(f, ex));
                s.push_str("                Ok(())\n            })\n");
            }
            None if to => {
                let body = body_arg(op);
                writeln!(s, "            call_to(apiClient, {:?}, &[{path}], &query, {body}, on_bytes, user)", op.method).unwrap();
            }
            None => {
                let body = body_arg(op);
                writeln!(s, "            call_raw(apiClient, {:?}, &[{path}], &query, {body}, {take})", op.method).unwrap();
            }
        }
        s.push_str("        })\n    }\n}\n");
    }
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

/// The calls of the generated client's other APIs (`library::LIBRARY_APIS`):
/// each operationId with the model its answer parses into.
pub fn library_table(ops: &[Op]) -> String {
    let mut s = String::from("\n/// Each operation of the generated client's APIs beyond the administration ones the library has (operationId) with the model its answer parses into, for code that must cover them all (tests); `LIBRARY_RAW_CALLS` lists those whose answer is no model.\npub const LIBRARY_CALLS: &[(&str, &ModelDef)] = &[\n");
    for op in ops.iter().filter(|op| op.raw.is_none()) {
        writeln!(s, "    ({:?}, &{}_t::DEF),", op.id, op.result).unwrap();
    }
    s.push_str(
        "];\n\n/// The operations of those APIs whose answer is bytes, not a model (tests).\npub const LIBRARY_RAW_CALLS: &[&str] = &[\n",
    );
    for op in ops.iter().filter(|op| op.raw.is_some()) {
        writeln!(s, "    {:?},", op.id).unwrap();
    }
    s.push_str("];\n");
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

/// The Rust name of a group's list of models: `PROJECTS_MODELS`.
pub(crate) fn models_list(group: &str) -> String {
    format!("{}_MODELS", group.to_ascii_uppercase())
}

/// A generated models file: the group's enums and models, from every
/// document's pass, and the list of its models. `api` is the API whose
/// calls use them (None: `common`).
pub(crate) fn models_file(group: &str, api: Option<&str>, orgs: &[&Org], groups: &Groups) -> String {
    let mut s = String::from(HEADER);
    match api {
        Some(api) => writeln!(s, "//! The models and enums that only `{api}`'s calls use (`include/api/{api}.h`), one table each\n//! (see `model!`); those several APIs share are in `common`.").unwrap(),
        None => s.push_str("//! The models and enums that several APIs use, or none does (an error\n//! answer, the events of a list), one table each (see `model!`).\n"),
    }
    s.push_str("//! A model of the generated client keeps its layout up to `_library_owned`;\n//! the members after it exist only in structs the library made. Every\n//! struct is allocated by the library or built by the program\n//! (`_library_owned` 0), freed with its `_free`.\n\n");
    s.push_str("#![allow(clippy::too_many_arguments)]\n\n");
    s.push_str("#[allow(unused_imports)]\nuse crate::wire::model::{blank, c_enum, create, enum_from_json, enum_from_string, enum_to_json, enum_to_string, free, model, new_copying, parse, set_int, set_model, set_null, set_text, to_json, CModel, ModelDef};\n#[allow(unused_imports)]\nuse crate::support::cjson::cJSON;\n#[allow(unused_imports)]\nuse crate::support::list::list_t;\n#[allow(unused_imports)]\nuse crate::wire::object::object_t;\n#[allow(unused_imports)]\nuse std::os::raw::{c_char, c_int, c_long};\n");
    if group != COMMON {
        s.push_str("#[allow(unused_imports)]\nuse super::common::*;\n");
    }
    let names: Vec<&String> = orgs.iter().flat_map(|o| o.models.keys()).filter(|m| groups.model(m) == group).collect();
    writeln!(
        s,
        "\n/// The models of this file, for code that must cover them all (fuzzing, tests).\npub const {}: &[&ModelDef] = &[",
        models_list(group)
    )
    .unwrap();
    for m in &names {
        writeln!(s, "    &{m}_t::DEF,").unwrap();
    }
    s.push_str("];\n");
    for o in orgs {
        s.push_str(&models_body(o, |c| groups.enum_(c) == group, |m| groups.model(m) == group));
    }
    s
}

/// A generated calls file: the calls of `api` (and their walkers), from
/// each document's pass.
pub(crate) fn calls_file(api: &str, has_models: bool, bodies: &[String]) -> String {
    let mut s = String::from(HEADER);
    writeln!(s, "//! The calls of `{api}` (`include/api/{api}.h`), and a walker for each of\n//! their lists. Every call sets `apiClient->response_code` to 0 first, then\n//! to the HTTP status when an answer arrives; it returns a new result (the\n//! caller frees it with the matching `_free`) only for a 2xx answer whose\n//! JSON parses into the model, otherwise NULL with the reason readable\n//! through the error API. Arguments stay the caller's; a NULL optional\n//! parameter is not sent; a NULL client or required argument returns NULL\n//! without a request. A call the generated client has is declared as it\n//! declares it.\n").unwrap();
    s.push_str("\n#![allow(clippy::too_many_arguments, clippy::vec_init_then_push)]\n\n#[allow(unused_imports)]\nuse crate::call::engine::{body, bool_q, call, call_form, call_raw, call_to, enum_q, guarded, int_q, list_q, map_q, set_int_q, str_q, Seg::Id, Seg::Lit};\n#[allow(unused_imports)]\nuse crate::call::form::{double_pq, double_q, form_file, form_json, form_list, form_value, model_q, take_bytes, take_text};\n#[allow(unused_imports)]\nuse crate::support::binary::binary_t;\n#[allow(unused_imports)]\nuse crate::support::cjson::cJSON;\n#[allow(unused_imports)]\nuse crate::call::paging::{walk, walk_from};\n#[allow(unused_imports)]\nuse crate::call::stream::{call_streamable, stream_chunks, stream_events};\nuse crate::client::structs::apiClient_t;\n#[allow(unused_imports)]\nuse crate::generated::models::common::*;\n#[allow(unused_imports)]\nuse crate::wire::model::{CModel, ModelDef};\n");
    if has_models {
        writeln!(s, "#[allow(unused_imports)]\nuse crate::generated::models::{}::*;", file_of(api)).unwrap();
    }
    s.push_str("#[allow(unused_imports)]\nuse crate::support::list::list_t;\n#[allow(unused_imports)]\nuse std::os::raw::{c_char, c_int, c_void};\nuse std::ptr;\n");
    for b in bodies {
        s.push_str(b);
    }
    s
}
