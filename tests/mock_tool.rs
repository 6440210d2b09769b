//! The mock as a tool users run in their own test suites: its memory is
//! bounded whatever the traffic, idle and slow connections are closed, and
//! an accept that fails (no file descriptor left) never makes it spin.
mod support;

use openai_api_mock::{Mock, Options, RequestLog, DEFAULT_ADMIN_KEY, LOG_BODY_MAX};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Sends one request on a new connection and reads the answer's status.
fn send(mock: &Mock, method: &str, path: &str, key: Option<&str>, body: &[u8]) -> u16 {
    let mut s = TcpStream::connect(mock.addr()).unwrap();
    let auth = key.map_or(String::new(), |k| format!("Authorization: Bearer {k}\r\n"));
    let head = format!(
        "{method} /v1{path} HTTP/1.1\r\nHost: mock\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

/// By default the log keeps the last 1,000 requests that carried the key,
/// none larger than LOG_BODY_MAX: 20 unauthenticated 15 MiB posts, 3
/// authenticated 2 MiB ones and 1,500 ordinary requests leave 1,000
/// entries of at most 1 MiB.
#[test]
fn the_default_log_is_bounded() {
    let mock = Mock::start(Options { seed_projects: 1, ..Options::default() }).unwrap();
    let huge = vec![b'x'; 15 << 20];
    for _ in 0..20 {
        assert_eq!(send(&mock, "POST", "/organization/projects", None, &huge), 401);
    }
    let big = format!(r#"{{"name":"{}"}}"#, "n".repeat(2 << 20));
    for _ in 0..3 {
        send(&mock, "POST", "/organization/projects", Some(DEFAULT_ADMIN_KEY), big.as_bytes());
    }
    for _ in 0..1500 {
        assert_eq!(send(&mock, "GET", "/organization/projects?limit=1", Some(DEFAULT_ADMIN_KEY), b""), 200);
    }
    let log = mock.requests();
    assert_eq!(log.len(), 1000);
    assert!(log.iter().all(|r| r.header("authorization").is_some() && r.body.len() <= LOG_BODY_MAX));
    // Off keeps nothing; All keeps everything (what tests ask for).
    let off = Mock::start(Options { log: RequestLog::Off, ..Options::default() }).unwrap();
    send(&off, "GET", "/organization/projects", Some(DEFAULT_ADMIN_KEY), b"");
    assert!(off.requests().is_empty());
    let all = Mock::start(Options::recording()).unwrap();
    send(&all, "GET", "/organization/projects", None, b"");
    assert_eq!(all.requests().len(), 1);
}

/// A connection that sends nothing, and one whose body never comes, are
/// closed after the idle limit (1 s here); the client's read sees the end
/// well before its own 20 s limit.
#[test]
fn idle_and_slow_connections_are_closed() {
    let mock = Mock::start(Options { idle_timeout: Duration::from_secs(1), ..Options::default() }).unwrap();
    let mut idle = TcpStream::connect(mock.addr()).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut buf = [0u8; 64];
    assert_eq!(idle.read(&mut buf).expect("closed by the mock, not timed out here"), 0);

    let mut slow = TcpStream::connect(mock.addr()).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST /v1/organization/projects HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer {DEFAULT_ADMIN_KEY}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    );
    slow.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    slow.read_to_end(&mut answer).expect("closed by the mock, not timed out here");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408"), "{}", String::from_utf8_lossy(&answer));
}

/// CPU time (user + system, in clock ticks) the process `pid` has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// The command-line mock limited to 40 file descriptors, sent 80
/// connections: while accept fails for want of descriptors it waits
/// between attempts. Measured as CPU time over 3 s (a loop that retries at
/// once takes a core: about 300 ticks), not as wall time.
#[test]
fn a_failing_accept_does_not_spin() {
    use std::os::unix::process::CommandExt;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = support::output_within(
        std::process::Command::new(cargo).current_dir(support::root()).args([
            "build",
            "--quiet",
            "-p",
            "openai_api_mock",
            "--bin",
            "openai-api-mock",
        ]),
        Duration::from_secs(600),
    );
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let mut cmd = std::process::Command::new(support::root().join("target/debug/openai-api-mock"));
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null());
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 40, rlim_max: 40 };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    let url = String::from_utf8(first).unwrap();
    let addr = url.trim_start_matches("http://").trim_end_matches("/v1").to_string();
    let held: Vec<TcpStream> = (0..80).filter_map(|_| TcpStream::connect(&addr).ok()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_ticks(child.id());
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_ticks(child.id()) - before;
    let _ = child.kill();
    let _ = child.wait();
    drop(held);
    eprintln!("{used} ticks of CPU in 3 s with accept failing");
    assert!(used < 60, "the mock used {used} ticks of CPU in 3 s while out of descriptors");
}
