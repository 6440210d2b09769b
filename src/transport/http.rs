//! The transport: per client, ureq's connector chain (proxies, TCP, TLS)
//! built from the client's TLS, keepalive and timeout settings, and the one
//! connection kept alive between calls; `h1` writes each request on it and
//! reads each answer off its buffer with httparse (ureq's Agent would add
//! a pool, timings and a resolver lookup to every call: 13,000
//! instructions; ureq-proto a request and an answer built as the http
//! crate's, with header maps: 40,000 with the API's 17 headers). One attempt of a
//! request is two steps: `ClientState::start` sends it and reads the head
//! of the answer, `Head::read_body` reads the body (and calls the caller's
//! `progress_func`) without touching the client, then hands the connection
//! back (`ClientState::keep`). Also the per-client state behind the error
//! API and the settings API.

use crate::boundary::env::Env;
use crate::boundary::error::{ErrorKind, Failure};
use crate::transport::dns::CachingResolver;
use crate::transport::h1::{self, Decoder, Framing, Headers, Known};
use crate::transport::retry::{Hints, Jitter};
use crate::transport::tcp::{Keepalive, TcpConnector};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::ffi::CString;
use std::os::raw::{c_int, c_long, c_void};
use std::sync::Arc;
use std::time::{Duration, Instant};
use ureq::config::Config;
use ureq::http::{HeaderName, HeaderValue};
use ureq::tls::{Certificate, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::unversioned::resolver::Resolver;
use ureq::unversioned::transport::{ConnectionDetails, Connector, NextTimeout, Transport};
use ureq::Timeout;

/// The most a client keeps of buffers between calls.
pub(crate) const KEPT_BUFFER: usize = 1 << 20;
/// Largest response body accepted.
pub(crate) const MAX_BODY: u64 = 64 << 20;
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
/// The longest wait between two events of a stream (the official Python
/// SDK's read timeout).
pub(crate) const STREAM_IDLE: Duration = Duration::from_secs(600);
pub(crate) const MAX_RETRIES: u32 = 2;
pub(crate) const USER_AGENT: &str = concat!("openai_api-c/", env!("CARGO_PKG_VERSION"));

/// Per-client settings (`apiClient_setTimeouts` and friends).
pub struct Settings {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// `apiClient_setStreamIdleTimeout`: the longest wait between the
    /// pieces of a streamed answer (its head is bound by `request_timeout`).
    pub stream_idle: Duration,
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
            stream_idle: STREAM_IDLE,
            max_retries: MAX_RETRIES,
            headers: Vec::new(),
            proxy: None,
        }
    }
}

/// What a client keeps between calls, beside the public `apiClient_t`.
pub struct ClientState {
    link: Option<Link>,
    /// The connection kept alive from the last call (through `link`).
    kept: Option<Kept>,
    pub failure: Failure,
    pub settings: Settings,
    pub jitter: Jitter,
    /// Whether `headers` are those of the answer to this call's last
    /// attempt (not of an earlier attempt's, nor of an earlier call's).
    pub answered: bool,
    /// The origin of the last request's URL, kept for the next ones.
    route: Option<Route>,
    /// The buffer answers are read into, handed back after each call.
    pub scratch: Vec<u8>,
    /// The headers of the last answer (none before one arrives).
    pub headers: Headers,
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
        crate::boundary::alloc::wipe(&mut self.scratch);
    }
}

impl Default for ClientState {
    fn default() -> Self {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        ClientState {
            link: None,
            kept: None,
            failure: Failure::default(),
            settings: Settings::default(),
            jitter: Jitter::new(now.as_nanos() as u64),
            answered: false,
            route: None,
            scratch: Vec::new(),
            headers: Headers::default(),
            header_texts: std::cell::RefCell::new(Vec::new()),
            log: None,
            data_given: std::ptr::null_mut(),
            data_given_len: 0,
            checked_base: Vec::new(),
            pre_invoke_warned: false,
        }
    }
}

/// The settings a `Link` was built from (TLS files and flags, TCP
/// keepalive, proxy); a change rebuilds it. Timeouts are read at each
/// request.
#[derive(PartialEq, Eq, Clone)]
struct LinkKey {
    ca: Option<Vec<u8>>,
    cert: Option<Vec<u8>>,
    key: Option<Vec<u8>>,
    insecure: bool,
    keepalive: Option<Keepalive>,
    /// The proxy URL, or None to go direct.
    proxy: Option<String>,
}

/// What a client's C structs say of its connections: TLS files and flags
/// (`sslConfig_t`, read for https:// URLs only) and TCP keepalive
/// (`curlConfig_t`), copied out of them by the client before a request.
pub struct LinkConfig {
    pub tls: Option<TlsFiles>,
    pub keepalive: Option<Keepalive>,
}

/// TLS files (PEM paths) and whether verification is off.
pub struct TlsFiles {
    pub ca: Option<Vec<u8>>,
    pub cert: Option<Vec<u8>>,
    pub key: Option<Vec<u8>>,
    pub insecure: bool,
}

