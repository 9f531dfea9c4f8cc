//! TLS: a server whose certificate this machine does not trust is one clear configuration
//! error, tried once, and `SSL_CERT_FILE` is how a private CA is trusted.
//!
//! The certificates in `tests/fixtures/tls/` were made for these tests with `openssl`: a
//! CA (`ca.pem`, its key thrown away), a server certificate for `127.0.0.1` and
//! `localhost` signed by it, and one for `api.example.com` only; both valid to 2126.

use crate::{asst, run, KEY};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// An HTTPS server on loopback with the certificate `name`: it answers every request with
/// a new conversation, and counts the connections made to it (a handshake that fails
/// counts too).
struct TlsServer {
    port: u16,
    connections: Arc<AtomicUsize>,
}

impl TlsServer {
    fn start(name: &str) -> TlsServer {
        let certs: Vec<CertificateDer<'static>> =
            CertificateDer::pem_file_iter(fixture(&format!("{name}.pem")))
                .unwrap()
                .map(Result::unwrap)
                .collect();
        let key = PrivateKeyDer::from_pem_file(fixture(&format!("{name}.key"))).unwrap();
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .unwrap(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                counted.fetch_add(1, Ordering::SeqCst);
                let config = config.clone();
                std::thread::spawn(move || {
                    let tls = rustls::ServerConnection::new(config).unwrap();
                    let mut stream = BufReader::new(rustls::StreamOwned::new(tls, conn));
                    // The request's head (thread new sends a small body, read past).
                    let mut length = 0;
                    loop {
                        let mut line = String::new();
                        if stream.read_line(&mut line).unwrap_or(0) == 0 {
                            return; // the handshake failed, or the client left
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; length];
                    let _ = std::io::Read::read_exact(&mut stream, &mut body);
                    let reply = r#"{"id":"conv_tls","object":"conversation"}"#;
                    let stream = stream.get_mut();
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                        reply.len()
                    );
                    let _ = stream.flush();
                    stream.conn.send_close_notify();
                    let _ = stream.flush();
                });
            }
        });
        TlsServer { port, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn thread_new(server: &TlsServer, host: &str, ca: Option<&str>) -> crate::Output {
    let mut cmd = asst();
    cmd.env("OPENAI_API_KEY", KEY)
        .env(
            "OPENAI_BASE_URL",
            format!("https://{host}:{}/v1", server.port),
        )
        .args(["thread", "new"]);
    if let Some(ca) = ca {
        cmd.env("SSL_CERT_FILE", fixture(ca));
    }
    run(&mut cmd)
}

#[test]
fn an_untrusted_certificate_is_one_configuration_error_tried_once() {
    let server = TlsServer::start("loopback");
    let out = thread_new(&server, "127.0.0.1", None);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        format!(
            "asst: error: the TLS certificate of 127.0.0.1:{} is signed by an authority this machine does not trust",
            server.port
        )
    );
    assert!(out.stderr.contains("SSL_CERT_FILE"), "{}", out.stderr);
    assert!(!out.stderr.contains("retrying"), "{}", out.stderr);
    assert_eq!(server.connections(), 1, "a certificate is not tried again");
    assert_eq!(out.stdout, "");
}

#[test]
fn ssl_cert_file_trusts_a_private_ca_and_names_are_still_checked() {
    let server = TlsServer::start("loopback");
    for host in ["127.0.0.1", "localhost"] {
        let out = thread_new(&server, host, Some("ca.pem"));
        assert_eq!(out.code, 0, "{host}: {}", out.stderr);
        assert_eq!(out.stdout, "conv_tls\n");
    }
    let elsewhere = TlsServer::start("elsewhere");
    let out = thread_new(&elsewhere, "127.0.0.1", Some("ca.pem"));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "the TLS certificate of 127.0.0.1:{} is not valid for that name",
            elsewhere.port
        )),
        "{}",
        out.stderr
    );
    assert_eq!(elsewhere.connections(), 1);
}

/// `SSL_CERT_FILE` that names no PEM file of certificates (a typo, a file not yet
/// mounted) is said as such, naming the variable and the file, before anything is sent;
/// a command that sends nothing (a store only planned) does not need it.
#[test]
fn a_certificate_file_that_holds_no_certificate_is_named() {
    let server = TlsServer::start("loopback");
    let tmp = tempfile::tempdir().unwrap();
    let not_pem = tmp.path().join("notes.txt");
    std::fs::write(&not_pem, "not a certificate\n").unwrap();
    let missing = tmp.path().join("corp-ca.pem");
    let folder = tmp.path().to_path_buf();
    let cases = [
        ("SSL_CERT_FILE", &missing, "cannot read it"),
        ("SSL_CERT_FILE", &not_pem, "it holds no PEM certificate"),
        ("SSL_CERT_FILE", &folder, "it is a folder"),
        ("SSL_CERT_DIR", &missing, "cannot read it"),
    ];
    for (var, file, why) in cases {
        let url = format!("https://127.0.0.1:{}/v1", server.port);
        let out = run(asst()
            .env("OPENAI_API_KEY", KEY)
            .env("OPENAI_BASE_URL", url)
            .env(var, file)
            .args(["thread", "new"]));
        assert_eq!(out.code, 3, "{}", out.stderr);
        let first = out.stderr.lines().next().unwrap_or_default().to_string();
        assert!(
            first.contains(&format!("{var}={}", file.display())) && first.contains(why),
            "{}",
            out.stderr
        );
        assert_eq!(
            out.stderr.lines().count(),
            2,
            "one error and its hint: {}",
            out.stderr
        );
        let out = run(asst()
            .env(var, file)
            .args(["store", "create", "--dry-run", "--name", "kb"])
            .arg(&not_pem));
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    assert_eq!(server.connections(), 0);
}
