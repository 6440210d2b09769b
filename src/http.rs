//! The transport: one ureq Agent (a keep-alive connection pool) per client,
//! built from the client's TLS, keepalive and timeout settings; one attempt
//! of a request; and the per-client state behind the error API
//! (`apiClient_errorMessage` and friends) and the settings API.

use crate::client::curl_off_t;
use crate::client::{apiClient_t, curlConfig_t, sslConfig_t};
use crate::dns::CachingResolver;
use crate::ffi::c_bytes;
use crate::retry::{Hints, Jitter};
use crate::tcp::{Keepalive, TcpConnector};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::ffi::CString;
use std::io::Read;
use std::os::raw::{c_int, c_void};
use std::time::Duration;
use ureq::http::{HeaderName, HeaderValue};
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::Agent;

/// Largest response body accepted.
pub const MAX_BODY: u64 = 64 << 20;
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
pub const MAX_RETRIES: u32 = 2;
pub const USER_AGENT: &str = concat!("openai_api-c/", env!("CARGO_PKG_VERSION"));

/// Why a call failed, as the error API reports it.
#[derive(Default)]
pub struct Failure {
    pub message: Option<CString>,
    pub kind: Option<CString>,
    /// The raw error body of a non-2xx answer.
    pub body: Option<Vec<u8>>,
}

/// Per-client settings (`apiClient_setTimeouts` and friends).
pub struct Settings {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub max_retries: u32,
    /// Extra headers sent on every request (they replace same-named ones).
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { connect_timeout: CONNECT_TIMEOUT, request_timeout: REQUEST_TIMEOUT, max_retries: MAX_RETRIES, headers: Vec::new() }
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
}

unsafe fn agent_key(ssl: *const sslConfig_t, curl: *const curlConfig_t, settings: &Settings) -> AgentKey {
    let (connect_timeout, request_timeout) = (settings.connect_timeout, settings.request_timeout);
    let keepalive = curl
        .as_ref()
        .filter(|c| c.keepalive != 0)
        .map(|c| Keepalive { idle: c.keepidle.clamp(0, u32::MAX as _) as u32, interval: c.keepintvl.clamp(0, u32::MAX as _) as u32 });
    let Some(s) = ssl.as_ref() else {
        return AgentKey { ca: None, cert: None, key: None, insecure: false, keepalive, connect_timeout, request_timeout };
    };
    let owned = |p| c_bytes(p).map(|b| b.to_vec());
    AgentKey {
        ca: owned(s.CACertFile),
        cert: owned(s.clientCertFile),
        key: owned(s.clientKeyFile),
        insecure: s.insecureSkipTlsVerify != 0,
        keepalive,
        connect_timeout,
        request_timeout,
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
        client = Some((chain.clone(), key.der().to_vec()));
        tls = tls.client_cert(Some(ClientCert::new_with_certs(&chain, key)));
    }
    // A CA file is read as libcurl reads it (crate::tls); ureq's connector
    // serves the other cases.
    let ca_file_tls = match (&k.ca, k.insecure) {
        (Some(_), false) => {
            let der = |c: &Certificate<'static>| CertificateDer::from(c.der().to_vec());
            let client = match client {
                Some((chain, key)) => {
                    Some((chain.iter().map(der).collect(), PrivateKeyDer::try_from(key).map_err(|e| format!("client key: {e}"))?))
                }
                None => None,
            };
            Some(crate::tls::ca_file_config(roots.iter().map(der).collect(), client)?)
        }
        _ => None,
    };
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(k.connect_timeout))
        .timeout_global(Some(k.request_timeout))
        .user_agent(USER_AGENT)
        .tls_config(tls.build())
        .build();
    // ureq's connector chain with our TCP step (keepalive, cheap timeouts);
    // ureq's own TCP connector then passes the socket through.
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector};
    let connector =
        ().chain(ConnectProxyConnector::default())
            .chain(TcpConnector(k.keepalive))
            .chain(ureq::unversioned::transport::TcpConnector::default())
            .chain(crate::tls::TlsConnector(ca_file_tls))
            .chain(RustlsConnector::default());
    Ok(Agent::with_parts(config, connector, CachingResolver::default()))
}