fn link_key(config: &LinkConfig, https: bool, proxy: Option<String>) -> LinkKey {
    let keepalive = config.keepalive;
    match config.tls.as_ref().filter(|_| https) {
        None => LinkKey { ca: None, cert: None, key: None, insecure: false, keepalive, proxy },
        Some(t) => LinkKey {
            // With verification off no CA is read (as libcurl).
            ca: if t.insecure { None } else { t.ca.clone() },
            cert: t.cert.clone(),
            key: t.key.clone(),
            insecure: t.insecure,
            keepalive,
            proxy,
        },
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

/// A connector chain's transport, boxed (its type erased).
type Boxed = Box<dyn Transport>;
type Chain = Arc<dyn Connector<(), Out = Boxed>>;

/// What a client's requests go through, built from its settings: ureq's
/// configuration (read by its connectors), the connector chain and the
/// resolver.
struct Link {
    key: LinkKey,
    config: Config,
    chain: Chain,
    resolver: CachingResolver,
}

/// Ends a connector chain: boxes the transport the chain made.
#[derive(Debug)]
struct Boxing;

impl<In: Transport> Connector<In> for Boxing {
    type Out = Boxed;
    fn connect(&self, _: &ConnectionDetails, chained: Option<In>) -> Result<Option<Boxed>, ureq::Error> {
        Ok(chained.map(|t| Box::new(t) as Boxed))
    }
}

/// The connection kept alive between calls: where it goes and when it
/// was last used.
pub struct Kept {
    /// Where it goes: the URL's scheme (https or not) and authority.
    origin: Origin,
    /// The process generation it was made in (crate::boundary::process): never used
    /// in another process.
    generation: u64,
    transport: Boxed,
    last_use: Instant,
}

/// A URL's scheme (https or not: the URL check admits only http and
/// https) and authority (`user@host:port`, compared as ureq's pool does).
#[derive(Clone)]
struct Origin(bool, ureq::http::uri::Authority);

impl PartialEq for Origin {
    fn eq(&self, other: &Origin) -> bool {
        // Clones of one route's authority share their bytes: equal without
        // comparing them.
        let (a, b) = (self.1.as_str(), other.1.as_str());
        self.0 == other.0 && ((a.as_ptr() == b.as_ptr() && a.len() == b.len()) || self.1 == other.1)
    }
}

/// Where a client's requests go: the origin of a URL, parsed once and
/// kept while the URLs begin with the same text.
struct Route {
    /// The URL's text up to its path (`scheme://authority`); None when it
    /// cannot be told apart (every URL is then parsed whole).
    prefix: Option<String>,
    /// The URL parsed (ureq's connectors read its scheme, host and port).
    uri: ureq::http::Uri,
    origin: Origin,
    /// The host, for the proxy rules.
    host: String,
    /// The `Host` header's value.
    host_header: String,
}

/// A byte a path or query the library made may hold as it is: RFC 3986's
/// unreserved and sub-delims, `:`, `@`, `/`, `?` and `%` (each one the
/// `http` crate's URI parser takes as it is). A URL with any other byte
/// is parsed whole.
fn plain(b: u8) -> bool {
    /// `plain`'s bytes, a flag each (one load a byte).
    const PLAIN: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric()
                || matches!(c, b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')')
                || matches!(c, b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?' | b'%');
            b += 1;
        }
        t
    };
    PLAIN[usize::from(b)]
}

/// The path and query of `url`, with `route` made to hold its origin: the
/// route kept is used when `url` begins with its text and the rest is a
/// plain path; otherwise `url` is parsed whole (and its route kept).
fn route_to<'u>(route: &mut Option<Route>, url: &'u str) -> Result<std::borrow::Cow<'u, str>, TransportError> {
    if let Some(rest) = route.as_ref().and_then(|r| url.strip_prefix(r.prefix.as_deref()?)) {
        if rest.starts_with('/') && rest.bytes().all(plain) {
            return Ok(rest.into());
        }
    }
    let bad = || TransportError::new(ErrorKind::InvalidArgument, format!("invalid URL: {url}"));
    let uri: ureq::http::Uri = url.parse().map_err(|_| bad())?;
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else { return Err(bad()) };
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    let prefix = url.strip_suffix(path.as_str()).filter(|p| path.starts_with('/') && p.ends_with(authority.as_str()));
    *route = Some(Route {
        prefix: prefix.map(str::to_string),
        origin: Origin(scheme == "https", authority.clone()),
        host: uri.host().unwrap_or("").to_string(),
        host_header: host_header(&uri).to_string(),
        uri,
    });
    Ok(path.into())
}

/// How long a kept connection may idle and still be used (ureq's default).
const MAX_IDLE: Duration = Duration::from_secs(15);

/// The largest answer head read (ureq's default).
const MAX_HEAD: usize = 64 * 1024;

