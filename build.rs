//! Generates the C header with cbindgen into OUT_DIR. The committed copy,
//! include/openai_api.h, is compared with it by `tests/header.rs`.

use std::path::PathBuf;

/// The `c_enum!(Raw => openai_api_…_e: [...])` lines of the model sources:
/// each Rust integer type `Raw` is spelled as the C enum in the header.
fn c_enums(src: &str) -> Vec<(String, String)> {
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("c_enum!("))
        .filter_map(|rest| {
            let (raw, rest) = rest.split_once("=>")?;
            let (c, _) = rest.split_once(':')?;
            Some((raw.trim().to_string(), c.trim().to_string()))
        })
        .collect()
}

/// The API functions (`<Tag>API_…`) of a Rust source that take a `char *`
/// (ids, cursors): C++ gets call wrappers for them.
fn string_calls(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("extern \"C\" fn ") {
        rest = &rest[i + "extern \"C\" fn ".len()..];
        let Some(open) = rest.find('(') else { break };
        let name = &rest[..open];
        // The parameter list: up to the parenthesis that closes it.
        let mut depth = 0;
        let close = rest[open..]
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(rest.len(), |(j, _)| open + j);
        let params = &rest[open..close];
        if name.contains("API_") && params.contains("*mut c_char") {
            out.push(name.to_string());
        }
        rest = &rest[close..];
    }
    out
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

fn main() {
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut files = Vec::new();
    for dir in ["src/generated/models", "src/wire"] {
        files.extend(std::fs::read_dir(crate_dir.join(dir)).unwrap().map(|e| e.unwrap().path()));
    }
    files.sort();
    for file in files {
        for (raw, c) in c_enums(&std::fs::read_to_string(&file).unwrap()) {
            config.export.rename.insert(raw.clone(), c.clone());
            config.export.exclude.push(raw);
            config.export.include.push(c);
        }
    }
    // The version, as macros C code can test at compile time (the running
    // library's own is openai_api_version()).
    let v = |k: &str| std::env::var(k).unwrap();
    let version = format!(
        "\n/* The version of these headers (openai_api_version() gives the library's). */\n/** The major version of these headers. */\n#define OPENAI_API_VERSION_MAJOR {}\n/** The minor version of these headers. */\n#define OPENAI_API_VERSION_MINOR {}\n/** The patch version of these headers. */\n#define OPENAI_API_VERSION_PATCH {}\n/** The version of these headers, as text. */\n#define OPENAI_API_VERSION \"{}\"\n",
        v("CARGO_PKG_VERSION_MAJOR"),
        v("CARGO_PKG_VERSION_MINOR"),
        v("CARGO_PKG_VERSION_PATCH"),
        v("CARGO_PKG_VERSION")
    );
    config.after_includes = Some(format!("{}{version}", config.after_includes.unwrap_or_default()));
    let mut sources = Vec::new();
    for dir in ["src/generated/calls", "src/api"] {
        sources.extend(std::fs::read_dir(crate_dir.join(dir)).unwrap().map(|e| e.unwrap().path()));
    }
    sources.sort();
    let mut calls: Vec<String> = sources.iter().flat_map(|f| string_calls(&std::fs::read_to_string(f).unwrap())).collect();
    calls.sort();
    config.trailer = Some(cxx_calls(&calls));
    // The error model's struct is openai_api_error_t (see the trailer).
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("openai_api.h");
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header")
        .write_to_file(&out);
    println!("cargo:rustc-env=OPENAI_API_GENERATED_HEADER={}", out.display());
    // The shared library's soname carries the version that marks ABI
    // breaks, as C libraries' do: the major, and before 1.0 the minor too
    // (libopenai_api.so.0.3), as Cargo reads 0.x versions. The install
    // links the rest.
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap();
    let soversion = if major == "0" { format!("0.{minor}") } else { major };
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libopenai_api.so.{soversion}");
    }
    println!("cargo:rustc-env=OPENAI_API_SOVERSION={soversion}");
    // The C tests compile with the `cc` crate, which needs the target triple.
    println!("cargo:rustc-env=OPENAI_API_TARGET={}", std::env::var("TARGET").unwrap());
}
