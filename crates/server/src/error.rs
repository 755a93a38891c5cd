//! The one error type of the API. Each variant has a stable `code`; the client gets the code and
//! a short message as JSON, the details of internal errors go to the server's log only.

use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("missing or wrong bearer token")]
    Unauthorized,
    #[error("ingest is disabled: start the server with --allow-ingest --token T")]
    IngestDisabled,
    #[error("request body larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("request body not received within {0} s")]
    RequestTimeout(u64),
    /// The document's analysis ran past the server's per-document budget; nothing was stored.
    #[error("{0}")]
    OverBudget(String),
    /// The detail is logged, never sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The stable, machine-readable code: part of the API contract (see openapi.json).
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "not_found",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::IngestDisabled => "ingest_disabled",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::RequestTimeout(_) => "request_timeout",
            ApiError::OverBudget(_) => "over_budget",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::IngestDisabled => StatusCode::FORBIDDEN,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::OverBudget(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs internal errors (with their detail) and returns the message a client may see.
    pub(crate) fn public_message(&self) -> String {
        if let ApiError::Internal(detail) = self {
            eprintln!("error: {detail}");
        }
        self.to_string()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = json!({ "error": { "code": self.code(), "message": self.public_message() } });
        let mut resp = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

impl From<dossier_store::StoreError> for ApiError {
    fn from(e: dossier_store::StoreError) -> Self {
        match e {
            // The client's query, not the server, is at fault; the message says what to do.
            dossier_store::StoreError::OverBudget { .. } => ApiError::BadRequest(e.to_string()),
            e => ApiError::Internal(e.to_string()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(e: PathRejection) -> Self {
        ApiError::BadRequest(e.body_text())
    }
}

impl ApiError {
    /// A body that could not be read: too large, or broken.
    pub(crate) fn from_body(e: BytesRejection, limit: usize) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge(limit)
        } else {
            ApiError::BadRequest(e.body_text())
        }
    }
}
