//! TLS with a CA file, as libcurl treats one: the certificates in the file
//! are trust anchors for chains, and a server whose own self-signed
//! certificate (CA:TRUE) is in the file is trusted for its names and
//! validity period. webpki alone refuses the second case
//! (`CaUsedAsEndEntity`), which is how internal gateways are often set up.
//!
//! The connector wraps the TCP transport in rustls with that verifier; it is
//! chained before ureq's own rustls connector, which then sees a TLS
//! transport and passes it through. Without a CA file (or with verification
//! off) it passes the transport on and ureq's connector does the work.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme, StreamOwned};
use std::io::{Read, Write};
use std::sync::Arc;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport, TransportAdapter};
use ureq::Error;

/// A certificate read from its DER, its extensions left unparsed
/// (x509-parser would build its table of extension parsers, a
/// process-wide one that outlives an unloaded library); None when it is
/// not one.
fn certificate(der: &[u8]) -> Option<x509_parser::certificate::X509Certificate<'_>> {
    use x509_parser::nom::Parser;
    x509_parser::certificate::X509CertificateParser::new().with_deep_parse_extensions(false).parse(der).ok().map(|(_, c)| c)
}

/// The purposes (dotted OIDs) of a certificate's extended key usage
/// extension, None when it has none (or one that cannot be read).
fn extended_key_usage(cert: &x509_parser::certificate::X509Certificate<'_>) -> Option<Vec<String>> {
    use x509_parser::der_parser::der::{parse_der_oid, parse_der_sequence_of};
    let ext = cert.extensions().iter().find(|e| e.oid == x509_parser::oid_registry::OID_X509_EXT_EXTENDED_KEY_USAGE)?;
    let (_, seq) = parse_der_sequence_of(parse_der_oid)(ext.value).ok()?;
    Some(seq.as_sequence().ok()?.iter().filter_map(|o| o.as_oid().ok().map(|oid| oid.to_id_string())).collect())
}

/// Trusts what the roots of the CA file chain to, and the server's own
/// certificate when it is one of the file's certificates.
#[derive(Debug)]
struct CaFileVerifier {
    chains: Arc<WebPkiServerVerifier>,
    listed: Vec<CertificateDer<'static>>,
}

impl CaFileVerifier {
    /// The server's certificate is listed in the CA file: it must still be
    /// valid now, for this name, and for TLS servers.
    fn check_listed(&self, cert: &CertificateDer<'_>, name: &ServerName<'_>, now: UnixTime) -> Result<(), rustls::Error> {
        let parsed = certificate(cert.as_ref()).ok_or(rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
        let now_secs = now.as_secs() as i64;
        let validity = parsed.validity();
        if now_secs < validity.not_before.timestamp() {
            return Err(rustls::Error::InvalidCertificate(CertificateError::NotValidYet));
        }
        if now_secs > validity.not_after.timestamp() {
            return Err(rustls::Error::InvalidCertificate(CertificateError::Expired));
        }
        if let Some(purposes) = extended_key_usage(&parsed) {
            // anyExtendedKeyUsage, id-kp-serverAuth.
            if !purposes.iter().any(|p| p == "2.5.29.37.0" || p == "1.3.6.1.5.5.7.3.1") {
                return Err(rustls::Error::InvalidCertificate(CertificateError::InvalidPurpose));
            }
        }
        let ee = webpki::EndEntityCert::try_from(cert).map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
        ee.verify_is_valid_for_subject_name(name).map_err(|_| rustls::Error::InvalidCertificate(CertificateError::NotValidForName))
    }
}

fn is_ca_used_as_end_entity(e: &rustls::Error) -> bool {
    match e {
        rustls::Error::InvalidCertificate(CertificateError::Other(other)) => {
            matches!(other.0.downcast_ref::<webpki::Error>(), Some(webpki::Error::CaUsedAsEndEntity))
        }
        _ => false,
    }
}

impl ServerCertVerifier for CaFileVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.chains.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(e) if is_ca_used_as_end_entity(&e) && self.listed.iter().any(|c| c.as_ref() == end_entity.as_ref()) => {
                self.check_listed(end_entity, server_name, now)?;
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chains.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chains.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.chains.supported_verify_schemes()
    }
}

