//! Builds the C programs of `c-tests/` against the library and runs them:
//! plainly, under valgrind, and built with AddressSanitizer/UBSan.
#![allow(dead_code)]

pub mod answers;
pub mod spec;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The C declarations of the header: what comes before its C++17 call
/// wrappers (macros and inline templates, no exported functions).
pub fn c_part(header: &str) -> &str {
    header.split("\n#if defined(__cplusplus) && __cplusplus >= 201703L").next().unwrap_or(header)
}

/// Every header under include/ by path (openai_api.h without its C++17
/// call wrappers), one after the other: everything the library declares.
pub fn declarations() -> String {
    let dir = root().join("include");
    header_paths().iter().map(|p| c_part(&std::fs::read_to_string(dir.join(p)).unwrap()).to_string()).collect::<Vec<_>>().join("\n")
}

/// The headers under include/, as paths relative to it.
pub fn header_paths() -> Vec<String> {
    let base = root().join("include");
    let mut out = Vec::new();
    let mut dirs = vec![base.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "h") {
                out.push(path.strip_prefix(&base).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// The mock's binary, built as `cargo run -p openai_api_mock` would.
pub fn mock_binary() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = output_within(
        Command::new(cargo).current_dir(root()).args(["build", "--quiet", "-p", "openai_api_mock", "--bin", "openai-api-mock"]),
        std::time::Duration::from_secs(600),
    );
    assert!(out.status.success(), "cargo build: {}", String::from_utf8_lossy(&out.stderr));
    root().join("target/debug/openai-api-mock")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// target/<profile>/deps, where `cargo test` puts the libopenai_api.so it
/// built for this run (it does not copy it up to target/<profile>).
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().to_path_buf();
    assert!(dir.join("libopenai_api.so").exists(), "libopenai_api.so not found in {}", dir.display());
    // Programs linked with -lopenai_api ask for the soname at run time;
    // the install makes this link, here it is made beside the library.
    let soname = dir.join(concat!("libopenai_api.so.", env!("OPENAI_API_SOVERSION")));
    if std::fs::read_link(&soname).is_err() {
        let _ = std::os::unix::fs::symlink("libopenai_api.so", &soname);
    }
    dir
}

fn build_dir() -> PathBuf {
    let d = lib_dir().parent().unwrap().join("c-tests");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The C compiler as the `cc` crate finds it for this machine.
pub fn compiler(cpp: bool) -> Command {
    let target = env!("OPENAI_API_TARGET");
    let tool = cc::Build::new()
        .cpp(cpp)
        .target(target)
        .host(target)
        .opt_level(1)
        .debug(true)
        .cargo_metadata(false)
        .cargo_warnings(false)
        .try_get_compiler()
        .expect("a C compiler");
    let mut cmd = Command::new(tool.path());
    cmd.args(tool.args());
    cmd
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavour {
    Plain,
    Sanitized,
}

/// The C test program `file`, in the folder of its area under c-tests/
/// (`calls`, `models`, `surface`: as the test binaries).
pub fn c_test(file: &str) -> PathBuf {
    let found: Vec<PathBuf> =
        ["calls", "models", "surface"].iter().map(|area| root().join("c-tests").join(area).join(file)).filter(|p| p.exists()).collect();
    assert_eq!(found.len(), 1, "c-tests/*/{file}: {found:?}");
    found.into_iter().next().unwrap()
}

/// Compiles `c-tests/<area>/<name>.c` into an executable linked with
/// libopenai_api.so; panics with the compiler output on failure.
pub fn build(name: &str, flavour: Flavour) -> PathBuf {
    build_source(&c_test(&format!("{name}.c")), name, flavour)
}

/// Compiles the C file `src` into executable `name`, as `build` does.
pub fn build_source(src: &Path, name: &str, flavour: Flavour) -> PathBuf {
    let suffix = if flavour == Flavour::Sanitized { "-asan" } else { "" };
    let mut flags = vec!["-std=c11", "-D_POSIX_C_SOURCE=200809L"];
    if flavour == Flavour::Sanitized {
        flags.extend(["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=all"]);
    }
    compile(false, src, &format!("{name}{suffix}"), &flags)
}

/// Compiles the C++ file `src` as C++17 into executable `name`, as `build`
/// does for C.
pub fn build_cpp(src: &Path, name: &str) -> PathBuf {
    compile(true, src, name, &["-std=c++17"])
}

/// Compiles `src` with -Wall -Wextra -Werror (the model constructors'
/// deprecation aside) and `flags` into build_dir()/`exe_name`, linked with
/// the libopenai_api.so of this run; panics with the compiler's output.
fn compile(cpp: bool, src: &Path, exe_name: &str, flags: &[&str]) -> PathBuf {
    let exe = build_dir().join(exe_name);
    let mut cmd = compiler(cpp);
    cmd.args(["-Wall", "-Wextra", "-Werror", "-Wno-deprecated-declarations"])
        .args(flags)
        .arg("-I")
        .arg(root().join("include"))
        .arg(src)
        .arg("-o")
        .arg(&exe)
        .arg("-L")
        .arg(lib_dir())
        // RPATH (not RUNPATH): searched before LD_LIBRARY_PATH, which cargo
        // sets to directories that may hold an older libopenai_api.so.
        .arg("-Wl,--disable-new-dtags")
        .arg(format!("-Wl,-rpath,{}", lib_dir().display()))
        .arg("-lopenai_api")
        .arg("-lpthread");
    let out = output_within(&mut cmd, DEADLINE);
    assert!(out.status.success(), "compiling {exe_name} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    exe
}

fn show(what: &str, out: &Output) -> String {
    format!(
        "{what}: {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// How long a program a test runs may take before it is killed and the test
/// fails (a hang fails in a minute instead of stalling the run); under
/// valgrind, which runs code 20-50 times slower, `VALGRIND_DEADLINE`.
pub const DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);
pub const VALGRIND_DEADLINE: std::time::Duration = std::time::Duration::from_secs(180);

/// Runs `cmd` to completion with its output captured, or kills it when it
/// is still running after `deadline` and panics naming it.
pub fn output_within(cmd: &mut Command, deadline: std::time::Duration) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child =
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    // Drain both pipes on threads so a chatty program cannot block on them.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
            panic!("{cmd:?} still running after {} s: killed\n--- stderr\n{stderr}", deadline.as_secs());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output { status, stdout: out_reader.join().unwrap(), stderr: err_reader.join().unwrap() }
}

/// Runs a built program with `envs`; asserts exit status 0.
pub fn run(exe: &Path, envs: &[(&str, &str)]) -> Output {
    run_args(exe, &[], envs)
}

/// Runs a built program with `args` and `envs`; asserts exit status 0.
pub fn run_args(exe: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let out = output_within(Command::new(exe).args(args).env("LD_LIBRARY_PATH", lib_dir()).envs(envs.iter().copied()), DEADLINE);
    assert!(out.status.success(), "{}", show(&exe.display().to_string(), &out));
    out
}

/// Runs a program under valgrind; fails on any invalid access or leak.
pub fn run_valgrind(exe: &Path, envs: &[(&str, &str)]) -> Output {
    run_valgrind_args(exe, &[], envs)
}

/// `run_valgrind` with program arguments.
pub fn run_valgrind_args(exe: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new("valgrind");
    cmd.args([
        "--quiet",
        "--error-exitcode=99",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite,indirect,possible",
        "--show-leak-kinds=definite,indirect,possible",
        // Deep enough that the suppressions see the frames they name.
        "--num-callers=40",
    ])
    .arg(format!("--suppressions={}", root().join("tests/valgrind.supp").display()))
    .arg(exe)
    .args(args)
    .env("LD_LIBRARY_PATH", lib_dir())
    .envs(envs.iter().copied());
    let out = output_within(&mut cmd, VALGRIND_DEADLINE);
    assert!(out.status.success(), "{}", show(&format!("valgrind {}", exe.display()), &out));
    out
}

/// Builds `name` three ways (plain, valgrind, ASan+UBSan+LSan) and runs each.
pub fn check_all_ways(name: &str, envs: &[(&str, &str)]) {
    for way in Run::all() {
        way.run(name, envs);
    }
}

/// The three ways every C test runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run {
    Plain,
    Valgrind,
    Sanitized,
}

impl Run {
    pub const ALL: [Run; 3] = [Run::Plain, Run::Valgrind, Run::Sanitized];

    /// The ways the C tests run: all three, unless `OPENAI_API_TEST_WAYS`
    /// names fewer (`plain`, `valgrind`, `sanitized`, comma-separated) for
    /// a quick local run; CI leaves it unset. A way left out says so on
    /// stderr once per test.
    pub fn all() -> Vec<Run> {
        let Ok(wanted) = std::env::var("OPENAI_API_TEST_WAYS") else { return Run::ALL.to_vec() };
        let names: Vec<String> = wanted.split(',').map(|w| w.trim().to_ascii_lowercase()).collect();
        let ways: Vec<Run> = Run::ALL.into_iter().filter(|w| names.iter().any(|n| *n == w.name())).collect();
        assert!(!ways.is_empty(), "OPENAI_API_TEST_WAYS={wanted:?} names none of plain, valgrind, sanitized");
        for w in Run::ALL.iter().filter(|w| !ways.contains(w)) {
            eprintln!("not run {} (OPENAI_API_TEST_WAYS={wanted})", w.name());
        }
        ways
    }

    fn name(self) -> &'static str {
        match self {
            Run::Plain => "plain",
            Run::Valgrind => "valgrind",
            Run::Sanitized => "sanitized",
        }
    }

    /// Builds `c-tests/<name>.c` for this way and runs it with `envs`;
    /// asserts success.
    pub fn run(self, name: &str, envs: &[(&str, &str)]) -> Output {
        self.program(&c_test(&format!("{name}.c")), &[], envs)
    }

    /// Builds the C file `src` for this way (once per process and flavour)
    /// and runs it with `args` and `envs`; asserts success.
    pub fn program(self, src: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
        let flavour = if matches!(self, Run::Sanitized) { Flavour::Sanitized } else { Flavour::Plain };
        let name = src.file_stem().unwrap().to_str().unwrap();
        let exe = {
            // One build per program and flavour per process; tests run on
            // parallel threads, and rewriting a running executable fails.
            let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
            let key = (src.to_path_buf(), flavour);
            match built.iter().find(|(k, _)| *k == key) {
                Some((_, exe)) => exe.clone(),
                None => {
                    let exe = build_source(src, name, flavour);
                    built.push((key, exe.clone()));
                    exe
                }
            }
        };
        match self {
            Run::Plain => run_args(&exe, args, envs),
            Run::Valgrind => run_valgrind_args(&exe, args, envs),
            Run::Sanitized => {
                let mut e = envs.to_vec();
                e.extend(SANITIZER_ENV);
                run_args(&exe, args, &e)
            }
        }
    }
}

const SANITIZER_ENV: [(&str, &str); 2] =
    [("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:halt_on_error=1"), ("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")];

static BUILT: std::sync::Mutex<Vec<((PathBuf, Flavour), PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// A listening socket whose accept queue is full: a new connection to it
/// neither completes nor is refused (the kernel drops its SYN), as with a
/// host that does not answer.
pub struct Unanswered {
    fd: i32,
    _queued: Vec<std::net::TcpStream>,
    pub port: u16,
}

impl Unanswered {
    pub fn new() -> Unanswered {
        Unanswered::at([127, 0, 0, 1], 0)
    }

    /// One at `ip`:`port` (0: any free port).
    pub fn at(ip: [u8; 4], port: u16) -> Unanswered {
        // SAFETY: plain socket calls on a new descriptor with a valid address.
        unsafe {
            let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
            assert!(fd >= 0);
            let mut addr: libc::sockaddr_in = std::mem::zeroed();
            addr.sin_family = libc::AF_INET as _;
            addr.sin_addr.s_addr = u32::from_be_bytes(ip).to_be();
            addr.sin_port = port.to_be();
            let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            assert_eq!(libc::bind(fd, &addr as *const _ as *const libc::sockaddr, len), 0);
            assert_eq!(libc::listen(fd, 0), 0);
            let mut len = len;
            assert_eq!(libc::getsockname(fd, &mut addr as *mut _ as *mut libc::sockaddr, &mut len), 0);
            let port = u16::from_be(addr.sin_port);
            // Fill the queue: connections that complete until one no longer does.
            let target = std::net::SocketAddr::from((ip, port));
            let mut queued = Vec::new();
            while let Ok(s) = std::net::TcpStream::connect_timeout(&target, std::time::Duration::from_millis(300)) {
                queued.push(s);
                assert!(queued.len() < 64, "the accept queue never filled");
            }
            Unanswered { fd, _queued: queued, port }
        }
    }
}

impl Drop for Unanswered {
    fn drop(&mut self) {
        // SAFETY: our own descriptor, closed once.
        unsafe { libc::close(self.fd) };
    }
}