fn build_link(k: &LinkKey) -> Result<Link, String> {
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
        // Sent by crate::transport::tls (ureq would refuse an X.509 v1 certificate).
        client = Some((chain, key.der().to_vec()));
    }
    // A CA file is read as libcurl reads it, and a client certificate sent
    // as libcurl sends it (crate::transport::tls); ureq's connector serves the rest.
    let der = |c: &Certificate<'static>| CertificateDer::from(c.der().to_vec());
    let own_tls = match (&k.ca, k.insecure, client) {
        (None, _, None) | (Some(_), true, None) => None,
        (ca, insecure, client) => {
            let trust = match (ca, insecure) {
                (_, true) => crate::transport::tls::Trust::Anyone,
                (Some(_), false) => crate::transport::tls::Trust::CaFile(roots.iter().map(der).collect()),
                (None, false) => crate::transport::tls::Trust::Platform,
            };
            let client = match client {
                Some((chain, key)) => {
                    Some((chain.iter().map(der).collect(), PrivateKeyDer::try_from(key).map_err(|e| format!("client key: {e}"))?))
                }
                None => None,
            };
            Some(crate::transport::tls::client_config(trust, client)?)
        }
    };
    // The proxy is chosen here (libcurl's rules), never by ureq from the
    // environment.
    let proxy = match &k.proxy {
        Some(p) => Some(ureq::Proxy::new(p).map_err(|e| format!("proxy: {e}"))?),
        None => None,
    };
    // What ureq's connectors read (the CONNECT request's User-Agent among
    // it); time limits come with each connection's details.
    let config = Config::builder().proxy(proxy).user_agent(USER_AGENT).tls_config(tls.build()).build();
    // ureq's connector chain with our TCP step (keepalive, cheap timeouts);
    // ureq's own TCP connector then passes the socket through.
    use ureq::unversioned::transport::{ConnectProxyConnector, RustlsConnector, SocksConnector};
    let chain: Chain = Arc::new(
        ().chain(SocksConnector::default())
            .chain(ConnectProxyConnector::default())
            .chain(TcpConnector(k.keepalive))
            .chain(ureq::unversioned::transport::TcpConnector::default())
            .chain(crate::transport::tls::TlsConnector(own_tls))
            .chain(RustlsConnector::default())
            .chain(Boxing),
    );
    Ok(Link { key: k.clone(), config, chain, resolver: CachingResolver::default() })
}

/// A step's time limit: what is left of `limit` (its reason) or of the
/// whole request's, whichever ends first.
fn next_timeout(deadline: Instant, limit: Option<(Instant, Timeout)>) -> NextTimeout {
    use ureq::unversioned::transport::time::Duration as Left;
    let now = Instant::now();
    let (until, reason) = match limit {
        Some((at, reason)) if at < deadline => (at, reason),
        _ => (deadline, Timeout::Global),
    };
    NextTimeout { after: Left::Exact(until.saturating_duration_since(now)), reason, per_read: None, per_write: None }
}

/// The server closed the connection (as ureq reports it).
fn disconnected() -> ureq::Error {
    ureq::Error::Io(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "Peer disconnected"))
}

/// `progress_func`'s type: (progress_data, dltotal, dlnow, ultotal, ulnow);
/// non-zero stops the transfer.
pub type ProgressFn = unsafe extern "C" fn(*mut c_void, c_long, c_long, c_long, c_long) -> c_int;

/// A request: method, full URL, optional JSON body and extra headers.
/// A request body: its content type and its bytes, sent piece after piece
/// as they lie (a multipart form's file is never copied into one buffer).
#[derive(Clone, Copy)]
pub struct Payload<'a> {
    pub content_type: &'a str,
    pub pieces: &'a [&'a [u8]],
}

impl Payload<'_> {
    /// How many bytes, all pieces together.
    pub fn len(&self) -> usize {
        self.pieces.iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub struct Request<'a> {
    pub method: &'a str,
    pub url: String,
    pub body: Option<Payload<'a>>,
    pub extra_headers: Vec<(String, String)>,
    /// The environment as the call found it (proxy variables).
    pub env: Env,
}

/// An answer's body: `buf[..len]`, in the client's reusable buffer (the
/// bytes after `len` are left from earlier answers), or, lent, the first
/// `len` bytes of its connection's buffer, where it arrived (not copied).
pub struct Body {
    buf: Vec<u8>,
    len: usize,
    lent: Option<Lent>,
}

/// The connection a body is read from in place: its bytes at `at` (in the
/// connection's input buffer, which nothing touches while the body owns
/// the connection), and whether it must close after this answer.
struct Lent {
    conn: Kept,
    at: *const u8,
    close: bool,
}

impl std::ops::Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.lent {
            // SAFETY: `at` holds `len` bytes of the connection's input
            // buffer: the body owns the connection, so no read or write has
            // touched the buffer since (Head::read_body).
            Some(l) => unsafe { std::slice::from_raw_parts(l.at, self.len) },
            None => &self.buf[..self.len],
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(buf: Vec<u8>) -> Body {
        Body { len: buf.len(), buf, lent: None }
    }
}

impl Body {
    /// The body alone, as its own vector (a lent body is copied, its
    /// connection closed: only an error's body, never lent, goes this way).
    pub fn into_vec(mut self) -> Vec<u8> {
        if self.lent.is_some() {
            return self.to_vec();
        }
        self.buf.truncate(self.len);
        self.buf
    }

    /// The client's buffer (every byte initialized), to read the next
    /// answer into, and the connection a lent body came on, its bytes
    /// passed (None when it cannot serve another request), for
    /// `ClientState::keep`.
    pub fn release(mut self) -> (Vec<u8>, Option<Kept>) {
        match self.lent.take() {
            Some(mut l) => {
                l.conn.transport.buffers().input_consume(self.len);
                (self.buf, done(l.conn, l.close))
            }
            None => (self.buf, None),
        }
    }
}

