//! The layout lock: every struct and enum of the headers (include/) that a
//! release shipped is recorded in tests/data/layout.lock (members in order
//! with their types, constants with their numbers). A struct may only gain
//! members after the ones locked (after `_library_owned`), an enum only
//! constants after its locked ones. `cargo xtask lock` records new structs
//! and enums, and extends locked ones, when a version is released; the
//! test below fails when a released layout or number moved.

use std::collections::BTreeMap;
use std::path::Path;

/// Where the lock is, under the project's root.
const LOCK: &str = "tests/data/layout.lock";

/// A struct's members (declarations, whitespace normalised) or an enum's
/// constants (`NAME=number`), by the type's name.
#[derive(Debug, Default, PartialEq)]
pub struct Layouts {
    pub structs: BTreeMap<String, Vec<String>>,
    pub enums: BTreeMap<String, Vec<String>>,
}

/// The text without comments, one space between words.
pub(crate) fn uncommented(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]);
            out.push(' ');
        } else if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `typedef struct NAME { ... }` and `typedef enum NAME { ... }` of a header.
fn layouts(header: &str) -> Layouts {
    let text = uncommented(header);
    let mut out = Layouts::default();
    for (keyword, is_enum) in [("typedef struct ", false), ("typedef enum ", true)] {
        let mut rest = text.as_str();
        while let Some(i) = rest.find(keyword) {
            rest = &rest[i + keyword.len()..];
            let Some(open) = rest.find(['{', ';']) else { break };
            if rest.as_bytes()[open] == b';' {
                continue; // a typedef of a type declared elsewhere
            }
            let name = rest[..open].trim().to_string();
            let Some(close) = rest.find('}') else { break };
            let body = &rest[open + 1..close];
            rest = &rest[close..];
            if is_enum {
                let mut next = 0i64;
                let constants = body
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| {
                        let (name, value) = match c.split_once('=') {
                            Some((n, v)) => (n.trim(), v.trim().parse::<i64>().unwrap_or_else(|_| panic!("{c}: not a number"))),
                            None => (c, next),
                        };
                        next = value + 1;
                        format!("{name}={value}")
                    })
                    .collect();
                out.enums.insert(name, constants);
            } else {
                let members = body.split(';').map(squash).filter(|m| !m.is_empty()).collect();
                out.structs.insert(name, members);
            }
        }
    }
    out
}

fn to_text(l: &Layouts) -> String {
    let mut s = String::from("# Recorded by `cargo xtask lock`: every released struct and enum of include/openai_api.h.\n");
    for (name, members) in &l.structs {
        s.push_str(&format!("struct {name}: {}\n", members.join("; ")));
    }
    for (name, constants) in &l.enums {
        s.push_str(&format!("enum {name}: {}\n", constants.join(", ")));
    }
    s
}

fn from_text(text: &str) -> Layouts {
    let mut l = Layouts::default();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (head, items) = line.split_once(": ").unwrap_or_else(|| panic!("bad lock line {line}"));
        match head.split_once(' ') {
            Some(("struct", name)) => l.structs.insert(name.into(), items.split("; ").map(String::from).collect()),
            Some(("enum", name)) => l.enums.insert(name.into(), items.split(", ").map(String::from).collect()),
            _ => panic!("bad lock line {line}"),
        };
    }
    l
}

/// What the current layouts change of the locked ones (empty: nothing).
fn breaks(locked: &Layouts, now: &Layouts) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, old, new) in [("struct", &locked.structs, &now.structs), ("enum", &locked.enums, &now.enums)] {
        for (name, was) in old {
            match new.get(name) {
                None => out.push(format!("{kind} {name} is gone")),
                Some(is) if is.len() < was.len() || is[..was.len()] != was[..] => {
                    let at = was.iter().zip(is).position(|(a, b)| a != b).unwrap_or(is.len());
                    out.push(format!(
                        "{kind} {name} changed at item {at}: was `{}`, is `{}`",
                        was.get(at).map_or("(nothing)", String::as_str),
                        is.get(at).map_or("(nothing)", String::as_str)
                    ));
                }
                Some(_) => {}
            }
        }
    }
    out
}

