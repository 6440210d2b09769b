//! A stateful local fake of OpenAI's Projects administration API.
//!
//! It keeps projects, users, service accounts and their keys, API keys and
//! rate limits; checks the bearer key (401); validates bodies and query
//! parameters (400 with OpenAI's error JSON); answers unknown ids with 404;
//! refuses to modify archived projects; paginates with `limit`, `after`,
//! `before`; sets `x-request-id` on every answer. It serves plain HTTP or
//! HTTPS with certificates made at start-up, optionally requiring a client
//! certificate.
//!
//! In-process: `Mock::start(Options::default())` and use `mock.url()`; the
//! server stops when the `Mock` is dropped. From the command line: the
//! `openai-api-mock` binary.

mod assistants;
mod audit;
mod embeddings;
mod error;
pub mod examples;
mod faults;
mod files;
mod hash;
mod health;
mod invites;
mod jobs;
mod media;
mod models;
mod organization;
mod paging;
mod people;
mod plain;
mod projects;
mod query;
mod resource;
mod routes;
mod serve;
mod spec;
mod state;
mod stream;
mod text;
pub mod tls;
mod usage;
mod verdicts;

pub use faults::Fault;
pub use people::{ORG_GROUPS, ORG_USERS};
pub use routes::Logged;
pub use tls::write_self_signed;

use std::collections::VecDeque;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tokio::sync::oneshot;

/// The key the mock accepts unless told otherwise.
pub const DEFAULT_ADMIN_KEY: &str = "sk-admin-mock-key";

/// HTTPS settings.
#[derive(Clone, Debug)]
pub struct TlsOptions {
    /// Where `ca.pem`, `client.pem`, `client.key` and `other-ca.pem` are
    /// written (created if missing).
    pub cert_dir: PathBuf,
    /// Refuse clients without a certificate signed by `ca.pem`.
    pub require_client_cert: bool,
    /// Serve this PEM certificate (chain) and PEM key instead of the
    /// certificate signed by `ca.pem` (for example a self-signed one).
    pub server_cert: Option<(PathBuf, PathBuf)>,
}

/// How to start the mock.
#[derive(Clone, Debug)]
pub struct Options {
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// The bearer key every request must carry.
    pub admin_key: String,
    /// Projects that exist at start ("Project 1", ...); the first has a
    /// member (`user_alice`, owner) and her API key `key_alice`.
    pub seed_projects: usize,
    pub tls: Option<TlsOptions>,
    /// Which requests `Mock::requests` keeps.
    pub log: RequestLog,
    /// A connection idle this long (no request begun), or a request whose
    /// head or body does not arrive within it, is closed.
    pub idle_timeout: std::time::Duration,
    /// The mock's clock at start (Unix seconds): every date it gives is
    /// read from its one clock, which each change moves on a second (see
    /// `Mock::set_now`).
    pub now: i64,
    /// The organization user the admin key belongs to: the actor of every
    /// audit-log entry and the owner of new admin keys.
    pub admin_key_owner: String,
}

/// The clock's default start: 2025-01-01T00:00:00Z.
pub const DEFAULT_NOW: i64 = 1_735_689_600;

/// Which requests the mock keeps for `Mock::requests`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestLog {
    /// None.
    Off,
    /// The last `n` requests that carried the admin key, each with a body
    /// of at most `LOG_BODY_MAX` bytes: memory bounded whatever the traffic.
    Last(usize),
    /// Every request, as sent (for tests that look at what a client sent,
    /// unauthenticated requests among them).
    All,
}

/// The largest request body a bounded log keeps (a larger request is not kept).
pub const LOG_BODY_MAX: usize = 1 << 20;

impl Default for Options {
    fn default() -> Self {
        Options {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            admin_key: DEFAULT_ADMIN_KEY.into(),
            seed_projects: 0,
            tls: None,
            log: RequestLog::Last(1000),
            idle_timeout: std::time::Duration::from_secs(30),
            now: DEFAULT_NOW,
            admin_key_owner: "user_alice".into(),
        }
    }
}

impl Options {
    /// The defaults, keeping every request (what a test that checks what a
    /// client sent asks for).
    pub fn recording() -> Options {
        Options { log: RequestLog::All, ..Options::default() }
    }
}

/// State shared by the server's tasks and the `Mock` handle.
struct Shared {
    state: Mutex<state::State>,
    admin_key: String,
    request_seq: AtomicU64,
    connections: AtomicUsize,
    log: Mutex<VecDeque<Logged>>,
    log_mode: RequestLog,
    idle_timeout: std::time::Duration,
    faults: Mutex<VecDeque<Fault>>,
}

impl Shared {
    /// The next queued fault, if it is of the wanted level.
    fn take_fault(&self, connection_level: bool) -> Option<Fault> {
        let mut q = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        if q.front().is_some_and(|f| f.is_connection_level() == connection_level) {
            q.pop_front()
        } else {
            None
        }
    }
}

