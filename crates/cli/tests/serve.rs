//! `dossier serve` as a user runs it: the binary on port 0, answering over loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn http_get(addr: &str, path: &str) -> String {
    http_get_as(addr, addr, path)
}

/// A GET addressed to `host` (its `Host` header), sent to `addr`.
fn http_get_as(addr: &str, host: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

#[test]
fn serve_answers_on_loopback_and_refuses_bad_flags() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let korea = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/wikinews/korea.txt");
    let st = dossier().arg("ingest").arg("--db").arg(&db).arg(&korea).output().expect("ingest");
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));

    let mut child = dossier()
        .args(["serve", "--port", "0", "--allow-host", "Dossier.Example", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr")).read_line(&mut line).expect("first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "bound to loopback by default: {addr}");
    let stats = http_get(&addr, "/api/stats");
    let page = http_get(&addr, "/");
    let post = {
        let mut s = TcpStream::connect(&addr).expect("connect");
        write!(s, "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: 4\r\n\r\ntext")
            .expect("post");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        out
    };
    // This machine's names and the one allowed, not another (DNS rebinding).
    let port = addr.rsplit(':').next().unwrap();
    let allowed = http_get_as(&addr, &format!("dossier.example:{port}"), "/api/stats");
    let local = http_get_as(&addr, &format!("localhost:{port}"), "/api/stats");
    let other = http_get_as(&addr, &format!("evil.example:{port}"), "/api/stats");
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(stats.starts_with("HTTP/1.1 200") && stats.contains("\"documents\":1"), "{stats}");
    assert!(
        page.contains("1 documents") && page.contains("href=\"/documents/sha256%3A"),
        "the home page lists the article"
    );
    assert!(post.starts_with("HTTP/1.1 403") && post.contains("ingest_disabled"), "read-only by default: {post}");
    assert!(allowed.starts_with("HTTP/1.1 200"), "{allowed}");
    assert!(local.starts_with("HTTP/1.1 200"), "{local}");
    assert!(other.starts_with("HTTP/1.1 400") && other.contains("--allow-host"), "{other}");

    // --allow-ingest needs a token; a read-only server needs an existing database.
    let no_token = dossier().args(["serve", "--allow-ingest", "--db"]).arg(&db).output().expect("run");
    assert_eq!(no_token.status.code(), Some(2));
    let missing =
        dossier().args(["serve", "--port", "0", "--db"]).arg(dir.path().join("none.db")).output().expect("run");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no database"));
}
