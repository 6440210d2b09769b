//! Binary drop-in for the generated client's 22 organization calls: C
//! compiled against the layouts the 2.3.0 document gives (emitted here,
//! independently of the generator that writes this library's headers, by
//! the rules OpenAPI Generator's C client follows) runs on this library.
//! - `c-tests/surface/dropin_org_main.c`, built with only those declarations,
//!   calls users, invites, audit logs, usage and costs and admin keys
//!   against the mock and reads the answers through them (three ways);
//! - every one of the 68 models' members up to `_library_owned` sits at
//!   the same offset with the same size in `include/openai_api.h`.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use support::spec::{resolve_yaml, snake};
use support::Run;
use yaml_rust2::{Yaml, YamlLoader};

/// The 2.3.0 document as YAML: its maps keep the document's order, which
/// the members of a struct follow.
fn document() -> Yaml {
    let text = std::fs::read_to_string(support::root().join("tests/data/admin-2.3.0.yaml")).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

/// The seed's schemas: their layouts are checked elsewhere (c-tests/models/layout.c).
const SEED: [&str; 24] = [
    "Error",
    "ErrorResponse",
    "Project",
    "ProjectApiKey",
    "ProjectApiKeyDeleteResponse",
    "ProjectApiKeyListResponse",
    "ProjectApiKey_owner",
    "ProjectCreateRequest",
    "ProjectListResponse",
    "ProjectRateLimit",
    "ProjectRateLimitListResponse",
    "ProjectRateLimitUpdateRequest",
    "ProjectServiceAccount",
    "ProjectServiceAccountApiKey",
    "ProjectServiceAccountCreateRequest",
    "ProjectServiceAccountCreateResponse",
    "ProjectServiceAccountDeleteResponse",
    "ProjectServiceAccountListResponse",
    "ProjectUpdateRequest",
    "ProjectUser",
    "ProjectUserCreateRequest",
    "ProjectUserDeleteResponse",
    "ProjectUserListResponse",
    "ProjectUserUpdateRequest",
];

/// A schema's members in order; a `oneOf`'s branches merged (an empty one
/// is none), each member where it first appears; an `allOf`'s parts
/// merged, the schemas it names before its own members (as a branch of a
/// `oneOf`, in the document's order).
fn members<'a>(doc: &'a Yaml, schema: &'a Yaml) -> Vec<(&'a str, &'a Yaml)> {
    members_in(doc, schema, false)
}

fn members_in<'a>(doc: &'a Yaml, schema: &'a Yaml, branch: bool) -> Vec<(&'a str, &'a Yaml)> {
    let schema = resolve_yaml(doc, schema);
    let mut out: Vec<(&str, &Yaml)> = Vec::new();
    let parts = match (schema["oneOf"].as_vec().filter(|b| !b.is_empty()), schema["allOf"].as_vec()) {
        (Some(branches), _) => Some(branches.iter().collect::<Vec<_>>()),
        (None, Some(all)) if branch => Some(all.iter().collect()),
        (None, Some(all)) => {
            let (named, own): (Vec<&Yaml>, Vec<&Yaml>) = all.iter().partition(|p| !p["$ref"].is_badvalue());
            Some(named.into_iter().chain(own).collect())
        }
        (None, None) => None,
    };
    if let Some(parts) = parts {
        let in_branch = !schema["oneOf"].is_badvalue();
        for b in parts {
            for (k, v) in members_in(doc, b, in_branch) {
                match out.iter_mut().find(|(n, _)| *n == k) {
                    Some(slot) => slot.1 = v,
                    None => out.push((k, v)),
                }
            }
        }
        return out;
    }
    schema["properties"].as_hash().into_iter().flatten().filter_map(|(k, v)| Some((k.as_str()?, v))).collect()
}

