//! Starts the real binary, as the browser tests do, and talks to it over real TLS, trusting
//! only the certificate it wrote with `--cert-out`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, RootCertStore};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

/// The server process, stopped (by its own handle, so by its PID) when the test ends.
struct Fake {
    child: Child,
    https_port: u16,
    control_port: u16,
    certificate: PathBuf,
}

impl Fake {
    fn start(name: &str, extra: &[&str]) -> Fake {
        let certificate = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.pem"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_fake-functionize"))
            .arg("--cert-out")
            .arg(&certificate)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the fake starts");
        let mut line = String::new();
        let stdout = child.stdout.take().unwrap();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let ready: Value = serde_json::from_str(&line).expect("a JSON ready line");
        Fake {
            child,
            https_port: ready["https_port"].as_u64().unwrap() as u16,
            control_port: ready["control_port"].as_u64().unwrap() as u16,
            certificate,
        }
    }

    /// One HTTPS request under the real host name; returns the raw response.
    async fn https(&self, request_head: &str) -> Vec<u8> {
        let mut roots = RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_file(&self.certificate).unwrap())
            .unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let tcp = TcpStream::connect(("127.0.0.1", self.https_port))
            .await
            .unwrap();
        let name = ServerName::try_from("app.functionize.com").unwrap();
        let mut tls = TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .expect("the certificate is valid for app.functionize.com");
        exchange(&mut tls, request_head).await
    }

    async fn control(&self, method: &str, path: &str, body: &str) -> Value {
        let mut tcp = TcpStream::connect(("127.0.0.1", self.control_port))
            .await
            .unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let raw = exchange(&mut tcp, &head).await;
        serde_json::from_slice(split(&raw).1).unwrap()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn exchange<S: AsyncReadExt + AsyncWriteExt + Unpin>(stream: &mut S, head: &str) -> Vec<u8> {
    let head = head.replacen("\r\n", "\r\nConnection: close\r\n", 1);
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    // A truncated answer ends in a reset or an unclean TLS close; what arrived is the point.
    let _ = stream.read_to_end(&mut raw).await;
    raw
}

fn split(raw: &[u8]) -> (String, &[u8]) {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    (
        String::from_utf8_lossy(&raw[..end]).into_owned(),
        &raw[end + 4..],
    )
}

fn get(path: &str, token: Option<&str>) -> String {
    let token = token
        .map(|t| format!("accesstoken: {t}\r\n"))
        .unwrap_or_default();
    format!("GET {path} HTTP/1.1\r\nHost: app.functionize.com\r\n{token}\r\n")
}

#[tokio::test]
async fn the_api_needs_the_token_and_the_log_never_shows_it() {
    let fake = Fake::start("token", &[]);
    let list = "/api/v4/orchestration?response_type=json";

    let refused = fake.https(&get(list, None)).await;
    let (head, body) = split(&refused);
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    assert_eq!(
        serde_json::from_slice::<Value>(body).unwrap()["STATUS"],
        "FAILURE"
    );

    let answered = fake.https(&get(list, Some("fzk-demo-token"))).await;
    let (head, body) = split(&answered);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let body: Value = serde_json::from_slice(body).unwrap();
    assert!(body["RESULTSET"].as_array().unwrap().len() >= 25);

    let log = fake.control("GET", "/requests", "").await;
    assert_eq!(log[0]["has_token"], false);
    assert_eq!(
        (log[1]["token_valid"].clone(), log[1]["status"].clone()),
        (true.into(), 200.into())
    );
    assert_eq!(log[1]["host"], "app.functionize.com");
    assert!(!log.to_string().contains("fzk-demo-token"));
}

#[tokio::test]
async fn a_truncate_rule_sends_half_the_announced_body() {
    let fake = Fake::start("truncate", &["--shape", "bare"]);
    let rules = r#"[{"path":"/orchestration","truncate":true,"times":1}]"#;
    fake.control("POST", "/rules", rules).await;

    let raw = fake
        .https(&get("/api/v4/orchestration", Some("fzk-demo-token")))
        .await;
    let (head, body) = split(&raw);
    let announced: usize = head
        .lines()
        .find_map(|line| {
            line.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_string)
        })
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(body.len(), announced / 2);
    assert!(serde_json::from_slice::<Value>(body).is_err());

    let whole = fake
        .https(&get("/api/v4/orchestration", Some("fzk-demo-token")))
        .await;
    assert!(serde_json::from_slice::<Value>(split(&whole).1)
        .unwrap()
        .is_array());
}

#[tokio::test]
async fn the_app_shell_is_served_quickly_with_thousands_of_orchestrations() {
    let fake = Fake::start("shell", &["--generate", "5000"]);
    let expected = fake.control("GET", "/fixture", "").await;
    let last = &expected[4999];
    let hex = last["deployment_id"].as_str().unwrap();
    let run = last["last_run_id"].as_str().unwrap();
    let path = format!("/app/orchestrations/{hex}/runs/{run}");

    let started = std::time::Instant::now();
    let raw = fake.https(&get(&path, None)).await;
    let elapsed = started.elapsed();
    let (head, body) = split(&raw);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head
        .to_ascii_lowercase()
        .contains("content-type: text/html"));
    let html = String::from_utf8_lossy(body);
    assert!(html.contains("Generated regression suite 5000"));
    assert!(html.contains(hex));
    // Generous for a debug build on a slow machine; a shell that took seconds would stall the
    // browser tests that load many pages.
    assert!(elapsed < std::time::Duration::from_secs(2), "{elapsed:?}");
}