/// Released structs whose layout gave way, each with the layout it takes
/// now and why. `user_t`: 0.1.0 shipped the current document's User (inside
/// the project role assignments); the generated client's `UsersAPI` has
/// the 2.3.0 `user_t`, and binary drop-in for it wins (ABI.md section 9).
/// The 0.1.0 members come after `_library_owned`, `object` and `role` as
/// enums with their `_string` companions (CHANGELOG 0.2.0, MIGRATING.md).
const SUPERSEDED: [(&str, &str); 1] = [(
    "user_t",
    "openai_api_user_OBJECT_e object; char *id; char *name; char *email; openai_api_user_ROLE_e role; int added_at; int _library_owned",
)];

/// Every header under `root`'s include/, in the order of their paths: what
/// include/openai_api.h declares.
fn headers(root: &Path) -> String {
    crate::codegen::header_files(root).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect::<Vec<_>>().join("\n")
}

/// What the committed header changes of the released layouts (empty:
/// nothing), and the header's layouts.
pub fn check(root: &Path) -> (Vec<String>, Layouts) {
    let header = headers(root);
    let now = layouts(&header);
    let mut locked = from_text(&std::fs::read_to_string(root.join(LOCK)).expect("tests/data/layout.lock"));
    let mut out = Vec::new();
    for (name, layout) in SUPERSEDED {
        let layout: Vec<String> = layout.split("; ").map(String::from).collect();
        match now.structs.get(name) {
            Some(is) if is.len() >= layout.len() && is[..layout.len()] == layout[..] => {}
            _ => out.push(format!("struct {name} lost the layout that superseded its 0.1.0 one")),
        }
        locked.structs.insert(name.to_string(), layout);
    }
    out.extend(breaks(&locked, &now));
    (out, now)
}

/// Records the header's layouts in the lock, when no released one moved
/// (else the list of what moved, and nothing is written).
pub fn record(root: &Path) -> Result<(), Vec<String>> {
    let (broken, now) = check(root);
    if !broken.is_empty() {
        return Err(broken);
    }
    std::fs::write(root.join(LOCK), to_text(&now)).map_err(|e| vec![format!("{LOCK}: {e}")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_structs_and_enums_keep_their_layouts() {
        let (broken, now) = check(&crate::codegen::root());
        assert!(now.structs.len() > 70 && now.enums.len() >= 20, "{} structs, {} enums found", now.structs.len(), now.enums.len());
        assert!(broken.is_empty(), "released layouts changed:\n{}", broken.join("\n"));
    }

    #[test]
    fn the_check_sees_a_moved_member_a_renumbered_constant_and_a_removal() {
        let header = "typedef struct a_t {\n  /** doc; with a semicolon */\n  char *id;\n  int _library_owned;\n} a_t;\n\
                      typedef enum e_e {\n  X_NULL = 0,\n  X_one,\n  X_two,\n} e_e;\n";
        let locked = layouts(header);
        assert_eq!(locked.structs["a_t"], ["char *id", "int _library_owned"]);
        assert_eq!(locked.enums["e_e"], ["X_NULL=0", "X_one=1", "X_two=2"]);
        assert_eq!(from_text(&to_text(&locked)), locked);
        // Appending is fine.
        let grown =
            layouts(&header.replace("int _library_owned;", "int _library_owned;\n  char *extra;").replace("X_two,", "X_two,\n  X_three,"));
        assert!(breaks(&locked, &grown).is_empty());
        // Moving, retyping, renumbering or removing is not.
        for changed in [
            header.replace("char *id;\n  int _library_owned;", "int _library_owned;\n  char *id;"),
            header.replace("char *id;", "const char *id;"),
            header.replace("X_one,\n  X_two,", "X_two,\n  X_one,"),
            header.replace("X_NULL = 0", "X_NULL = 1"),
            header.replace("typedef enum e_e {\n  X_NULL = 0,\n  X_one,\n  X_two,\n} e_e;\n", ""),
        ] {
            assert!(!breaks(&locked, &layouts(&changed)).is_empty(), "not seen:\n{changed}");
        }
    }
}
