//! Every exported function runs its whole body inside a panic guard: the
//! body is a `guard(..)`/`guarded(..)` call, a call into one of the model
//! helpers that guard themselves, or empty. A source check, so that a new
//! function without a guard fails here rather than in a user's process.

/// Model helpers whose own body is guarded (src/wire/model.rs).
const GUARDED_HELPERS: [&str; 13] = [
    "free(",
    "new_copying(",
    "parse(",
    "to_json(",
    "set_text(",
    "set_int(",
    "set_model(",
    "set_null(",
    "create(",
    "enum_to_string(",
    "enum_from_string(",
    "enum_to_json(",
    "enum_from_json(",
];

/// The index of the `close` that matches the `open` at `at` in `text`.
fn matching(text: &str, at: usize, open: char, close: char) -> usize {
    let mut depth = 0;
    for (i, c) in text[at..].char_indices() {
        depth += (c == open) as i32 - (c == close) as i32;
        if depth == 0 {
            return at + i;
        }
    }
    text.len()
}

/// The exported functions of `src` whose body is not guarded.
fn unguarded(src: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find("extern \"C\" fn ") {
        let after = &rest[at + "extern \"C\" fn ".len()..];
        let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        // The body: from the first `{` after the parameter list to its match.
        let open = after.find('(').unwrap();
        let close = matching(after, open, '(', ')');
        let Some(brace) = after[close..].find('{').map(|b| close + b) else { break };
        if after[close..brace].contains(';') {
            // A declaration (a callback type), not a definition.
            rest = &after[close..];
            continue;
        }
        let end = matching(after, brace, '{', '}');
        let body: String = after[brace + 1..end].lines().map(str::trim).filter(|l| !l.starts_with("//")).collect::<Vec<_>>().join(" ");
        let body = body.trim();
        let code = body.strip_prefix("unsafe {").map_or(body, |b| b.trim());
        let ok = code.is_empty()
            || code.contains("guard(")
            || code.contains("guarded(")
            || GUARDED_HELPERS.iter().any(|h| code.starts_with(h))
            || code.starts_with("let _ = (") && code.contains("guarded(");
        if !ok {
            found.push(name);
        }
        rest = &after[end..];
    }
    found
}

#[test]
fn every_exported_function_is_guarded() {
    // The check sees a missing guard.
    let sample = "pub extern \"C\" fn a() -> c_int { guard(0, || 1) }\npub unsafe extern \"C\" fn b(p: *mut T) { free(p) }\npub extern \"C\" fn c() -> c_int { 1 + 1 }";
    assert_eq!(unguarded(sample), ["c"]);
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut functions = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let src = std::fs::read_to_string(&path).unwrap();
                functions += src.matches("extern \"C\" fn ").count();
                let missing = unguarded(&src);
                assert!(missing.is_empty(), "{}: no panic guard in {missing:?}", path.display());
            }
        }
    }
    assert!(functions > 250, "only {functions} exported functions found");
}
