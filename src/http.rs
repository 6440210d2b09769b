//! The transport: one ureq Agent (a keep-alive connection pool) per client,
//! built from the client's TLS, keepalive and timeout settings; one attempt
//! of a request, in two steps: `ClientState::start` sends it and reads the
//! head of the answer, `Head::read_body` reads the body (and calls the
//! caller's `progress_func`) without touching the client; and the
//! per-client state behind the error API and the settings API.

use crate::client::curl_off_t;
use crate::client::{curlConfig_t, sslConfig_t};
use crate::dns::CachingResolver;
use crate::env::Env;
use crate::error::{ErrorKind, Failure};
use crate::ffi::c_bytes;
use crate::retry::{Hints, Jitter};
use crate::tcp::{Keepalive, TcpConnector};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::ffi::CString;
use std::io::Read;
use std::os::raw::{c_int, c_void};
use std::time::Duration;
use ureq::http::{HeaderName, HeaderValue};
use ureq::tls::{Certificate, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::Agent;

/// The most a client keeps of buffers between calls.
pub(crate) const KEPT_BUFFER: usize = 1 << 20;
/// Largest response body accepted.
pub(crate) const MAX_BODY: u64 = 64 << 20;
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
pub(crate) const MAX_RETRIES: u32 = 2;
pub(crate) const USER_AGENT: &str = concat!("openai_api-c/", env!("CARGO_PKG_VERSION"));

/// Per-client settings (`apiClient_setTimeouts` and friends).
pub struct Settings {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub max_retries: u32,
    /// Extra headers sent on every request (they replace same-named ones).
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// `apiClient_setProxy`: None reads the environment, Some("") is none.
    pub proxy: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            connect_timeout: CONNECT_TIMEOUT,
            request_timeout: REQUEST_TIMEOUT,
            max_retries: MAX_RETRIES,
            headers: Vec::new(),
            proxy: None,
        }
    }
}

/// What a client keeps between calls, beside the public `apiClient_t`.
pub struct ClientState {
    agent: Option<(AgentKey, Agent)>,
    pub failure: Failure,
    pub request_id: Option<CString>,
    pub settings: Settings,
    pub jitter: Jitter,
    /// The content type of the last answer.
    pub content_type: Option<String>,
    /// The buffer answers are read into, handed back after each call.
    pub scratch: Vec<u8>,
    /// The headers of the last answer (none before one arrives).
    pub headers: ureq::http::HeaderMap,
    /// Header values handed to C since the last call (kept alive for it),
    /// one per name asked for.
    pub header_texts: std::cell::RefCell<Vec<(String, CString)>>,
    /// Where log lines go instead of stderr (apiClient_setLogCallback).
    pub log: Option<(LogFn, *mut c_void)>,
    /// The body the library (or the data callback) left in `dataReceived`:
    /// the only one it frees there.
    pub data_given: *mut c_void,
    /// How many bytes of `data_given` the library knows it holds (wiped).
    pub data_given_len: usize,
    /// The base URL that passed the check last (checked again when it changes).
    pub checked_base: Vec<u8>,
    /// Whether the warning that `curl_pre_invoke_func` is never called was given.
    pub pre_invoke_warned: bool,
}

/// `apiClient_setLogCallback`'s callback: (user_data, level, line).
pub type LogFn = unsafe extern "C" fn(*mut c_void, c_int, *const std::os::raw::c_char);

impl Drop for ClientState {
    fn drop(&mut self) {
        // Answers (new keys among them) pass through this buffer (the
        // error body wipes itself: `Failure`).
        crate::alloc::wipe(&mut self.scratch);
    }
}

impl Default for ClientState {
    fn default() -> Self {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        ClientState {
            agent: None,
            failure: Failure::default(),
            request_id: None,
            settings: Settings::default(),
            jitter: Jitter::new(now.as_nanos() as u64),
            content_type: None,
            scratch: Vec::new(),
            headers: ureq::http::HeaderMap::new(),
            header_texts: std::cell::RefCell::new(Vec::new()),
            log: None,
            data_given: std::ptr::null_mut(),
            data_given_len: 0,
            checked_base: Vec::new(),
            pre_invoke_warned: false,
        }
    }
}

