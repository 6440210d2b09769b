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
    // Each header is documented as a file: its functions, enums, typedefs
    // and macros are in the reference.
    let man3 = support::root().join("target/doc-c/man/man3");
    let file_pages: String = ["openai_api.h", "ProjectsAPI.h", "apiClient.h", "cJSON.h", "list.h", "project.h"]
        .iter()
        .map(|f| std::fs::read_to_string(man3.join(format!("{f}.3"))).unwrap_or_else(|e| panic!("{f}.3: {e}")))
        .collect();
    for item in [
        "ProjectsAPI_listProjects (",
        "apiClient_setProxy (",
        "cJSON_CreateIntArray (",
        "list_ForEach",
        "OPENAI_API_VERSION",
        "project_create (",
    ] {
        assert!(file_pages.contains(item), "no {item} in the reference");
    }
    // No line is taken for a roff request (a leading `'`): its text would be lost.
    let requests: Vec<&str> = file_pages.lines().filter(|l| l.starts_with('\'')).collect();
    assert!(requests.is_empty(), "lines roff reads as requests: {requests:?}");
    assert!(file_pages.contains("\\&'timeout': the connect or request time limit ran out"));
    for link in ["openai_api_project_OBJECT_e", "list_ForEach", "project_t"] {
        assert!(man3.join(format!("{link}.3")).exists(), "no man page {link}.3");
    }
    // A function's page is its own (`man ProjectsAPI_listProjects`), not a
    // link to its header's: the header to include, the prototype, what it
    // sends, what it returns and who frees it.
    let page = std::fs::read_to_string(man3.join("ProjectsAPI_listProjects.3")).unwrap();
    assert!(!page.starts_with(".so"), "{page}");
    for part in [
        ".SH SYNOPSIS",
        "#include \"api/ProjectsAPI.h\"",
        "struct project_list_response_t *ProjectsAPI_listProjects(struct apiClient_t *apiClient,",
        "GET /\\:organization/\\:projects",
        "free it with\n\\fBproject_\\:list_\\:response_\\:free\\fR",
        ".BR project_list_response_free (3)",
    ] {
        assert!(page.contains(part), "no {part:?} in:\n{page}");
    }
    // Every function has its page, and troff reads every page the library
    // writes without a warning, but that a name longer than a line of an
    // 80-column terminal cannot be broken.
    let all: Vec<(std::path::PathBuf, String)> = std::fs::read_dir(&man3)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let funcs = all.iter().filter(|(_, t)| t.contains(".SH SYNOPSIS\n.nf\n\\fB#include")).count();
    assert!(funcs > 1400, "{funcs} function pages");
    for name in ["apiClient_create", "cJSON_Parse", "project_free", "UsersAPI_listUsers", "cJSON_AddItemToArray"] {
        let page = std::fs::read_to_string(man3.join(format!("{name}.3"))).unwrap();
        assert!(page.contains(".SH DESCRIPTION"), "{name}: {page}");
    }
    let pages: Vec<&std::path::PathBuf> =
        all.iter().filter(|(_, t)| t.contains("\"openai_api\"\n.ad l\n.nh\n.SH NAME")).map(|(p, _)| p).collect();
    assert_eq!(pages.len(), funcs);
    let out = support::output_within(
        Command::new("groff").args(["-k", "-man", "-Tutf8", "-ww", "-z"]).args(&pages).env("LC_ALL", "C.UTF-8"),
        support::DEADLINE,
    );
    assert!(out.status.success());
    let warnings = String::from_utf8_lossy(&out.stderr);
    for w in warnings.lines() {
        let long_name = w.contains("can't break line") && {
            let (file, rest) = w.trim_start_matches("troff: ").split_once(':').unwrap();
            let line: usize = rest.split(':').next().unwrap().parse().unwrap();
            let text = std::fs::read_to_string(file).unwrap();
            // `.BR name (3),` sets `name(3),` as one word.
            let line = text.lines().nth(line - 1).unwrap();
            let words: Vec<String> = match line.strip_prefix(".BR ") {
                Some(args) => vec![args.split_whitespace().collect()],
                None => line.split_whitespace().map(String::from).collect(),
            };
            words.iter().any(|word| word.len() > 71)
        };
        assert!(long_name, "troff: {w}");
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
