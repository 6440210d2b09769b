//! `openai-api-mock`: runs the fake Projects API until killed.
//!
//! Prints the base URL to use (e.g. `http://127.0.0.1:40123/v1`) on its
//! first line and the key it accepts on the second, then serves. Faults
//! (`--fault`, or later `POST <host>/__mock/faults` with a JSON array of the
//! same specs) answer the next requests instead of the API. Options:
//!   --host ADDR              address to listen on (default 127.0.0.1)
//!   --port N                 port (default 0: a free one)
//!   --key KEY                the admin key to accept (default sk-admin-mock-key)
//!   --seed N                 projects that exist at start (default 0)
//!   --tls DIR                serve HTTPS; write ca.pem, client.pem, client.key,
//!                            other-ca.pem into DIR
//!   --require-client-cert    with --tls: demand a client certificate
//!   --fault SPEC             queue a fault (repeatable): pass, silent,
//!                            close-before-answer, close-during-body,
//!                            stall-body, trickle[:MS], huge, or a status with
//!                            headers, e.g. 429:retry-after-ms=200

use openai_api_mock::{Fault, Mock, Options, TlsOptions};
use std::io::Write;
use std::process::exit;

fn usage(problem: &str) -> ! {
    eprintln!("openai-api-mock: {problem}\nusage: openai-api-mock [--host ADDR] [--port N] [--key KEY] [--seed N] [--tls DIR [--require-client-cert]] [--fault SPEC]...");
    exit(2)
}

fn main() {
    let mut opts = Options::default();
    let mut require_client_cert = false;
    let mut faults = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().unwrap_or_else(|| usage(&format!("{name} needs a value")));
        match arg.as_str() {
            "--host" => opts.host = value("--host").parse().unwrap_or_else(|_| usage("--host: not an IP address")),
            "--port" => opts.port = value("--port").parse().unwrap_or_else(|_| usage("--port: not a port number")),
            "--key" => opts.admin_key = value("--key"),
            "--seed" => opts.seed_projects = value("--seed").parse().unwrap_or_else(|_| usage("--seed: not a number")),
            "--tls" => opts.tls = Some(TlsOptions { cert_dir: value("--tls").into(), require_client_cert: false, server_cert: None }),
            "--require-client-cert" => require_client_cert = true,
            "--fault" => faults.push(Fault::parse(&value("--fault")).unwrap_or_else(|e| usage(&e))),
            "-h" | "--help" => usage("help"),
            other => usage(&format!("unknown option {other}")),
        }
    }
    match (&mut opts.tls, require_client_cert) {
        (Some(t), true) => t.require_client_cert = true,
        (None, true) => usage("--require-client-cert needs --tls DIR"),
        _ => {}
    }
    let mock = Mock::start(opts).unwrap_or_else(|e| {
        eprintln!("openai-api-mock: cannot start: {e}");
        exit(1)
    });
    let key = mock.admin_key().to_string();
    mock.inject(faults);
    println!("{}", mock.url());
    println!("key: {key}");
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}
