//! The headers compile cleanly as C99, C11, C++17 and GNU C with glibc's
//! error_t, with every warning an error.
mod support;

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
    let out = cmd.output().unwrap();
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