/// The settings an agent was built from (TLS files and flags, TCP
/// keepalive, timeouts); a change rebuilds it.
#[derive(PartialEq, Eq, Clone)]
struct AgentKey {
    ca: Option<Vec<u8>>,
    cert: Option<Vec<u8>>,
    key: Option<Vec<u8>>,
    insecure: bool,
    keepalive: Option<Keepalive>,
    connect_timeout: Duration,
    request_timeout: Duration,
    /// The proxy URL, or None to go direct.
    proxy: Option<String>,
}

unsafe fn agent_key(ssl: *const sslConfig_t, curl: *const curlConfig_t, settings: &Settings, proxy: Option<String>) -> AgentKey {
    // SAFETY: the caller keeps this function's `# Safety` contract.
    unsafe {
        let (connect_timeout, request_timeout) = (settings.connect_timeout, settings.request_timeout);
        let keepalive = curl
            .as_ref()
            .filter(|c| c.keepalive != 0)
            .map(|c| Keepalive { idle: c.keepidle.clamp(0, u32::MAX as _) as u32, interval: c.keepintvl.clamp(0, u32::MAX as _) as u32 });
        let Some(s) = ssl.as_ref() else {
            return AgentKey { ca: None, cert: None, key: None, insecure: false, keepalive, connect_timeout, request_timeout, proxy };
        };
        let owned = |p| c_bytes(p).map(|b| b.to_vec());
        let insecure = s.insecureSkipTlsVerify != 0;
        AgentKey {
            // With verification off no CA is read (as libcurl).
            ca: if insecure { None } else { owned(s.CACertFile) },
            cert: owned(s.clientCertFile),
            key: owned(s.clientKeyFile),
            insecure,
            keepalive,
            connect_timeout,
            request_timeout,
            proxy,
        }
    }
}

fn read_pem(path: &[u8], what: &str) -> Result<Vec<PemItem<'static>>, String> {
    let path = String::from_utf8_lossy(path).into_owned();
    let bytes = std::fs::read(&path).map_err(|e| format!("{what} {path}: {e}"))?;
    ureq::tls::parse_pem(&bytes).collect::<Result<Vec<_>, _>>().map_err(|e| format!("{what} {path}: {e}"))
}