/// The C declaration of a member, as OpenAPI Generator's C client lays it
/// out; `prefix` is put before every struct name.
fn declaration(doc: &Yaml, key: &str, p: &Yaml, prefix: &str) -> String {
    let name = member_name(key);
    let p = one_of_all(p);
    match free_form(doc, p) {
        Some(true) => return format!("{prefix}list_t *{name}"),
        Some(false) => return format!("{prefix}object_t *{name}"),
        None => {}
    }
    if let Some(r) = p["$ref"].as_str() {
        let target = resolve_yaml(doc, p);
        return if target["enum"].as_vec().is_some() {
            format!("int {name}") // a referenced enum, by value
        } else {
            format!("struct {prefix}{}_t *{name}", snake(r.rsplit('/').next().unwrap()))
        };
    }
    match (p["type"].as_str(), p["enum"].as_vec().is_some()) {
        (Some("string"), true) => format!("int {name}"),
        (Some("string"), false) => format!("char *{name}"),
        // OpenAPI Generator's C client: `long` for `format: int64`.
        (Some("integer"), _) if p["format"].as_str() == Some("int64") => format!("long {name}"),
        (Some("integer" | "boolean"), _) => format!("int {name}"),
        (Some("number"), _) if p["format"].as_str() == Some("float") => format!("float {name}"),
        (Some("number"), _) => format!("double {name}"),
        (Some("array"), _) => format!("{prefix}list_t *{name}"),
        other => panic!("{key}: {other:?}"),
    }
}

/// The C type of a member of model `model` in the generated client's own
/// names (which this library's header must use): its enums by their
/// generated names, `long` for `format: int64`, structs by pointer.
fn c_type(doc: &Yaml, model: &str, key: &str, p: &Yaml) -> String {
    let p = one_of_all(p);
    match free_form(doc, p) {
        Some(true) => return "list_t *".into(),
        Some(false) => return "object_t *".into(),
        None => {}
    }
    if let Some(r) = p["$ref"].as_str() {
        let target = resolve_yaml(doc, p);
        let name = snake(r.rsplit('/').next().unwrap());
        return if target["enum"].as_vec().is_some() { format!("openai_api_{name}__e") } else { format!("struct {name}_t *") };
    }
    match (p["type"].as_str(), p["enum"].as_vec().is_some()) {
        // The key in capitals without its underscores (`ENCODINGFORMAT`).
        (Some("string"), true) => format!("openai_api_{model}_{}_e", key.replace(['_', '/'], "").to_ascii_uppercase()),
        (Some("string"), false) => "char *".into(),
        (Some("integer"), _) if p["format"].as_str() == Some("int64") => "long".into(),
        (Some("integer" | "boolean"), _) => "int".into(),
        (Some("number"), _) if p["format"].as_str() == Some("float") => "float".into(),
        (Some("number"), _) => "double".into(),
        (Some("array"), _) => "list_t *".into(),
        other => panic!("{key}: {other:?}"),
    }
}

/// A member's C name: `.`, `/` and `-` as `_` (`hate/threatening`), a C
/// keyword after `_` (`_static`), as OpenAPI Generator's C client names it.
fn member_name(key: &str) -> String {
    let name = key.replace(['.', '/', '-'], "_");
    const KEYWORDS: [&str; 12] =
        ["auto", "char", "const", "default", "double", "float", "int", "long", "register", "static", "switch", "union"];
    if KEYWORDS.contains(&name.as_str()) {
        format!("_{name}")
    } else {
        name
    }
}

/// Whether OpenAPI Generator's C client makes a struct of a schema: an
/// object or a union, not an enum, an array, a plain value, another
/// schema's alias or a free-form object.
fn has_struct(doc: &Yaml, schema: &Yaml) -> bool {
    schema["enum"].is_badvalue()
        && schema["$ref"].is_badvalue()
        && !matches!(schema["type"].as_str(), Some("array" | "string" | "boolean" | "integer" | "number"))
        && free_form(doc, schema).is_none()
}

/// `allOf` of one schema is that schema, as the generator reads it.
fn one_of_all(p: &Yaml) -> &Yaml {
    match p["allOf"].as_vec() {
        Some(one) if one.len() == 1 => &one[0],
        _ => p,
    }
}