/// `progress_func`'s type: (progress_data, dltotal, dlnow, ultotal, ulnow);
/// non-zero stops the transfer.
pub type ProgressFn = unsafe extern "C" fn(*mut c_void, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> c_int;

/// A request: method, full URL, optional JSON body, extra headers and the
/// caller's progress callback with its data pointer.
pub struct Request<'a> {
    pub method: &'a str,
    pub url: String,
    pub body: Option<&'a [u8]>,
    pub extra_headers: Vec<(String, String)>,
    pub progress: Option<(ProgressFn, *mut c_void)>,
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

/// A transport failure: the error type and a one-line message.
pub struct TransportError {
    pub kind: &'static str,
    pub message: String,
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

/// A transport failure as the error API reports it; timeouts name the
/// limit that was hit.
fn classify(e: &ureq::Error, k: &AgentKey) -> TransportError {
    use std::io::ErrorKind;
    if let ureq::Error::Io(io) = e {
        if let Some(t) = io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
            return TransportError { kind: "tls", message: tls_message(t) };
        }
    }
    let (kind, message) = match e {
        ureq::Error::Timeout(ureq::Timeout::Connect) => {
            ("timeout", format!("timed out after {} ms connecting", k.connect_timeout.as_millis()))
        }
        ureq::Error::Timeout(_) => ("timeout", format!("timed out after {} ms", k.request_timeout.as_millis())),
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => ("connection", "connection refused".into()),
        ureq::Error::Io(io) if io.kind() == ErrorKind::TimedOut => ("timeout", "timed out".into()),
        ureq::Error::Io(io) => ("connection", format!("connection failed: {io}")),
        ureq::Error::HostNotFound => ("connection", "host not found".into()),
        ureq::Error::ConnectionFailed => ("connection", "connection failed".into()),
        ureq::Error::Tls(m) => ("tls", format!("TLS: {m}")),
        ureq::Error::Rustls(r) => ("tls", tls_message(r)),
        ureq::Error::Pem(p) => ("tls", format!("TLS: {p}")),
        ureq::Error::BodyExceedsLimit(n) => ("invalid_response", format!("response body larger than {n} bytes")),
        ureq::Error::BadUri(u) => ("invalid_argument", format!("invalid URL: {u}")),
        other => ("connection", other.to_string()),
    };
    TransportError { kind, message }
}

/// A failure while reading a body: ureq's own error when it is inside.
fn classify_io(e: std::io::Error, k: &AgentKey) -> TransportError {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
        Some(u) => classify(u, k),
        None => classify(&ureq::Error::Io(e), k),
    }
}

impl ClientState {
    /// Sends `req` with the client's settings; `Ok` for any HTTP answer.
    ///
    /// # Safety
    /// `client` is a valid client.
    pub unsafe fn send(&mut self, client: &apiClient_t, req: &Request, token: Option<&[u8]>) -> Result<Answer, TransportError> {
        let key = agent_key(client.sslConfig, client.curlConfig, &self.settings);
        if self.agent.as_ref().is_none_or(|(k, _)| *k != key) {
            let agent = build_agent(&key).map_err(|message| TransportError { kind: "tls", message })?;
            self.agent = Some((key, agent));
        }
        let (key, agent) = self.agent.as_ref().unwrap();
        let mut builder = ureq::http::Request::builder().method(req.method).uri(&req.url).header("Accept", "application/json");
        if let Some(t) = token {
            let mut value = b"Bearer ".to_vec();
            value.extend_from_slice(t);
            let mut hv = ureq::http::HeaderValue::from_bytes(&value)
                .map_err(|_| TransportError { kind: "invalid_argument", message: "the access token is not a valid header value".into() })?;
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
        let bad = |e: ureq::http::Error| TransportError { kind: "invalid_argument", message: format!("invalid request: {e}") };
        let result = match req.body {
            Some(body) => agent.run(builder.body(body).map_err(bad)?),
            None => agent.run(builder.body(()).map_err(bad)?),
        };
        let mut response = result.map_err(|e| classify(&e, key))?;
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());
        let hints = Hints::parse(header("x-should-retry"), header("retry-after-ms"), header("retry-after"), std::time::SystemTime::now());
        let content_type = header("content-type").map(str::to_string);
        self.request_id = response.headers().get("x-request-id").and_then(|v| CString::new(v.as_bytes()).ok());
        // The body goes into the client's scratch buffer: its memory is
        // reused from call to call (no allocation, no zeroing, no realloc
        // copies once it has grown to the size of the answers).
        let total = response.headers().get("content-length").and_then(|v| v.to_str().ok()?.parse().ok()).unwrap_or(0);
        let sent = req.body.map_or(0, |b| b.len()) as curl_off_t;
        // Called as libcurl calls an XFERINFOFUNCTION: once the answer
        // starts, then after each chunk of the body.
        let report = |received: usize| match req.progress {
            Some((progress, data)) if progress(data, total, received as curl_off_t, sent, sent) != 0 => {
                Err(TransportError { kind: "aborted", message: "aborted by progress_func".into() })
            }
            _ => Ok(()),
        };
        report(0)?;
        // `scratch` is all initialized: bytes past an answer's end are left
        // from earlier answers, so nothing is zeroed again.
        let mut body = std::mem::take(&mut self.scratch);
        let mut reader = response.body_mut().with_config().limit(MAX_BODY).reader();
        let mut n = 0;
        loop {
            if n == body.len() {
                let grown = if body.len() < body.capacity() { body.capacity() } else { (body.len() * 2).max(16 << 10) };
                body.resize(grown, 0);
            }
            match reader.read(&mut body[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(classify_io(e, key)),
            }
            report(n)?;
        }
        let body = Body { buf: body, len: n };
        Ok(Answer { status, body, hints, content_type })
    }
}