/// An answer: status, body, what its headers say about retrying, and its
/// content type.
pub struct Answer {
    pub status: u16,
    pub body: Body,
    pub hints: Hints,
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
        ureq::Error::LargeResponseHeader(_, n) => {
            (ErrorKind::InvalidResponse, format!("the answer's head is larger than {n} bytes ({at})"))
        }
        ureq::Error::BadUri(u) => (ErrorKind::InvalidArgument, format!("invalid URL: {u}")),
        // What the request itself holds: never worth another attempt.
        ureq::Error::Http(h) => (ErrorKind::InvalidArgument, format!("invalid request: {h}")),
        ureq::Error::InvalidProxyUrl => (ErrorKind::InvalidArgument, "invalid proxy URL".into()),
        other => (ErrorKind::Connection, format!("{other} ({at})")),
    };
    TransportError { kind, message, stale: false }
}

/// The head of an answer; its body is still to be read.
pub struct Head {
    pub status: u16,
    pub hints: Hints,
    /// The content length the answer announced (0 when none).
    total: c_long,
    /// The body still to come and the connection it comes on (None: the
    /// answer has no body, and its connection is already kept or closed).
    body: Option<(Coming, Kept)>,
    deadline: Instant,
    target: Target,
}

impl ClientState {
    /// Closes the kept-alive connection and forgets the connector chain
    /// (the next request builds them anew).
    pub fn drop_connections(&mut self) {
        self.kept = None;
        self.link = None;
    }

    /// Keeps `conn` for the next call (the one read last wins).
    pub fn keep(&mut self, conn: Option<Kept>) {
        if conn.is_some() {
            self.kept = conn;
        }
    }

    /// Sends `req` with the client's settings and reads the head of the
    /// answer; `Ok` for any HTTP answer. No C code runs meanwhile.
    ///
    pub fn start(&mut self, conn: &LinkConfig, req: &Request, authorization: Option<&[u8]>) -> Result<Head, TransportError> {
        let started = Instant::now();
        self.answered = false;
        let path = route_to(&mut self.route, &req.url)?;
        let Some(route) = self.route.as_ref() else { unreachable!("route_to keeps the route") };
        let origin = route.origin.clone();
        let https = origin.0;
        let target = Target {
            uri: route.uri.clone(),
            connect_timeout: self.settings.connect_timeout,
            request_timeout: self.settings.request_timeout,
        };
        let deadline = started + self.settings.request_timeout;
        let scheme = if https { "https" } else { "http" };
        let proxy = crate::transport::proxy::choose(self.settings.proxy.as_deref(), scheme, &route.host, &req.env)
            .map_err(|m| TransportError::new(ErrorKind::InvalidArgument, m))?;
        // TLS settings apply to https:// URLs only (as the generated client
        // sets them on the handle only for https).
        let key = link_key(conn, https, proxy);
        if self.link.as_ref().is_none_or(|l| l.key != key) {
            self.kept = None;
            let link = build_link(&key).map_err(|message| {
                let kind = if message.starts_with("proxy:") { ErrorKind::InvalidArgument } else { ErrorKind::Tls };
                TransportError::new(kind, message)
            })?;
            self.link = Some(link);
        }
        let Some(link) = self.link.as_ref() else { unreachable!("the link was just set") };
        // The request's head, as it goes on the wire (h1::Request::pieces).
        let mut length = [0u8; 20];
        let length = match req.body {
            Some(b) => Some(h1::decimal(b.len() as u64, &mut length)),
            // A POST without a body still says `Content-Length: 0`.
            None if req.method == "POST" => Some(&b"0"[..]),
            None => None,
        };
        // On the stack when they fit (nearly every request).
        let mut on_stack = [(&b""[..], &b""[..]); 16];
        let mut on_heap = Vec::new();
        let room = 6 + req.extra_headers.len() + self.settings.headers.len();
        let mut lines = Lines::new(if room <= on_stack.len() {
            &mut on_stack[..]
        } else {
            on_heap.resize(room, (&b""[..], &b""[..]));
            &mut on_heap[..]
        });
        lines.push(b"Host", route.host_header.as_bytes());
        lines.push(b"Accept", b"application/json");
        if let Some(a) = authorization {
            lines.push(b"Authorization", a);
        }
        let extra = lines.len();
        for (k, v) in &req.extra_headers {
            lines.push(k.as_bytes(), v.as_bytes());
        }
        if let Some(b) = req.body {
            lines.push(b"Content-Type", b.content_type.as_bytes());
        }
        if let Some(n) = length {
            lines.push(b"Content-Length", n);
        }
        lines.push(b"User-Agent", USER_AGENT.as_bytes());
        // apiClient_setHeader's headers replace same-named ones.
        for (k, _) in &self.settings.headers {
            lines.remove(k.as_str().as_bytes());
        }
        for (k, v) in &self.settings.headers {
            lines.push(k.as_str().as_bytes(), v.as_bytes());
        }
        let lines = lines.done();
        // What the library wrote is valid by making (the key was checked,
        // the URL parsed, apiClient_setHeader's headers checked when set):
        // the extra headers (the environment's, apiClient_invoke's) are checked.
        h1::check_request(req.method, req.body.is_some(), &lines[extra..extra + req.extra_headers.len()])
            .map_err(|why| TransportError::new(ErrorKind::InvalidArgument, format!("invalid request: {why}")))?;
        // A `Connection: close` among the lines closes the connection after
        // the answer (apiClient_setHeader refuses the name; kept as HTTP says).
        let closing = lines.iter().any(|(n, v)| n.eq_ignore_ascii_case(b"connection") && h1::has_token(v, "close"));
        let request = h1::Request { method: req.method, target: &path, lines };
        crate::transport::tcp::watch_reuse();
        let kept = self.kept.take();
        let sent = exchange(link, &target, origin, kept, &request, req.body, started, deadline, &mut self.headers);
        let (head, conn) = sent.map_err(|stop| {
            let e = match stop {
                Stop::Transport(e) => e,
                Stop::Failed(t) => return t,
            };
            let mut t = classify(&e, &target);
            // Closed before any answer on a connection trusted without a
            // probe (under TLS the close comes as bytes: see tcp.rs).
            let closed = |k: std::io::ErrorKind| {
                use std::io::ErrorKind as K;
                matches!(k, K::UnexpectedEof | K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe)
            };
            if matches!(&e, ureq::Error::Io(io) if closed(io.kind())) && crate::transport::tcp::reused_unprobed() {
                t.stale = true;
                t.message = format!("the kept-alive connection to {} was closed by the server", target.authority());
            }
            t
        })?;
        self.answered = true;
        let close = head.close || closing;
        let body = if head.framing == Framing::NoBody {
            self.keep(done(conn, close));
            None
        } else {
            Some((Coming { decoder: Decoder::new(head.framing), close }, conn))
        };
        let text = |k: Known| self.headers.known(k).and_then(|v| std::str::from_utf8(v).ok());
        let retry_after = text(Known::RetryAfter);
        // The clock is read only for a date to count from.
        let now = if retry_after.is_some() { std::time::SystemTime::now() } else { std::time::UNIX_EPOCH };
        let hints = Hints::parse(text(Known::ShouldRetry), text(Known::RetryAfterMs), retry_after, now);
        let total = match head.framing {
            Framing::Length(n) => c_long::try_from(n).unwrap_or(c_long::MAX),
            _ => 0,
        };
        Ok(Head { status: head.status, hints, total, body, deadline, target })
    }

