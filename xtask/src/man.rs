//! `cargo xtask man <dir>`: a man page per function of the headers
//! (`man ProjectsAPI_listProjects`): its name and first sentence, the
//! header to include, its prototype and its whole doc comment (what it
//! sends, what it returns and who frees it), and the functions that doc
//! names. `make docs` writes them over Doxygen's pages for the functions,
//! which only point at the whole header's page.

use std::collections::BTreeSet;
use std::path::Path;

/// A function of a header: its name, doc comment (without the comment's
/// markers) and prototype as the header writes it.
#[derive(Debug, PartialEq)]
pub struct Function {
    pub name: String,
    pub doc: String,
    pub prototype: String,
}

/// The functions of `header` that have a doc comment, in its order.
pub fn functions(header: &str) -> Vec<Function> {
    let mut out = Vec::new();
    let mut rest = header;
    while let Some(start) = rest.find("/**") {
        let after = &rest[start + 3..];
        let Some(end) = after.find("*/") else { break };
        let doc = &after[..end];
        rest = &after[end + 2..];
        let Some(semi) = rest.find(';') else { break };
        let decl = rest[..semi].trim();
        if decl.starts_with('#') || decl.starts_with("typedef") || decl.contains('{') || decl.contains("/*") {
            continue;
        }
        let Some(name) = function_name(decl) else { continue };
        let doc: Vec<&str> =
            doc.lines().map(|l| l.trim().trim_start_matches('*').strip_prefix(' ').unwrap_or(l.trim().trim_start_matches('*'))).collect();
        out.push(Function { name, doc: doc.join("\n").trim().to_string(), prototype: format!("{decl};") });
    }
    out
}

/// The name a function declaration declares: the word right before its
/// parameters (not an attribute's, not a function pointer's).
fn function_name(decl: &str) -> Option<String> {
    let decl = decl.trim_start_matches("__attribute__((deprecated))").trim_start();
    let open = decl.find('(')?;
    let before = &decl[..open];
    if before.ends_with(|c: char| !(c.is_alphanumeric() || c == '_')) {
        return None;
    }
    let name = before.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next()?;
    (!name.is_empty() && !before.trim().eq(name)).then(|| name.to_string())
}

/// `text` with what troff would read as its own escaped: backslashes, and
/// a `.` or `'` that starts a line; `code` in backquotes set in bold.
fn roff(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.replace('\\', "\\e").split('`').enumerate() {
        if i % 2 == 1 {
            // A long path or name may break after each `/` and `_`.
            out.push_str(&format!("\\fB{}\\fR", part.replace('/', "/\\:").replace('_', "_\\:")));
        } else {
            out.push_str(part);
        }
    }
    out.lines().map(roff_line).collect::<Vec<_>>().join("\n")
}

/// A line of text that does not start with what troff reads as a request.
fn roff_line(line: &str) -> String {
    if line.starts_with(['.', '\'']) {
        format!("\\&{line}")
    } else {
        line.to_string()
    }
}

/// The first sentence of a doc comment, on one line, without a call's
/// method and path in parentheses (DESCRIPTION has them).
fn summary(doc: &str) -> String {
    let flat = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = flat.find(". ").map_or(flat.len(), |i| i + 1);
    let first = &flat[..end];
    let first = first.find(" (`").map_or(first, |i| &first[..i]);
    first.trim_end_matches('.').to_string()
}

