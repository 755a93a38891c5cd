//! Every route, in one place.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::cors::CorsLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::ApiError;
use crate::{api, pages, AppState};

/// The host names requests may be addressed to, lower case (`Config::allowed_hosts`); `None`: any.
#[derive(Clone)]
pub(crate) struct AllowedHosts(pub Option<Arc<Vec<String>>>);

/// The host a request names, without its port: `Host`, or the URI's authority (HTTP/2).
fn host_name(req: &Request) -> Option<String> {
    let host = match req.headers().get(header::HOST) {
        Some(v) => v.to_str().ok()?.to_string(),
        None => req.uri().authority()?.as_str().to_string(),
    };
    let name = if host.starts_with('[') {
        // [::1]:8080 → [::1]
        host.find(']').map_or(host.as_str(), |end| &host[..=end])
    } else {
        host.rsplit_once(':').map_or(host.as_str(), |(name, _)| name)
    };
    Some(name.to_ascii_lowercase())
}

/// Refuses a request addressed to a host this server does not answer to, before any handler.
async fn check_host(State(allowed): State<AllowedHosts>, req: Request, next: Next) -> Response {
    if let Some(names) = &allowed.0 {
        let name = host_name(&req);
        if !name.as_ref().is_some_and(|n| names.contains(n)) {
            let shown = name.unwrap_or_else(|| "(none)".into());
            return ApiError::BadRequest(format!(
                "host {shown:?} is not one this server answers to (dossier serve --allow-host NAME)"
            ))
            .into_response();
        }
    }
    next.run(req).await
}

/// Scripts and styles only from this server; nothing inline, nothing from elsewhere. The page
/// escapes article text anyway; this is the second lock.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub(crate) fn router(state: AppState, cors_origin: Option<HeaderValue>, hosts: AllowedHosts) -> Router {
    let mut api = Router::new()
        .route("/documents", get(api::documents).post(api::ingest))
        .route("/documents/{id}", get(api::document))
        .route("/search", get(api::search))
        .route("/entities", get(api::entities))
        .route("/entities/{name}", get(api::entity))
        .route("/statements", get(api::statements))
        .route("/quantities", get(api::quantities))
        .route("/events", get(api::events))
        .route("/claims", get(api::claims))
        .route("/claims/{id}", get(api::claim))
        .route("/stats", get(api::stats))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed);
    // Cross-origin reads stay closed (no CORS headers at all) unless an origin was named.
    if let Some(origin) = cors_origin {
        api = api.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    let max_body = state.max_body;
    Router::new()
        .route("/", get(pages::home))
        .route("/documents/{id}", get(pages::document))
        .route("/entities", get(pages::entities))
        .route("/entities/{name}", get(pages::entity))
        .route("/statements", get(pages::statements))
        .route("/search", get(pages::search))
        .route("/quantities", get(pages::quantities))
        .route("/claims", get(pages::claims))
        .route("/claims/{id}", get(pages::claim))
        .route("/assets/style.css", get(pages::style))
        .route("/assets/app.js", get(pages::script))
        .nest("/api", api)
        .fallback(pages::not_found)
        // Inside the header layers: a refused host still gets the security headers.
        .layer(middleware::from_fn_with_state(hosts, check_host))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}
