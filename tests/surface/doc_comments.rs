//! Every function the header declares has a doc comment for C readers
//! (cbindgen copies the Rust `///` comments): not missing, not a stub.

use crate::support;

use std::collections::BTreeMap;

/// Each declared function's name with its doc comment's text.
fn documented_functions(header: &str) -> BTreeMap<String, String> {
    let lines: Vec<&str> = header.lines().collect();
    let mut out = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let starts_decl = !line.starts_with([' ', '#', '/', '*', '}', '{', '\t'])
            && !line.starts_with("typedef")
            && !line.starts_with("extern")
            && !line.starts_with("__attribute__")
            && !line.is_empty()
            && line.contains('(');
        if !starts_decl {
            continue;
        }
        let name = line[..line.find('(').unwrap()].split([' ', '*']).rfind(|s| !s.is_empty()).unwrap().to_string();
        // Walk back over attributes to the comment block, if any.
        let mut j = i;
        while j > 0 && lines[j - 1].starts_with("__attribute__") {
            j -= 1;
        }
        let mut doc = Vec::new();
        if j > 0 && lines[j - 1].trim_end().ends_with("*/") {
            let mut k = j - 1;
            loop {
                doc.push(lines[k].trim().trim_end_matches("*/").trim_start_matches("/**").trim_start_matches('*').trim());
                if lines[k].trim_start().starts_with("/*") || k == 0 {
                    break;
                }
                k -= 1;
            }
            doc.reverse();
        }
        out.insert(name, doc.join(" ").trim().to_string());
    }
    out
}

#[test]
fn every_public_function_has_a_doc_comment() {
    let header = support::declarations();
    let funcs = documented_functions(&header);
    assert!(funcs.len() > 250, "found only {} functions: the parser is off", funcs.len());
    let bad: Vec<String> =
        funcs.iter().filter(|(_, doc)| doc.split_whitespace().count() < 4).map(|(name, doc)| format!("{name}: {doc:?}")).collect();
    assert!(bad.is_empty(), "functions without a real doc comment:\n{}", bad.join("\n"));
}

#[test]
fn the_checker_sees_a_missing_comment() {
    let header = "/**\n * Frees the client and its strings; NULL is fine.\n */\nvoid documented(int x);\n\nint undocumented(void);\n";
    let funcs = documented_functions(header);
    assert_eq!(funcs["documented"], "Frees the client and its strings; NULL is fine.");
    assert_eq!(funcs["undocumented"], "");
}
