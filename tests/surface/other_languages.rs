//! The library from C++17 and from Python (ctypes, standard library only),
//! against the mock.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::process::Command;

#[test]
fn a_cpp17_program_uses_the_api() {
    let mock = Mock::start(Options::recording()).unwrap();
    let exe = support::build_cpp(&support::root().join("c-tests/surface/cpp_client.cpp"), "cpp_client");
    let out = support::run(&exe, &[("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
    support::run_valgrind(
        &exe,
        &[("OPENAI_API_TEST_URL", Mock::start(Options::recording()).unwrap().url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
    );
}

#[test]
fn cpp17_passes_string_literals_and_keeps_every_call_that_compiled() {
    for valgrind in [false, true] {
        let mock = Mock::start(Options { seed_projects: 3, ..Options::recording() }).unwrap();
        let project = mock.project_ids()[0].clone();
        let exe = support::build_cpp(&support::root().join("c-tests/surface/cpp_literals.cpp"), "cpp_literals");
        let envs = [("OPENAI_API_TEST_URL", mock.url()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY), ("OPENAI_API_TEST_PROJECT", &project)];
        let out = if valgrind { support::run_valgrind(&exe, &envs) } else { support::run(&exe, &envs) };
        assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
    }
    // Without the wrappers (or before C++17) a literal is what C++ refuses.
    for flags in [&["-std=c++17", "-DOPENAI_API_NO_CXX_CALLS"][..], &["-std=c++14"][..]] {
        let mut cc = support::compiler(true);
        cc.args(["-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I"]).arg(support::root().join("include")).args(flags);
        let out = support::output_within(cc.arg(support::root().join("c-tests/surface/cpp_literals.cpp")), support::DEADLINE);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains("forbids converting a string constant"), "{flags:?}: {err}");
    }
}

#[test]
fn python_ctypes_lists_projects_and_reads_an_error() {
    let mock = Mock::start(Options { seed_projects: 3, ..Options::recording() }).unwrap();
    let lib = support::lib_dir().join("libopenai_api.so");
    let python = |id: &str| {
        let out = support::output_within(
            Command::new("python3")
                .arg(support::root().join("examples/list_projects.py"))
                .arg(id)
                .env("OPENAI_API_LIB", &lib)
                .env("OPENAI_BASE_URL", mock.url())
                .env("OPENAI_ADMIN_KEY", DEFAULT_ADMIN_KEY),
            support::DEADLINE,
        );
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{text}");
        text
    };
    let ids = mock.project_ids();
    let text = python("proj_missing");
    let listed = format!("3 projects: [{} Project 1 ", ids[0]);
    assert!(text.starts_with(&listed) && text.contains(&format!("[{} Project 3 17", ids[2])), "{text}");
    assert!(text.ends_with("proj_missing: HTTP 404, No such project: 'proj_missing'\n"), "{text}");
    assert!(python(&ids[1]).ends_with(&format!("{}: Project 2\n", ids[1])));
}

/// Through the C++17 wrappers an integer variable for a pointer parameter
/// is a compile error, as in a direct call (it compiled and aborted at run
/// time before); `0`, `NULL` and `nullptr` still pass.
#[test]
fn cpp17_refuses_an_integer_for_a_pointer_at_compile_time() {
    let dir = support::lib_dir().parent().unwrap().join("cpp-checks");
    std::fs::create_dir_all(&dir).unwrap();
    let program = |body: &str| {
        format!(
            "#include \"api/ProjectsAPI.h\"\nint main() {{\n  apiClient_t *c = apiClient_create();\n  int limit = 3;\n  (void)limit;\n  {body}\n  apiClient_free(c);\n  return 0;\n}}\n"
        )
    };
    let compiles = |name: &str, body: &str, flags: &[&str]| {
        let src = dir.join(format!("{name}.cpp"));
        std::fs::write(&src, program(body)).unwrap();
        let mut cc = support::compiler(true);
        cc.args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I"]).arg(support::root().join("include")).args(flags);
        let out = support::output_within(cc.arg(&src), support::DEADLINE);
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let int_for_pointer = "project_list_response_free(ProjectsAPI_listProjects(c, limit, NULL, NULL));";
    for flags in [&[][..], &["-DOPENAI_API_NO_CXX_CALLS"][..]] {
        let (ok, err) = compiles("int_for_pointer", int_for_pointer, flags);
        // A compile error at the argument (the wording is the compiler's).
        assert!(!ok && err.contains("error:") && err.contains("int_for_pointer.cpp:6:"), "{flags:?}: {err}");
    }
    for (name, body) in [
        ("zero", "project_list_response_free(ProjectsAPI_listProjects(c, 0, 0, 0));"),
        ("null", "project_list_response_free(ProjectsAPI_listProjects(c, NULL, NULL, NULL));"),
        ("nullptr", "project_list_response_free(ProjectsAPI_listProjects(c, nullptr, \"after\", nullptr));"),
        ("pointer", "project_list_response_free(ProjectsAPI_listProjects(c, &limit, NULL, NULL));"),
    ] {
        let (ok, err) = compiles(name, body, &[]);
        assert!(ok, "{name}: {err}");
    }
}
