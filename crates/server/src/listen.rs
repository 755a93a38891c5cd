//! The accept loop: HTTP/1 connections served by hyper with the limits a server facing untrusted
//! clients needs, which `axum::serve` does not set.
//!
//! - A client must send a request's whole header within [`Limits::header_timeout`], and an idle
//!   keep-alive connection is closed after the same time (hyper's header-read timeout, which
//!   also runs while a connection waits for its next request). A client sending a header byte
//!   every few seconds is dropped, not served for ever.
//! - At most [`Limits::max_connections`] connections are open at once; one more is closed as it
//!   is accepted, so half-open sockets cannot take every file descriptor of the process.
//! - An accept error (EMFILE when descriptors run out) pauses the loop briefly instead of
//!   spinning or stopping the server.
//! - On Ctrl-C or SIGTERM the listener closes, requests in flight finish, idle connections are
//!   closed (hyper's graceful shutdown).
//!
//! Request bodies have their own deadline where they are read (`api::ingest`).

use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::sync::Semaphore;

use crate::{Router, ServerError};

/// What one client may hold of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// To send a request's header, and the longest a keep-alive connection stays idle.
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
    /// How long shutdown waits for requests in flight.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 512,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Serves `app` on `listener` with `limits` until `stop` completes.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), ServerError> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of descriptors or a connection reset before it was accepted: wait for
                // connections to close rather than spin.
                eprintln!("warning: accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            // Full: this connection is closed at once, the ones being served go on.
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let conn = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that went away or timed out ends its own connection, nothing else.
            let _ = conn.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(limits.shutdown_grace) => {
            eprintln!("warning: requests still running after {} s; stopping", limits.shutdown_grace.as_secs());
        },
    }
    Ok(())
}
