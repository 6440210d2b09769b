//! The README and the docs work as written:
//! - every C snippet compiles with `-std=c99 -Wall -Wextra -Werror`, and the
//!   one with a `main` runs (against the mock);
//! - the build, install and link lines of "Build and install" and "Use from
//!   C" run in order: `make`, the build-tree links (shared and static), a
//!   prefix of one's own with PKG_CONFIG_PATH and a run path, the static
//!   link from the installed prefix, the installed mock driven as "Test your
//!   own program without a key" says, staging and uninstall. Two lines are
//!   run with a stand-in, said where it happens: `sudo make install` (run
//!   as `make install` with a PATH that has no cargo and a scratch prefix:
//!   what it proves is that install needs no toolchain) and the staging
//!   directory (`/tmp/stage` becomes a scratch one).
use crate::support;

use openai_api_mock::{Mock, Options};
use std::path::{Path, PathBuf};
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(support::root().join("README.md")).unwrap()
}

/// The README and every page of `docs/`, one after the other (each page's
/// blocks keep the heading they are under).
fn readme_and_docs() -> String {
    let mut pages: Vec<_> = std::fs::read_dir(support::root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "only {} pages in docs/", pages.len());
    let mut text = readme();
    for page in pages {
        text.push('\n');
        text.push_str(&std::fs::read_to_string(page).unwrap());
    }
    text
}

fn migrating() -> String {
    std::fs::read_to_string(support::root().join("MIGRATING.md")).unwrap()
}

/// The code blocks of `text` in `lang`, each with the heading it is under.
fn blocks(text: &str, lang: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            Some(code) if line.trim_start() == "```" => {
                out.push((heading.clone(), std::mem::take(code)));
                current = None;
            }
            Some(code) => {
                code.push_str(line);
                code.push('\n');
            }
            None if line.starts_with("## ") => heading = line[3..].to_string(),
            None if line.trim_start() == format!("```{lang}") => current = Some(String::new()),
            None => {}
        }
    }
    out
}