/// Which servers a configuration trusts.
pub enum Trust {
    /// The CA file's certificates, as libcurl treats them.
    CaFile(Vec<CertificateDer<'static>>),
    /// The system's roots.
    Platform,
    /// Every server (`insecureSkipTlsVerify`).
    Anyone,
}

/// Accepts every server certificate (`insecureSkipTlsVerify`); handshake
/// signatures are still checked.
#[derive(Debug)]
struct AnyServer(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyServer {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Offers the one client certificate chain to every server that asks. The
/// chain is sent as given (an X.509 v1 certificate too, as libcurl sends
/// it): whether to accept it is the server's call.
#[derive(Debug)]
struct OneClientCert(Arc<rustls::sign::CertifiedKey>);

impl rustls::client::ResolvesClientCert for OneClientCert {
    fn resolve(&self, _root_hint_subjects: &[&[u8]], _sigschemes: &[SignatureScheme]) -> Option<Arc<rustls::sign::CertifiedKey>> {
        Some(self.0.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// A rustls client configuration that trusts servers as `trust` says, with
/// an optional client certificate chain and key.
pub fn client_config(
    trust: Trust,
    client: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
) -> Result<Arc<ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match trust {
        Trust::CaFile(ca_certs) => {
            let mut roots = RootCertStore::empty();
            let (added, _) = roots.add_parsable_certificates(ca_certs.iter().cloned());
            if added == 0 {
                return Err("TLS: the CA file holds no usable certificate".into());
            }
            let chains = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| format!("TLS: the CA file cannot be used: {e}"))?;
            Arc::new(CaFileVerifier { chains, listed: ca_certs })
        }
        Trust::Platform => Arc::new(
            rustls_platform_verifier::Verifier::new(provider.clone())
                .map_err(|e| format!("TLS: the system's roots cannot be used: {e}"))?,
        ),
        Trust::Anyone => Arc::new(AnyServer(provider.clone())),
    };
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| format!("TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let config = match client {
        Some((chain, key)) => {
            let signer = provider.key_provider.load_private_key(key).map_err(|e| format!("TLS: the client key cannot be used: {e}"))?;
            builder.with_client_cert_resolver(Arc::new(OneClientCert(Arc::new(rustls::sign::CertifiedKey::new(chain, signer)))))
        }
        None => builder.with_no_client_auth(),
    };
    Ok(Arc::new(config))
}

/// Wraps HTTPS connections in TLS with a configuration of ours (None:
/// leave them to the next connector).
#[derive(Debug)]
pub struct TlsConnector(pub Option<Arc<ClientConfig>>);

impl<In: Transport> Connector<In> for TlsConnector {
    type Out = Either<In, Tls>;

    fn connect(&self, details: &ConnectionDetails, chained: Option<In>) -> Result<Option<Self::Out>, Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        let Some(config) = self.0.as_ref().filter(|_| details.needs_tls() && !transport.is_tls()) else {
            return Ok(Some(Either::A(transport)));
        };
        let host = details.uri.host().unwrap_or_default();
        let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
        let name = ServerName::try_from(host.to_string()).map_err(|_| Error::Tls("the host is not a valid TLS server name"))?;
        let mut conn = ClientConnection::new(config.clone(), name)?;
        let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock)?;
        let buffers = LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size());
        Ok(Some(Either::B(Tls { buffers, stream: StreamOwned { conn, sock } })))
    }
}

/// A TLS connection over the chained transport.
pub struct Tls {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl Drop for Tls {
    fn drop(&mut self) {
        // The plaintext of the request head (the key) and of the answers.
        crate::boundary::alloc::wipe_buffers(&mut self.buffers);
    }
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls").finish()
    }
}

impl Transport for Tls {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der(pem: &std::path::Path) -> Vec<u8> {
        let item = rustls::pki_types::pem::PemObject::pem_file_iter(pem).unwrap().next().unwrap();
        let cert: CertificateDer<'static> = item.unwrap();
        cert.as_ref().to_vec()
    }

    #[test]
    fn the_extended_key_usage_is_read_from_its_der() {
        let dir = std::env::temp_dir().join(format!("openai-api-eku-{}", std::process::id()));
        openai_api_mock::tls::Certs::create(&dir).unwrap();
        openai_api_mock::write_self_signed(&dir, "plain", &["localhost"], 0, 4_000_000_000).unwrap();
        let purposes = |pem: &str| extended_key_usage(&certificate(&der(&dir.join(pem))).unwrap());
        assert_eq!(purposes("client.pem"), Some(vec!["1.3.6.1.5.5.7.3.2".to_string()]));
        assert_eq!(purposes("plain.pem"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