    /// The last answer's `x-request-id` (None when this call's last attempt
    /// had no answer).
    pub fn request_id(&self) -> Option<&[u8]> {
        self.headers.known(Known::RequestId).filter(|_| self.answered)
    }

    /// The last answer's content type, as `request_id`.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.known(Known::ContentType).filter(|_| self.answered).and_then(|v| std::str::from_utf8(v).ok())
    }
}

/// A request's header lines, written into room the caller gives.
struct Lines<'r, 'a> {
    room: &'r mut [(&'a [u8], &'a [u8])],
    len: usize,
}

impl<'r, 'a> Lines<'r, 'a> {
    fn new(room: &'r mut [(&'a [u8], &'a [u8])]) -> Self {
        Lines { room, len: 0 }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Adds a line (the room was sized for every line).
    fn push(&mut self, name: &'a [u8], value: &'a [u8]) {
        self.room[self.len] = (name, value);
        self.len += 1;
    }

    /// Removes the lines named `name` (any case), keeping the others' order.
    fn remove(&mut self, name: &[u8]) {
        let mut kept = 0;
        for i in 0..self.len {
            if !self.room[i].0.eq_ignore_ascii_case(name) {
                self.room[kept] = self.room[i];
                kept += 1;
            }
        }
        self.len = kept;
    }

    fn done(self) -> &'r [(&'a [u8], &'a [u8])] {
        &self.room[..self.len]
    }
}

/// A body still to come: its decoder, and whether its connection must
/// close after it.
struct Coming {
    decoder: Decoder,
    close: bool,
}

/// The kept connection when it goes to `origin`, has idled less than
/// `MAX_IDLE` and is still open (ureq's pool's rules).
fn reuse(kept: Option<Kept>, origin: &Origin, now: Instant) -> Option<Kept> {
    let mut k = kept.filter(|k| {
        k.origin == *origin && k.generation == crate::boundary::process::current() && now.saturating_duration_since(k.last_use) < MAX_IDLE
    })?;
    k.transport.is_open().then_some(k)
}

/// A new connection through `link`'s chain (resolving the host unless a
/// proxy does it).
fn connect(link: &Link, target: &Target, origin: Origin, started: Instant, deadline: Instant) -> Result<Kept, ureq::Error> {
    use ureq::unversioned::transport::time::Instant as At;
    // Read (and the fork handler registered) before the socket exists.
    let generation = crate::boundary::process::generation();
    // Taken before the lookup: the TCP step counts it from the lookup's
    // start (crate::transport::tcp).
    let connect_by = started + target.connect_timeout;
    let connect_limit = next_timeout(deadline, Some((connect_by, Timeout::Connect)));
    let resolve_here = link.config.proxy().is_none_or(|p| p.resolve_target());
    let addrs = if resolve_here {
        link.resolver.resolve(&target.uri, &link.config, next_timeout(deadline, Some((connect_by, Timeout::Resolve))))?
    } else {
        link.resolver.empty()
    };
    let chain = link.chain.clone();
    let details = ConnectionDetails {
        uri: &target.uri,
        addrs,
        resolver: &link.resolver,
        config: &link.config,
        request_level: false,
        now: At::now(),
        timeout: connect_limit,
        current_time: Arc::new(At::now),
        // A CONNECT proxy's own connection goes through the same chain.
        run_connector: Arc::new(move |d: &ConnectionDetails| chain.connect(d, None)?.ok_or(ureq::Error::ConnectionFailed)),
        // No other thread shuts a client's connections down.
        register_shutdown: Arc::new(|_| Ok(())),
    };
    let transport = link.chain.connect(&details, None)?.ok_or(ureq::Error::ConnectionFailed)?;
    if details.needs_tls() && !transport.is_tls() {
        return Err(ureq::Error::TlsRequired);
    }
    Ok(Kept { origin, transport, generation, last_use: Instant::now() })
}

