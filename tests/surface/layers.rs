//! The library and the mock are built in layers that only point down
//! (ARCHITECTURE.md): this test reads every module's imports (`crate::…`,
//! `super::…`, `use` trees included; comments, strings and `#[cfg(test)]`
//! modules left out) and fails on an import that points up a layer or that
//! closes a circle between modules.
//!
//! Circles are found the usual way: an import from module `a::b::c` of
//! `a::x::y` is an edge between `a::b` and `a::x`, the children of the
//! modules' nearest common ancestor (a module may use its ancestors and its
//! own descendants); a circle is a strongly connected set of such siblings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A crate's layers, lowest first: each is a module directly under the
/// crate root, and may import only from the layers before it.
struct Crate {
    root: &'static str,
    layers: &'static [&'static str],
}

const LIBRARY: Crate = Crate { root: "src", layers: &["boundary", "support", "wire", "transport", "client", "call", "generated", "api"] };

const MOCK: Crate = Crate {
    root: "mock/src",
    layers: &[
        "hash",
        "tls",
        "faults",
        "error",
        "examples",
        "embeddings",
        "query",
        "people",
        "spec",
        "paging",
        "state",
        "text",
        "files",
        "media",
        "audit",
        "usage",
        "resource",
        "health",
        "invites",
        "verdicts",
        "models",
        "plain",
        "assistants",
        "jobs",
        "organization",
        "projects",
        "serve",
        "stream",
        "routes",
    ],
};

/// Module path of a source file (`src/a/b.rs` and `src/a/b/mod.rs` are `a::b`).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file with comments, string and char literals blanked.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'"') | Some(b'#')) && (i == 0 || !is_ident(b[i - 1])) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(c as char);
                i += 1;
                continue;
            }
            j += 1;
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            i = j + close.len();
            out.push_str("\"\"");
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{..}'), else a lifetime.
            let rest = &b[i + 1..];
            let end = if rest.first() == Some(&b'\\') {
                rest.iter().position(|&x| x == b'\'').filter(|&p| p > 0)
            } else if rest.len() > 1 && rest[1] == b'\'' {
                Some(1)
            } else {
                std::str::from_utf8(&rest[..rest.len().min(5)])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .filter(|ch| !ch.is_ascii())
                    .map(|ch| ch.len_utf8())
                    .filter(|&n| rest.get(n) == Some(&b'\''))
            };
            match end {
                Some(n) => {
                    i += n + 2;
                    out.push_str("' '");
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The code without its `#[cfg(test)]` items (unit tests may reach any layer).
fn without_tests(code: &str) -> String {
    let mut out = code.to_string();
    while let Some(at) = out.find("#[cfg(test)]") {
        let b = out.as_bytes();
        // The item ends at its `;` or at the brace closing its first `{`.
        let mut i = at + "#[cfg(test)]".len();
        let mut depth = 0;
        while i < b.len() {
            match b[i] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        out.replace_range(at..i, "");
    }
    out
}

/// Every path the code names from `crate::` or `super::`, made absolute
/// (use trees expanded); the `self::` ones are the module's own.
fn imports(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = (i == 0 || !(is_ident(b[i - 1]) || b[i - 1] == b'$' || b[i - 1] == b':'))
            && (code[i..].starts_with("crate::") || code[i..].starts_with("super::"));
        if !starts {
            i += 1;
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        if code[i..].starts_with("crate::") {
            i += "crate::".len();
        } else {
            base = module.to_vec();
            while code[i..].starts_with("super::") {
                base.pop();
                i += "super::".len();
            }
        }
        i = tree(code, i, base, &mut out);
    }
    out
}

/// Reads a path or use tree at `i` below `prefix`; returns where it ended.
fn tree(code: &str, mut i: usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let b = code.as_bytes();
    let skip_ws = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    loop {
        i = skip_ws(i);
        if i < b.len() && b[i] == b'{' {
            i += 1;
            loop {
                i = skip_ws(i);
                if i >= b.len() {
                    return i;
                }
                if b[i] == b'}' {
                    return i + 1;
                }
                if b[i] == b',' {
                    i += 1;
                    continue;
                }
                let start = i;
                i = tree(code, i, prefix.clone(), out);
                if i == start {
                    i += 1;
                }
                // `x as y`
                let j = skip_ws(i);
                if code[j..].starts_with("as ") {
                    i = j + 3;
                    i = skip_ws(i);
                    while i < b.len() && is_ident(b[i]) {
                        i += 1;
                    }
                }
            }
        }
        let start = i;
        while i < b.len() && is_ident(b[i]) {
            i += 1;
        }
        if i == start {
            if b.get(i) == Some(&b'*') {
                i += 1;
            }
            out.push(prefix);
            return i;
        }
        let seg = &code[start..i];
        if seg != "self" {
            prefix.push(seg.to_string());
        }
        if code[i..].starts_with("::") {
            i += 2;
        } else {
            out.push(prefix);
            return i;
        }
    }
}

struct Graph {
    /// (from, to) between siblings, with a file that makes the import.
    edges: BTreeMap<(Vec<String>, Vec<String>), String>,
}

fn graph(krate: &Crate) -> (Graph, BTreeSet<Vec<String>>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(krate.root);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.retain(|f| f.file_name().unwrap() != "main.rs");
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&root, f)).collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let from = module_of(&root, file);
        let text = std::fs::read_to_string(file).unwrap();
        let code = without_tests(&code_only(&text));
        for path in imports(&code, &from) {
            // The deepest module the path reaches into.
            let to = (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p)).unwrap_or_default();
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // an ancestor or a descendant
            }
            let a = from[..=common].to_vec();
            let b = to[..=common].to_vec();
            let shown = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
            edges.entry((a, b)).or_insert(shown);
        }
    }
    (Graph { edges }, modules)
}

