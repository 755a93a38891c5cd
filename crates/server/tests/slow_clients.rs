//! Clients that hold a connection without finishing a request: a header sent a byte at a time,
//! a keep-alive connection left idle, a body that never completes, more connections than the
//! server takes. Each is dropped or answered within its limit, and others are served meanwhile.
//! The limits are set to a second here so that the tests run quickly; what is checked is that
//! the connection ends, not how fast anything runs.

mod common;

use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn limits(max_connections: usize) -> dossier_server::Limits {
    dossier_server::Limits { header_timeout: Duration::from_secs(1), max_connections, ..Default::default() }
}

/// Reads until the server closes the connection (or 10 s pass); what it sent, and whether it closed.
async fn read_until_closed(stream: &mut TcpStream) -> (Vec<u8>, bool) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return true,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    };
    let closed = tokio::time::timeout(Duration::from_secs(10), read).await.unwrap_or(false);
    (got, closed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_header_sent_a_byte_at_a_time_is_cut_off_and_others_are_served() {
    let srv = start(Options { limits: limits(64), ..Options::default() }).await;
    let mut slow = TcpStream::connect(srv.addr).await.unwrap();
    let started = Instant::now();
    let trickle = async {
        for b in b"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: abcdefghijklmnopqrstuvwxyz" {
            if slow.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    };
    // Meanwhile another client is answered.
    let (_, other) = tokio::join!(trickle, async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        get(srv.addr, "/api/documents").await
    });
    assert_eq!(other.status, 200);
    let (got, closed) = read_until_closed(&mut slow).await;
    assert!(closed, "the slow client's connection is still open after {:?}", started.elapsed());
    // hyper answers a header timeout with 408 or just closes; either way nothing was served.
    assert!(got.is_empty() || got.starts_with(b"HTTP/1.1 408"), "{}", String::from_utf8_lossy(&got));
    assert!(started.elapsed() < Duration::from_secs(8), "dropped only after {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed() {
    let srv = start(Options { limits: limits(64), ..Options::default() }).await;
    let mut conn = TcpStream::connect(srv.addr).await.unwrap();
    conn.write_all(b"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await.unwrap();
    let (got, closed) = read_until_closed(&mut conn).await;
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&got));
    assert!(closed, "an idle keep-alive connection stayed open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_completes_is_answered_408() {
    let srv = start(Options { body_timeout: Some(Duration::from_secs(1)), ..Options::default() }).await;
    let mut conn = TcpStream::connect(srv.addr).await.unwrap();
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: text/plain\r\nContent-Length: 1000\r\n\r\nRyder said"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let (got, _) = read_until_closed(&mut conn).await;
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    assert!(got.contains("\"request_timeout\""), "{got}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_cap_are_closed_and_served_again_once_freed() {
    let srv = start(Options { limits: limits(2), ..Options::default() }).await;
    let held = [TcpStream::connect(srv.addr).await.unwrap(), TcpStream::connect(srv.addr).await.unwrap()];
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(srv.addr).await.unwrap();
    let _ = third.write_all(b"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").await;
    let (got, closed) = read_until_closed(&mut third).await;
    assert!(closed && got.is_empty(), "{}", String::from_utf8_lossy(&got));
    drop(held);
    // Freed slots serve again (the server notices the closed sockets at once).
    let mut answered = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let mut conn = TcpStream::connect(srv.addr).await.unwrap();
        let _ = conn.write_all(b"GET /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await;
        let (got, _) = read_until_closed(&mut conn).await;
        if got.starts_with(b"HTTP/1.1 200") {
            answered = true;
            break;
        }
    }
    assert!(answered, "no request served after the held connections closed");
}
