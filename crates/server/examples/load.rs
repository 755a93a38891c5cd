//! A bounded load generator: a fixed number of GET requests to one URL from N keep-alive
//! connections, then the p50/p99 latency, the rate and every error (a failed connection or
//! request, or a status other than 2xx). bench/load_test.sh runs it over every route.
//!
//! `cargo run --release -p dossier-server --example load -- URL [REQUESTS] [CONNECTIONS]`
//!
//! Why not wrk: wrk runs for a duration, not a count (its Lua `thread:stop()` ends the
//! requests but not the run, so the rate it reports is wrong), and oha is not packaged here.
//! Each connection here is a plain HTTP/1.1 client of hyper's, the library the server uses.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url: hyper::Uri = args.next().expect("usage: load URL [REQUESTS] [CONNECTIONS]").parse().expect("a URL");
    let requests: usize = args.next().map_or(2000, |n| n.parse().expect("REQUESTS: a number"));
    let connections: usize = args.next().map_or(50, |n| n.parse().expect("CONNECTIONS: a number"));
    let host = url.host().expect("a host").to_string();
    let port = url.port_u16().unwrap_or(80);
    let path = url.path_and_query().map_or("/".to_string(), |p| p.to_string());
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let clients: Vec<_> = (0..connections)
        .map(|_| {
            let (next, host, path) = (Arc::clone(&next), host.clone(), path.clone());
            tokio::spawn(async move { client(&host, port, &path, &next, requests).await })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::with_capacity(requests);
    let mut errors = 0;
    for c in clients {
        let (l, e) = c.await.expect("client task");
        latencies.extend(l);
        errors += e;
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let pct =
        |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1))).copied();
    let ms = |d: Option<Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
    println!(
        "requests={} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} rate={:.1} errors={}",
        latencies.len() + errors,
        ms(pct(0.50)),
        ms(pct(0.99)),
        ms(latencies.last().copied()),
        (latencies.len() + errors) as f64 / elapsed.as_secs_f64(),
        errors
    );
}

/// One keep-alive connection sending requests until the shared count is reached (reconnecting
/// after an error); the latency of each answered request and the number of errors.
async fn client(host: &str, port: u16, path: &str, next: &AtomicUsize, total: usize) -> (Vec<Duration>, usize) {
    let (mut latencies, mut errors) = (Vec::new(), 0);
    let mut sender = None;
    while next.fetch_add(1, Ordering::Relaxed) < total {
        if sender.is_none() {
            sender = connect(host, port).await;
        }
        let Some(s) = sender.as_mut() else {
            errors += 1;
            continue;
        };
        let req = hyper::Request::get(path)
            .header(hyper::header::HOST, format!("{host}:{port}"))
            .body(Empty::<Bytes>::new())
            .expect("request");
        let started = Instant::now();
        let ok = match s.send_request(req).await {
            Ok(resp) => {
                let status = resp.status();
                resp.into_body().collect().await.is_ok() && status.is_success()
            }
            Err(_) => false,
        };
        if ok {
            latencies.push(started.elapsed());
        } else {
            errors += 1;
            sender = None;
        }
    }
    (latencies, errors)
}

async fn connect(host: &str, port: u16) -> Option<hyper::client::conn::http1::SendRequest<Empty<Bytes>>> {
    let stream = tokio::net::TcpStream::connect((host, port)).await.ok()?;
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.ok()?;
    tokio::spawn(conn);
    Some(sender)
}
