//! What a process does around the library (`c-tests/calls/process.c`, one case
//! per run, each run plainly, under valgrind and with ASan/UBSan):
//! repeating signals, fork, thread cancellation, misuse, and unloading
//! (`c-tests/calls/unload.c`).
use crate::support;

use openai_api_mock::{Fault, Mock, Options, DEFAULT_ADMIN_KEY};
use std::collections::{BTreeMap, BTreeSet};
use support::Run;

fn process(way: Run, args: &[&str], mock: Option<&Mock>) -> String {
    let url = mock.map_or("http://127.0.0.1:9/v1".to_string(), |m| m.url().to_string());
    let out = way.program(
        &support::root().join("c-tests/calls/process.c"),
        args,
        &[("OPENAI_API_TEST_URL", &url), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn elapsed(stdout: &str) -> u64 {
    stdout.lines().find_map(|l| l.strip_prefix("elapsed ")?.parse().ok()).expect("elapsed")
}

/// A call to a server that never answers, with a 2,000 ms limit and no
/// retries, under a SIGALRM every 1.5 s (each read would start its 2 s
/// socket timeout over: the call never ended) and every 1 ms: it times out
/// within its limit and a margin for a loaded machine (under valgrind too).
#[test]
fn a_repeating_signal_does_not_stretch_a_call_past_its_limit() {
    for way in Run::all() {
        for period_us in ["1500000", "1000"] {
            let ms = elapsed(&process(way, &["signal_silent", period_us], None));
            eprintln!("{way:?} every {period_us} us: {ms} ms");
            assert!((1900..4000).contains(&ms), "{way:?}, a signal every {period_us} us: the call took {ms} ms (limit 2000)");
        }
    }
}

#[test]
fn calls_under_a_1_ms_signal_succeed() {
    let mock = Mock::start(Options { seed_projects: 2, ..Options::recording() }).unwrap();
    for way in Run::all() {
        process(way, &["signal_calls"], Some(&mock));
    }
}

/// Parent and child retrieve different projects at the same time after a
/// fork with a kept-alive connection open: every answer is the one asked
/// for, and no connection carried requests of both processes (each
/// request names its process in a header).
#[test]
fn after_fork_each_process_uses_its_own_connection() {
    for way in Run::all() {
        let mock = Mock::start(Options { seed_projects: 2, ..Options::recording() }).unwrap();
        process(way, &["fork"], Some(&mock));
        let mut by_connection: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        for r in mock.requests() {
            by_connection.entry(r.connection).or_default().insert(r.header("x-process").unwrap_or("none").to_string());
        }
        let shared: Vec<_> = by_connection.iter().filter(|(_, who)| who.len() > 1).collect();
        assert!(shared.is_empty(), "{way:?}: connections used by both processes: {shared:?}");
        let children = by_connection.values().filter(|who| who.contains("child")).count();
        assert!(children >= 1, "{way:?}: the child made no request");
    }
}

/// pthread_cancel of a thread blocked in a call: the call finishes (its
/// limit), the thread ends at its next cancellation point, the process goes
/// on and the client is free for the next call.
#[test]
fn cancelling_a_thread_inside_a_call_ends_the_thread_not_the_process() {
    for way in Run::all() {
        process(way, &["cancel"], None);
    }
}

/// A second apiClient_free, a free from a walker's visit or from a
/// callback of a call, and a data callback's length past its buffer: WARN
/// lines and a clear error, never a double free or a read past the buffer.
#[test]
fn misuse_is_detected_not_undefined() {
    let mock = Mock::start(Options { seed_projects: 3, ..Options::recording() }).unwrap();
    for way in Run::all() {
        let url = mock.url().to_string();
        let out = way.program(
            &support::root().join("c-tests/calls/process.c"),
            &["misuse"],
            &[("OPENAI_API_TEST_URL", &url), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        for warning in [
            "apiClient_free() of a client already freed",
            "apiClient_free() while a walk (forEach) runs",
            "apiClient_free() while a call runs on the client: NOT FREEING it",
            "WARN: data_callback_func left dataReceivedLen",
        ] {
            assert!(stderr.contains(warning), "{way:?}: no {warning:?} in\n{stderr}");
        }
    }
}

/// `c-tests/calls/unload.c`, built without linking the library (it dlopens it).
fn unload_program(sanitized: bool) -> std::path::PathBuf {
    let exe = support::lib_dir().parent().unwrap().join(if sanitized { "unload-asan" } else { "unload" });
    let mut cc = support::compiler(false);
    cc.args(["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Werror", "-Wno-deprecated-declarations", "-I"])
        .arg(support::root().join("include"))
        .arg(support::root().join("c-tests/calls/unload.c"))
        .arg("-o")
        .arg(&exe)
        .arg("-ldl");
    if sanitized {
        cc.args(["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=all"]);
    }
    let out = support::output_within(&mut cc, support::DEADLINE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    exe
}

/// 100 load/call/unload cycles leave nothing behind: valgrind finds no
/// definite loss (and no possible loss: the default error kinds), and the
/// library is unmapped after each dlclose.
#[test]
fn unloading_leaves_nothing_behind() {
    let mock = Mock::start(Options { seed_projects: 2, ..Options::recording() }).unwrap();
    let lib = support::lib_dir().join("libopenai_api.so");
    let lib = lib.to_str().unwrap();
    // By host name: the lookup runs on a thread of the library's.
    let by_name = mock.url().replace("127.0.0.1", "localhost");
    let envs = [("OPENAI_API_TEST_URL", by_name.as_str()), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)];
    support::run_args(&unload_program(false), &[lib, "100"], &envs);
    let mut cmd = std::process::Command::new("valgrind");
    cmd.args(["--quiet", "--error-exitcode=99", "--leak-check=full", "--num-callers=40"])
        .arg(unload_program(false))
        .args([lib, "100"])
        .envs(envs);
    // 100 loads under valgrind take a minute or two alone; a loaded
    // machine gets more room than one program's usual deadline.
    let out = support::output_within(&mut cmd, 4 * support::VALGRIND_DEADLINE);
    assert!(out.status.success(), "valgrind: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    support::run_args(
        &unload_program(true),
        &[lib, "20"],
        &[envs[0], envs[1], ("ASAN_OPTIONS", "detect_leaks=1:halt_on_error=1"), ("UBSAN_OPTIONS", "halt_on_error=1")],
    );
}

/// A 404 page that is not OpenAI's (no error body, HTML): the error names
/// the method, the URL (not its query, whose values may be secret) and the
/// status, where it said only "HTTP 404 without an OpenAI error body".
#[test]
fn an_answer_that_is_not_openais_names_where_it_came_from() {
    for way in Run::all() {
        let mock = Mock::start(Options::recording()).unwrap();
        mock.inject([Fault::status(404, &[("content-type", "text/html")], "<html><body>Not Found</body></html>")]);
        let out = process(way, &["not_openai"], Some(&mock));
        assert!(out.contains("message HTTP 404 without an OpenAI error body from GET http://127.0.0.1:"), "{way:?}: {out}");
    }
}
