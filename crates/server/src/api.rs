//! The JSON API handlers: each extracts and validates its input, makes one store call and maps
//! the result. No SQL here (it lives in dossier-store).

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use dossier_core::{Document, Metadata};
use dossier_store::{DocumentOrder, DocumentQuery, Inserted, StatementQuery};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::ApiError;
use crate::export::{csv_response, FormatParam};
use crate::views::STANCES;
use crate::AppState;

/// The most rows one request returns.
pub const MAX_LIMIT: usize = 500;

/// Query parameters, with a bad query answered as an [`ApiError`].
pub struct Q<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(t) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(Q(t))
    }
}

/// How many items a list returns: `default` when not asked, at most [`MAX_LIMIT`]; `limit=0`
/// is refused rather than read as one or as the default.
pub(crate) fn limit(asked: Option<usize>, default: usize) -> Result<usize, ApiError> {
    match asked {
        Some(0) => Err(ApiError::BadRequest(format!("limit must be between 1 and {MAX_LIMIT}"))),
        asked => Ok(asked.unwrap_or(default).min(MAX_LIMIT)),
    }
}

/// An empty form field means "no filter".
pub(crate) fn given(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[derive(Debug, Default, Deserialize)]
pub struct PageParams {
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

/// A claim page: one stance's reports a page at a time (`/claims/ID?stance=denies&offset=100`).
#[derive(Debug, Default, Deserialize)]
pub struct ClaimPageParams {
    pub stance: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

/// The documents list's filters and order (`GET /api/documents`, the documents page).
#[derive(Debug, Default, Deserialize)]
pub struct DocumentParams {
    pub outlet: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Documents with a statement by this entity.
    pub speaker: Option<String>,
    /// The title's headline verdict.
    pub verdict: Option<String>,
    /// ingested (default), published, published_asc, statements, title.
    pub sort: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

/// The headline verdicts a document filter accepts.
pub const VERDICTS: [&str; 4] = ["supported", "contradicted", "unsupported", "overstated"];

/// The orders of the documents list, as `sort` names them.
pub const DOCUMENT_ORDERS: [(&str, DocumentOrder); 5] = [
    ("ingested", DocumentOrder::Ingested),
    ("published", DocumentOrder::Published),
    ("published_asc", DocumentOrder::PublishedAsc),
    ("statements", DocumentOrder::Statements),
    ("title", DocumentOrder::Title),
];

impl DocumentParams {
    /// Validates the parameters into a store query.
    pub fn to_query(&self, default_limit: usize) -> Result<DocumentQuery, ApiError> {
        let verdict = given(self.verdict.clone()).map(|v| v.to_lowercase());
        if let Some(v) = &verdict {
            if !VERDICTS.contains(&v.as_str()) {
                return Err(ApiError::BadRequest(format!("verdict: {v:?} is not one of {}", VERDICTS.join(", "))));
            }
        }
        let order = match given(self.sort.clone()) {
            None => DocumentOrder::default(),
            Some(s) => DOCUMENT_ORDERS.iter().find(|(name, _)| *name == s).map(|(_, o)| *o).ok_or_else(|| {
                let names: Vec<&str> = DOCUMENT_ORDERS.iter().map(|(n, _)| *n).collect();
                ApiError::BadRequest(format!("sort: {s:?} is not one of {}", names.join(", ")))
            })?,
        };
        Ok(DocumentQuery {
            outlet: given(self.outlet.clone()),
            since: iso_date("since", self.since.clone())?,
            until: iso_date("until", self.until.clone())?,
            speaker: given(self.speaker.clone()),
            verdict,
            order,
            offset: self.offset.unwrap_or(0),
            limit: limit(self.limit, default_limit)?,
        })
    }
}

/// The entities list: one kind, or all.
#[derive(Debug, Default, Deserialize)]
pub struct EntityListParams {
    pub kind: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
pub struct StatementParams {
    pub speaker: Option<String>,
    pub entity: Option<String>,
    pub stance: Option<String>,
    pub hedged: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub doc: Option<String>,
    pub outlet: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
pub struct EventParams {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub since: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ClaimParams {
    /// `GET /api/claims`: each claim's first this many reports and numbers, by date (default 20).
    pub reports: Option<usize>,
    pub about: Option<String>,
    pub since: Option<String>,
    pub min_documents: Option<u32>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

impl ClaimParams {
    /// Validates the parameters into a store filter.
    pub fn to_filter(&self, default_limit: usize) -> Result<dossier_store::ClaimFilter, ApiError> {
        Ok(dossier_store::ClaimFilter {
            about: given(self.about.clone()),
            since: iso_date("since", self.since.clone())?,
            min_documents: self.min_documents.unwrap_or(1),
            limit: limit(self.limit, default_limit)? as u32,
            offset: self.offset.unwrap_or(0) as u32,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct QuantityParams {
    pub counted: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

fn iso_date(name: &str, s: Option<String>) -> Result<Option<String>, ApiError> {
    match given(s) {
        None => Ok(None),
        Some(s) => match chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) => Ok(Some(d.to_string())),
            Err(_) => Err(ApiError::BadRequest(format!("{name}: not a date {s:?} (expected YYYY-MM-DD)"))),
        },
    }
}

impl StatementParams {
    /// Validates the parameters into a store query.
    pub fn to_query(&self) -> Result<StatementQuery, ApiError> {
        let stance = given(self.stance.clone()).map(|s| s.to_lowercase());
        if let Some(s) = &stance {
            if !STANCES.contains(&s.as_str()) {
                return Err(ApiError::BadRequest(format!("stance: {s:?} is not one of {}", STANCES.join(", "))));
            }
        }
        let hedged = match given(self.hedged.clone()).as_deref() {
            None => None,
            Some("true" | "1" | "yes") => Some(true),
            Some("false" | "0" | "no") => Some(false),
            Some(other) => return Err(ApiError::BadRequest(format!("hedged: {other:?} is not true or false"))),
        };
        Ok(StatementQuery {
            speaker: given(self.speaker.clone()),
            entity: given(self.entity.clone()),
            stance,
            hedged,
            since: iso_date("since", self.since.clone())?,
            until: iso_date("until", self.until.clone())?,
            doc_id: given(self.doc.clone()),
            outlet: given(self.outlet.clone()),
            offset: self.offset.unwrap_or(0),
            limit: limit(self.limit, 100)?,
        })
    }
}

/// A JSON body, or its `items` as CSV when `format=csv` asked for it.
fn listed<T: Serialize>(format: &FormatParam, name: &str, items: &[T], json: serde_json::Value) -> ApiResult {
    if format.csv()? {
        csv_response(name, items)
    } else {
        Ok(Json(json).into_response())
    }
}

type ApiResult = Result<axum::response::Response, ApiError>;

pub async fn documents(State(st): State<AppState>, Q(p): Q<DocumentParams>, Q(f): Q<FormatParam>) -> ApiResult {
    let query = p.to_query(50)?;
    f.csv()?;
    let page = st.pool.run(move |s| s.documents_where(&query)).await?;
    listed(&f, "documents", &page.items, json!(page))
}

/// A stored document as the API shows it.
#[derive(Debug, Serialize)]
struct DocumentOut<'a> {
    id: &'a str,
    #[serde(flatten)]
    meta: &'a Metadata,
    text: &'a str,
}

pub async fn document(
    State(st): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let Path(id) = id?;
    let wanted = id.clone();
    let found = st.pool.run(move |s| s.document(&wanted)).await?;
    let (doc, analysis) = found.ok_or_else(|| ApiError::NotFound(format!("no document {id:?}")))?;
    let out = DocumentOut { id: &doc.id, meta: &doc.meta, text: &doc.text };
    Ok(Json(json!({ "document": out, "analysis": analysis })))
}

pub async fn search(State(st): State<AppState>, Q(p): Q<SearchParams>, Q(f): Q<FormatParam>) -> ApiResult {
    let q = given(p.q).ok_or_else(|| ApiError::BadRequest("q: a search query is required".into()))?;
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 20)?);
    f.csv()?;
    let query = q.clone();
    let hits = st.pool.run(move |s| s.search_page(&query, offset, n)).await?;
    listed(&f, "search", &hits, json!({ "query": q, "offset": offset, "limit": n, "items": hits }))
}

pub async fn entities(State(st): State<AppState>, Q(p): Q<EntityListParams>, Q(f): Q<FormatParam>) -> ApiResult {
    let (kind, offset, n) = (given(p.kind), p.offset.unwrap_or(0), limit(p.limit, 100)?);
    f.csv()?;
    let page = st.pool.run(move |s| s.entities_page(kind.as_deref(), offset, n)).await?;
    listed(&f, "entities", &page.items, json!(page))
}

/// One entity; `offset` and `limit` page its statements and numbers. As CSV: its statements.
pub async fn entity(
    State(st): State<AppState>,
    name: Result<Path<String>, PathRejection>,
    Q(p): Q<PageParams>,
    Q(f): Q<FormatParam>,
) -> ApiResult {
    let Path(name) = name?;
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 100)?);
    f.csv()?;
    let wanted = name.clone();
    let found = st.pool.run(move |s| s.entity_page(&wanted, offset, n)).await?;
    let e = found.ok_or_else(|| ApiError::NotFound(format!("no entity {name:?}")))?;
    listed(&f, "statements", &e.statements, json!(e))
}

pub async fn statements(State(st): State<AppState>, Q(p): Q<StatementParams>, Q(f): Q<FormatParam>) -> ApiResult {
    let query = p.to_query()?;
    f.csv()?;
    let (offset, limit) = (query.offset, query.limit);
    let rows = st.pool.run(move |s| s.statements_where(&query)).await?;
    listed(&f, "statements", &rows, json!({ "offset": offset, "limit": limit, "items": rows }))
}

/// Who did what to whom, in publication order.
pub async fn events(State(st): State<AppState>, Q(p): Q<EventParams>, Q(f): Q<FormatParam>) -> ApiResult {
    f.csv()?;
    let kind = match given(p.kind) {
        None => None,
        Some(k) => Some(
            dossier_core::EventType::parse(&k)
                .ok_or_else(|| {
                    let all = dossier_core::EventType::ALL.map(|t| t.as_str()).join(", ");
                    ApiError::BadRequest(format!("type: {k:?} is not one of {all}"))
                })?
                .as_str()
                .to_string(),
        ),
    };
    let filter = dossier_store::EventFilter {
        kind,
        actor: given(p.actor),
        since: iso_date("since", p.since)?,
        offset: p.offset.unwrap_or(0),
        limit: limit(p.limit, 100)?,
    };
    let (offset, n) = (filter.offset, filter.limit);
    let rows = st.pool.run(move |s| s.events(&filter)).await?;
    listed(&f, "events", &rows, json!({ "offset": offset, "limit": n, "items": rows }))
}

/// Claims across the stored articles, the most widely reported first, each with its reports
/// and number series (docs/claims.md).
pub async fn claims(State(st): State<AppState>, Q(p): Q<ClaimParams>, Q(f): Q<FormatParam>) -> ApiResult {
    let filter = p.to_filter(20)?;
    if f.csv()? {
        // The list as the claims page shows it: one row per claim, without its reports.
        let about = filter.about.clone();
        let found = st.pool.run(move |s| s.claims(&filter)).await?;
        let items = found.ok_or_else(|| ApiError::NotFound(format!("no entity {:?}", about.unwrap_or_default())))?;
        return csv_response("claims", &items);
    }
    let (offset, n, about) = (filter.offset, filter.limit, filter.about.clone());
    let shown = limit(p.reports, 20)?;
    // A wire story repeated by thousands of articles is one claim with thousands of reports:
    // the list shows the first of each; `GET /api/claims/ID` has them all.
    let found = st.pool.run(move |s| s.claims_with_reports(&filter, shown)).await?;
    let items = found.ok_or_else(|| ApiError::NotFound(format!("no entity {:?}", about.unwrap_or_default())))?;
    Ok(Json(json!({ "offset": offset, "limit": n, "items": items })).into_response())
}

/// One claim, with what tied each report to it: its reports a page at a time (`offset`,
/// `limit`, 200 by default), in date order, and the number series of all of them.
pub async fn claim(
    State(st): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    Q(p): Q<PageParams>,
) -> ApiResult {
    let Path(id) = id?;
    let n: i64 = id.trim().parse().map_err(|_| ApiError::BadRequest(format!("claim id {id:?} is not a number")))?;
    let (offset, limit) = (p.offset.unwrap_or(0), limit(p.limit, 200)?);
    let found = st.pool.run(move |s| s.claim_page(n, offset, limit)).await?;
    let (claim, total) = found.ok_or_else(|| ApiError::NotFound(format!("no claim {n}")))?;
    let mut body = serde_json::to_value(claim).map_err(|e| ApiError::Internal(e.to_string()))?;
    body["reports_total"] = json!(total);
    body["offset"] = json!(offset);
    body["limit"] = json!(limit);
    Ok(Json(body).into_response())
}

/// With `counted`: the numbers counting it, in date order. Without: the counted nouns, most
/// frequent first (as CSV: those nouns).
pub async fn quantities(State(st): State<AppState>, Q(p): Q<QuantityParams>, Q(f): Q<FormatParam>) -> ApiResult {
    let counted = given(p.counted);
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 200)?);
    let csv = f.csv()?;
    let c = counted.clone();
    let (items, nouns) = st
        .pool
        .run(move |s| match c {
            Some(c) => Ok((s.quantity_series(&c, offset, n)?, Vec::new())),
            None => Ok((Vec::new(), s.counted_nouns(n)?)),
        })
        .await?;
    match (csv, &counted) {
        (true, Some(_)) => csv_response("numbers", &items),
        (true, None) => csv_response("counted", &nouns),
        (false, _) => {
            Ok(Json(json!({ "counted": counted, "offset": offset, "limit": n, "items": items, "nouns": nouns }))
                .into_response())
        }
    }
}

pub async fn stats(State(st): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(st.pool.run(|s| s.stats()).await?))
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI)
}

/// Compares without stopping at the first difference, so timing tells nothing about the token.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// `POST /api/documents`. The body is read only after the request is known to be allowed: a
/// read-only server, a missing token or a `Content-Length` over the limit are answered before a
/// byte of it is read, so unfinished uploads cannot hold memory on a server that refuses them.
pub async fn ingest(State(st): State<AppState>, req: Request) -> Result<impl IntoResponse, ApiError> {
    let ingest = st.ingest.clone().ok_or(ApiError::IngestDisabled)?;
    let headers = req.headers().clone();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        // The scheme is case-insensitive (RFC 9110, 11.1): "bearer" and "BEARER" are "Bearer".
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    if !bearer.is_some_and(|t| same_token(t.as_bytes(), ingest.token.as_bytes())) {
        return Err(ApiError::Unauthorized);
    }
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > st.max_body as u64) {
        return Err(ApiError::PayloadTooLarge(st.max_body));
    }
    // The router's DefaultBodyLimit still caps a body sent without a length (chunked).
    let body: Result<Bytes, BytesRejection> = tokio::time::timeout(st.body_timeout, Bytes::from_request(req, &()))
        .await
        .map_err(|_| ApiError::RequestTimeout(st.body_timeout.as_secs()))?;
    let body = body.map_err(|e| ApiError::from_body(e, st.max_body))?;
    let doc = parse_ingest(&headers, &body, st.max_body as u64)?;
    let id = doc.id.clone();
    // Analysed exactly as `dossier ingest` does it (dossier_ingest), on a blocking thread that
    // holds no store connection (a long analysis must not hold the pool), then stored on one.
    let analysed = tokio::task::spawn_blocking(move || {
        dossier_ingest::analyze_within(doc, &ingest.lexicons, ingest.budget).map_err(|(_, over)| over)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("analysis task: {e}")))?
    .map_err(|over| ApiError::OverBudget(format!("document not stored: {over}")))?;
    let stored = st.pool.run(move |s| dossier_ingest::store_analysed(s, &[analysed])).await?;
    let (inserted, statements) = stored.first().map_or((Inserted::Duplicate, 0), |d| (d.inserted, d.statements));
    let status = if inserted == Inserted::Duplicate { StatusCode::OK } else { StatusCode::CREATED };
    Ok((status, Json(json!({ "id": id, "inserted": inserted, "statements": statements }))))
}

/// The document a POST body holds: a feed item as JSON (`{url, title, published, outlet, author,
/// text | html}`, the same type `dossier ingest` reads from JSON Lines), or the plain text itself.
fn parse_ingest(headers: &HeaderMap, body: &[u8], limit: u64) -> Result<Document, ApiError> {
    use dossier_ingest::input;
    let ctype = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("text/plain");
    let mime = ctype.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let bad = |field: &str, e: input::InputError| ApiError::BadRequest(format!("{field}: {e}"));
    match mime.as_str() {
        "application/json" => {
            let item = dossier_ingest::FeedItem::parse(body).map_err(|e| ApiError::BadRequest(format!("body: {e}")))?;
            let field = if item.text.is_some() { "text" } else { "html" };
            let feed = dossier_ingest::feed_document(item, "http".into(), limit).map_err(|e| bad(field, e))?;
            if let Some(p) = feed.bad_date {
                return Err(ApiError::BadRequest(format!("published: not a date {p:?}")));
            }
            let mut doc = feed.doc;
            if doc.meta.url.is_some() {
                doc.meta.source = doc.meta.url.clone();
            }
            Ok(doc)
        }
        "text/plain" | "" => {
            let text = input::check_text(body.to_vec(), limit).map_err(|e| bad("text", e))?;
            Ok(Document::new(text, Metadata { source: Some("http".into()), ..Metadata::default() }))
        }
        other => {
            Err(ApiError::UnsupportedMediaType(format!("content type {other:?}: send text/plain or application/json")))
        }
    }
}

/// Any path under /api that no route matches.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such API route".into())
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