fn certs(items: Vec<PemItem<'static>>) -> Vec<Certificate<'static>> {
    items.into_iter().filter_map(|i| if let PemItem::Certificate(c) = i { Some(c) } else { None }).collect()
}

fn build_agent(k: &AgentKey) -> Result<Agent, String> {
    let mut tls = TlsConfig::builder().disable_verification(k.insecure);
    let mut roots = Vec::new();
    tls = match &k.ca {
        Some(ca) => {
            roots = certs(read_pem(ca, "CA file")?);
            if roots.is_empty() {
                return Err("CA file holds no certificate".into());
            }
            tls.root_certs(RootCerts::new_with_certs(&roots))
        }
        None => tls.root_certs(RootCerts::PlatformVerifier),
    };
    let mut client = None;
    if let (Some(cert), Some(key)) = (&k.cert, &k.key) {
        let chain = certs(read_pem(cert, "client certificate")?);
        let key: PrivateKey<'static> = read_pem(key, "client key")?
            .into_iter()
            .find_map(|i| if let PemItem::PrivateKey(k) = i { Some(k) } else { None })
            .ok_or("client key file holds no private key")?;
        // Sent by crate::tls (ureq would refuse an X.509 v1 certificate).
        client = Some((chain, key.der().to_vec()));
    }
    // A CA file is read as libcurl reads it, and a client certificate sent
    // as libcurl sends it (crate::tls); ureq's connector serves the rest.
    let der = |c: &Certificate<'static>| CertificateDer::from(c.der().to_vec());
    let own_tls = match (&k.ca, k.insecure, client) {
        (None, _, None) | (Some(_), true, None) => None,
        (ca, insecure, client) => {
            let trust = match (ca, insecure) {
                (_, true) => crate::tls::Trust::Anyone,
                (Some(_), false) => crate::tls::Trust::CaFile(roots.iter().map(der).collect()),
                (None, false) => crate::tls::Trust::Platform,
            };
            let client = match client {
                Some((chain, key)) => {
                    Some((chain.iter().map(der).collect(), PrivateKeyDer::try_from(key).map_err(|e| format!("client key: {e}"))?))
                }
                None => None,
            };
            Some(crate::tls::client_config(trust, client)?)
        }
    };
    // The proxy is chosen here (libcurl's rules), never by ureq from the
    // environment.
    let proxy = match &k.proxy {
        Some(p) => Some(ureq::Proxy::new(p).map_err(|e| format!("proxy: {e}"))?),
        None => None,
    };
    let config = Agent::config_builder()
        .proxy(proxy)
        .http_status_as_error(false)
        .max_redirects(0)
        // Resolution counts toward the connect limit (crate::tcp).
        .timeout_resolve(Some(k.connect_timeout))
        .timeout_connect(Some(k.connect_timeout))
        .timeout_global(Some(k.request_timeout))
        .user_agent(USER_AGENT)
        .tls_config(tls.build())
        .build();
    // ureq's connector chain with our TCP step (keepalive, cheap timeouts);
    // ureq's own TCP connector then passes the socket through.
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector, SocksConnector};
    let connector =
        ().chain(SocksConnector::default())
            .chain(ConnectProxyConnector::default())
            .chain(TcpConnector(k.keepalive))
            .chain(ureq::unversioned::transport::TcpConnector::default())
            .chain(crate::tls::TlsConnector(own_tls))
            .chain(RustlsConnector::default());
    Ok(Agent::with_parts(config, connector, CachingResolver::default()))
}

/// `progress_func`'s type: (progress_data, dltotal, dlnow, ultotal, ulnow);
/// non-zero stops the transfer.
pub type ProgressFn = unsafe extern "C" fn(*mut c_void, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> c_int;

/// A request: method, full URL, optional JSON body and extra headers.
pub struct Request<'a> {
    pub method: &'a str,
    pub url: String,
    pub body: Option<&'a [u8]>,
    pub extra_headers: Vec<(String, String)>,
    /// The environment as the call found it (proxy variables).
    pub env: Env,
}

/// An answer's body: `buf[..len]`, in the client's reusable buffer (the
/// bytes after `len` are left from earlier answers).
pub struct Body {
    buf: Vec<u8>,
    len: usize,
}

impl std::ops::Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl From<Vec<u8>> for Body {
    fn from(buf: Vec<u8>) -> Body {
        Body { len: buf.len(), buf }
    }
}

impl Body {
    /// The body alone, as its own vector.
    pub fn into_vec(mut self) -> Vec<u8> {
        self.buf.truncate(self.len);
        self.buf
    }

    /// The whole buffer (every byte initialized), to read the next answer into.
    pub fn into_buffer(self) -> Vec<u8> {
        self.buf
    }
}

/// An answer: status, body, what its headers say about retrying, and its
/// content type.
pub struct Answer {
    pub status: u16,
    pub body: Body,
    pub hints: Hints,
    pub content_type: Option<String>,
}

/// A transport failure: its kind and a one-line message.
pub struct TransportError {
    pub kind: ErrorKind,
    pub message: String,
    /// A kept-alive connection reused without a probe was found closed
    /// before the answer began (the server closed it while it was idle, as
    /// a probe would have seen): worth sending again at once on a new one.
    pub stale: bool,
}

impl TransportError {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), stale: false }
    }
}

/// Where a request goes and its limits, for messages that say what failed.
#[derive(Clone)]
struct Target {
    uri: ureq::http::Uri,
    connect_timeout: Duration,
    request_timeout: Duration,
}

impl Target {
    /// `host:port`, for messages (made only when one is needed).
    fn authority(&self) -> String {
        let default_port = if self.uri.scheme_str() == Some("https") { 443 } else { 80 };
        format!("{}:{}", self.uri.host().unwrap_or(""), self.uri.port_u16().unwrap_or(default_port))
    }
}

