//! The C headers under `include/`: cbindgen reads the library's sources
//! with `cbindgen.toml` and the renames of the generated C enums; `split`
//! parts what it writes; `openai_api.h` gets the C++17 call wrappers.

use std::path::Path;

/// The `c_enum!(Raw => openai_api_…_e: [...])` lines of the generated
/// models: each Rust integer type `Raw` is spelled as the C enum.
pub(crate) fn c_enums(src: &str) -> Vec<(String, String)> {
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("c_enum!("))
        .filter_map(|rest| {
            let (raw, rest) = rest.split_once("=>")?;
            let (c, _) = rest.split_once(':')?;
            Some((raw.trim().to_string(), c.trim().to_string()))
        })
        .collect()
}

/// The calls (`<Tag>API_…`) of a C header that take a `char *` (ids,
/// cursors; `const char *` ones take literals already): C++ gets call
/// wrappers for them.
pub(crate) fn string_calls(header: &str) -> Vec<String> {
    // The declarations without comments and preprocessor lines.
    let code = crate::layout::uncommented(header);
    let code: String = code.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    for decl in code.split(';') {
        let decl = decl.trim();
        let Some(open) = decl.find('(') else { continue };
        let Some(name) = decl[..open].split(|c: char| !(c.is_alphanumeric() || c == '_')).rfind(|w| !w.is_empty()) else { continue };
        if !name.contains("API_") {
            continue;
        }
        let params = &decl[open..];
        if params.split(',').any(|p| p.contains("char *") && !p.trim_start_matches(['(', ' ', '\n']).starts_with("const ")) {
            out.push(name.to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The library's version, from its Cargo.toml.
pub fn version(root: &Path) -> String {
    let toml = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let package = toml.split("[package]").nth(1).unwrap();
    let line = package.lines().find(|l| l.trim_start().starts_with("version")).unwrap();
    line.split('"').nth(1).unwrap().to_string()
}

/// The headers under `include/` for the library at `root`, with the C enum
/// renames `renames` (Rust type, C enum): cbindgen writes one header, which
/// `split` parts by API, model and support type; `openai_api.h` includes
/// them all and ends with the C++ call wrappers.
pub(crate) fn headers(root: &Path, renames: &[(String, String)]) -> Vec<(String, String)> {
    let mut config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    for (raw, c) in renames {
        config.export.rename.insert(raw.clone(), c.clone());
        config.export.exclude.push(raw.clone());
        config.export.include.push(c.clone());
    }
    let preface = config.autogen_warning.take().unwrap_or_default();
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header")
        .write(&mut out);
    let whole = String::from_utf8(out).unwrap();
    super::split::split(&whole, &preface, &cxx_calls(&string_calls(&whole)), &version(root))
}

/// C++17's view of the calls: string literals and `std::string::c_str()`
/// pass for their `char *` ids (the prototypes stay the generated
/// client's; a function-like macro per call converts the arguments, so
/// `&ProjectsAPI_retrieveProject` still names the function).
fn cxx_calls(calls: &[String]) -> String {
    let mut s = String::from(
        r#"
#if defined(__cplusplus) && __cplusplus >= 201703L && !defined(OPENAI_API_NO_CXX_CALLS) && !defined(OPENAI_API_CXX_CALLS)
/** Set once this header has declared the C++ call wrappers. */
#define OPENAI_API_CXX_CALLS 1
#include <type_traits>
#include <utility>
/**
 * C++17 call wrappers: each `<Tag>API_…` call that takes a `char *` is also
 * a function-like macro that passes its arguments through
 * openai_api_cxx::call, so string literals and `std::string::c_str()` pass
 * for ids without a cast, `NULL`, `0` and `nullptr` for optional ones, and
 * everything else as in a direct call (an integer variable for a pointer
 * parameter is a compile error, as without the wrappers). `&ProjectsAPI_retrieveProject` (no call) still
 * names the function. Define OPENAI_API_NO_CXX_CALLS before including this
 * header to leave them out (a program that declares the prototypes again
 * must).
 */
namespace openai_api_cxx {
/** `T` itself, in a place where a template argument is not deduced. */
template <class T>
struct same {
  using type = T;
};
/** An argument for a parameter of type `P`: whatever converts to `P` as it would in a direct call (so an integer converts to a pointer only when it is a null pointer constant, `0` or `NULL`), and a class object (a lambda for a visitor) through its conversion. */
template <class P>
struct arg {
  P value;
  arg(P v) : value(v) {}
  template <class A, typename std::enable_if<std::is_class<typename std::decay<A>::type>::value && std::is_convertible<A &&, P>::value, int>::type = 0>
  arg(A &&a) : value(std::forward<A>(a)) {}
};
/** For a `char *`: a `const char *` (the call never writes to it), so string literals pass. */
template <>
struct arg<char *> {
  char *value;
  arg(const char *v) : value(const_cast<char *>(v)) {}
  template <class A, typename std::enable_if<std::is_class<typename std::decay<A>::type>::value && std::is_convertible<A &&, const char *>::value, int>::type = 0>
  arg(A &&a) : value(const_cast<char *>(static_cast<const char *>(std::forward<A>(a)))) {}
};
/** Calls `f` with each argument made a `P` by openai_api_cxx::arg. */
template <class R, class... P>
inline R call(R (*f)(P...), typename same<arg<P>>::type... a) {
  return f(a.value...);
}
}  // namespace openai_api_cxx
"#,
    );
    for c in calls {
        s.push_str(&format!("/** `{c}`, taking string literals (C++17). */\n#define {c}(...) ::openai_api_cxx::call({c}, __VA_ARGS__)\n"));
    }
    s.push_str("#endif\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calls_that_take_a_char_pointer_get_wrappers() {
        let header = "/** A (doc; with a call()). */\nstruct a_t *ProjectsAPI_get(apiClient_t *c, char *id);\n\
                      int XAPI_walk(apiClient_t *c, char **next);\nint XAPI_named(const char *name);\n\
                      #define YAPI_macro(x) (x)\nvoid list_f(char *x);\nint XAPI_int(apiClient_t *c, int *limit);\n";
        assert_eq!(string_calls(header), ["ProjectsAPI_get", "XAPI_walk"]);
    }
}