/// One request and the head of its answer (its headers read into
/// `headers`), on the kept connection when it can be reused, else on a new
/// one: the head, and the connection its body comes on.
#[allow(clippy::too_many_arguments)]
fn exchange(
    link: &Link,
    target: &Target,
    origin: Origin,
    kept: Option<Kept>,
    request: &h1::Request,
    body: Option<Payload>,
    started: Instant,
    deadline: Instant,
    headers: &mut Headers,
) -> Result<(h1::Head, Kept), Stop> {
    let head_request = request.method == "HEAD";
    let mut conn = match reuse(kept, &origin, started) {
        Some(k) => k,
        None => connect(link, target, origin, started, deadline)?,
    };
    let t = &mut conn.transport;
    // The head, then the body's pieces, through the connection's output
    // buffer: a small request goes in one write. (An `Expect: 100-continue`
    // the program set is answered by sending the body without waiting, as
    // a client may.)
    let mut out = Out { t, n: 0, deadline };
    out.put_all(request.pieces().chain(body.map_or(&[][..], |b| b.pieces).iter().copied()))?;
    out.flush()?;
    let t = &mut conn.transport;
    // Interim answers (100 Continue, 103) are passed over.
    loop {
        let progress = t.maybe_await_input(next_timeout(deadline, None))?;
        let input = t.buffers().input();
        match h1::read_head(input, head_request, headers).map_err(|why| bad_http(target, why))? {
            h1::Read::Final(_, used) if used > MAX_HEAD => {
                return Err(ureq::Error::LargeResponseHeader(used, MAX_HEAD).into());
            }
            h1::Read::Final(head, used) => {
                t.buffers().input_consume(used);
                return Ok((head, conn));
            }
            h1::Read::Interim(used) => t.buffers().input_consume(used),
            h1::Read::Partial => {
                let size = input.len();
                if size > MAX_HEAD {
                    return Err(ureq::Error::LargeResponseHeader(size, MAX_HEAD).into());
                }
                // Nothing used: the next wait is for more bytes.
                t.buffers().input_consume(0);
                if !progress {
                    return Err(disconnected().into());
                }
            }
        }
    }
}

/// Bytes on their way to a connection: gathered in its output buffer,
/// written when it is full and at the end.
struct Out<'a> {
    t: &'a mut Boxed,
    /// How much of the output buffer holds bytes not yet written.
    n: usize,
    deadline: Instant,
}

impl Out<'_> {
    /// Puts every piece (the buffer is fetched once per fill, not per piece).
    fn put_all<'p>(&mut self, pieces: impl IntoIterator<Item = &'p [u8]>) -> Result<(), ureq::Error> {
        let mut pieces = pieces.into_iter();
        let mut rest: &[u8] = &[];
        loop {
            let buf = self.t.buffers().output();
            while self.n < buf.len() {
                if rest.is_empty() {
                    match pieces.next() {
                        Some(p) => rest = p,
                        None => return Ok(()),
                    }
                }
                let k = (buf.len() - self.n).min(rest.len());
                buf[self.n..self.n + k].copy_from_slice(&rest[..k]);
                self.n += k;
                rest = &rest[k..];
            }
            self.flush()?;
        }
    }

    fn flush(&mut self) -> Result<(), ureq::Error> {
        if self.n > 0 {
            self.t.transmit_output(self.n, next_timeout(self.deadline, None))?;
            self.n = 0;
        }
        Ok(())
    }
}

/// The `Host` header of a request to `uri`: its host, and its port when it
/// is not the scheme's own (no user name: the URL check refuses one).
fn host_header(uri: &ureq::http::Uri) -> &str {
    let Some(a) = uri.authority() else { return "" };
    let default = if uri.scheme_str() == Some("https") { 443 } else { 80 };
    match a.port_u16() {
        Some(p) if p == default => a.host(),
        _ => a.as_str().rsplit('@').next().unwrap_or(""),
    }
}

/// An answer that is not HTTP the library can read.
fn bad_http(target: &Target, why: h1::Bad) -> Stop {
    Stop::Failed(TransportError::new(
        ErrorKind::InvalidResponse,
        format!("the answer from {} is not valid HTTP: {why}", target.authority()),
    ))
}

/// The connection once its answer is read whole: kept unless it must
/// close, holds bytes past the answer, or was closed (ureq's rules).
fn done(mut conn: Kept, must_close: bool) -> Option<Kept> {
    if must_close || !conn.transport.buffers().input().is_empty() || !conn.transport.is_open() {
        return None;
    }
    conn.last_use = Instant::now();
    Some(conn)
}