/// A one-line reason for a TLS failure, in words (never a debug print).
fn tls_message(e: &rustls::Error) -> String {
    use rustls::{AlertDescription as A, CertificateError as C, Error as E};
    let cert = |why: &str| format!("TLS: the server's certificate is not trusted: {why}");
    match e {
        E::InvalidCertificate(c) => match c {
            C::UnknownIssuer => cert("unknown issuer (not signed by a CA in the CA file or the system's roots)"),
            C::NotValidForName | C::NotValidForNameContext { .. } => cert("it is not valid for this host name"),
            C::Expired | C::ExpiredContext { .. } => cert("it has expired"),
            C::NotValidYet | C::NotValidYetContext { .. } => cert("it is not valid yet"),
            C::Revoked => cert("it has been revoked"),
            C::BadEncoding => cert("it cannot be read (bad encoding)"),
            C::BadSignature => cert("its signature is invalid"),
            C::InvalidPurpose | C::InvalidPurposeContext { .. } => cert("it is not meant for TLS servers (extended key usage)"),
            C::UnsupportedSignatureAlgorithmContext { .. } => cert("it is signed with an unsupported algorithm"),
            C::Other(other) => match other.0.downcast_ref::<webpki::Error>() {
                Some(webpki::Error::CaUsedAsEndEntity) => {
                    cert("unknown issuer (a self-signed or CA certificate that is not in the CA file)")
                }
                Some(webpki::Error::EndEntityUsedAsCa) => cert("its chain uses a server certificate as a CA"),
                _ => cert("it was refused by the verifier"),
            },
            _ => cert("it was refused by the verifier"),
        },
        E::AlertReceived(A::CertificateRequired | A::HandshakeFailure | A::BadCertificate | A::UnknownCA) => {
            "TLS: the server refused the handshake; does it require a client certificate?".into()
        }
        E::AlertReceived(_) => "TLS: the server ended the handshake with an alert".into(),
        E::NoCertificatesPresented => "TLS: the server presented no certificate".into(),
        E::PeerIncompatible(_) | E::PeerMisbehaved(_) => "TLS: the server's TLS is incompatible (protocol version or cipher suites)".into(),
        E::InvalidMessage(_) => "TLS: the server sent something that is not TLS (is the URL http:// rather than https://?)".into(),
        _ => "TLS: the handshake failed".into(),
    }
}

/// A transport failure as the error API reports it: connection failures
/// name the host and port, timeouts the limit that was hit.
fn classify(e: &ureq::Error, t: &Target) -> TransportError {
    use std::io::ErrorKind as Io;
    if let ureq::Error::Io(io) = e {
        if let Some(r) = io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
            return TransportError::new(ErrorKind::Tls, tls_message(r));
        }
    }
    let at = &t.authority();
    let (kind, message) = match e {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            (ErrorKind::Timeout, format!("timed out after {} ms connecting to {at}", t.connect_timeout.as_millis()))
        }
        ureq::Error::Timeout(_) => (
            ErrorKind::Timeout,
            format!("timed out after {} ms (the time limit of the whole request to {at})", t.request_timeout.as_millis()),
        ),
        ureq::Error::Io(io) if io.kind() == Io::ConnectionRefused => (ErrorKind::Connection, format!("connection refused by {at}")),
        ureq::Error::Io(io) if io.kind() == Io::TimedOut => (ErrorKind::Timeout, format!("timed out talking to {at}")),
        ureq::Error::Io(io) => (ErrorKind::Connection, format!("connection to {at} failed: {io}")),
        ureq::Error::HostNotFound => (ErrorKind::Connection, format!("host not found: {at}")),
        ureq::Error::ConnectionFailed => (ErrorKind::Connection, format!("connection to {at} failed")),
        ureq::Error::Tls(m) => (ErrorKind::Tls, format!("TLS: {m}")),
        ureq::Error::Rustls(r) => (ErrorKind::Tls, tls_message(r)),
        ureq::Error::Pem(p) => (ErrorKind::Tls, format!("TLS: {p}")),
        ureq::Error::BodyExceedsLimit(n) => (ErrorKind::InvalidResponse, format!("response body larger than {n} bytes")),
        ureq::Error::BadUri(u) => (ErrorKind::InvalidArgument, format!("invalid URL: {u}")),
        // What the request itself holds: never worth another attempt.
        ureq::Error::Http(h) => (ErrorKind::InvalidArgument, format!("invalid request: {h}")),
        ureq::Error::InvalidProxyUrl => (ErrorKind::InvalidArgument, "invalid proxy URL".into()),
        other => (ErrorKind::Connection, format!("{other} ({at})")),
    };
    TransportError { kind, message, stale: false }
}

