//! Certificates made at start-up (rcgen) and the rustls server settings.
//!
//! `Certs::create` writes, into a directory the tests and examples read:
//! `ca.pem` (the CA that signed the server and client certificates),
//! `client.pem` + `client.key` (a client certificate for mutual TLS) and
//! `other-ca.pem` (an unrelated CA: trusting only it must fail).

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use std::path::Path;
use std::sync::Arc;

/// The server side of the certificates; the client side is on disk.
pub struct Certs {
    ca: CertificateDer<'static>,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: Vec<u8>,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

fn make_ca(name: &str) -> Result<CertifiedIssuer<'static, KeyPair>, Error> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    Ok(CertifiedIssuer::self_signed(params, KeyPair::generate()?)?)
}

fn leaf(names: &[&str], usage: ExtendedKeyUsagePurpose) -> Result<CertificateParams, Error> {
    let mut params = CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())?;
    params.distinguished_name.push(DnType::CommonName, names[0]);
    params.extended_key_usages = vec![usage];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    Ok(params)
}

/// Writes `<stem>.pem` and `<stem>.key` into `dir`: a self-signed
/// certificate with CA:TRUE (as `openssl req -x509` makes one) for `names`,
/// valid from `not_before` to `not_after` (Unix seconds).
pub fn write_self_signed(dir: &Path, stem: &str, names: &[&str], not_before: i64, not_after: i64) -> Result<(), Error> {
    std::fs::create_dir_all(dir)?;
    let mut params = CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())?;
    params.distinguished_name.push(DnType::CommonName, names[0]);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.not_before = time::OffsetDateTime::from_unix_timestamp(not_before)?;
    params.not_after = time::OffsetDateTime::from_unix_timestamp(not_after)?;
    let key = KeyPair::generate()?;
    let cert = params.self_signed(&key)?;
    std::fs::write(dir.join(format!("{stem}.pem")), cert.pem())?;
    std::fs::write(dir.join(format!("{stem}.key")), key.serialize_pem())?;
    Ok(())
}

impl Certs {
    /// Serves the PEM certificate chain and key in `files` instead, when given.
    pub fn serving(mut self, files: Option<&(std::path::PathBuf, std::path::PathBuf)>) -> Result<Certs, Error> {
        let Some((cert, key)) = files else { return Ok(self) };
        let chain = rustls::pki_types::pem::PemObject::pem_file_iter(cert)?.collect::<Result<Vec<CertificateDer<'static>>, _>>()?;
        let key = <PrivateKeyDer<'static> as rustls::pki_types::pem::PemObject>::from_pem_file(key)?;
        self.server_chain = chain;
        self.server_key = key.secret_der().to_vec();
        Ok(self)
    }

    /// Makes a CA, a server certificate for `localhost` and `127.0.0.1`, a
    /// client certificate and an unrelated CA; writes the PEM files to `dir`.
    pub fn create(dir: &Path) -> Result<Certs, Error> {
        std::fs::create_dir_all(dir)?;
        let ca = make_ca("openai_api mock CA")?;
        let server_key = KeyPair::generate()?;
        let server = leaf(&["localhost", "127.0.0.1"], ExtendedKeyUsagePurpose::ServerAuth)?.signed_by(&server_key, &ca)?;
        let client_key = KeyPair::generate()?;
        let client = leaf(&["openai_api test client"], ExtendedKeyUsagePurpose::ClientAuth)?.signed_by(&client_key, &ca)?;
        let other = make_ca("unrelated CA")?;
        std::fs::write(dir.join("ca.pem"), ca.pem())?;
        std::fs::write(dir.join("client.pem"), client.pem())?;
        std::fs::write(dir.join("client.key"), client_key.serialize_pem())?;
        std::fs::write(dir.join("other-ca.pem"), other.pem())?;
        Ok(Certs {
            ca: ca.der().clone(),
            server_chain: vec![server.der().clone(), ca.der().clone()],
            server_key: server_key.serialize_der(),
        })
    }

    /// rustls settings serving the server certificate; with
    /// `require_client_cert`, only clients with a certificate from the CA
    /// get through the handshake.
    pub fn server_config(&self, require_client_cert: bool) -> Result<Arc<ServerConfig>, Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ServerConfig::builder_with_provider(provider.clone()).with_safe_default_protocol_versions()?;
        let builder = if require_client_cert {
            let mut roots = RootCertStore::empty();
            roots.add(self.ca.clone())?;
            builder.with_client_cert_verifier(WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider).build()?)
        } else {
            builder.with_no_client_auth()
        };
        let key = PrivateKeyDer::try_from(self.server_key.clone())?;
        let mut config = builder.with_single_cert(self.server_chain.clone(), key)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}
