//! Every `SAFETY:` comment of the library says what its block relies on:
//! none is one of the stock sentences that said only "as documented"
//! (clippy's `undocumented_unsafe_blocks`, denied in lib.rs, sees that
//! each block has a comment at all).
use crate::support;

/// Sentences that name no condition of the block they precede.
const STOCK: [&str; 4] = [
    "SAFETY: the arguments are as the header documents them.",
    "SAFETY: the caller keeps this function's `# Safety` contract.",
    "SAFETY: per the contract.",
    "SAFETY: the caller passes a client from apiClient_create* (or NULL)",
];

/// The `file:line` of each stock sentence under `dir`.
fn stock_sentences(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, line) in text.lines().enumerate() {
                    let comment = line.trim_start().trim_start_matches("//").trim();
                    if STOCK.iter().any(|s| comment == *s || (s.ends_with(')') && comment.starts_with(s))) {
                        found.push(format!("{}:{}", path.display(), i + 1));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_safety_comment_is_a_stock_sentence() {
    // The check sees one.
    let dir = std::env::temp_dir().join(format!("openai-api-safety-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.rs"), "fn f() {\n    // SAFETY: per the contract.\n    unsafe { g() }\n}\n").unwrap();
    assert_eq!(stock_sentences(&dir).len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
    let found = stock_sentences(&support::root().join("src"));
    assert!(found.is_empty(), "SAFETY comments that say nothing of their block:\n{}", found.join("\n"));
}
