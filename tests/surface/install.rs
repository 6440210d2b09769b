//! The install (`scripts/install.sh`, run by `make install`) and the ways
//! users consume it: the layout, soname links, a clean reinstall, DESTDIR
//! staging and uninstall; a CMake project with find_package; a Makefile with
//! pkg-config, shared and static. Both build the C example and run it
//! against the mock.
use crate::support;

use openai_api_mock::{Mock, Options, DEFAULT_ADMIN_KEY};
use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("openai-api-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(cmd: &mut Command) -> String {
    // Builds (cmake, make) get five minutes; a hang fails the test.
    let out = support::output_within(cmd, std::time::Duration::from_secs(300));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Runs scripts/install.sh with the library of this test run (and without
/// the C reference: `install_with` puts it in).
fn install_sh(action: &str, prefix: &str, destdir: Option<&Path>) {
    install_with(action, prefix, destdir, &[("INSTALL_DOCS", "0")]);
}

fn install_with(action: &str, prefix: &str, destdir: Option<&Path>, envs: &[(&str, &str)]) {
    let mut cmd = Command::new("sh");
    cmd.arg(support::root().join("scripts/install.sh")).arg(action).env("PREFIX", prefix).env("BUILD_DIR", support::lib_dir());
    // The mock is built by `make`, not by `cargo test`: tests/surface/readme.rs
    // installs it the README's way.
    cmd.env("INSTALL_MOCK", "0");
    cmd.env_remove("DESTDIR").env_remove("LIBDIR").env_remove("INCLUDEDIR").env_remove("BINDIR").env_remove("STRIP");
    cmd.env_remove("DOCDIR").env_remove("MANDIR").envs(envs.iter().copied());
    if let Some(d) = destdir {
        cmd.env("DESTDIR", d);
    }
    ok(&mut cmd);
}

/// Every file and link below `dir`, relative to it.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn runs_the_example(exe: &Path, envs: &[(&str, &str)]) {
    let mock = Mock::start(Options { seed_projects: 3, ..Options::recording() }).unwrap();
    let text = ok(Command::new(exe)
        .arg("user_bob")
        .env("OPENAI_BASE_URL", mock.url())
        .env("OPENAI_ADMIN_KEY", DEFAULT_ADMIN_KEY)
        .envs(envs.iter().copied()));
    for line in [
        "created project proj_",
        "added user_bob <bob@example.com>",
        "key: sk-svcacct-",
        "(role none), key key_",
        "spend limit: 500.00 USD per month",
        "page 2:",
        "archived proj_",
    ] {
        assert!(text.contains(line), "{}: no {line:?} in\n{text}", exe.display());
    }
}

fn links_libopenai_api_so(exe: &Path) -> bool {
    ok(Command::new("readelf").arg("-d").arg(exe)).contains("libopenai_api.so")
}

#[test]
fn install_layout_soname_reinstall_destdir_uninstall() {
    let dir = scratch("install");
    let prefix = dir.join("prefix");
    let p = prefix.to_str().unwrap();
    // With the C reference, as `make` builds it.
    ok(Command::new("make").arg("docs").current_dir(support::root()));
    let install_sh = |action: &str, prefix: &str, destdir: Option<&Path>| install_with(action, prefix, destdir, &[]);
    install_sh("install", p, None);
    let got = files(&prefix);
    // The file is named by the whole version, the soname by 0.<minor>.
    let version = env!("CARGO_PKG_VERSION");
    let soname = format!("libopenai_api.so.{}", version.rsplit_once('.').unwrap().0);
    let file = format!("libopenai_api.so.{version}");
    for f in [
        "lib/libopenai_api.so",
        &format!("lib/{soname}"),
        &format!("lib/{file}"),
        "lib/libopenai_api.a",
        "lib/pkgconfig/openai_api.pc",
        "lib/pkgconfig/openai_api-shared.pc",
        "lib/cmake/openai_api/openai_apiConfig.cmake",
        "lib/cmake/openai_api/openai_apiConfigVersion.cmake",
        "include/openai_api/openai_api.h",
        "include/openai_api/api/ProjectsAPI.h",
        "include/openai_api/model/project.h",
        "include/openai_api/include/apiClient.h",
        "include/openai_api/external/cJSON.h",
        "share/doc/openai_api/html/index.html",
        "share/man/man3/openai_api.h.3",
        "share/man/man3/ProjectsAPI_listProjects.3",
        "share/man/man3/apiClient_create.3",
        "share/man/man3/project_t.3",
        "share/doc/openai_api/examples/Makefile",
        "share/doc/openai_api/examples/run.sh",
        "share/doc/openai_api/examples/admin.c",
        "share/doc/openai_api/examples/list_projects.cpp",
        "share/doc/openai_api/examples/list_projects.py",
    ] {
        assert!(got.contains(&f.to_string()), "{f} not installed: {got:#?}");
    }
    let lib = prefix.join("lib");
    assert_eq!(std::fs::read_link(lib.join("libopenai_api.so")).unwrap(), Path::new(&soname));
    assert_eq!(std::fs::read_link(lib.join(&soname)).unwrap(), Path::new(&file));
    let dynamic = ok(Command::new("readelf").arg("-d").arg(lib.join(&file)));
    assert!(dynamic.contains(&format!("Library soname: [{soname}]")), "{dynamic}");
    // Installed stripped; the build tree keeps the debug info.
    for installed in [file.as_str(), "libopenai_api.a"] {
        let sections = ok(Command::new("readelf").arg("-S").arg("-W").arg(lib.join(installed)));
        assert!(!sections.contains(".debug_info"), "{installed} still has debug info");
    }
    let so_size = std::fs::metadata(lib.join(&file)).unwrap().len();
    let built_size = std::fs::metadata(support::lib_dir().join("libopenai_api.so")).unwrap().len();
    assert!(so_size < built_size, "installed {so_size} bytes, built {built_size}");
    // `man` finds every call's own page under the prefix: its synopsis,
    // not its header's page.
    for (call, header) in [
        ("ProjectsAPI_listProjects", "api/ProjectsAPI.h"),
        ("UsersAPI_listUsers", "api/UsersAPI.h"),
        ("apiClient_setTimeouts", "include/apiClient.h"),
        ("cJSON_Parse", "external/cJSON.h"),
    ] {
        let page = ok(Command::new("man").arg("-M").arg(prefix.join("share/man")).args(["-P", "cat", call]).env("MANWIDTH", "200"));
        assert!(page.contains(&format!("#include \"{header}\"")) && page.contains(&format!("{call}(")), "man {call}:\n{page}");
        assert!(!page.contains("Detailed Description"), "man {call} is its header's page:\n{page}");
    }
    let pages = got.iter().filter(|f| f.starts_with("share/man/man3/")).count();
    assert!(pages > 1000, "{pages} man pages");
    let headers = got.iter().filter(|f| f.ends_with(".h") && !f.starts_with("share/")).count();
    assert_eq!(headers, files(&support::root().join("include")).len());

    // A reinstall removes what an older install left.
    std::fs::write(prefix.join("include/openai_api/model/retired.h"), "/* old */").unwrap();
    std::fs::write(lib.join("libopenai_api.so.0.0.9"), "old").unwrap();
    install_sh("install", p, None);
    assert_eq!(files(&prefix), got);

    // DESTDIR stages under another root; uninstall leaves nothing behind.
    let stage = dir.join("stage");
    install_sh("install", "/usr", Some(&stage));
    let staged = files(&stage);
    assert_eq!(staged, got.iter().map(|f| format!("usr/{f}")).collect::<Vec<_>>());
    let pc = std::fs::read_to_string(stage.join("usr/lib/pkgconfig/openai_api.pc")).unwrap();
    assert!(pc.contains("prefix=/usr\n") && pc.contains("Cflags: -I${includedir}/openai_api"), "{pc}");
    install_sh("uninstall", "/usr", Some(&stage));
    assert!(files(&stage).is_empty(), "left after uninstall: {:#?}", files(&stage));
    install_sh("uninstall", p, None);
    assert!(files(&prefix).is_empty(), "left after uninstall: {:#?}", files(&prefix));

    // `make install STRIP=` keeps every symbol and the debug info.
    let keep = dir.join("keep");
    install_with("install", keep.to_str().unwrap(), None, &[("INSTALL_DOCS", "0"), ("STRIP", "")]);
    for installed in [file.as_str(), "libopenai_api.a"] {
        let sections = ok(Command::new("readelf").arg("-S").arg("-W").arg(keep.join("lib").join(installed)));
        assert!(sections.contains(".debug_info"), "{installed} lost its debug info with STRIP=");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cmake_project_finds_and_links_the_installed_library() {
    let dir = scratch("cmake");
    let prefix = dir.join("prefix");
    install_sh("install", prefix.to_str().unwrap(), None);
    let build = dir.join("build");
    ok(Command::new("cmake")
        .arg("-S")
        .arg(support::root().join("tests/consumers/cmake"))
        .arg("-B")
        .arg(&build)
        .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display())));
    ok(Command::new("cmake").arg("--build").arg(&build));
    let shared = build.join("admin_shared");
    let static_ = build.join("admin_static");
    assert!(links_libopenai_api_so(&shared));
    assert!(!links_libopenai_api_so(&static_));
    runs_the_example(&shared, &[]);
    runs_the_example(&static_, &[]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_makefile_with_pkg_config_links_shared_and_static() {
    let dir = scratch("pkgconfig");
    let prefix = dir.join("prefix");
    install_sh("install", prefix.to_str().unwrap(), None);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    ok(Command::new("make")
        .arg("-C")
        .arg(support::root().join("tests/consumers/make"))
        .arg(format!("OUT={}", out.display()))
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig")));
    let shared = out.join("admin_shared");
    let static_ = out.join("admin_static");
    assert!(links_libopenai_api_so(&shared));
    assert!(!links_libopenai_api_so(&static_));
    let libdir = prefix.join("lib");
    runs_the_example(&shared, &[("LD_LIBRARY_PATH", libdir.to_str().unwrap())]);
    runs_the_example(&static_, &[]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The installed examples build and run from a copy of their folder, as
/// the README says: `make run` builds the C and C++ ones with pkg-config,
/// starts the installed mock and runs them, and the Python one, against it.
#[test]
fn the_installed_examples_run_from_a_copy() {
    let dir = scratch("examples");
    let prefix = dir.join("prefix");
    // With the mock, from where `cargo build` put it.
    let mock = support::mock_binary();
    std::fs::copy(support::lib_dir().join("libopenai_api.so"), dir.join("libopenai_api.so")).unwrap();
    std::fs::copy(support::lib_dir().join("libopenai_api.a"), dir.join("libopenai_api.a")).unwrap();
    std::fs::copy(&mock, dir.join("openai-api-mock")).unwrap();
    install_with(
        "install",
        prefix.to_str().unwrap(),
        None,
        &[("INSTALL_DOCS", "0"), ("INSTALL_MOCK", "1"), ("BUILD_DIR", dir.to_str().unwrap())],
    );
    let copy = dir.join("my-examples");
    ok(Command::new("cp").arg("-R").arg(prefix.join("share/doc/openai_api/examples")).arg(&copy));
    let out = ok(Command::new("make")
        .arg("-C")
        .arg(&copy)
        .arg("run")
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
        .env_remove("OPENAI_BASE_URL")
        .env_remove("OPENAI_ADMIN_KEY"));
    for line in [
        "archived proj_78dde6e5fd29f054",
        "gave role Auditor",
        "  total                            14288.62 USD",
        "3 projects: [Project 1] [Project 2] [Project 3]\nproj_9e3779b97f4a7c15: Project 1\n",
        "3 projects: [proj_9e3779b97f4a7c15 Project 1 1735689601]",
    ] {
        assert!(out.contains(line), "no {line:?} in:\n{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
