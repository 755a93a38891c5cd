//! Every route, in one place.

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::get;
use axum::Router;
use tower_http::cors::CorsLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{api, pages, AppState};

/// Scripts and styles only from this server; nothing inline, nothing from elsewhere. The page
/// escapes article text anyway; this is the second lock.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router(state: AppState, cors_origin: Option<HeaderValue>) -> Router {
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