/// A free-form object (`type: object` with no members, named or inline):
/// Some(true) for a map (`additionalProperties` given: a `list_t *` of
/// key/value pairs), Some(false) for an `object_t *`; None otherwise.
fn free_form(doc: &Yaml, p: &Yaml) -> Option<bool> {
    let t = resolve_yaml(doc, p);
    let plain = t["type"].as_str() == Some("object")
        && t["properties"].is_badvalue()
        && t["allOf"].is_badvalue()
        && t["oneOf"].is_badvalue()
        && t["anyOf"].is_badvalue();
    let ap = &t["additionalProperties"];
    plain.then(|| !ap.is_badvalue() && ap.as_bool() != Some(false))
}

/// Every organization struct of the 2.3.0 document (the 67 objects; the
/// 68th model, AuditLogEventType, is an enum), as C, names prefixed.
fn layouts(prefix: &str) -> (String, Vec<(String, Vec<String>)>) {
    layouts_of(&document(), &|name| !SEED.contains(&name), prefix)
}

/// The structs of the object schemas of `doc` that `keep` names, as C,
/// names prefixed, with (struct, member names) of each.
pub(crate) fn layouts_of(doc: &Yaml, keep: &dyn Fn(&str) -> bool, prefix: &str) -> (String, Vec<(String, Vec<String>)>) {
    let mut c = format!(
        "typedef struct {prefix}object_t {{ void *temporary; }} {prefix}object_t;\n\
         typedef struct {prefix}listEntry_t {{ struct {prefix}listEntry_t *nextListEntry; struct {prefix}listEntry_t *prevListEntry; void *data; }} {prefix}listEntry_t;\n\
         typedef struct {prefix}list_t {{ {prefix}listEntry_t *firstEntry; {prefix}listEntry_t *lastEntry; long count; }} {prefix}list_t;\n"
    );
    let mut structs = Vec::new();
    for (name, schema) in doc["components"]["schemas"].as_hash().unwrap() {
        let name = name.as_str().unwrap();
        if !keep(name) || !has_struct(doc, schema) {
            continue;
        }
        let t = format!("{}_t", snake(name));
        let fields: Vec<(String, String)> = members(doc, schema)
            .into_iter()
            .map(|(k, p)| (member_name(k), declaration(doc, k, p, prefix)))
            .chain([("_library_owned".to_string(), "int _library_owned".to_string())])
            .collect();
        // Two schemas of one C name (`StaticChunkingStrategy`,
        // `Static_Chunking_Strategy`): the generator writes the file of the
        // last over the first's.
        match structs.iter_mut().find(|(have, _)| *have == t) {
            Some(slot) => slot.1 = fields,
            None => {
                c.push_str(&format!("typedef struct {prefix}{t} {prefix}{t};\n"));
                structs.push((t, fields));
            }
        }
    }
    for (t, fields) in &structs {
        let body: Vec<&str> = fields.iter().map(|(_, d)| d.as_str()).collect();
        c.push_str(&format!("struct {prefix}{t} {{ {}; }};\n", body.join("; ")));
    }
    let names = structs.into_iter().map(|(t, f)| (t, f.into_iter().map(|(n, _)| n).collect())).collect();
    (c, names)
}

/// Every member of every struct of the 2.3.0 document (the seed's too)
/// with its C type in the generated client's names: (struct, member, type).
fn typed_members() -> Vec<(String, String, String)> {
    typed_members_of(&document(), &|_| true)
}

/// Every member of the structs of `doc` that `keep` names, with its C type
/// in the generated client's names: (struct, member, type).
pub(crate) fn typed_members_of(doc: &Yaml, keep: &dyn Fn(&str) -> bool) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (name, schema) in doc["components"]["schemas"].as_hash().unwrap() {
        let name = name.as_str().unwrap();
        if !keep(name) || !has_struct(doc, schema) {
            continue;
        }
        let model = snake(name);
        // The last schema of a C name is the struct (see `layouts_of`).
        out.retain(|(t, _, _)| *t != format!("{model}_t"));
        for (k, p) in members(doc, schema) {
            out.push((format!("{model}_t"), member_name(k), c_type(doc, &model, k, p)));
        }
    }
    out
}

