//! A self-signed certificate made at every start, for the names the browser will use. Nothing
//! is written to disk unless asked: the browser under test ignores certificate errors, and a
//! client that wants to verify can ask for the certificate with `--cert-out`.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// The real hosts the browser is pointed at, and the loopback names for direct clients.
const NAMES: [&str; 4] = [
    "app.functionize.com",
    "*.functionize.com",
    "localhost",
    "127.0.0.1",
];

pub struct Tls {
    pub acceptor: TlsAcceptor,
    pub certificate_pem: String,
}

pub fn self_signed() -> Result<Tls, String> {
    let names: Vec<String> = NAMES.iter().map(|name| name.to_string()).collect();
    let made = rcgen::generate_simple_self_signed(names)
        .map_err(|error| format!("cannot make a certificate: {error}"))?;
    let certificate: CertificateDer<'static> = made.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));

    // The ring provider, named explicitly: it builds without cmake, unlike aws-lc.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("TLS setup: {error}"))?
        .with_no_client_auth()
        .with_single_cert(vec![certificate], key)
        .map_err(|error| format!("TLS setup: {error}"))?;
    // Only HTTP/1.1 is served; saying so stops a browser from trying HTTP/2.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];

    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        certificate_pem: made.cert.pem(),
    })
}
