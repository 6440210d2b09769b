//! The headers compile cleanly as C99, C11, C++17 and GNU C with glibc's
//! error_t, with every warning an error.
use crate::support;

fn compile(cpp: bool, std: &str, defines: &[&str]) {
    let mut cmd = support::compiler(cpp);
    if cpp {
        cmd.args(["-x", "c++"]);
    }
    cmd.arg(format!("-std={std}"))
        .args(["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"])
        .args(defines.iter().map(|d| format!("-D{d}")))
        .arg("-I")
        .arg(support::root().join("include"))
        .arg(support::root().join("c-tests/headers.c"));
    let out = support::output_within(&mut cmd, support::DEADLINE);
    assert!(out.status.success(), "{std} {defines:?}:\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn c99() {
    compile(false, "c99", &[]);
}
#[test]
fn c11() {
    compile(false, "c11", &[]);
}
#[test]
fn cpp17() {
    compile(true, "c++17", &[]);
}
#[test]
fn gnu_c_with_glibc_error_t() {
    compile(false, "gnu11", &["WITH_GNU_ERRNO"]);
    compile(true, "gnu++17", &["WITH_GNU_ERRNO"]);
}

/// The names every `#define` in the headers must start with: the library's
/// own prefixes, cJSON's, and the seed's `list_ForEach`. A C++ call wrapper
/// is named as its call, and only expands to it.
const MACRO_PREFIXES: [&str; 5] = ["OPENAI_API", "openai_api", "cJSON", "CJSON", "list_ForEach"];

/// The macros `text` defines that are outside the library's prefixes.
fn foreign_macros(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let def = l.trim_start().strip_prefix('#')?.trim_start().strip_prefix("define")?.trim_start();
            let name = def.split_whitespace().next()?;
            Some((name.split('(').next().unwrap_or(name).to_string(), def.to_string()))
        })
        .filter(|(name, def)| !MACRO_PREFIXES.iter().any(|p| name.starts_with(p)) && !is_call_wrapper(name, def))
        .map(|(name, _)| name)
        .collect()
}

/// `NAME(...) ::openai_api_cxx::call(NAME, __VA_ARGS__)`, for a call `<Tag>API_…`.
fn is_call_wrapper(name: &str, def: &str) -> bool {
    name.contains("API_") && def == format!("{name}(...) ::openai_api_cxx::call({name}, __VA_ARGS__)")
}

#[test]
fn the_headers_define_only_prefixed_macros() {
    // The check itself sees an unprefixed macro.
    assert_eq!(foreign_macros("#define OPENAI_API_X 1\n#  define MAX_RETRIES 2\n#define cJSON_Y(a) a"), ["MAX_RETRIES"]);
    // A call wrapper passes; one that expands to anything else does not.
    assert!(foreign_macros("#define UsersAPI_listUsers(...) ::openai_api_cxx::call(UsersAPI_listUsers, __VA_ARGS__)").is_empty());
    assert_eq!(foreign_macros("#define UsersAPI_listUsers(...) evil(__VA_ARGS__)"), ["UsersAPI_listUsers"]);
    let mut dirs = vec![support::root().join("include")];
    let mut seen = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "h") {
                let found = foreign_macros(&std::fs::read_to_string(&path).unwrap());
                assert!(found.is_empty(), "{} defines {found:?}", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen > 25, "only {seen} headers found");
}
