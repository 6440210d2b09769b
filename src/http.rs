//! The transport: one ureq Agent (a keep-alive connection pool) per client,
//! built from the client's TLS settings, and the per-client state behind
//! the error API (`apiClient_errorMessage` and friends).

use crate::client::{apiClient_t, curlConfig_t, sslConfig_t};
use crate::tcp::{Keepalive, KeepaliveConnector};
use crate::ffi::c_bytes;
use crate::client::curl_off_t;
use std::ffi::CString;
use std::io::Read;
use std::os::raw::{c_int, c_void};
use std::time::Duration;
use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};
use ureq::Agent;

/// Largest response body accepted.
pub const MAX_BODY: u64 = 64 << 20;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
pub const USER_AGENT: &str = concat!("openai_api-c/", env!("CARGO_PKG_VERSION"));

/// Why a call failed, as the error API reports it.
#[derive(Default)]
pub struct Failure {
    pub message: Option<CString>,
    pub kind: Option<CString>,
    /// The raw error body of a non-2xx answer.
    pub body: Option<Vec<u8>>,
}

/// What a client keeps between calls, beside the public `apiClient_t`.
#[derive(Default)]
pub struct ClientState {
    agent: Option<(AgentKey, Agent)>,
    pub failure: Failure,
    pub request_id: Option<CString>,
}

/// The settings an agent was built from (TLS files and flags, TCP
/// keepalive); a change rebuilds it.
#[derive(PartialEq, Eq, Clone)]
struct AgentKey {
    ca: Option<Vec<u8>>,
    cert: Option<Vec<u8>>,
    key: Option<Vec<u8>>,
    insecure: bool,
    keepalive: Option<Keepalive>,
}

unsafe fn agent_key(ssl: *const sslConfig_t, curl: *const curlConfig_t) -> AgentKey {
    let keepalive = curl.as_ref().filter(|c| c.keepalive != 0).map(|c| Keepalive {
        idle: c.keepidle.clamp(0, u32::MAX as _) as u32,
        interval: c.keepintvl.clamp(0, u32::MAX as _) as u32,
    });
    let Some(s) = ssl.as_ref() else {
        return AgentKey { ca: None, cert: None, key: None, insecure: false, keepalive };
    };
    let owned = |p| c_bytes(p).map(|b| b.to_vec());
    AgentKey {
        ca: owned(s.CACertFile),
        cert: owned(s.clientCertFile),
        key: owned(s.clientKeyFile),
        insecure: s.insecureSkipTlsVerify != 0,
        keepalive,
    }
}

fn read_pem(path: &[u8], what: &str) -> Result<Vec<PemItem<'static>>, String> {
    let path = String::from_utf8_lossy(path).into_owned();
    let bytes = std::fs::read(&path).map_err(|e| format!("{what} {path}: {e}"))?;
    ureq::tls::parse_pem(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{what} {path}: {e}"))
}

fn certs(items: Vec<PemItem<'static>>) -> Vec<Certificate<'static>> {
    items.into_iter().filter_map(|i| if let PemItem::Certificate(c) = i { Some(c) } else { None }).collect()
}

fn build_agent(k: &AgentKey) -> Result<Agent, String> {
    let mut tls = TlsConfig::builder().disable_verification(k.insecure);
    tls = match &k.ca {
        Some(ca) => {
            let roots = certs(read_pem(ca, "CA file")?);
            if roots.is_empty() {
                return Err("CA file holds no certificate".into());
            }
            tls.root_certs(RootCerts::new_with_certs(&roots))
        }
        None => tls.root_certs(RootCerts::PlatformVerifier),
    };
    if let (Some(cert), Some(key)) = (&k.cert, &k.key) {
        let chain = certs(read_pem(cert, "client certificate")?);
        let key: PrivateKey<'static> = read_pem(key, "client key")?
            .into_iter()
            .find_map(|i| if let PemItem::PrivateKey(k) = i { Some(k) } else { None })
            .ok_or("client key file holds no private key")?;
        tls = tls.client_cert(Some(ClientCert::new_with_certs(&chain, key)));
    }
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(REQUEST_TIMEOUT))
        .user_agent(USER_AGENT)
        .tls_config(tls.build())
        .build();
    let Some(keepalive) = k.keepalive else {
        return Ok(config.into());
    };
    // ureq's connector chain with the TCP step replaced by one that sets
    // keepalive (ureq's own TCP connector then passes the socket through).
    use ureq::unversioned::resolver::DefaultResolver;
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector, TcpConnector};
    let connector = ()
        .chain(ConnectProxyConnector::default())
        .chain(KeepaliveConnector(keepalive))
        .chain(TcpConnector::default())
        .chain(RustlsConnector::default());
    Ok(Agent::with_parts(config, connector, DefaultResolver::default()))
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

