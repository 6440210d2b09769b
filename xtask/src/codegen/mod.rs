//! The generator of every model and every call: `cargo xtask codegen`
//! writes, and `cargo xtask codegen --check` (CI, and a test) fails while a
//! committed file differs from what the documents and the layout lock give.
//!
//! - the models of the 19 calls the generated client has on a project
//!   (from `tests/data/admin-2.3.0.yaml`, with the live API's members),
//!   of the 40 project operations added since and of the 84 organization
//!   operations (from OpenAI's current document,
//!   `tests/data/admin-current.yaml`), grouped by the API that uses them
//!   in `src/generated/models/<api>.rs`;
//! - the calls, one file per API in `src/generated/calls/<api>.rs`, and the
//!   C programs of every documented answer and walker
//!   (`c-tests/calls/answers.c`, `c-tests/calls/org_walkers.c`);
//! - the headers under `include/`: cbindgen writes the declarations, and
//!   `split` parts them into one header per API, per model and per support
//!   type, which `openai_api.h` includes;
//! - the table of calls in docs/calls.md.
//!
//! Naming and layout follow ABI.md section 8: a model is its schema's name
//! in snake_case (`ProjectGroupListResource` -> `project_group_list_resource_t`),
//! an inline object is named after its parent and member (`_inner` for array
//! items), a member is named as its JSON key; strings and enums are
//! `char *`, integers and booleans `int`, arrays of strings `list_t *` of
//! `char *`, arrays of objects `list_t *` of the item model, a free-form
//! object a `cJSON *`. Modules by job: `openapi` (reading the documents),
//! `naming`, `model` (the models' structs), `ops` (the operations), `lock`
//! (the released layouts), `rust` and `c` (emitting).

mod c;
mod group;
mod header;
mod library;
mod lock;
mod model;
mod naming;
mod openapi;
mod ops;
mod rust;
mod split;

pub use header::version;

use c::*;
use group::*;
use library::*;
use lock::*;
use model::*;
use naming::*;
use openapi::*;
use ops::*;
use rust::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use yaml_rust2::Yaml;