/// A failure while reading a body: ureq's own error when it is inside.
fn classify_io(e: std::io::Error, t: &Target) -> TransportError {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
        Some(u) => classify(u, t),
        None => classify(&ureq::Error::Io(e), t),
    }
}

/// The parts of a client's public struct a request reads, copied out of it
/// before anything is sent (no reference to the struct is held meanwhile).
pub struct ConnectionConfig {
    pub ssl: *const sslConfig_t,
    pub curl: *const curlConfig_t,
}

/// The head of an answer; its body is still to be read.
pub struct Head {
    pub status: u16,
    pub hints: Hints,
    pub content_type: Option<String>,
    pub request_id: Option<CString>,
    /// The answer's headers (apiClient_responseHeader).
    pub headers: ureq::http::HeaderMap,
    /// The content length the answer announced (0 when none).
    total: curl_off_t,
    body: ureq::Body,
    target: Target,
}

impl ClientState {
    /// Closes the kept-alive connections (the next request opens new ones).
    pub fn drop_connections(&mut self) {
        self.agent = None;
    }

    /// Sends `req` with the client's settings and reads the head of the
    /// answer; `Ok` for any HTTP answer. No C code runs meanwhile.
    ///
    /// # Safety
    /// `conn`'s pointers are NULL or valid (the client's `sslConfig` and
    /// `curlConfig`).
    pub unsafe fn start(&mut self, conn: &ConnectionConfig, req: &Request, token: Option<&[u8]>) -> Result<Head, TransportError> {
        let uri: ureq::http::Uri =
            req.url.parse().map_err(|_| TransportError::new(ErrorKind::InvalidArgument, format!("invalid URL: {}", req.url)))?;
        let target =
            Target { uri: uri.clone(), connect_timeout: self.settings.connect_timeout, request_timeout: self.settings.request_timeout };
        let proxy =
            crate::proxy::choose(self.settings.proxy.as_deref(), uri.scheme_str().unwrap_or(""), uri.host().unwrap_or(""), &req.env)
                .map_err(|m| TransportError::new(ErrorKind::InvalidArgument, m))?;
        // TLS settings apply to https:// URLs only (as the generated client
        // sets them on the handle only for https).
        let ssl = if uri.scheme_str() == Some("https") { conn.ssl } else { std::ptr::null() };
        // SAFETY: per this function's contract.
        let key = unsafe { agent_key(ssl, conn.curl, &self.settings, proxy) };
        if self.agent.as_ref().is_none_or(|(k, _)| *k != key) {
            let agent = build_agent(&key).map_err(|message| {
                let kind = if message.starts_with("proxy:") { ErrorKind::InvalidArgument } else { ErrorKind::Tls };
                TransportError::new(kind, message)
            })?;
            self.agent = Some((key, agent));
        }
        let Some((_, agent)) = self.agent.as_ref() else { unreachable!("the agent was just set") };
        let mut builder = ureq::http::Request::builder().method(req.method).uri(uri).header("Accept", "application/json");
        if let Some(t) = token {
            let mut value = crate::alloc::Secret::new(Vec::with_capacity(7 + t.len()));
            value.extend(b"Bearer ", t);
            // The header value shares the wiped buffer (no copy of its own).
            let mut hv = ureq::http::HeaderValue::from_maybe_shared(bytes::Bytes::from_owner(value)).map_err(|_| {
                TransportError::new(
                    ErrorKind::InvalidArgument,
                    "the access token (accessToken or OPENAI_ADMIN_KEY) is not a valid header value",
                )
            })?;
            hv.set_sensitive(true);
            builder = builder.header("Authorization", hv);
        }
        for (k, v) in &req.extra_headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        match req.body {
            Some(_) => builder = builder.header("Content-Type", "application/json"),
            // A POST without a body still says `Content-Length: 0` (ureq
            // would otherwise send an empty chunked body).
            None if req.method == "POST" => builder = builder.header("Content-Length", "0"),
            None => {}
        }
        // apiClient_setHeader's headers replace same-named ones.
        if let Some(headers) = builder.headers_mut() {
            for (k, v) in &self.settings.headers {
                headers.insert(k.clone(), v.clone());
            }
        }
        let bad = |e: ureq::http::Error| TransportError::new(ErrorKind::InvalidArgument, format!("invalid request: {e}"));
        crate::tcp::watch_reuse();
        let result = match req.body {
            Some(body) => agent.run(builder.body(body).map_err(bad)?),
            None => agent.run(builder.body(()).map_err(bad)?),
        };
        let response = result.map_err(|e| {
            let mut t = classify(&e, &target);
            // Closed before any answer on a connection trusted without a
            // probe (under TLS the close comes as bytes: see tcp.rs).
            let closed = |k: std::io::ErrorKind| {
                use std::io::ErrorKind as K;
                matches!(k, K::UnexpectedEof | K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe)
            };
            if matches!(&e, ureq::Error::Io(io) if closed(io.kind())) && crate::tcp::reused_unprobed() {
                t.stale = true;
                t.message = format!("the kept-alive connection to {} was closed by the server", target.authority());
            }
            t
        })?;
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());
        let hints = Hints::parse(header("x-should-retry"), header("retry-after-ms"), header("retry-after"), std::time::SystemTime::now());
        let content_type = header("content-type").map(str::to_string);
        let request_id = response.headers().get("x-request-id").and_then(|v| CString::new(v.as_bytes()).ok());
        let total = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        let status = response.status().as_u16();
        let (parts, body) = response.into_parts();
        Ok(Head { status, hints, content_type, request_id, headers: parts.headers, total, body, target })
    }
}

