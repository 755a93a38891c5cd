//! Shared by the server tests: a real server on port 0 over a temporary store, a minimal HTTP
//! client, and the seed article.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use dossier_server::{Config, IngestConfig};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const TOKEN: &str = "test-token-0123456789";

/// A running server; it stops with the test's runtime.
pub struct TestServer {
    pub addr: SocketAddr,
    /// Keeps the store's folder alive.
    pub _dir: tempfile::TempDir,
}

pub struct Options {
    pub ingest: bool,
    pub cors_origin: Option<String>,
    pub max_body: usize,
    /// The per-document analysis budget of POST ingest (the default when `None`).
    pub doc_budget: Option<std::time::Duration>,
    pub limits: dossier_server::Limits,
    pub body_timeout: Option<std::time::Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ingest: true,
            cors_origin: None,
            max_body: dossier_server::DEFAULT_MAX_BODY,
            doc_budget: None,
            limits: dossier_server::Limits::default(),
            body_timeout: None,
        }
    }
}

pub async fn start(opts: Options) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::new(dir.path().join("test.db"));
    if opts.ingest {
        let mut ingest = IngestConfig::new(TOKEN.to_string(), dossier_extract::Lexicons::builtin().unwrap());
        ingest.budget = opts.doc_budget.unwrap_or(ingest.budget);
        config.ingest = Some(ingest);
    }
    config.cors_origin = opts.cors_origin;
    config.max_body = opts.max_body;
    config.body_timeout = opts.body_timeout.unwrap_or(config.body_timeout);
    let app = dossier_server::app(config).expect("app");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let limits = opts.limits;
    tokio::spawn(async move {
        if let Err(e) = dossier_server::serve_until(listener, app, limits, std::future::pending()).await {
            panic!("server stopped: {e}");
        }
    });
    TestServer { addr, _dir: dir }
}

/// A response as the tests read it.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One HTTP/1.1 request over a fresh connection (`Connection: close`).
pub async fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body).await.expect("write body");
    let mut raw = Vec::new();
    // The server may answer (413) before reading the whole body and close: read what came.
    let _ = stream.read_to_end(&mut raw).await;
    parse_response(&raw)
}

/// A POST that declares `length` bytes and sends none of them: the answer the server gives
/// without the body, or `None` when it waits for it (given 10 s, far more than an answer takes).
pub async fn post_without_body(addr: SocketAddr, headers: &[(&str, &str)], length: u64) -> Option<Resp> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut head = format!("POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {length}\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => raw.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), read).await.ok()?;
    raw.windows(4).any(|w| w == b"\r\n\r\n").then(|| parse_response(&raw))
}

fn parse_response(raw: &[u8]) -> Resp {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Resp { status, headers, body: String::from_utf8(body).expect("UTF-8 body") }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

pub async fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"").await
}

/// POSTs a document as JSON with the test token; returns its id.
pub async fn ingest_json(addr: SocketAddr, item: &Value) -> String {
    let auth = format!("Bearer {TOKEN}");
    let body = serde_json::to_vec(item).expect("json");
    let r = request(
        addr,
        "POST",
        "/api/documents",
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        &body,
    )
    .await;
    assert!(r.status == 201 || r.status == 200, "ingest failed: {} {}", r.status, r.body);
    r.json()["id"].as_str().expect("id").to_string()
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The seed article (../shared beside the repository), as a feed item with a title and date.
/// The seed article (../shared, `--features shared-data` only).
#[cfg(feature = "shared-data")]
pub fn seed_item() -> Value {
    let path = repo_path("../../../shared/seed/000_daa44a4bba378782.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::json!({
        "url": "https://example.org/seed",
        "title": text.lines().next().unwrap_or_default().trim(),
        "published": "2024-10-31",
        "text": text,
    })
}

/// The bundled Wikinews examples (the feed and korea.txt), as feed items.
pub fn example_items() -> Vec<Value> {
    let path = repo_path("../../examples/wikinews.jsonl");
    let feed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut items: Vec<Value> =
        feed.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("feed line")).collect();
    items.push(korea_item());
    items
}

/// examples/wikinews/korea.txt as a feed item.
pub fn korea_item() -> Value {
    let korea = repo_path("../../examples/wikinews/korea.txt");
    let text = std::fs::read_to_string(&korea).unwrap_or_else(|e| panic!("{}: {e}", korea.display()));
    serde_json::json!({ "published": "2015-08-21", "text": text })
}

/// Percent-encodes a path segment or query value.
pub fn enc(s: &str) -> String {
    dossier_server::html::enc(s)
}