/// The project's root (the xtask's parent folder).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `text` as rustfmt formats it with the project's `rustfmt.toml`.
fn rustfmt(root: &Path, text: &str) -> std::io::Result<String> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new(std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into()))
        .args(["--edition", "2021", "--emit", "stdout", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    child.stdin.take().unwrap().write_all(text.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(std::io::Error::other("rustfmt failed on a generated file"));
    }
    String::from_utf8(out.stdout).map_err(std::io::Error::other)
}

/// `text` with its comment lines (`//`, `///`, `//!`) longer than `width`
/// wrapped at spaces, each new line with the same prefix (rustfmt leaves
/// comments as they are).
fn wrap_docs(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let body = line.trim_start();
        let prefix_len = ["//! ", "/// ", "// "].iter().find(|p| body.starts_with(**p)).map(|p| p.len());
        match prefix_len {
            Some(n) if line.len() > width => {
                let first = &line[..line.len() - body.len() + n];
                // A list item's next lines are indented under its text.
                let next = format!("{first}{}", if body[n..].starts_with("- ") { "  " } else { "" });
                out.push_str(&wrap(&body[n..], first, &next, width));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// `text`'s words in lines of at most `width` bytes where they fit, the
/// first line after `first`, the others after `next`; each line ends with
/// a newline.
fn wrap(text: &str, first: &str, next: &str, width: usize) -> String {
    let mut out = String::new();
    let mut prefix = first;
    let mut current = prefix.to_string();
    for word in text.split(' ') {
        if current.len() > prefix.len() && current.len() + 1 + word.len() > width {
            out.push_str(current.trim_end());
            out.push('\n');
            prefix = next;
            current = prefix.to_string();
        }
        if current.len() > prefix.len() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push_str(current.trim_end());
    out.push('\n');
    out
}

/// The headers under `root`/include, in the order of their paths.
pub(crate) fn header_files(root: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        files_under(&root.join("include")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "h")).collect();
    paths.sort();
    paths
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The files under `root` that differ from what the generator gives
/// (paths relative to `root`); with `write`, they are written. The header
/// comes last: cbindgen reads the sources as they are on disk then.
pub fn run(root: &Path, write: bool) -> std::io::Result<Vec<String>> {
    let mut stale = Vec::new();
    let mut files = generate();
    for (path, text) in files.iter_mut() {
        if path.starts_with("src/") && path.ends_with(".rs") {
            *text = wrap_docs(&rustfmt(root, text)?, 100);
        }
    }
    let renames: Vec<(String, String)> =
        files.iter().filter(|(path, _)| path.starts_with("src/generated/models/")).flat_map(|(_, text)| header::c_enums(text)).collect();
    let update = |path: &str, text: &str, stale: &mut Vec<String>| -> std::io::Result<()> {
        let file = root.join(path);
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text) {
            if write {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&file, text)?;
            }
            stale.push(path.to_string());
        }
        Ok(())
    };
    for (path, text) in &files {
        update(path, text, &mut stale)?;
    }
    let headers = header::headers(root, &renames);
    for (path, text) in &headers {
        update(path, text, &mut stale)?;
    }
    // Only the generator writes under src/generated and include: a file it
    // no longer writes goes.
    for path in files_under(&root.join("src/generated")).into_iter().chain(files_under(&root.join("include"))) {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if !files.iter().chain(&headers).any(|(p, _)| *p == rel) {
            if write {
                std::fs::remove_file(&path)?;
            }
            stale.push(rel);
        }
    }
    Ok(stale)
}

/// `User`, whose layout is the generated client's `user_t` (the
/// organization part); the seed's schemas are the seed pass's.
pub(crate) const USER_SCHEMA: (&str, &str) = ("User", "user");

/// The doc that lists every call.
const CALLS_DOC: &str = "docs/calls.md";

pub(crate) const TABLE_BEGIN: &str = "<!-- calls: generated by cargo xtask codegen -->\n";

pub(crate) const TABLE_END: &str = "<!-- calls: end -->\n";

/// docs/calls.md with its table of every call (the project operations in
/// the document's order, then the organization's) and their counts
/// brought up to date.
pub(crate) fn calls_doc(doc: &Yaml, cur: &Yaml, more: &[String], library: usize, walkers: usize) -> String {
    let text = std::fs::read_to_string(root().join(CALLS_DOC)).unwrap();
    let start = text.find(TABLE_BEGIN).expect("the calls' table marker") + TABLE_BEGIN.len();
    let end = text.find(TABLE_END).expect("the calls' table end marker");
    let mut rows = String::new();
    let mut project = 0;
    for (path, item) in hash(&doc["paths"]) {
        for (method, op) in hash(item) {
            let id = op["operationId"].as_str().unwrap();
            writeln!(rows, "| {} | `{path}` | `ProjectsAPI_{}` |", method.to_uppercase(), camel(id)).unwrap();
            project += 1;
        }
    }
    rows.extend(more.iter().map(String::as_str));
    let ahead = hash(&cur["paths"]).into_iter().flat_map(|(_, item)| hash(item)).filter(|(_, op)| !op["x-source"].is_badvalue()).count();
    let table = format!(
        "{} calls: {project} on a project, {} on the organization, {library} of the generated client's other APIs; {ahead} of them are those OpenAI's SDK has ahead of its document; {walkers} walkers.\n\n| method | path | C function |\n|---|---|---|\n{rows}",
        project + more.len(),
        more.len() - library
    );
    // The count line wrapped as the rest of the doc is; the rows stay one a line.
    let (line, rows) = table.split_once("\n\n").unwrap();
    format!("{}{}\n{rows}{}", &text[..start], wrap(line, "", "", 76), &text[end..])
}

/// Every generated file: (path relative to the crate, contents).
pub(crate) fn generate() -> Vec<(String, String)> {
    let (old, cur) = (load("admin-2.3.0.yaml"), load("admin-current.yaml"));
    let (whole_old, whole_cur) = (load("openai-2.3.0.yaml"), load("openai-current.yaml"));
    generate_from(&old, &cur, &whole_old, &whole_cur, &lock())
}

/// The whole output for the administration part of the 2.3.0 document
/// `old` and of the current one `cur`, the whole documents `whole_old` and
/// `whole_cur` (the other APIs), and the released layouts `lock`.
pub(crate) fn generate_from(old: &Yaml, cur: &Yaml, whole_old: &Yaml, whole_cur: &Yaml, lock: &Lock) -> Vec<(String, String)> {
    let doc = project_part(cur);
    // The seed's models, from the same rules: the 2.3.0 layouts, the
    // current document's members after `_library_owned`.
    let mut seed = seed(old, &doc);
    follow_lock(&mut seed.models, lock, &[]);
    // The project operations beyond the seed, their models by section 8.
    let mut known: BTreeMap<String, String> =
        seed.models.values().filter(|m| !m.schema.contains('.')).map(|m| (m.schema.clone(), m.name.clone())).collect();
    known.insert(USER_SCHEMA.0.into(), USER_SCHEMA.1.into());
    let mut proj = Org { old, cur: &doc, seed: false, known, rest: false, models: BTreeMap::new(), enums: Vec::new() };
    let ops = project_ops(&mut proj);
    // Only request bodies refuse a missing member the document requires: an
    // answer is printed as the server sent it.
    let requests = with_nested(&proj, ops.iter().filter_map(|o| o.body.clone()).collect());
    for (name, model) in proj.models.iter_mut() {
        if !requests.contains(name) {
            model.members.iter_mut().for_each(|m| m.required = m.secret);
        }
    }
    follow_lock(&mut proj.models, lock, &requests);
    // The document's 37 and the 9 its SDK has ahead of it (`x-source`).
    assert_eq!(ops.len(), 46, "the project operations beyond the seed's");
    let mut files = Vec::new();
    // The organization: its models may be the project part's.
    let project_ids: Vec<String> = hash(&doc["paths"])
        .into_iter()
        .flat_map(|(_, item)| hash(item).into_iter().map(|(_, op)| op["operationId"].as_str().unwrap().to_string()))
        .collect();
    // The seed's models the live API added (a key's spend limit) are known too.
    let mut known: BTreeMap<String, String> = proj
        .models
        .values()
        .chain(seed.models.values().filter(|m| !m.released))
        .filter(|m| !m.schema.contains('.'))
        .map(|m| (m.schema.clone(), m.name.clone()))
        .collect();
    known.insert(USER_SCHEMA.0.into(), USER_SCHEMA.1.into());
    known.insert("ProjectServiceAccount".into(), "project_service_account".into());
    let known_pages: KnownPages = proj
        .models
        .values()
        .map(|m| {
            let item = m.members.iter().find(|f| f.key == "data").and_then(|f| match &f.ty {
                Ty::List(i) => Some(i.clone()),
                _ => None,
            });
            (m.name.clone(), (m.members.iter().map(|f| f.key.clone()).collect(), item))
        })
        .collect();
    let (mut o, org_ops) = build(old, cur, &project_ids, known, &known_pages);
    let org_requests = org_requests(&mut o, &org_ops);
    follow_lock(&mut o.models, lock, &org_requests);
    let seed_ops = seed_ops(&mut seed);
    // The other APIs of the generated client: their models may be the
    // administration part's.
    let known: BTreeMap<String, String> =
        [&seed, &proj, &o].iter().flat_map(|g| g.models.values()).map(|m| (m.schema.clone(), m.name.clone())).collect();
    let known_enums: BTreeSet<String> = [&seed, &proj, &o].iter().flat_map(|g| g.enums.iter()).map(|e| e.c.clone()).collect();
    let (mut lib, lib_ops) = build_library(whole_old, whole_cur, known, &known_enums);
    let lib_requests = self::org_requests(&mut lib, &lib_ops);
    follow_lock(&mut lib.models, lock, &lib_requests);
    // The generated client's layouts end at `_library_owned`: no release
    // of this library laid out a `has_` before it yet.
    for m in lib.models.values_mut() {
        m.late_has = !lock.contains_key(&m.name);
    }
    files.extend(sources(&seed, &seed_ops, &proj, &ops, &o, &org_ops, &lib, &lib_ops));
    let proj_as_ops: Vec<Op> = ops.iter().map(ProjectOp::as_op).collect();
    files.push((
        "c-tests/calls/answers.c".to_string(),
        answers_c(&[(&seed, &seed_ops), (&proj, &proj_as_ops), (&o, &org_ops), (&lib, &lib_ops)]),
    ));
    files.push(("c-tests/calls/org_walkers.c".to_string(), walkers_c(&o, &org_ops)));
    files.push(("c-tests/models/every_model.c".to_string(), every_model_c(&lib)));
    let rows: Vec<String> = org_ops
        .iter()
        .chain(&lib_ops)
        .map(|op| {
            let ex = if op.ex.is_some() || op.form.is_some() { format!(", `{}_{}Ex`", op.api, op.name) } else { String::new() };
            let ex = if op.raw == Some(Raw::Text) { format!("{ex}, `{}_{}Binary`", op.api, op.name) } else { ex };
            let walker = if op.list.is_some() { format!(", `{}_{}`", op.api, walker_name(op)) } else { String::new() };
            format!("| {} | `{}` | `{}_{}`{ex}{walker} |\n", op.method, op.path, op.api, op.name)
        })
        .collect();
    // A walker released taking `limit` only has its `Ex` beside it.
    let walkers: usize =
        seed_ops.iter().chain(&org_ops).chain(&proj_as_ops).filter(|op| op.list.is_some()).map(|op| if op.resume { 1 } else { 2 }).sum();
    files.push((CALLS_DOC.to_string(), calls_doc(&doc, cur, &rows, lib_ops.len(), walkers)));
    files
}

/// The Rust files of `src/generated/`: the models by group, the calls by
/// API, and the index (`mod.rs` files).
#[allow(clippy::too_many_arguments)]
fn sources(
    seed: &Org,
    seed_ops: &[Op],
    proj: &Org,
    proj_ops: &[ProjectOp],
    o: &Org,
    org_ops: &[Op],
    lib: &Org,
    lib_ops: &[Op],
) -> Vec<(String, String)> {
    let orgs = [seed, proj, o, lib];
    let mut uses: Vec<Uses> = seed_ops.iter().map(|op| uses_of(seed, op)).collect();
    let proj_ops: Vec<Op> = proj_ops.iter().map(ProjectOp::as_op).collect();
    uses.extend(proj_ops.iter().map(|op| uses_of(proj, op)));
    uses.extend(org_ops.iter().map(|op| uses_of(o, op)));
    uses.extend(lib_ops.iter().map(|op| uses_of(lib, op)));
    let groups = groups(&orgs, &uses);
    let mut apis: Vec<String> = uses.iter().map(|u| u.api.clone()).collect();
    apis.sort();
    apis.dedup();
    let mut files = Vec::new();
    let all = groups.all();
    for g in &all {
        let api = apis.iter().find(|a| file_of(a) == *g).map(String::as_str);
        files.push((format!("src/generated/models/{g}.rs"), models_file(g, api, &orgs, &groups)));
    }
    for api in &apis {
        let mut bodies = Vec::new();
        let of = |ops: &[Op]| ops.iter().filter(|op| op.api == *api).cloned().collect::<Vec<Op>>();
        if api == "ProjectsAPI" {
            bodies.push(calls_body(seed, &of(seed_ops)));
            bodies.push(calls_body(proj, &proj_ops));
        }
        let mine = of(org_ops);
        if !mine.is_empty() {
            bodies.push(calls_body(o, &mine));
        }
        let mine = of(lib_ops);
        if !mine.is_empty() {
            bodies.push(calls_body(lib, &mine));
        }
        files.push((format!("src/generated/calls/{}.rs", file_of(api)), calls_file(api, all.contains(&file_of(api)), &bodies)));
    }
    // The index: which file holds which model.
    let mut m = String::from(HEADER);
    m.push_str(
        "//! The generated models, grouped by the API whose calls use them (`common`:
//! those several APIs use, or none). Every model is reachable from here
//! (`crate::generated::models::project_t`). Where each one lives:
",
    );
    for g in &all {
        let names: Vec<String> =
            orgs.iter().flat_map(|o| o.models.keys()).filter(|n| groups.model(n) == g).map(|n| format!("`{n}_t`")).collect();
        writeln!(m, "//! - `{g}`: {}.", names.join(", ")).unwrap();
    }
    m.push('\n');
    for g in &all {
        writeln!(m, "pub mod {g};").unwrap();
    }
    for g in &all {
        writeln!(m, "pub use {g}::*;").unwrap();
    }
    m.push_str("\nuse crate::wire::model::ModelDef;\n\n/// The lists of models, file by file.\nconst LISTS: &[&[&ModelDef]] = &[\n");
    for g in &all {
        writeln!(m, "    {g}::{},", models_list(g)).unwrap();
    }
    m.push_str("];\n\n/// Every model the library has, for code that must cover them all (fuzzing, tests).\npub fn every_model() -> impl Iterator<Item = &'static ModelDef> {\n    LISTS.iter().flat_map(|l| l.iter()).copied()\n}\n");
    files.push(("src/generated/models/mod.rs".to_string(), m));
    let mut c = String::from(HEADER);
    c.push_str("//! The generated calls, one file per API, as the generated client has one\n//! header per API (`include/api/<Tag>API.h`): `ProjectsAPI_…` in `projects`.\n\n");
    for api in &apis {
        writeln!(c, "pub mod {};", file_of(api)).unwrap();
    }
    for api in &apis {
        writeln!(c, "pub use {}::*;", file_of(api)).unwrap();
    }
    files.push(("src/generated/calls/mod.rs".to_string(), c));
    let mut g = String::from(HEADER);
    g.push_str("//! Written by the generator only (`cargo xtask codegen`): the models\n//! (`models`, grouped by API) and the calls (`calls`, one file per API), and\n//! the tables of the organization's calls and walkers.\n\npub mod calls;\npub mod models;\n\nuse crate::wire::model::{CModel, ModelDef};\nuse models::*;\n");
    g.push_str(&calls_table(org_ops));
    g.push_str(&walkers_table(org_ops));
    g.push_str(&library_table(lib_ops));
    files.push(("src/generated/mod.rs".to_string(), g));
    files
}

/// `roots` and every model they hold, in `o`.
pub(crate) fn with_nested(o: &Org, mut roots: Vec<String>) -> Vec<String> {
    let mut i = 0;
    while i < roots.len() {
        let nested: Vec<String> = o.models.get(&roots[i]).map_or(vec![], |m| {
            m.members
                .iter()
                .filter_map(|m| match &m.ty {
                    Ty::Model(n) | Ty::List(n) => Some(n.clone()),
                    _ => None,
                })
                .collect()
        });
        for n in nested {
            if !roots.contains(&n) {
                roots.push(n);
            }
        }
        i += 1;
    }
    roots
}

/// Only request bodies (and what they hold) refuse a missing member the
/// document requires: an answer is printed as the server sent it.
pub(crate) fn org_requests(o: &mut Org, ops: &[Op]) -> Vec<String> {
    let mut roots: Vec<String> = ops.iter().filter_map(|op| op.body.clone()).collect();
    roots.extend(ops.iter().flat_map(|op| op.query.iter()).filter_map(|q| match &q.q {
        Q::Object(m, _) => Some(m.clone()),
        _ => None,
    }));
    let requests = with_nested(o, roots);
    for (name, model) in o.models.iter_mut() {
        if !requests.contains(name) {
            // An answer may leave out even a secret (an admin key's value
            // is only in the answer to its creation).
            model.members.iter_mut().for_each(|m| m.required = false);
        }
    }
    requests
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_code_is_fresh() {
        let stale = run(&root(), false).unwrap();
        assert!(stale.is_empty(), "stale generated files (run `cargo xtask codegen`): {stale:?}");
    }

    #[test]
    fn names_follow_the_generator() {
        assert_eq!(snake("ProjectGroupListResource"), "project_group_list_resource");
        assert_eq!(snake("OrganizationProjectCertificate"), "organization_project_certificate");
        assert_eq!(camel("list-project-groups"), "listProjectGroups");
        assert_eq!(camel("listProjectCertificates"), "listProjectCertificates");
        assert_eq!(camel("Getprojectspendlimit"), "retrieveProjectSpendLimit");
        assert_eq!(
            segments("/organization/projects/{project_id}/groups/{group_id}"),
            r#"Lit("/organization/projects/"), Id("project_id", project_id), Lit("/groups/"), Id("group_id", group_id)"#
        );
    }

    /// `doc` with `member` (a string) added to the schema `schema`, and with
    /// the `x-source` marks gone (as when OpenAI's document catches up).
    fn caught_up(mut doc: Yaml, additions: &[(&str, &str)]) -> Yaml {
        fn unmark(y: &mut Yaml) {
            match y {
                Yaml::Hash(h) => {
                    h.remove(&Yaml::String("x-source".into()));
                    h.iter_mut().for_each(|(_, v)| unmark(v));
                }
                Yaml::Array(a) => a.iter_mut().for_each(unmark),
                _ => {}
            }
        }
        unmark(&mut doc);
        let key = |k: &str| Yaml::String(k.into());
        for (schema, member) in additions {
            let Yaml::Hash(root) = &mut doc else { panic!("a document") };
            let Some(Yaml::Hash(components)) = root.get_mut(&key("components")) else { panic!("components") };
            let Some(Yaml::Hash(schemas)) = components.get_mut(&key("schemas")) else { panic!("schemas") };
            let Some(Yaml::Hash(s)) = schemas.get_mut(&key(schema)) else { panic!("no {schema}") };
            let Some(Yaml::Hash(props)) = s.get_mut(&key("properties")) else { panic!("{schema} has no properties") };
            // First, where a new document would put it.
            let mut moved = yaml_rust2::yaml::Hash::new();
            let mut member_schema = yaml_rust2::yaml::Hash::new();
            member_schema.insert(key("type"), key("string"));
            moved.insert(key(member), Yaml::Hash(member_schema));
            moved.extend(props.drain());
            *props = moved;
        }
        doc
    }

    /// The struct `name` of a generated Rust file, one member declaration a line.
    fn struct_of(text: &str, name: &str) -> Vec<String> {
        let start = text.find(&format!("struct {name} {{")).unwrap_or_else(|| panic!("no struct {name}"));
        let body = &text[start..start + text[start..].find("\n}").unwrap()];
        body.lines().skip(1).map(str::trim).filter(|l| !l.starts_with("///")).map(String::from).collect()
    }

    #[test]
    fn a_document_that_catches_up_keeps_every_released_layout() {
        let (old, cur) = (load("admin-2.3.0.yaml"), load("admin-current.yaml"));
        let (whole_old, whole_cur) = (load("openai-2.3.0.yaml"), load("openai-current.yaml"));
        let lock = lock();
        // A member OpenAI adds first in the list, to a released answer of the
        // organization, one of the project part and one of the seed, and to a
        // released request with nothing after `_library_owned`.
        let additions =
            [("GroupResponse", "note"), ("ProjectGroup", "note"), ("ProjectApiKey", "note"), ("InviteProjectGroupBody", "note")];
        let now: BTreeMap<String, String> = generate().into_iter().collect();
        let then: BTreeMap<String, String> =
            generate_from(&old, &caught_up(cur, &additions), &whole_old, &whole_cur, &lock).into_iter().collect();
        // The generated file that holds a struct.
        let home = |files: &BTreeMap<String, String>, model: &str| {
            let decl = format!("struct {model} {{");
            files.iter().find(|(p, t)| p.starts_with("src/generated/models/") && t.contains(&decl)).map(|(p, _)| p.clone()).unwrap()
        };
        for model in ["group_response_t", "project_group_t", "project_api_key_t"] {
            let (was, is) = (struct_of(&now[&home(&now, model)], model), struct_of(&then[&home(&then, model)], model));
            // Everything stays where it was; the new member comes last.
            assert_eq!(is[..was.len()], was[..], "{model}");
            assert_eq!(is[was.len()..], ["pub note: *mut c_char,"], "{model}");
        }
        // The request keeps it in its private block, set through a setter.
        let gen = &then[&home(&then, "invite_project_group_body_t")];
        assert_eq!(
            struct_of(gen, "invite_project_group_body_t"),
            struct_of(&now[&home(&now, "invite_project_group_body_t")], "invite_project_group_body_t")
        );
        assert_eq!(struct_of(gen, "InviteProjectGroupBodyAlloc"), ["base: invite_project_group_body_t,", "note: *mut c_char,"]);
        assert!(gen.contains("pub unsafe extern \"C\" fn invite_project_group_body_set_note("), "no setter");
        // Without the `x-source` marks and the new members, nothing changes
        // but the count of what the SDK has ahead of the document.
        let (old, cur) = (load("admin-2.3.0.yaml"), load("admin-current.yaml"));
        let unmarked: BTreeMap<String, String> =
            generate_from(&old, &caught_up(cur, &[]), &whole_old, &whole_cur, &lock).into_iter().collect();
        let changed: Vec<&String> = now.keys().filter(|f| now[*f] != unmarked[*f]).collect();
        assert_eq!(changed, [CALLS_DOC]);
        assert!(unmarked[CALLS_DOC].contains("0 of them are those"), "the count of calls ahead");
        let changed: Vec<&String> = changed.into_iter().filter(|f| *f != CALLS_DOC).collect();
        assert!(changed.is_empty(), "{changed:?}");
    }
}