/// A running mock; dropping it stops the server.
pub struct Mock {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    cert_dir: Option<PathBuf>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

impl Mock {
    /// Binds, makes certificates if asked, and serves on a background thread.
    pub fn start(opts: Options) -> Result<Mock, Error> {
        let listener = TcpListener::bind((opts.host, opts.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let tls = match &opts.tls {
            Some(t) => Some(tls::Certs::create(&t.cert_dir)?.serving(t.server_cert.as_ref())?.server_config(t.require_client_cert)?),
            None => None,
        };
        let mut state = serve::start(opts.now, &opts.admin_key_owner, opts.seed_projects);
        state.base = format!("{}://{addr}", if tls.is_some() { "https" } else { "http" });
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            admin_key: opts.admin_key.clone(),
            request_seq: AtomicU64::new(0),
            connections: AtomicUsize::new(0),
            log: Mutex::new(VecDeque::new()),
            log_mode: opts.log,
            idle_timeout: opts.idle_timeout,
            faults: Mutex::new(VecDeque::new()),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        let (tx, rx) = oneshot::channel();
        let app = routes::router(shared.clone());
        let counted = shared.clone();
        let thread = std::thread::Builder::new().name("openai-api-mock".into()).spawn(move || {
            runtime.block_on(serve(listener, app, tls, counted, rx));
            runtime.shutdown_background();
        })?;
        let scheme = if opts.tls.is_some() { "https" } else { "http" };
        let host = match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        Ok(Mock {
            url: format!("{scheme}://{host}:{}/v1", addr.port()),
            addr,
            shared,
            cert_dir: opts.tls.map(|t| t.cert_dir),
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// The base URL to give a client, e.g. `http://127.0.0.1:40123/v1`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bearer key the mock accepts.
    pub fn admin_key(&self) -> &str {
        &self.shared.admin_key
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where the PEM files are, for an HTTPS mock.
    pub fn cert_dir(&self) -> Option<&Path> {
        self.cert_dir.as_deref()
    }

    /// The mock's present (Unix seconds).
    pub fn now(&self) -> i64 {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner()).now()
    }

    /// Sets the mock's present: what changes after this is dated from
    /// `now` on, and usage and costs reach up to it.
    pub fn set_now(&self, now: i64) {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner()).set_now(now);
    }

    /// TCP connections accepted so far (keep-alive shows as few).
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Accepts a pending invite, as the invitee would (the same as `POST
    /// /__mock/invites/{invite_id}/accept`): they become a user of the
    /// organization. Err with OpenAI's error JSON for an unknown or
    /// settled invite.
    pub fn accept_invite(&self, invite_id: &str) -> Result<serde_json::Value, serde_json::Value> {
        invites::accept(&mut self.shared.state.lock().unwrap_or_else(|e| e.into_inner()), invite_id).map_err(|e| e.body())
    }

    /// Sets what validating the external key or storage `id` answers from
    /// now on (the same as `POST /__mock/{collection}/{id}/verdict`):
    /// `collection` is `external_keys` or `external_storage`.
    pub fn set_verdict(&self, collection: &str, id: &str, status: &str) -> Result<serde_json::Value, serde_json::Value> {
        serve::set_verdict(&mut self.shared.state.lock().unwrap_or_else(|e| e.into_inner()), collection, id, status).map_err(|e| e.body())
    }

    /// Makes the health alert rule `rule_id` raise an alert (`kind`:
    /// `triggered` or `resolved`), as `POST
    /// /__mock/health/alert_rules/{id}/trigger` does; the alert, or OpenAI's
    /// error JSON for an unknown rule.
    pub fn trigger_health_alert(&self, rule_id: &str, kind: &str) -> Result<serde_json::Value, serde_json::Value> {
        let body = serde_json::json!({"type": kind});
        let mut state = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        health::trigger(&mut state, rule_id, body.as_object().expect("an object")).map_err(|e| e.body())
    }

    /// Adds `n` audit-log entries of the document's event types, as `n`
    /// changes would have written them (a log of the size a large
    /// organization exports); pages of it are read in place.
    pub fn fill_audit_log(&self, n: usize) {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner()).fill_audit_log(n);
    }

    /// The ids of all projects, oldest first.
    pub fn project_ids(&self) -> Vec<String> {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner()).project_ids()
    }

    /// Queues misbehaviours, played in order: an HTTP-level fault answers
    /// the next request, a connection-level one takes the next connection.
    pub fn inject(&self, faults: impl IntoIterator<Item = Fault>) {
        self.shared.faults.lock().unwrap_or_else(|e| e.into_inner()).extend(faults);
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Logged> {
        self.shared.log.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
    }

    /// Drops the first `n` requests from the log (a test's warm-up calls).
    pub fn forget_requests(&self, n: usize) {
        let mut log = self.shared.log.lock().unwrap_or_else(|e| e.into_inner());
        let n = n.min(log.len());
        log.drain(..n);
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The first wait after a failed accept.
const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(10);

async fn serve(
    listener: TcpListener,
    app: axum::Router,
    tls: Option<Arc<rustls::ServerConfig>>,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    // After a failed accept (no file descriptor left, say) the next waits,
    // longer each time up to a second: the loop never spins.
    let mut backoff = ACCEPT_BACKOFF;
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => {
                backoff = ACCEPT_BACKOFF;
                stream
            }
            Err(_) => {
                tokio::select! {
                    _ = &mut stop => return,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(std::time::Duration::from_secs(1));
                continue;
            }
        };
        let conn = shared.connections.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = stream.set_nodelay(true);
        if let Some(fault) = shared.take_fault(true) {
            tokio::spawn(faults::play(fault, stream));
            continue;
        }
        let app = app.clone();
        // Each request learns which connection it came on (for the log).
        let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(routes::Connection(conn));
            tower::ServiceExt::oneshot(app.clone(), req)
        });
        let acceptor = acceptor.clone();
        let idle = shared.idle_timeout;
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            // Closes a connection whose next request head does not arrive
            // within the limit (an idle or a slow one).
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(idle);
            match acceptor {
                Some(a) => {
                    if let Ok(tls) = a.accept(stream).await {
                        let _ = http.serve_connection(hyper_util::rt::TokioIo::new(tls), service).await;
                    }
                }
                None => {
                    let _ = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service).await;
                }
            }
        });
    }
}