/// An answer: status and body.
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// A transport failure: the error type and a one-line message.
pub struct TransportError {
    pub kind: &'static str,
    pub message: String,
}

/// A one-line reason for a TLS failure.
fn tls_message(e: &rustls::Error) -> String {
    use rustls::{AlertDescription as A, CertificateError as C, Error as E};
    match e {
        E::InvalidCertificate(C::UnknownIssuer) => "TLS: certificate not trusted (unknown issuer)".into(),
        E::InvalidCertificate(C::NotValidForName | C::NotValidForNameContext { .. }) => {
            "TLS: certificate not valid for this host name".into()
        }
        E::InvalidCertificate(C::Expired | C::ExpiredContext { .. }) => "TLS: certificate expired".into(),
        E::InvalidCertificate(c) => format!("TLS: invalid certificate ({c:?})"),
        E::AlertReceived(a @ (A::CertificateRequired | A::HandshakeFailure | A::BadCertificate | A::UnknownCA)) => {
            format!("TLS: the server refused the handshake ({a:?}); does it require a client certificate?")
        }
        other => format!("TLS: {other}"),
    }
}

fn classify(e: &ureq::Error) -> TransportError {
    use std::io::ErrorKind;
    if let ureq::Error::Io(io) = e {
        if let Some(t) = io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
            return TransportError { kind: "tls", message: tls_message(t) };
        }
    }
    let (kind, message) = match e {
        ureq::Error::Timeout(t) => ("timeout", format!("timed out ({t})")),
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
fn classify_io(e: std::io::Error) -> TransportError {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<ureq::Error>()) {
        Some(u) => classify(u),
        None => classify(&ureq::Error::Io(e)),
    }
}

impl ClientState {
    /// Sends `req` with the client's settings; `Ok` for any HTTP answer.
    ///
    /// # Safety
    /// `client` is a valid client.
    pub unsafe fn send(&mut self, client: &apiClient_t, req: &Request, token: Option<&[u8]>) -> Result<Answer, TransportError> {
        let key = agent_key(client.sslConfig, client.curlConfig);
        if self.agent.as_ref().is_none_or(|(k, _)| *k != key) {
            let agent = build_agent(&key).map_err(|message| TransportError { kind: "tls", message })?;
            self.agent = Some((key, agent));
        }
        let agent = &self.agent.as_ref().unwrap().1;
        let mut builder = ureq::http::Request::builder()
            .method(req.method)
            .uri(&req.url)
            .header("Accept", "application/json");
        if let Some(t) = token {
            let mut value = b"Bearer ".to_vec();
            value.extend_from_slice(t);
            let mut hv = ureq::http::HeaderValue::from_bytes(&value).map_err(|_| TransportError {
                kind: "invalid_argument",
                message: "the access token is not a valid header value".into(),
            })?;
            hv.set_sensitive(true);
            builder = builder.header("Authorization", hv);
        }
        for (k, v) in &req.extra_headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let bad = |e: ureq::http::Error| TransportError { kind: "invalid_argument", message: format!("invalid request: {e}") };
        let result = match req.body {
            Some(body) => agent.run(builder.header("Content-Type", "application/json").body(body).map_err(bad)?),
            // A POST without a body still says `Content-Length: 0` (ureq
            // would otherwise send an empty chunked body).
            None if req.method == "POST" => agent.run(builder.header("Content-Length", "0").body(()).map_err(bad)?),
            None => agent.run(builder.body(()).map_err(bad)?),
        };
        let mut response = result.map_err(|e| classify(&e))?;
        let status = response.status().as_u16();
        self.request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| CString::new(v.as_bytes()).ok());
        let body = match req.progress {
            None => response.body_mut().with_config().limit(MAX_BODY).read_to_vec().map_err(|e| classify(&e))?,
            Some((progress, data)) => {
                // Called as libcurl calls an XFERINFOFUNCTION: once the
                // answer starts, then after each chunk of the body.
                let total = response.headers().get("content-length").and_then(|v| v.to_str().ok()?.parse().ok()).unwrap_or(0);
                let sent = req.body.map_or(0, |b| b.len()) as curl_off_t;
                let report = |received: usize| {
                    if progress(data, total, received as curl_off_t, sent, sent) != 0 {
                        Err(TransportError { kind: "aborted", message: "aborted by progress_func".into() })
                    } else {
                        Ok(())
                    }
                };
                report(0)?;
                let mut reader = response.body_mut().with_config().limit(MAX_BODY).reader();
                let mut body = Vec::new();
                let mut chunk = vec![0u8; 16 << 10];
                loop {
                    let n = match reader.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(classify_io(e)),
                    };
                    body.extend_from_slice(&chunk[..n]);
                    report(body.len())?;
                }
                body
            }
        };
        Ok(Answer { status, body })
    }
}
