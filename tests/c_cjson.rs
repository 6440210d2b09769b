//! The rest of cJSON 1.7.7's API (references, arrays from C arrays,
//! detaching, insertion, replacement, `cJSON_GetStringValue`) behaves as
//! cJSON does: `c-tests/cjson_more.c` prints every step, built against this
//! library (plainly, under valgrind, with ASan/UBSan: the references are
//! never freed twice) and against the system's cJSON (Debian's
//! `libcjson-dev`, which `.ci/run` installs), and the two print the same.
mod support;

use support::Run;

/// The program built against the system's cJSON, and what it printed.
fn reference() -> String {
    let header = std::path::Path::new("/usr/include/cjson/cJSON.h");
    assert!(header.exists(), "the system's cJSON is missing: install libcjson-dev (as .ci/run does)");
    let exe = std::env::temp_dir().join(format!("openai-api-cjson-reference-{}", std::process::id()));
    let mut cc = support::compiler(false);
    cc.args(["-std=c99", "-DSYSTEM_CJSON", "-o"]).arg(&exe).arg(support::root().join("c-tests/cjson_more.c")).arg("-lcjson");
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
    for way in Run::ALL {
        let out = way.program(&support::root().join("c-tests/cjson_more.c"), &[], &[]);
        let got = String::from_utf8_lossy(&out.stdout);
        let differ: Vec<String> =
            expected.lines().zip(got.lines()).filter(|(e, g)| e != g).map(|(e, g)| format!("cJSON: {e}\nhere:  {g}")).collect();
        assert!(differ.is_empty() && expected.lines().count() == got.lines().count(), "{way:?}:\n{}\n{got}", differ.join("\n"));
    }
}