/// The strongly connected sets of more than one module: the modules each
/// reaches and is reached from (the graphs are small).
fn circles(g: &Graph) -> Vec<Vec<Vec<String>>> {
    let mut adj: BTreeMap<&Vec<String>, Vec<&Vec<String>>> = BTreeMap::new();
    for (a, b) in g.edges.keys() {
        adj.entry(a).or_default().push(b);
        adj.entry(b).or_default();
    }
    let reach = |from: &Vec<String>| {
        let mut seen: BTreeSet<&Vec<String>> = BTreeSet::new();
        let mut todo: Vec<&Vec<String>> = adj[from].clone();
        while let Some(n) = todo.pop() {
            if seen.insert(n) {
                todo.extend(adj[n].iter().copied());
            }
        }
        seen
    };
    let reached: BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> = adj.keys().map(|&n| (n, reach(n))).collect();
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    for (&n, r) in &reached {
        let set: Vec<Vec<String>> =
            adj.keys().filter(|&&m| m == n || (r.contains(m) && reached[m].contains(n))).map(|m| (*m).clone()).collect();
        if set.len() > 1 && !out.contains(&set) {
            out.push(set);
        }
    }
    out
}

/// What is wrong with a crate's imports, one line a finding.
fn findings(krate: &Crate) -> Vec<String> {
    let (g, modules) = graph(krate);
    let mut found = Vec::new();
    for m in modules.iter().filter(|m| m.len() == 1) {
        if !krate.layers.contains(&m[0].as_str()) {
            found.push(format!("{}: module {} is in no layer", krate.root, m[0]));
        }
    }
    for ((a, b), file) in &g.edges {
        if a.len() == 1 {
            let rank = |m: &str| krate.layers.iter().position(|l| *l == m);
            if let (Some(ra), Some(rb)) = (rank(&a[0]), rank(&b[0])) {
                if rb > ra {
                    found.push(format!("{}: {} imports {}, a layer above it ({file})", krate.root, a[0], b[0]));
                }
            }
        }
    }
    for set in circles(&g) {
        let names: Vec<String> = set.iter().map(|m| m.join("::")).collect();
        let within: Vec<String> = g
            .edges
            .iter()
            .filter(|((a, b), _)| set.contains(a) && set.contains(b))
            .map(|((a, b), f)| format!("{} -> {} ({f})", a.join("::"), b.join("::")))
            .collect();
        found.push(format!("{}: circle {{{}}}: {}", krate.root, names.join(", "), within.join("; ")));
    }
    found
}

#[test]
fn imports_point_down_and_close_no_circle() {
    let mut found: Vec<String> = findings(&LIBRARY);
    found.extend(findings(&MOCK));
    assert!(found.is_empty(), "imports that point up or close a circle:\n{}", found.join("\n"));
}

#[test]
fn the_reader_sees_every_kind_of_import() {
    let code = code_only(
        "use crate::a::{b, c::{d, e as f}, self};\n// crate::x::y\nlet s = \"crate::z\";\nsuper::super::g::h();\nlet c = '\"'; crate::i::j!(x);",
    );
    let got = imports(&code, &["m".into(), "n".into(), "o".into()]);
    let got: Vec<String> = got.iter().map(|p| p.join("::")).collect();
    assert_eq!(got, ["a::b", "a::c::d", "a::c::e", "a", "m::g::h", "i::j"]);
    let code = without_tests("fn a() {}\n#[cfg(test)]\nmod tests { use crate::x; fn b() { {} } }\nfn c() { crate::y(); }");
    assert_eq!(imports(&code, &[]).len(), 1);
}

#[test]
fn a_circle_and_an_upward_import_are_found() {
    let v = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let mut edges = BTreeMap::new();
    edges.insert((v("a"), v("b")), "f".to_string());
    edges.insert((v("b"), v("c")), "f".to_string());
    edges.insert((v("c"), v("a")), "f".to_string());
    edges.insert((v("c"), v("d")), "f".to_string());
    let found = circles(&Graph { edges });
    assert_eq!(found, vec![vec![v("a"), v("b"), v("c")]]);
}