pub(crate) fn write(name: &str, text: &str) -> std::path::PathBuf {
    let dir = support::root().join("target/dropin");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_2_3_0_layouts_are_this_librarys() {
    let (decls, structs) = layouts("ref_");
    assert_eq!(structs.len(), 67);
    // Type by type: each member has the generated client's type, by name
    // (an `int` where it has `long` has the wrong size; an `int` where it
    // has an enum, or another enum, the wrong type).
    let typed = typed_members();
    assert!(typed.len() > 200, "{} members", typed.len());
    check_layouts("layout_org", &decls, &structs, &typed);
}

/// Compiles and runs a C program that holds every member of `structs`
/// (reference layouts `decls`, names prefixed `ref_`) against this
/// library's header: same offset, same size, and each of `typed` of the
/// generated client's type.
pub(crate) fn check_layouts(name: &str, decls: &str, structs: &[(String, Vec<String>)], typed: &[(String, String, String)]) {
    let mut c = String::from("#include <stddef.h>\n#include \"openai_api.h\"\n#include \"check.h\"\n");
    c.push_str(decls);
    c.push_str("int main(void) {\n");
    for (t, fields) in structs {
        for f in fields {
            c.push_str(&format!(
                "    CHECK_INT(offsetof({t}, {f}), offsetof(struct ref_{t}, {f})); CHECK_INT(sizeof((({t} *)0)->{f}), sizeof(((struct ref_{t} *)0)->{f}));\n"
            ));
        }
        c.push_str(&format!("    CHECK(sizeof({t}) >= sizeof(struct ref_{t}));\n"));
    }
    for (t, f, ty) in typed {
        c.push_str(&format!(
            "    if (!__builtin_types_compatible_p(__typeof__((({t} *)0)->{f}), {ty})) {{ fprintf(stderr, \"{t}.{f} is not {ty}\\n\"); check_failures++; }}\n"
        ));
    }
    c.push_str("    CHECK_DONE();\n}\n");
    // check.h sits beside the C tests.
    let src = write(&format!("{name}.c"), &c.replace("\"check.h\"", &format!("\"{}\"", support::root().join("c-tests/check.h").display())));
    let exe = support::build_source(&src, name, support::Flavour::Plain);
    let out = support::run(&exe, &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

#[test]
fn a_program_built_against_the_2_3_0_layouts_runs_on_this_library() {
    let (decls, _) = layouts("");
    let main = std::fs::read_to_string(support::root().join("c-tests/surface/dropin_org_main.c")).unwrap();
    let src = write("dropin_org.c", &format!("/* Generated by tests/surface/dropin_org.rs from admin-2.3.0.yaml. */\n{decls}\n{main}"));
    for way in Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let out = way.program(
            &src,
            &[],
            &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_ADMIN_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)],
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let expected = [
            "users: 2 has_more=1 first=user_alice <alice@example.com> role=1 object=1 last_id=user_bob",
            "user: Bob Example bob@example.com added_at=1700000002",
            "modified: role=1",
            "deleted: user_dan 1",
            "invite: made <dropin@example.com> role=2 status=3 invited_at>0=1 projects=1",
            "invites: 1",
            "retrieved: dropin@example.com",
            "invite deleted: 1",
            // Newest first: the invite just deleted (`invite.deleted` is 6).
            "audit: ",
            "usage: 3 buckets start=1735430400 input_tokens>0=1 requests>0=1",
            "sessions>0=1",
            "costs: value>0=1 currency=usd",
            "admin key: value=sk-admin-... owner=user_alice",
            "admin keys: 1",
            "admin key again: value=NULL",
            "admin key deleted: 1",
        ];
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), expected.len(), "{way:?}:\n{text}");
        for (line, want) in lines.iter().zip(expected) {
            assert!(line.starts_with(want), "{way:?}: {line:?} is not {want:?}\n{text}");
        }
        assert!(
            lines[8].ends_with("first type=6 invite_deleted=") || lines[8].contains("first type=6 invite_deleted=invite-"),
            "{way:?}: {}",
            lines[8]
        );
    }
}