/// A C file for a snippet: a program as it is, or a fragment with the
/// includes it assumes, its function definitions at file scope and its
/// statements in a function given a `client`.
fn program_of(snippet: &str, n: usize) -> String {
    if snippet.contains("int main(") {
        return snippet.to_string();
    }
    let mut top = String::new();
    let mut body = String::new();
    let mut in_function = false;
    for line in snippet.lines() {
        let starts_function = !line.starts_with(' ') && line.ends_with('{') && line.contains('(') && !line.starts_with("if");
        if starts_function {
            in_function = true;
        }
        if in_function {
            top.push_str(line);
            top.push('\n');
            if line == "}" {
                in_function = false;
            }
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    // The fragment's `client` is the caller's, unless it makes its own.
    let (params, unused) =
        if snippet.contains("apiClient_t *client =") { ("void", "") } else { ("apiClient_t *client", "    (void)client;\n") };
    format!(
        "#define _POSIX_C_SOURCE 200809L\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include \"api/ProjectsAPI.h\"\n\n{top}\nvoid readme_snippet_{n}({params});\nvoid readme_snippet_{n}({params}) {{\n{unused}{body}}}\n"
    )
}

/// Runs `cmd` under the deadline of every test program.
fn run_ok(cmd: &mut Command) -> String {
    run_within(cmd, support::DEADLINE)
}

/// A build (`make`: cargo compiles the library) gets longer.
const BUILD_DEADLINE: std::time::Duration = std::time::Duration::from_secs(600);

fn run_within(cmd: &mut Command, deadline: std::time::Duration) -> String {
    let out = support::output_within(cmd, deadline);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("openai-api-readme-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn every_c_snippet_compiles_as_c99_and_the_program_runs() {
    let dir = scratch("snippets");
    // The README's, the docs' and the migration guide's.
    let mut snippets = blocks(&readme_and_docs(), "c");
    let guide = blocks(&migrating(), "c");
    assert!(guide.len() >= 5, "only {} C snippets in MIGRATING.md", guide.len());
    snippets.extend(guide);
    assert!(snippets.len() >= 13, "only {} C snippets found", snippets.len());
    let mock = Mock::start(Options { seed_projects: 2, admin_key: "sk-admin-...".into(), ..Options::recording() }).unwrap();
    let mut programs = 0;
    for (n, (heading, snippet)) in snippets.iter().enumerate() {
        let src = dir.join(format!("snippet{n}.c"));
        std::fs::write(&src, program_of(snippet, n)).unwrap();
        let exe = dir.join(format!("snippet{n}"));
        let mut cc = support::compiler(false);
        cc.args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-I"])
            .arg(support::root().join("include"))
            .arg(&src)
            .arg("-o")
            .arg(&exe)
            .arg("-L")
            .arg(support::lib_dir())
            .arg(format!("-Wl,-rpath,{}", support::lib_dir().display()))
            .arg("-lopenai_api");
        if !snippet.contains("int main(") {
            cc.arg("-c");
        }
        let out = support::output_within(&mut cc, support::DEADLINE);
        assert!(
            out.status.success(),
            "snippet {n} (under \"{heading}\") does not compile:\n{}\n{snippet}",
            String::from_utf8_lossy(&out.stderr)
        );
        if snippet.contains("int main(") {
            programs += 1;
            let text = run_ok(Command::new(&exe).env("OPENAI_BASE_URL", mock.url()).env_remove("OPENAI_ADMIN_KEY"));
            assert!(text.contains("Project 1") && text.contains("Project 2"), "snippet {n} printed:\n{text}");
        }
    }
    assert_eq!(programs, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The README's C++ fragments compile as C++17 (with `-Wall -Wextra
/// -Werror`), each in a function given a `client` and a chat request
/// `req`.
#[test]
fn every_cpp_snippet_compiles_as_cpp17() {
    let dir = scratch("cpp-snippets");
    let snippets = blocks(&readme(), "cpp");
    assert!(snippets.len() >= 2, "only {} C++ snippets", snippets.len());
    for (n, (heading, snippet)) in snippets.iter().enumerate() {
        let src = dir.join(format!("snippet{n}.cpp"));
        let program = format!(
            "#include <string>\n#include \"openai_api.h\"\n\nvoid readme_snippet_{n}(apiClient_t *client, create_chat_completion_request_t *req);\nvoid readme_snippet_{n}(apiClient_t *client, create_chat_completion_request_t *req) {{\n    (void)client;\n    (void)req;\n{snippet}}}\n"
        );
        std::fs::write(&src, program).unwrap();
        let mut cc = support::compiler(true);
        cc.args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-Wno-unused-variable", "-c", "-I"])
            .arg(support::root().join("include"))
            .arg(&src)
            .arg("-o")
            .arg(dir.join(format!("snippet{n}.o")));
        let out = support::output_within(&mut cc, support::DEADLINE);
        assert!(
            out.status.success(),
            "C++ snippet {n} (under \"{heading}\") does not compile:\n{}\n{snippet}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The lines of the README's or the docs' `sh` block under `heading` that start with
/// one of `prefixes`, in order.
fn lines(heading: &str, prefixes: &[&str]) -> Vec<String> {
    let text = readme_and_docs();
    let found: Vec<String> = blocks(&text, "sh")
        .into_iter()
        .filter(|(h, _)| h == heading)
        .flat_map(|(_, code)| code.lines().map(|l| l.split(" #").next().unwrap().trim().to_string()).collect::<Vec<_>>())
        .filter(|l| prefixes.iter().any(|p| l.starts_with(p)))
        .collect();
    assert!(!found.is_empty(), "no {prefixes:?} lines under {heading:?}");
    found
}

/// Runs `line` with bash in `dir`, HOME set to `home`: under the deadline
/// of every test program, or for `make` a build's.
fn sh(line: &str, dir: &Path, home: &Path, extra_env: &[(&str, &str)]) -> String {
    eprintln!("$ {line}");
    let deadline = if line.starts_with("make") { BUILD_DEADLINE } else { support::DEADLINE };
    run_within(Command::new("bash").arg("-ec").arg(line).current_dir(dir).env("HOME", home).envs(extra_env.iter().copied()), deadline)
}

fn needs_libopenai_api_so(exe: &Path) -> bool {
    run_ok(Command::new("readelf").arg("-d").arg(exe)).contains("libopenai_api.so")
}

#[test]
fn the_build_install_and_link_lines_work_as_written() {
    let root = support::root();
    let work = scratch("lines");
    let home = work.join("home");
    std::fs::create_dir_all(&home).unwrap();
    // app.c is the README's program; `include` and `target` are the build
    // tree's, as the lines expect when run from the source directory.
    let program = blocks(&readme(), "c").into_iter().map(|(_, c)| c).find(|c| c.contains("int main(")).unwrap();
    std::fs::write(work.join("app.c"), program).unwrap();
    std::os::unix::fs::symlink(root.join("include"), work.join("include")).unwrap();
    std::os::unix::fs::symlink(root.join("target"), work.join("target")).unwrap();
    let mock = Mock::start(Options { seed_projects: 2, admin_key: "sk-admin-...".into(), ..Options::recording() }).unwrap();
    let runs = |exe: &Path, env: &[(&str, &str)]| {
        let text = run_ok(Command::new(exe).env("OPENAI_BASE_URL", mock.url()).env_remove("LD_LIBRARY_PATH").envs(env.iter().copied()));
        assert!(text.contains("Project 1"), "{} printed:\n{text}", exe.display());
    };

    // "Build and install": make, then (below) the install lines.
    let build = lines("Build and install", &["make"]);
    assert_eq!(build[0], "make");
    sh(&build[0], &root, &home, &[]);

    // "Use from C": the build-tree links, shared and static.
    let link = lines("Use from C", &["cc "]);
    let tree: Vec<&String> = link.iter().filter(|l| l.contains("target/release")).collect();
    assert_eq!(tree.len(), 2, "{link:?}");
    sh(tree[0], &work, &home, &[]);
    assert!(needs_libopenai_api_so(&work.join("app")));
    runs(&work.join("app"), &[]);
    sh(tree[1], &work, &home, &[]);
    assert!(!needs_libopenai_api_so(&work.join("app")));
    runs(&work.join("app"), &[]);

    // `sudo make install`, with its stand-in: no cargo on the PATH.
    assert_eq!(lines("Build and install", &["sudo "]), ["sudo make install"]);
    let root_prefix = work.join("usr-local");
    let no_cargo = "/usr/local/bin:/usr/bin:/bin";
    sh(&format!("make install PREFIX={}", root_prefix.display()), &root, &home, &[("PATH", no_cargo)]);
    assert!(root_prefix.join("lib/libopenai_api.so.0.3").exists());
    // The installed examples, run from a copy as written, from that prefix
    // (PKG_CONFIG_PATH stands in for /usr/local's place on pkg-config's path).
    let examples = lines("Build and install", &["cp -R /usr/local/share/doc/openai_api/examples", "make run"]);
    assert_eq!(examples.len(), 2, "{examples:?}");
    let script = examples.join("\n").replace("/usr/local", root_prefix.to_str().unwrap());
    eprintln!("$ {script}");
    let text = run_within(
        Command::new("bash")
            .arg("-ec")
            .arg(&script)
            .current_dir(&work)
            .env("HOME", &home)
            .env("PKG_CONFIG_PATH", root_prefix.join("lib/pkgconfig")),
        BUILD_DEADLINE,
    );
    for line in ["archived proj_", "gave role Auditor", "3 projects: [Project 1]", "3 projects: [proj_"] {
        assert!(text.contains(line), "no {line:?} in:\n{text}");
    }

    // A prefix of one's own: the lines of that paragraph, as written (the
    // install line is in the first block too).
    let own = lines("Build and install", &["make install PREFIX=$HOME", "export ", "cc "]);
    assert_eq!(own.len(), 5, "{own:?}");
    assert_eq!(own[0], own[1]);
    sh(&own[1], &root, &home, &[]);
    let apps = work.join("own");
    std::fs::create_dir_all(&apps).unwrap();
    std::fs::copy(work.join("app.c"), apps.join("app.c")).unwrap();
    // "Use from C"'s pkg-config line links too, once PKG_CONFIG_PATH is set.
    let plain = link.iter().find(|l| !l.contains("target/release")).unwrap();
    sh(&format!("{}\n{plain}", own[2]), &apps, &home, &[]);
    assert!(needs_libopenai_api_so(&apps.join("app")));
    sh(&own[2..].join("\n"), &apps, &home, &[]);
    // The migration guide's link lines are these lines.
    let tested: Vec<&String> = own.iter().chain(link.iter()).collect();
    for line in
        blocks(&migrating(), "sh").iter().flat_map(|(_, c)| c.lines().map(str::trim).filter(|l| l.starts_with("cc ")).collect::<Vec<_>>())
    {
        assert!(tested.iter().any(|t| t.as_str() == line), "MIGRATING.md's line is not one the README's tests run: {line}");
    }
    assert!(needs_libopenai_api_so(&apps.join("app")));
    runs(&apps.join("app"), &[]);
    assert!(!needs_libopenai_api_so(&apps.join("app-static")), "pkg-config --static linked the shared library");
    runs(&apps.join("app-static"), &[]);

    // "Test your own program without a key": the installed mock, as written.
    let section: Vec<String> = blocks(&readme_and_docs(), "sh")
        .into_iter()
        .filter(|(h, _)| h == "Test your own program without a key")
        .flat_map(|(_, code)| code.lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(section.len() >= 6, "{section:?}");
    let text = sh(&section.join("\n"), &apps, &home, &[]);
    // The URL the mock printed, on the port it found free.
    let url = text.lines().find(|l| l.starts_with("http://127.0.0.1:") && l.ends_with("/v1")).expect("the mock's URL");
    assert!(url["http://127.0.0.1:".len()..url.len() - 3].parse::<u16>().is_ok_and(|p| p > 0), "{url}");
    assert!(text.contains("key: sk-admin-mock-key"), "{text}");
    let first = text.find("Project 1").expect("the first run lists the projects after the 429's retry");
    let second = text.find("HTTP 503").expect("the second run reports the 503");
    assert!(first < second, "{text}");
    assert!(text.contains("\"queued\":1"), "{text}");

    // Staging and uninstall.
    let stage = work.join("stage");
    let staging = build.iter().find(|l| l.contains("DESTDIR=/tmp/stage")).expect("the staging line");
    sh(&staging.replace("/tmp/stage", stage.to_str().unwrap()), &root, &home, &[]);
    assert!(stage.join("usr/lib/pkgconfig/openai_api.pc").exists());
    assert!(build.iter().any(|l| l.starts_with("make uninstall PREFIX=")));
    // The install that keeps symbols, as written: the debug info stays.
    let keep = build.iter().find(|l| l.starts_with("make install STRIP= ")).expect("the STRIP= line");
    sh(keep, &root, &home, &[]);
    let so = std::fs::read_dir(home.join(".local/lib")).unwrap().map(|e| e.unwrap().path()).find(|p| {
        let n = p.file_name().unwrap().to_string_lossy().to_string();
        n.starts_with("libopenai_api.so.") && n.matches('.').count() == 4
    });
    let sections = run_ok(Command::new("readelf").arg("-S").arg("-W").arg(so.expect("the installed library")));
    assert!(sections.contains(".debug_info"), "STRIP= stripped the library");
    // The man pages came along: `man` finds a call's page under the prefix.
    let page = run_ok(Command::new("man").arg("-M").arg(home.join(".local/share/man")).args(["-P", "cat", "ProjectsAPI_listProjects"]));
    assert!(page.contains("ProjectsAPI_listProjects"), "{page}");
    sh("make uninstall PREFIX=$HOME/.local", &root, &home, &[]);
    sh(&format!("make uninstall PREFIX=/usr DESTDIR={}", stage.display()), &root, &home, &[]);
    sh(&format!("make uninstall PREFIX={}", root_prefix.display()), &root, &home, &[]);
    assert!(!home.join(".local/lib/libopenai_api.so").exists());
    let _ = std::fs::remove_dir_all(&work);
}
