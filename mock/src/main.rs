//! `openai-api-mock`: runs the fake administration API until killed.
//!
//! Prints the base URL to use (e.g. `http://127.0.0.1:40123/v1`) on its
//! first line and the key it accepts on the second, then serves. Faults
//! (`--fault`, or later `POST <host>/__mock/faults` with a JSON array of the
//! same specs) answer the next requests instead of the API. `--help` lists
//! the options.

use clap::error::ErrorKind;
use clap::Parser;
use openai_api_mock::{Fault, Mock, Options, RequestLog, TlsOptions};
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::exit;

/// A local, stateful fake of OpenAI's administration API (projects and the
/// organization) for tests: no key, no network.
///
/// Prints the base URL on its first line (`http://127.0.0.1:PORT/v1`) and
/// the key it accepts on the second, then serves until killed.
#[derive(Parser)]
#[command(name = "openai-api-mock", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0: a free one, printed in the URL).
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// The admin key to accept.
    #[arg(long, value_name = "KEY", default_value = openai_api_mock::DEFAULT_ADMIN_KEY)]
    key: String,
    /// Projects that exist at start (the first has user_alice and her key).
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: usize,
    /// Serve HTTPS, writing ca.pem, client.pem, client.key and other-ca.pem into DIR.
    #[arg(long, value_name = "DIR")]
    tls: Option<PathBuf>,
    /// With --tls: demand a client certificate.
    #[arg(long, requires = "tls")]
    require_client_cert: bool,
    /// Queue a fault (repeatable): pass, silent, close-before-answer,
    /// close-during-body, stall-body, trickle[:MS], huge, or a status with
    /// headers, e.g. 429:retry-after-ms=200.
    #[arg(long, value_name = "SPEC", value_parser = Fault::parse)]
    fault: Vec<Fault>,
    /// The mock's clock at start, in Unix seconds: every date it gives
    /// (projects, keys, audit-log entries, the present of usage and costs)
    /// is read from its one clock, which each change moves on a second.
    #[arg(long, value_name = "UNIX_SECONDS", default_value_t = openai_api_mock::DEFAULT_NOW)]
    now: i64,
    /// The organization user the admin key belongs to (the actor of every
    /// audit-log entry): user_alice, user_bob, user_carol, user_dan, user_zoe.
    #[arg(long, value_name = "USER_ID", default_value = "user_alice")]
    key_owner: String,
    /// Close a connection idle this long, or whose request head or body
    /// does not arrive within it.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    idle_timeout: u64,
}

/// The arguments, or the end: `--help` and `--version` print to stdout and
/// exit 0; a bad argument prints one line to stderr and exits 2.
fn args() -> Args {
    match Args::try_parse() {
        Ok(a) => a,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => e.exit(),
        Err(e) => {
            let text = e.to_string();
            // clap's first paragraph, on one line.
            let what: Vec<&str> = text.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
            eprintln!("openai-api-mock: {} (see --help)", what.join(" ").trim_start_matches("error: "));
            exit(2)
        }
    }
}

fn main() {
    let args = args();
    let opts = Options {
        host: args.host,
        port: args.port,
        admin_key: args.key,
        seed_projects: args.seed,
        tls: args.tls.map(|cert_dir| TlsOptions { cert_dir, require_client_cert: args.require_client_cert, server_cert: None }),
        // Nothing reads a log from the command line: none is kept.
        log: RequestLog::Off,
        idle_timeout: std::time::Duration::from_secs(args.idle_timeout.max(1)),
        now: args.now,
        admin_key_owner: args.key_owner,
    };
    let mock = Mock::start(opts).unwrap_or_else(|e| {
        eprintln!("openai-api-mock: cannot start: {e}");
        exit(1)
    });
    let key = mock.admin_key().to_string();
    mock.inject(args.fault);
    println!("{}", mock.url());
    println!("key: {key}");
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}
