//! The shared library exports exactly the functions the header declares.

use std::collections::BTreeSet;
use std::process::Command;

mod support;

/// Function names declared in include/openai_api.h: a declaration starts at
/// column 0 with a return type and has `name(` before any `;`.
fn declared() -> BTreeSet<String> {
    let header = std::fs::read_to_string(support::root().join("include/openai_api.h")).unwrap();
    let mut names = BTreeSet::new();
    for line in header.lines() {
        let starts_decl = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && !line.starts_with("typedef")
            && !line.starts_with("extern")
            && line.contains('(');
        if !starts_decl {
            continue;
        }
        let before_paren = &line[..line.find('(').unwrap()];
        let name = before_paren.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next().unwrap();
        names.insert(name.to_string());
    }
    names
}

fn exported() -> BTreeSet<String> {
    let so = support::lib_dir().join("libopenai_api.so");
    let out = Command::new("nm").args(["-D", "--defined-only"]).arg(&so).output().expect("nm (binutils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let (_addr, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
            (kind == "T").then(|| name.to_string())
        })
        .collect()
}

#[test]
fn exported_symbols_equal_declared_functions() {
    let declared = declared();
    let exported = exported();
    assert!(declared.len() > 150, "parsed only {} declarations", declared.len());
    let missing: Vec<_> = declared.difference(&exported).collect();
    let extra: Vec<_> = exported.difference(&declared).collect();
    assert!(missing.is_empty() && extra.is_empty(), "declared but not exported: {missing:?}\nexported but not declared: {extra:?}");
    for f in ["ProjectsAPI_listProjects", "cJSON_Parse", "list_createList", "project_create", "apiClient_create"] {
        assert!(exported.contains(f), "{f}");
    }
}
