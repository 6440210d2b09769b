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
        .arg(support::root().join("c-tests/surface/headers.c"));
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
    let headers = support::header_paths();
    for h in &headers {
        let found = foreign_macros(&std::fs::read_to_string(support::root().join("include").join(h)).unwrap());
        assert!(found.is_empty(), "{h} defines {found:?}");
    }
    assert!(headers.len() > 25, "only {} headers found", headers.len());
}

/// The names the headers declare: functions (as `symbols` reads them),
/// typedef names and macros (not the include guards' helpers, which are
/// undefined again).
fn declared_names() -> (Vec<String>, Vec<String>, Vec<String>) {
    let text = support::declarations();
    let fns: Vec<String> = crate::symbols::declared().into_iter().collect();
    let (mut types, mut macros) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if let Some(def) = line.strip_prefix("#define ") {
            let name = def.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap();
            // `openai_api_error_t` is a macro in C only (the model's other name).
            if !name.ends_with("_FIRST") && name != "OPENAI_API_INCLUDING" && name != "openai_api_error_t" {
                macros.push(name.to_string());
            }
        } else if let Some(name) = line.strip_prefix("} ").and_then(|l| l.strip_suffix(';')) {
            types.push(name.to_string());
        } else if line.starts_with("typedef struct ") && line.ends_with(';') && !line.contains('{') {
            types.push(line.trim_end_matches(';').rsplit(' ').next().unwrap().to_string());
        }
    }
    for v in [&mut types, &mut macros] {
        v.sort();
        v.dedup();
    }
    (fns, types, macros)
}

/// Each header, included alone and first, declares everything every
/// header declares (it includes openai_api.h last), in C99 and C++17: a
/// program that included one header at the generated client's path reaches
/// what it reached when every header was openai_api.h.
#[test]
fn every_header_alone_declares_everything() {
    let (fns, types, macros) = declared_names();
    assert!(fns.len() > 1400 && types.len() > 300 && macros.len() > 40, "{} {} {}", fns.len(), types.len(), macros.len());
    for n in ["ProjectsAPI_listProjects", "cJSON_Parse", "list_createList", "project_create", "apiClient_create"] {
        assert!(fns.iter().any(|f| f == n), "{n}");
    }
    let mut uses = String::new();
    for m in &macros {
        uses.push_str(&format!("#ifndef {m}\n#error \"{m} is not declared\"\n#endif\n"));
    }
    uses.push_str("void reach(void);\nvoid reach(void) {\n");
    for t in &types {
        uses.push_str(&format!("    {{ {t} *p = NULL; (void)p; }}\n"));
    }
    for f in &fns {
        uses.push_str(&format!("    (void)&{f};\n"));
    }
    uses.push_str("}\n");
    let dir = std::env::temp_dir().join(format!("openai-api-headers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let headers = support::header_paths();
    assert!(headers.len() > 260, "{}", headers.len());
    // A unit per header, each in C99; in C++17 the umbrella, the support
    // headers, the API headers and one model's: a header included first
    // brings the others in the same order in both languages, so what C++
    // adds (its own rules) shows in any of them.
    let mut jobs: Vec<(bool, std::path::PathBuf)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let unit = dir.join(format!("h{i}.c"));
        std::fs::write(&unit, format!("/* {h} */\n#include \"{h}\"\n{uses}")).unwrap();
        if !h.starts_with("model/") || h == "model/project.h" {
            jobs.push((true, unit.clone()));
        }
        jobs.push((false, unit));
    }
    // Compiled in as many batches as there are cores, side by side.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let batches: Vec<Vec<(bool, std::path::PathBuf)>> =
        (0..cores * 2).map(|b| jobs.iter().enumerate().filter(|(i, _)| i % (cores * 2) == b).map(|(_, j)| j.clone()).collect()).collect();
    std::thread::scope(|s| {
        for batch in &batches {
            for cpp in [false, true] {
                let units: Vec<&std::path::PathBuf> = batch.iter().filter(|(c, _)| *c == cpp).map(|(_, u)| u).collect();
                if units.is_empty() {
                    continue;
                }
                s.spawn(move || {
                    let mut cmd = support::compiler(cpp);
                    if cpp {
                        cmd.args(["-x", "c++", "-std=c++17"]);
                    } else {
                        cmd.arg("-std=c99");
                    }
                    cmd.args(["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wno-deprecated-declarations", "-fsyntax-only", "-I"])
                        .arg(support::root().join("include"))
                        .args(&units);
                    // A unit parses the whole header set (700 headers and more):
                    // a batch gets time in proportion to its units.
                    let out = support::output_within(&mut cmd, support::DEADLINE + std::time::Duration::from_secs(units.len() as u64));
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "cpp {cpp}:\n{}", err.chars().take(4000).collect::<String>());
                });
            }
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
}
