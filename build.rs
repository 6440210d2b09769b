//! The shared library's soname and what the tests need to know of the
//! build. The header is written by `cargo xtask codegen`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
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
