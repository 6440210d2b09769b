//! The rest of cJSON 1.7.7's API (references, arrays from C arrays,
//! detaching, insertion, replacement, `cJSON_GetStringValue`) behaves as
//! cJSON does: `c-tests/models/cjson_more.c` prints every step, built against this
//! library (plainly, under valgrind, with ASan/UBSan: the references are
//! never freed twice) and against the system's cJSON (Debian's
//! `libcjson-dev`, which `.ci/run` installs), and the two print the same.
use crate::support;

use support::Run;

/// The program built against the system's cJSON, and what it printed.
fn reference() -> String {
    let header = std::path::Path::new("/usr/include/cjson/cJSON.h");
    assert!(header.exists(), "the system's cJSON is missing: install libcjson-dev (as .ci/run does)");
    let exe = std::env::temp_dir().join(format!("openai-api-cjson-reference-{}", std::process::id()));
    let mut cc = support::compiler(false);
    cc.args(["-std=c99", "-DSYSTEM_CJSON", "-o"]).arg(&exe).arg(support::root().join("c-tests/models/cjson_more.c")).arg("-lcjson");
    let out = support::output_within(&mut cc, support::DEADLINE);
    assert!(out.status.success(), "building against the system's cJSON: {}", String::from_utf8_lossy(&out.stderr));
    let out = support::output_within(&mut std::process::Command::new(&exe), support::DEADLINE);
    let _ = std::fs::remove_file(&exe);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// cJSON 1.7.7 inserts before the item at the index. Debian's 1.7.15
/// (+deb12u4, with its security patches) refuses this one insertion and
/// keeps the array as it was; the generated client's cJSON 1.7.7 does not.
const INSERTED: &str = "insert in the middle: [1,\"middle\",3] (size 3, walked 3)";
const REFUSED: &str = "insert in the middle: [1,3] (size 2, walked 2)";

#[test]
fn the_rest_of_cjson_behaves_as_cjson_does() {
    let expected = reference();
    assert!(expected.ends_with("done\n") && expected.lines().count() > 40, "{expected}");
    assert!(expected.contains(INSERTED) || expected.contains(REFUSED), "{expected}");
    let expected = expected.replace(REFUSED, INSERTED);
    for way in Run::all() {
        let out = way.program(&support::root().join("c-tests/models/cjson_more.c"), &[], &[]);
        let got = String::from_utf8_lossy(&out.stdout);
        let differ: Vec<String> =
            expected.lines().zip(got.lines()).filter(|(e, g)| e != g).map(|(e, g)| format!("cJSON: {e}\nhere:  {g}")).collect();
        assert!(differ.is_empty() && expected.lines().count() == got.lines().count(), "{way:?}:\n{}\n{got}", differ.join("\n"));
    }
}

/// `c-tests/models/cjson_beside.c`, a program written for the system's cJSON
/// 1.7.15 (it reads the `cJSON_bool` its add, insert and replace functions
/// return), built against that header and linked with this library and the
/// system's cJSON: `ours_first` puts this library first on the link line
/// (its functions are the ones called), else the system's. Sanitized: with
/// AddressSanitizer and UBSan.
fn beside(ours_first: bool, sanitized: bool) -> std::path::PathBuf {
    let name = format!("cjson-beside-{}{}", if ours_first { "ours-first" } else { "system-first" }, if sanitized { "-asan" } else { "" });
    let exe = support::lib_dir().parent().unwrap().join(name);
    let mut cc = support::compiler(false);
    cc.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-o"]).arg(&exe).arg(support::root().join("c-tests/models/cjson_beside.c"));
    if sanitized {
        cc.args(["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=all"]);
    }
    // Both libraries stay NEEDED although the program could do with either.
    cc.args(["-Wl,--no-as-needed", "-Wl,--disable-new-dtags"]).arg(format!("-Wl,-rpath,{}", support::lib_dir().display()));
    cc.arg("-L").arg(support::lib_dir());
    if ours_first {
        cc.args(["-lopenai_api", "-lcjson"]);
    } else {
        cc.args(["-lcjson", "-lopenai_api"]);
    }
    let out = support::output_within(&mut cc, support::DEADLINE);
    assert!(out.status.success(), "building {}: {}", exe.display(), String::from_utf8_lossy(&out.stderr));
    exe
}

#[test]
fn a_program_of_the_systems_cjson_works_whichever_library_comes_first() {
    assert!(std::path::Path::new("/usr/include/cjson/cJSON.h").exists(), "install libcjson-dev (as .ci/run does)");
    let system = support::run(&beside(false, false), &[]);
    let expected = String::from_utf8(system.stdout).unwrap();
    // The answers a 1.7.15 program reads, as the system's cJSON gives them.
    for line in [
        "add to an array: 1",
        "add to NULL: 0",
        "add NULL: 0",
        "add the array to itself: 0",
        "add without a name: 0",
        "insert at -1: 0",
        "replace item -2: 0",
        "replace CS exactly: 0",
        "replace cs exactly: 1",
        "done",
    ] {
        assert!(expected.lines().any(|l| l == line), "the system's cJSON: no {line:?} in\n{expected}");
    }
    let ours = beside(true, false);
    // This library's answers are the same, read the same way; and its
    // comparison of trees 1,000 levels deep ends (linear in their size).
    let deep_lines = "1000 levels, equal: 1\n1000 levels, unequal: 0\ndone\n";
    let want_deep = expected.replace("done\n", deep_lines);
    let plain = support::run_args(&ours, &["deep"], &[]);
    assert_eq!(String::from_utf8_lossy(&plain.stdout), want_deep);
    let valgrind = support::run_valgrind_args(&ours, &["deep"], &[]);
    assert_eq!(String::from_utf8_lossy(&valgrind.stdout), want_deep);
    let asan = support::run_args(
        &beside(true, true),
        &["deep"],
        &[("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:halt_on_error=1"), ("UBSAN_OPTIONS", "halt_on_error=1")],
    );
    assert_eq!(String::from_utf8_lossy(&asan.stdout), want_deep);
}
