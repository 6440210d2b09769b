//! Names: C identifiers, model and call names (ABI.md sections 8 and 9),
//! and the text of comments.

use yaml_rust2::Yaml;

/// The 19 operations of the seed (OpenAI's 2.3.0 document).
pub const SEED_OPERATION_IDS: [&str; 19] = [
    "list-projects",
    "create-project",
    "retrieve-project",
    "modify-project",
    "archive-project",
    "list-project-api-keys",
    "retrieve-project-api-key",
    "delete-project-api-key",
    "list-project-rate-limits",
    "update-project-rate-limits",
    "list-project-service-accounts",
    "create-project-service-account",
    "retrieve-project-service-account",
    "delete-project-service-account",
    "list-project-users",
    "create-project-user",
    "retrieve-project-user",
    "modify-project-user",
    "delete-project-user",
];

/// A schema's name in snake_case, as the generator names models
/// (`ProjectGroupListResource` -> `project_group_list_resource`).
pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if i > 0 && (prev_lower || (next_lower && chars[i - 1].is_ascii_uppercase())) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The operationIds that are sentences, and their call names (ABI.md section 8).
pub(crate) const RENAMED: [(&str, &str); 4] = [
    ("Getprojectspendlimit", "retrieveProjectSpendLimit"),
    ("Updateprojectspendlimit", "updateProjectSpendLimit"),
    ("Deleteprojectspendlimit", "deleteProjectSpendLimit"),
    ("CreateanAPIkeyforaserviceaccount", "createProjectServiceAccountApiKey"),
];

pub(crate) fn camel(operation_id: &str) -> String {
    if let Some((_, n)) = RENAMED.iter().find(|(id, _)| *id == operation_id) {
        return n.to_string();
    }
    let mut out = String::new();
    let mut upper = false;
    for c in operation_id.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The first sentence of a description, on one line, safe in a comment.
pub(crate) fn sentence(text: Option<&str>) -> Option<String> {
    let t = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.replace("*/", "* /");
    let end = t.find(". ").map_or(t.len(), |i| i + 1);
    let s = t[..end].trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// `/organization/projects/{project_id}/groups` as path pieces.
pub(crate) fn segments(path: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest.find('}').unwrap();
        if open > 0 {
            parts.push(format!("Lit({:?})", &rest[..open]));
        }
        let name = &rest[open + 1..close];
        parts.push(format!("Id({name:?}, {name})"));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(format!("Lit({rest:?})"));
    }
    parts.join(", ")
}

/// A JSON key as a C member name: other characters as `_`, a C keyword
/// with a leading `_`.
pub fn c_ident(key: &str) -> String {
    let s: String = key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    const C_KEYWORDS: [&str; 12] =
        ["default", "auto", "char", "const", "double", "float", "int", "long", "short", "signed", "unsigned", "static"];
    if C_KEYWORDS.contains(&s.as_str()) {
        format!("_{s}")
    } else {
        s
    }
}

/// An enum value as the end of a C constant (section 4; a leading digit
/// gets a `_`).
pub(crate) fn c_value(v: &str) -> String {
    let s = c_ident(v);
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

pub(crate) fn upper_camel(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The seed's schemas whose C names are not their snake_case (section 1):
/// (schema, struct name, function prefix).
pub(crate) const SEED_NAMES: [(&str, &str, &str); 1] = [("Error", "openai_api_error", "error")];

/// The function prefix of a model (`error_free` for `openai_api_error_t`).
pub fn fns_of(model: &str) -> &str {
    SEED_NAMES.iter().find(|(_, n, _)| *n == model).map_or(model, |(_, _, f)| f)
}

/// The C name of a schema's model.
pub(crate) fn model_name(schema: &str) -> String {
    SEED_NAMES.iter().find(|(s, _, _)| *s == schema).map_or_else(|| snake(schema), |(_, n, _)| n.to_string())
}

/// `Audit Logs` -> `AuditLogsAPI`; untagged: `DefaultAPI`.
pub fn api_of(op: &Yaml) -> String {
    match op["tags"].as_vec().and_then(|t| t.first()).and_then(Yaml::as_str) {
        Some(tag) => format!("{}API", upper_camel(tag)),
        None => "DefaultAPI".into(),
    }
}

pub fn call_name(id: &str) -> String {
    match RENAMED_OPS.iter().find(|(o, _)| *o == id) {
        Some((_, n)) => n.to_string(),
        None => camel(id),
    }
}

pub(crate) fn rust_ident(name: &str) -> String {
    const RUST_KEYWORDS: [&str; 12] = ["type", "ref", "use", "match", "move", "mod", "impl", "fn", "let", "loop", "where", "self"];
    if RUST_KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.into()
    }
}

/// The operationIds that are sentences, and their call names (section 9).
pub const RENAMED_OPS: [(&str, &str); 3] = [
    ("Getorganizationspendlimit", "retrieveOrganizationSpendLimit"),
    ("Updateorganizationspendlimit", "updateOrganizationSpendLimit"),
    ("Deleteorganizationspendlimit", "deleteOrganizationSpendLimit"),
];
