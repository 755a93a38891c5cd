//! Dossier's HTTP side: a JSON API and a web page over the store, served by one axum router.
//!
//! Read-only unless ingest is configured ([`Config::ingest`]); cross-origin requests closed
//! unless an origin is named ([`Config::cors_origin`]). Every piece of article text that reaches
//! a page is escaped ([`html`]).
//!
//! ```no_run
//! let config = dossier_server::Config::new("dossier.db".into());
//! dossier_server::run(config, "127.0.0.1:8080".parse().unwrap()).unwrap();
//! ```

mod api;
mod chart;
mod claim_views;
pub mod error;
mod export;
pub mod html;
mod listen;
mod pages;
mod pool;
mod router;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::http::HeaderValue;

use dossier_extract::Lexicons;

pub use axum::Router;
pub use error::ApiError;
pub use listen::{serve_until, Limits};
use pool::Pool;

/// The OpenAPI 3 description of the JSON API, served at /api/openapi.json.
pub const OPENAPI: &str = include_str!("../openapi.json");
const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");

/// Default limit on a request body (16 MiB, as for `dossier ingest`).
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

/// Everything that can stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] dossier_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("--cors-origin {0:?} is not a valid origin")]
    BadOrigin(String),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// POST ingest: the bearer token it requires, the lexicons it analyses with and how long one
/// document's analysis may take (past it the request is answered 422 `over_budget`).
pub struct IngestConfig {
    pub token: String,
    pub lexicons: Lexicons,
    pub budget: std::time::Duration,
}

impl IngestConfig {
    /// With the default budget of `dossier ingest` ([`dossier_ingest::DEFAULT_DOC_BUDGET`]).
    pub fn new(token: String, lexicons: Lexicons) -> IngestConfig {
        IngestConfig { token, lexicons, budget: dossier_ingest::DEFAULT_DOC_BUDGET }
    }
}

pub struct Config {
    pub db: PathBuf,
    /// `None`: read-only (POST /api/documents answers 403 `ingest_disabled`).
    pub ingest: Option<IngestConfig>,
    /// The one origin allowed to read the API from a browser, e.g. `https://example.org`.
    pub cors_origin: Option<String>,
    /// Larger request bodies are refused with 413.
    pub max_body: usize,
    /// A request body not received whole within this time is answered 408 (a client that sends
    /// a byte every few seconds holds a connection no longer than this).
    pub body_timeout: std::time::Duration,
    /// Store connections, each used by one request at a time.
    pub connections: usize,
    /// The host names a request may be addressed to (its `Host`), any case, port aside; `None`
    /// takes any. The default, this machine's names only, keeps a web page that rebinds its own
    /// domain to 127.0.0.1 (DNS rebinding) from reading a local server.
    pub allowed_hosts: Option<Vec<String>>,
}

/// The names of this machine: what a local server answers to by default.
pub const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

impl Config {
    /// Read-only, no CORS, default limits.
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            ingest: None,
            cors_origin: None,
            max_body: DEFAULT_MAX_BODY,
            body_timeout: std::time::Duration::from_secs(60),
            connections: 4,
            allowed_hosts: Some(LOOPBACK_HOSTS.iter().map(|h| h.to_string()).collect()),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pool: Arc<Pool>,
    ingest: Option<Arc<IngestConfig>>,
    max_body: usize,
    body_timeout: std::time::Duration,
}

/// The router over the store at `config.db` (opened, and created if missing, here).
pub fn app(config: Config) -> Result<Router, ServerError> {
    let cors = match config.cors_origin {
        Some(o) => Some(HeaderValue::from_str(&o).map_err(|_| ServerError::BadOrigin(o.clone()))?),
        None => None,
    };
    let state = AppState {
        pool: Pool::open(&config.db, config.connections)?,
        ingest: config.ingest.map(Arc::new),
        max_body: config.max_body,
        body_timeout: config.body_timeout,
    };
    let hosts = config.allowed_hosts.map(|h| Arc::new(h.iter().map(|h| h.to_ascii_lowercase()).collect()));
    Ok(router::router(state, cors, router::AllowedHosts(hosts)))
}

/// Serves `app` on `listener` with the default [`Limits`] until Ctrl-C (or SIGTERM).
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> Result<(), ServerError> {
    serve_until(listener, app, Limits::default(), shutdown()).await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Opens the store, binds `addr`, prints where it listens (stderr) and serves until stopped.
pub fn run(config: Config, addr: SocketAddr) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let app = app(config)?;
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|source| ServerError::Bind { addr, source })?;
        let local = listener.local_addr()?;
        eprintln!("dossier: serving http://{local}/ (Ctrl-C to stop)");
        serve(listener, app).await
    })
}