impl Head {
    /// Reads the body into `scratch` (a buffer whose bytes are all
    /// initialized: its memory is reused from call to call, with no
    /// allocation, zeroing or copying once it has grown to the size of the
    /// answers), calling `progress` as libcurl calls an XFERINFOFUNCTION:
    /// once as the body starts, then after each chunk. `sent` is the size of
    /// the request body. Takes no part of the client: the caller's C code
    /// may run here.
    ///
    /// # Safety
    /// `progress`, when given, is safe to call with its data pointer.
    pub unsafe fn read_body(
        mut self,
        mut scratch: Vec<u8>,
        progress: Option<(ProgressFn, *mut c_void)>,
        sent: usize,
    ) -> Result<Body, TransportError> {
        let total = self.total;
        let sent = sent as curl_off_t;
        let report = |received: usize| match progress {
            // SAFETY: per this function's contract.
            Some((f, data)) if unsafe { f(data, total, received as curl_off_t, sent, sent) } != 0 => {
                Err(TransportError::new(ErrorKind::Aborted, "aborted by progress_func"))
            }
            _ => Ok(()),
        };
        report(0)?;
        let mut reader = self.body.with_config().limit(MAX_BODY).reader();
        // An announced length sizes the buffer once (no doubling, no copy).
        let announced = usize::try_from(total).unwrap_or(0).min(MAX_BODY as usize);
        if announced > scratch.len() {
            scratch.resize(announced + 1, 0);
        }
        let mut n = 0;
        loop {
            if n == scratch.len() {
                let grown = if scratch.len() < scratch.capacity() { scratch.capacity() } else { (scratch.len() * 2).max(16 << 10) };
                scratch.resize(grown, 0);
            }
            match reader.read(&mut scratch[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(classify_io(e, &self.target)),
            }
            report(n)?;
        }
        Ok(Body { buf: scratch, len: n })
    }
}