impl Head {
    /// Reads the body into `scratch` (a buffer whose bytes are all
    /// initialized: its memory is reused from call to call, with no
    /// allocation, zeroing or copying once it has grown to the size of the
    /// answers), calling `progress` as libcurl calls an XFERINFOFUNCTION:
    /// once as the body starts, then after each chunk. `sent` is the size of
    /// the request body. Takes no part of the client: the caller's C code
    /// may run here. Returns, beside the body, the connection to keep for
    /// the next call (`ClientState::keep`). With `idle` (a stream), the
    /// request's time limit no longer applies to the body: each wait for
    /// more of it is bound by `idle` instead. With `lend`, a body that is
    /// already whole in the connection's buffer is not copied: the body
    /// holds the connection until `Body::release`.
    ///
    /// # Safety
    /// `progress`, when given, is safe to call with its data pointer.
    #[allow(clippy::too_many_arguments)]
    pub unsafe fn read_body(
        self,
        mut scratch: Vec<u8>,
        progress: Option<(ProgressFn, *mut c_void)>,
        sent: usize,
        sink: Option<Sink>,
        idle: Option<Duration>,
        lend: bool,
    ) -> (Result<Body, TransportError>, Option<Kept>) {
        let total = self.total;
        let sent = sent as c_long;
        let report = |received: usize| match progress {
            // SAFETY: per this function's contract.
            Some((f, data)) if unsafe { f(data, total, received as c_long, sent, sent) } != 0 => {
                Err(TransportError::new(ErrorKind::Aborted, "aborted by progress_func"))
            }
            _ => Ok(()),
        };
        if let Err(e) = report(0) {
            return (Err(e), None);
        }
        let Some((coming, conn)) = self.body else {
            return (Ok(Body { buf: scratch, len: 0, lent: None }), None);
        };
        // A body that came whole with its head is read where it lies (no
        // copy): lent with its connection, given back by `Body::release`.
        let mut conn = conn;
        if let (true, Framing::Length(n)) = (lend && sink.is_none(), coming.decoder.framing()) {
            let input = conn.transport.buffers().input();
            if n > 0 && n <= input.len() as u64 {
                let (at, len) = (input.as_ptr(), n as usize);
                if let Err(e) = report(len) {
                    return (Err(e), None);
                }
                return (Ok(Body { buf: scratch, len, lent: Some(Lent { conn, at, close: coming.close }) }), None);
            }
        }
        // An announced length sizes the buffer once (no doubling, no copy);
        // a body handed over in pieces goes through one buffer of its own size.
        let announced = usize::try_from(total).unwrap_or(0).min(MAX_BODY as usize);
        if sink.is_some() {
            scratch.resize(SINK_BUFFER, 0);
        } else if announced > scratch.len() {
            scratch.resize(announced + 1, 0);
        }
        let target = &self.target;
        let limit = match idle {
            Some(idle) => Limit::Idle(idle),
            None => Limit::Until(self.deadline),
        };
        match read_all(coming, conn, &mut scratch, limit, &report, sink, target) {
            Ok((n, kept)) => (Ok(Body { buf: scratch, len: n, lent: None }), kept),
            Err(Stop::Transport(e)) => (Err(classify(&e, target)), None),
            Err(Stop::Failed(e)) => (Err(e), None),
        }
    }
}

/// Why a request or the reading of its answer stopped short: a transport
/// failure, or one already said (an answer that is not HTTP, a stop asked
/// for, a stream's idle limit).
enum Stop {
    Transport(ureq::Error),
    Failed(TransportError),
}

impl From<ureq::Error> for Stop {
    fn from(e: ureq::Error) -> Stop {
        Stop::Transport(e)
    }
}

/// Where a body handed over in pieces goes, a piece at a time; false stops
/// the reading.
pub type Sink<'a> = &'a mut dyn FnMut(&[u8]) -> bool;

/// How much of a body handed over in pieces is read at a time.
const SINK_BUFFER: usize = 64 << 10;

/// How long the reading of a body may wait: until the request's deadline,
/// or (a stream) for at most a span each time.
#[derive(Clone, Copy)]
enum Limit {
    Until(Instant),
    Idle(Duration),
}

