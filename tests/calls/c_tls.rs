//! TLS settings as the generated client applies them (c-tests/calls/tls_settings.c),
//! and mutual TLS with an X.509 v1 client certificate against
//! `openssl s_server`, which requires one.
use crate::support;

use openai_api_mock::{Mock, Options, TlsOptions, DEFAULT_ADMIN_KEY};
use std::path::Path;
use std::process::{Command, Stdio};

fn program(way: support::Run, args: &[&str], url: &str) {
    way.program(
        &support::root().join("c-tests/calls/tls_settings.c"),
        args,
        &[("OPENAI_API_TEST_URL", url), ("OPENAI_API_TEST_KEY", DEFAULT_ADMIN_KEY)],
    );
}

#[test]
fn ssl_config_applies_to_https_only_and_insecure_reads_no_ca() {
    let dir = std::env::temp_dir().join(format!("openai-api-tls-settings-{}", std::process::id()));
    for way in support::Run::all() {
        let mock = Mock::start(Options { seed_projects: 1, ..Options::recording() }).unwrap();
        program(way, &["http"], mock.url());
        assert_eq!(mock.requests().len(), 1, "{way:?}");
        let tls = Some(TlsOptions { cert_dir: dir.clone(), require_client_cert: false, server_cert: None });
        let mock = Mock::start(Options { seed_projects: 1, tls, ..Options::recording() }).unwrap();
        program(way, &["insecure"], mock.url());
        assert_eq!(mock.requests().len(), 1, "{way:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn openssl(dir: &Path, args: &[&str]) -> String {
    let out = support::output_within(Command::new("openssl").current_dir(dir).args(args), support::DEADLINE);
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A listening `openssl s_server` that requires a client certificate from
/// `ca.pem`; killed on drop.
struct Server(std::process::Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn s_server(dir: &Path) -> Server {
    // A free port (the server takes it at once; a clash only retries).
    for _ in 0..5 {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("openssl")
            .current_dir(dir)
            .args(["s_server", "-accept", &format!("127.0.0.1:{port}"), "-cert", "server.pem", "-key", "server.key"])
            .args(["-CAfile", "ca.pem", "-Verify", "1", "-verify_return_error", "-www", "-quiet"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server");
        let mut server = Server(child, port);
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(10) {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            if server.0.try_wait().ok().flatten().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        drop(server);
    }
    panic!("openssl s_server did not start");
}

#[test]
fn an_x509_v1_client_certificate_works_for_mutual_tls() {
    let dir = std::env::temp_dir().join(format!("openai-api-v1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let days = ["-days", "2"];
    openssl(&dir, &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=test-ca"]);
    std::fs::write(dir.join("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n").unwrap();
    for (who, ext) in [("server", Some("server.ext")), ("client", None)] {
        let (key, csr, pem) = (format!("{who}.key"), format!("{who}.csr"), format!("{who}.pem"));
        openssl(&dir, &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-subj", &format!("/CN={who}")]);
        let mut args = vec!["x509", "-req", "-in", &csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", &pem];
        args.extend(days);
        if let Some(e) = ext {
            args.extend(["-extfile", e]);
        }
        openssl(&dir, &args);
    }
    let text = openssl(&dir, &["x509", "-noout", "-text", "-in", "client.pem"]);
    assert!(text.contains("Version: 1 (0x0)"), "openssl x509 -req without -extfile makes a v1 certificate:\n{text}");
    let server = s_server(&dir);
    let url = format!("https://127.0.0.1:{}/v1", server.1);
    let file = |f: &str| dir.join(f).to_str().unwrap().to_string();
    for way in support::Run::all() {
        program(way, &["client_cert", &file("client.pem"), &file("client.key"), &file("ca.pem")], &url);
        program(way, &["no_client_cert", &file("ca.pem")], &url);
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
