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

fn main() {
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let models = crate_dir.join("src/models");
    let mut files: Vec<_> = std::fs::read_dir(&models).unwrap().map(|e| e.unwrap().path()).collect();
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
    // (libopenai_api.so.0.2), as Cargo reads 0.x versions. The install
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