/// Reads the body `coming` describes from `conn` into `buf` (grown as
/// needed, up to `MAX_BODY`), calling `report` after each chunk: its
/// length, and the connection when it may be kept. With `sink`, each
/// chunk is handed to it instead and `buf` is reused (any size; false from
/// the sink stops the reading, errorType `aborted`).
fn read_all(
    coming: Coming,
    mut conn: Kept,
    buf: &mut Vec<u8>,
    limit: Limit,
    report: &dyn Fn(usize) -> Result<(), TransportError>,
    mut sink: Option<Sink>,
    target: &Target,
) -> Result<(usize, Option<Kept>), Stop> {
    let Coming { decoder: mut call, close } = coming;
    let bad = |why| bad_http(target, why);
    let t = &mut conn.transport;
    let mut n = 0;
    let mut total = 0usize;
    // `out` more bytes of the body read at `n`: within the limit (kept
    // here) or handed to the sink, and reported.
    let mut took = |n: &mut usize, out: usize, buf: &[u8]| -> Result<(), Stop> {
        total += out;
        match sink.as_deref_mut() {
            Some(s) => {
                if !s(&buf[*n..*n + out]) {
                    return Err(Stop::Failed(TransportError::new(ErrorKind::Aborted, "stopped by on_bytes")));
                }
            }
            None => {
                *n += out;
                if *n as u64 > MAX_BODY {
                    return Err(ureq::Error::BodyExceedsLimit(MAX_BODY).into());
                }
            }
        }
        report(total).map_err(Stop::Failed)
    };
    let mut remote_closed = false;
    loop {
        if call.is_done() {
            break;
        }
        if n == buf.len() {
            // One byte past the limit shows the body is larger.
            let grown = if buf.len() < buf.capacity() { buf.capacity() } else { (buf.len() * 2).max(16 << 10) };
            buf.resize(grown.min(MAX_BODY as usize + 1), 0);
        }
        // What is buffered already, then what the connection brings.
        if t.buffers().can_use_input() {
            let (used, out) = call.decode(t.buffers().input(), &mut buf[n..]).map_err(bad)?;
            t.buffers().input_consume(used);
            if out > 0 {
                took(&mut n, out, buf)?;
                continue;
            }
            if used > 0 {
                continue;
            }
        }
        if remote_closed {
            break;
        }
        let until = match limit {
            Limit::Until(deadline) => deadline,
            Limit::Idle(idle) => Instant::now() + idle,
        };
        let progress = match t.maybe_await_input(next_timeout(until, None)) {
            Ok(p) => p,
            Err(ureq::Error::Timeout(_)) if matches!(limit, Limit::Idle(_)) => {
                let Limit::Idle(idle) = limit else { unreachable!("matched above") };
                let why = format!("the stream sent nothing for {} ms (its idle limit: apiClient_setStreamIdleTimeout)", idle.as_millis());
                return Err(Stop::Failed(TransportError::new(ErrorKind::Timeout, why)));
            }
            Err(ureq::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset
                ) =>
            {
                remote_closed = true;
                true
            }
            Err(e) => return Err(e.into()),
        };
        let input = t.buffers().input();
        let ended = input.is_empty();
        let (used, out) = call.decode(input, &mut buf[n..]).map_err(bad)?;
        t.buffers().input_consume(used);
        if out > 0 {
            took(&mut n, out, buf)?;
        } else if ended {
            break;
        } else if !progress {
            return Err(ureq::Error::BodyStalled.into());
        }
    }
    // The body's end: one ended by the close, or a chunked body cut after
    // its last chunk, closes the connection; any other body cut short is an
    // error.
    let whole = call.is_done() || call.framing() == Framing::Close || call.after_last_chunk();
    if !whole {
        return Err(disconnected().into());
    }
    Ok((n, done(conn, close || !call.is_done())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearer_limit_is_the_step_s_and_names_its_reason() {
        let now = Instant::now();
        // apiClient_setTimeouts(c, LONG_MAX, LONG_MAX): ms of a c_long fit the clock.
        let far = now + Duration::from_millis(i64::MAX as u64);
        assert!(!next_timeout(far, None).after.is_zero());
        let t = next_timeout(far, Some((now + Duration::from_secs(2), Timeout::Connect)));
        assert_eq!(t.reason, Timeout::Connect);
        assert!(t.after <= ureq::unversioned::transport::time::Duration::Exact(Duration::from_secs(2)));
        let t = next_timeout(now + Duration::from_secs(1), Some((now + Duration::from_secs(2), Timeout::Connect)));
        assert_eq!(t.reason, Timeout::Global, "the whole request's limit comes first");
        assert!(next_timeout(now, None).after.is_zero(), "no time left");
    }

    /// What `route_to` gives for `url`: the request's target, and the route
    /// as its fields say.
    fn routed(route: &mut Option<Route>, url: &str) -> Result<(String, bool, String, String, String), String> {
        let path = route_to(route, url).map_err(|e| e.message)?.into_owned();
        let r = route.as_ref().unwrap();
        Ok((path, r.origin.0, r.origin.1.to_string(), r.host.clone(), r.host_header.clone()))
    }

    #[test]
    fn a_kept_route_reads_a_url_as_parsing_it_whole_does() {
        let first = ["http://127.0.0.1:8080/v1", "https://api.openai.com/v1", "http://[::1]:99/v1/", "HTTP://Example.COM:80/v1"];
        let rests = [
            "/organization/projects/proj_1",
            "/organization/projects?limit=2&after=proj%201",
            "/a/{b}",
            "/a#frag",
            "/a b",
            "/a\\b",
            "/caf\u{e9}",
            "/a?b=|",
            "",
            "?x=1",
            "/:@!$&'()*+,;=~._-",
        ];
        for base in first {
            for rest in rests {
                let warm = |origin: &str| {
                    let mut route = None;
                    let _ = routed(&mut route, &format!("{origin}/warm"));
                    route
                };
                let origin = base.trim_end_matches("/v1").trim_end_matches("/v1/");
                let url = format!("{origin}{rest}");
                let whole = routed(&mut None, &url);
                let kept = routed(&mut warm(origin), &url);
                assert_eq!(kept, whole, "{url}");
                // A route kept for another origin is replaced.
                assert_eq!(routed(&mut warm("http://other.example:1"), &url), whole, "{url}");
            }
        }
        // The kept route is used as it is: the path comes from the URL's text.
        let mut route = None;
        routed(&mut route, "http://h:1/v1/x").unwrap();
        assert!(matches!(route_to(&mut route, "http://h:1/v1/y?z=1"), Ok(std::borrow::Cow::Borrowed("/v1/y?z=1"))));
        assert!(matches!(route_to(&mut route, "http://h:1/v1/y#z"), Ok(std::borrow::Cow::Owned(_))), "parsed whole");
    }
}
