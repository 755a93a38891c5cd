//! Arbitrary bytes as the path and query of a GET request to the HTTP router, over a store of
//! the bundled Wikinews examples built once.
//!
//! The first byte picks a route prefix (`/api/search?q=`, `/api/documents?limit=`,
//! `/api/entities/`, `/search?q=`, …, or none: the rest is the whole path); its top bit says
//! whether the rest is appended as it is (requests whose URI does not parse are left out: the
//! HTTP layer refuses them before the router) or percent-encoded. Checks: an answer arrives
//! within 5 s, in whole; it is never a 5xx; a 2xx JSON answer is JSON.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request};
use dossier_server::{app, Config, Router};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

const ROUTES: [&str; 24] = [
    "",
    "/api/search?q=",
    "/api/documents?limit=",
    "/api/documents?offset=",
    "/api/documents?",
    "/api/documents/",
    "/api/entities/",
    "/api/entities?",
    "/api/statements?",
    "/api/quantities?",
    "/api/events?",
    "/api/claims?",
    "/api/claims/",
    "/api/stats?",
    "/search?q=",
    "/entities/",
    "/entities?",
    "/documents/",
    "/documents?",
    "/statements?",
    "/quantities?",
    "/claims?",
    "/claims/",
    "/?",
];

struct Fixture {
    rt: tokio::runtime::Runtime,
    router: Router,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("fuzz.db");
        let lex = dossier_extract::Lexicons::builtin().expect("lexicons");
        let docs: Vec<_> = include_str!("../../examples/wikinews.jsonl")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let item = dossier_ingest::FeedItem::parse(l.as_bytes()).expect("example line");
                dossier_ingest::feed_document(item, "examples/wikinews.jsonl".into(), 1 << 20).expect("example doc").doc
            })
            .collect();
        let mut store = dossier_store::Store::open(&db).expect("store");
        dossier_ingest::analyze_and_store(&mut store, &lex, docs).expect("stored");
        drop(store);
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let router = app(Config::new(db)).expect("router");
        Fixture { rt, router, _dir: dir }
    })
}

fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~=&".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let prefix = ROUTES[(sel & 0x7f) as usize % ROUTES.len()];
    let tail = if sel & 0x80 == 0 { String::from_utf8_lossy(rest).into_owned() } else { encode(rest) };
    let uri = format!("{prefix}{tail}");
    let Ok(uri) = uri.parse::<axum::http::Uri>() else { return };
    if uri.path_and_query().is_none() || !uri.path().starts_with('/') || uri.authority().is_some() {
        return;
    }
    let Ok(req) = Request::get(uri.clone()).header(header::HOST, "localhost").body(Body::empty()) else { return };
    let f = fixture();
    let router = f.router.clone();
    f.rt.block_on(async move {
        let answer = tokio::time::timeout(Duration::from_secs(5), async move {
            let resp = router.oneshot(req).await.expect("the router is infallible");
            let status = resp.status();
            let json = resp
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("json"));
            let body = axum::body::to_bytes(resp.into_body(), 64 << 20).await.expect("the body arrives whole");
            (status, json, body)
        })
        .await;
        let (status, json, body) = answer.unwrap_or_else(|_| panic!("no answer within 5 s to GET {uri}"));
        assert!(
            !status.is_server_error(),
            "GET {uri} answered {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(2000)])
        );
        if status.is_success() && json {
            assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok(), "GET {uri}: a 2xx JSON answer is not JSON");
        }
    });
});
