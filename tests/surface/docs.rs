//! `make docs` renders the C reference with Doxygen and fails on any
//! undocumented public item (.ci/run installs doxygen).
use crate::support;

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs doxygen with docs/Doxyfile and `extra` settings; returns whether it
/// succeeded and what it printed.
fn doxygen(extra: &str) -> (bool, String) {
    let root = support::root();
    let mut config = std::fs::read_to_string(root.join("docs/Doxyfile")).unwrap();
    config.push_str(extra);
    let mut child = Command::new("doxygen")
        .arg("-")
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("doxygen is installed (.ci/run installs it)");
    child.stdin.take().unwrap().write_all(config.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn make_docs_renders_every_item_documented() {
    let out = support::output_within(Command::new("make").arg("docs").current_dir(support::root()), support::DEADLINE);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "make docs failed:\n{text}");
    assert!(!text.contains("warning"), "{text}");
    let index = std::fs::read_to_string(support::root().join("target/doc-c/html/index.html")).unwrap();
    assert!(index.contains("openai_api"));
    // The header is documented as a file: its functions, enums, typedefs
    // and macros are in the reference, each with a man page.
    let page = std::fs::read_to_string(support::root().join("target/doc-c/man/man3/openai_api.h.3")).unwrap();
    for item in ["ProjectsAPI_listProjects (", "apiClient_setProxy (", "cJSON_CreateIntArray (", "list_ForEach", "OPENAI_API_VERSION"] {
        assert!(page.contains(item), "no {item} in the reference");
    }
    // No line is taken for a roff request (a leading `'`): its text would be lost.
    let requests: Vec<&str> = page.lines().filter(|l| l.starts_with('\'')).collect();
    assert!(requests.is_empty(), "lines roff reads as requests: {requests:?}");
    assert!(page.contains("\\&'timeout': the connect or request time limit ran out"));
    for link in ["ProjectsAPI_listProjects", "apiClient_create", "openai_api_project_OBJECT_e", "list_ForEach"] {
        let path = support::root().join(format!("target/doc-c/man/man3/{link}.3"));
        assert!(path.exists(), "no man page {}", path.display());
    }
}

#[test]
fn an_undocumented_function_fails_the_docs() {
    let dir = std::env::temp_dir().join(format!("openai-api-docs-fn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = dir.join("bad.h");
    std::fs::write(&header, "/** @file bad.h\n * A documented file. */\n/** A documented function. */\nint documented(void);\nint undocumented_function(int x);\n").unwrap();
    let (ok, text) = doxygen(&format!("\nINPUT = {}\nOUTPUT_DIRECTORY = {}\n", header.display(), dir.join("out").display()));
    assert!(!ok, "doxygen accepted an undocumented function:\n{text}");
    assert!(text.contains("undocumented_function"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_undocumented_item_fails_the_docs() {
    let dir = std::env::temp_dir().join(format!("openai-api-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = dir.join("bad.h");
    std::fs::write(&header, "/** A documented struct. */\nstruct documented { int undocumented_member; };\n").unwrap();
    let (ok, text) = doxygen(&format!("\nINPUT = {}\nOUTPUT_DIRECTORY = {}\n", header.display(), dir.join("out").display()));
    assert!(!ok, "doxygen accepted an undocumented member:\n{text}");
    assert!(text.contains("undocumented_member"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
