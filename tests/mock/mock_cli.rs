//! `openai-api-mock` is a conventional command (parsed by clap): `--help`
//! prints its usage to stdout and exits 0, `--version` prints the version,
//! a bad argument prints one line to stderr and exits 2.
use crate::support;

use std::path::PathBuf;
use std::process::Command;

fn run(bin: &PathBuf, args: &[&str]) -> (i32, String, String) {
    let out = support::output_within(Command::new(bin).args(args), support::DEADLINE);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn help_version_and_bad_arguments() {
    let bin = support::mock_binary();
    let (code, out, err) = run(&bin, &["--help"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    for option in [
        "--host <ADDR>",
        "--port <N>",
        "--key <KEY>",
        "--seed <N>",
        "--tls <DIR>",
        "--require-client-cert",
        "--fault <SPEC>",
        "--now <UNIX_SECONDS>",
        "--key-owner <USER_ID>",
        "--idle-timeout <SECONDS>",
        "--version",
    ] {
        assert!(out.contains(option), "--help lacks {option}:\n{out}");
    }
    let (code, out, _) = run(&bin, &["-h"]);
    assert!(code == 0 && out.starts_with("A local, stateful fake"), "{out}");
    let (code, out, _) = run(&bin, &["--version"]);
    assert_eq!((code, out.as_str()), (0, format!("openai-api-mock {}\n", env!("CARGO_PKG_VERSION")).as_str()));
    for (args, says) in [
        (&["--bogus"][..], "unexpected argument '--bogus'"),
        (&["--port", "x"][..], "invalid value 'x' for '--port <N>'"),
        (&["--require-client-cert"][..], "--tls <DIR>"),
        (&["--fault", "nope"][..], "unknown fault"),
        (&["--host"][..], "a value is required for '--host <ADDR>'"),
    ] {
        let (code, out, err) = run(&bin, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
        assert!(err.starts_with("openai-api-mock: ") && err.contains(says), "{args:?}: {err}");
    }
}