/// The man page of `f`, declared in `header` (its path under include/),
/// for version `version`; `known` holds every function that has a page.
pub fn page(f: &Function, header: &str, version: &str, known: &BTreeSet<String>) -> String {
    let mut s = format!(".TH {} 3 \"\" \"openai_api {version}\" \"openai_api\"\n.ad l\n.nh\n", f.name);
    // Plain text: whatis(1) reads this line.
    s.push_str(&format!(".SH NAME\n{} \\- {}\n", f.name, summary(&f.doc).replace('`', "").replace('\\', "\\e")));
    s.push_str(".SH LIBRARY\nopenai_api (\\fI\\-lopenai_api\\fR; \\fBpkg\\-config \\-\\-cflags \\-\\-libs openai_api\\fR)\n");
    s.push_str(&format!(".SH SYNOPSIS\n.nf\n\\fB#include \"{header}\"\\fR\n.PP\n"));
    s.push_str(&roff(&f.prototype));
    s.push_str("\n.fi\n.SH DESCRIPTION\n");
    // Paragraphs at blank lines; a `- ` line is a bullet.
    for (i, para) in roff(&f.doc).split("\n\n").enumerate() {
        if i > 0 {
            s.push_str(".PP\n");
        }
        for line in para.lines() {
            match line.trim_start().strip_prefix("- ") {
                Some(item) => s.push_str(&format!(".IP \\(bu 2\n{}\n", roff_line(item))),
                None => s.push_str(&format!("{}\n", roff_line(line.trim_start()))),
            }
        }
    }
    let base = header.rsplit('/').next().unwrap();
    let mut see: BTreeSet<String> = f
        .doc
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| *w != f.name && known.contains(*w))
        .map(|w| format!(".BR {w} (3)"))
        .collect();
    see.insert(format!(".BR {base} (3)"));
    if base != "openai_api.h" {
        see.insert(".BR openai_api.h (3)".to_string());
    }
    s.push_str(".SH SEE ALSO\n");
    let see: Vec<String> = see.into_iter().collect();
    s.push_str(&see.join(",\n"));
    s.push('\n');
    s
}

/// Writes a page for every function of the headers under `root`/include
/// into `dir`; returns how many.
pub fn write(root: &Path, dir: &Path) -> std::io::Result<usize> {
    let include = root.join("include");
    let mut all = Vec::new();
    for h in &crate::codegen::header_files(root) {
        let rel = h.strip_prefix(&include).unwrap().to_string_lossy().into_owned();
        for f in functions(&std::fs::read_to_string(h)?) {
            all.push((rel.clone(), f));
        }
    }
    let known: BTreeSet<String> = all.iter().map(|(_, f)| f.name.clone()).collect();
    let version = crate::codegen::version(root);
    std::fs::create_dir_all(dir)?;
    for (rel, f) in &all {
        std::fs::write(dir.join(format!("{}.3", f.name)), page(f, rel, &version, &known))?;
    }
    Ok(all.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_its_doc_and_prototype_are_read() {
        let h = "/**\n * Frees `x`; NULL is fine.\n *\n * - one\n */\nvoid x_free(struct x_t *x);\n\n/** A member. */\nint (*cb)(void *);\n/** A macro. */\n#define X(a) (a)\n/** Old. */\n__attribute__((deprecated))\nstruct x_t *x_create(char *id,\n                     int n);\n";
        let fs = functions(h);
        assert_eq!(fs.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["x_free", "x_create"]);
        assert_eq!(fs[0].doc, "Frees `x`; NULL is fine.\n\n- one");
        assert_eq!(fs[1].prototype, "__attribute__((deprecated))\nstruct x_t *x_create(char *id,\n                     int n);");
        let known: BTreeSet<String> = ["x_free".to_string(), "x_create".to_string()].into();
        let page = page(&fs[1], "model/x.h", "1.2.3", &known);
        assert!(page.starts_with(".TH x_create 3 \"\" \"openai_api 1.2.3\""), "{page}");
        assert!(page.contains("\\fB#include \"model/x.h\"\\fR\n"), "{page}");
        assert!(page.contains(".BR x.h (3)"), "{page}");
    }

    #[test]
    fn text_troff_would_read_is_escaped() {
        assert_eq!(roff("a\\b `c/d_e`\n.d\n'e"), "a\\eb \\fBc/\\:d_\\:e\\fR\n\\&.d\n\\&'e");
        // A code span may go on over a line's end.
        assert_eq!(roff("`a\nb`"), "\\fBa\nb\\fR");
        assert_eq!(summary("Returns a list. Declared as\nthe generated client."), "Returns a list");
        assert_eq!(summary("Lists keys (`GET /a/b`, operation `x`). Returns"), "Lists keys");
    }
}
