//! OpenAI's documented example answers as JSON. Some are not JSON as the
//! document gives them: a trailing comma ends a list or an object, a line
//! (`.... (1536 floats total …)`, `...`, `{ ... },`) stands for what was
//! left out, the keys are bare (`id: "vs_abc123"`), or a null is Python's
//! `None`. `repaired` mends those minimally, so the mock answers with the
//! rest.

use serde_json::Value;

/// `text` without commas that end a list or an object.
pub fn without_trailing_commas(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ',' && chars[i + 1..].iter().find(|c| !c.is_whitespace()).is_some_and(|n| *n == ']' || *n == '}') {
            continue;
        }
        out.push(c);
    }
    out
}

/// A documented answer with the lines that stand for left-out items
/// dropped, bare keys quoted and trailing commas removed.
pub fn repaired(text: &str) -> String {
    let kept: Vec<String> = text
        .lines()
        .filter(|l| {
            let t = l.trim().trim_end_matches(',');
            !t.starts_with("...") && t != "{ ... }"
        })
        .map(|l| {
            let body = l.trim_start();
            let indent = &l[..l.len() - body.len()];
            match body.split_once(':') {
                Some((key, rest)) if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                    format!("{indent}\"{key}\":{rest}")
                }
                _ => l.to_string(),
            }
        })
        // Python's `None` where JSON has `null`.
        .map(|l| l.replace(": None", ": null"))
        .collect();
    without_trailing_commas(&kept.join("\n"))
}

/// The example as JSON: as given, else repaired; None when neither is.
pub fn parse(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok().or_else(|| serde_json::from_str(&repaired(text)).ok())
}
