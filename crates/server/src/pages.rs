//! The web page handlers: the same store calls as the API, rendered as HTML by [`crate::views`].

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use dossier_claims::ReportStance;
use dossier_core::AnalysisJson;
use serde::de::DeserializeOwned;

use crate::api::{
    given, limit, ClaimPageParams, ClaimParams, DocumentParams as ListParams, EntityListParams, PageParams,
    QuantityParams, SearchParams, StatementParams,
};
use crate::claim_views::{self, ClaimForm};
use crate::error::ApiError;
use crate::views::{self, DocumentForm, StatementForm};
use crate::AppState;

/// An [`ApiError`] shown as an HTML page.
pub struct PageError(ApiError);

impl<E: Into<ApiError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let page = views::error_page(status.as_u16(), &self.0.public_message());
        (status, Html(page)).into_response()
    }
}

/// Query parameters, with a bad query answered as an HTML error page.
pub struct PQ<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PQ<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let q: Result<Query<T>, QueryRejection> = Query::from_request_parts(parts, state).await;
        Ok(PQ(q?.0))
    }
}

/// A path segment, with one that cannot be read (`/entities/%FF`: not UTF-8) answered as an
/// HTML error page, not axum's plain text.
pub struct PP<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PP<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let p: Result<Path<T>, PathRejection> = Path::from_request_parts(parts, state).await;
        Ok(PP(p?.0))
    }
}

type PageResult = Result<Html<String>, PageError>;

/// The documents list, with its filters and order.
pub async fn home(State(st): State<AppState>, PQ(p): PQ<ListParams>) -> PageResult {
    let query = p.to_query(50)?;
    let (stats, outlets, page) =
        st.pool.run(move |s| Ok((s.stats()?, s.outlets(100)?, s.documents_where(&query)?))).await?;
    let f = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_string();
    let (outlet, since, until, speaker, verdict, sort) =
        (f(&p.outlet), f(&p.since), f(&p.until), f(&p.speaker), f(&p.verdict), f(&p.sort));
    let form = DocumentForm {
        outlet: &outlet,
        since: &since,
        until: &until,
        speaker: &speaker,
        verdict: &verdict,
        sort: &sort,
    };
    Ok(Html(views::home(&stats, &form, &outlets, &page)))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DocumentParams {
    /// A byte range to mark as evidence, "START-END" (the claim page's links).
    pub hl: Option<String>,
}

pub async fn document(State(st): State<AppState>, PP(id): PP<String>, PQ(p): PQ<DocumentParams>) -> PageResult {
    let wanted = id.clone();
    let found = st
        .pool
        .run(move |s| {
            let doc = s.document(&wanted)?;
            let claims = if doc.is_some() { s.claims_of_document(&wanted)? } else { Vec::new() };
            Ok((doc, claims))
        })
        .await?;
    let (doc, claims) = found;
    let (doc, analysis) = doc.ok_or_else(|| ApiError::NotFound(format!("no document {id:?}")))?;
    // An analysis stored under another contract version is shown as plain text.
    let analysis: Option<AnalysisJson> = serde_json::from_value(analysis).ok();
    let evidence = p.hl.as_deref().and_then(|h| {
        let (a, b) = h.split_once('-')?;
        Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
    });
    Ok(Html(views::article(&doc, analysis.as_ref(), evidence, &claim_views::claims_of_document(&claims))))
}

pub async fn claims(State(st): State<AppState>, PQ(p): PQ<ClaimParams>) -> PageResult {
    let filter = p.to_filter(50)?;
    let f = filter.clone();
    let found = st.pool.run(move |s| s.claims(&f)).await?;
    let about = filter.about.clone().unwrap_or_default();
    let rows = found.ok_or_else(|| ApiError::NotFound(format!("no entity {about:?}")))?;
    let since = filter.since.clone().unwrap_or_default();
    let form = ClaimForm { about: &about, since: &since, min_documents: filter.min_documents };
    Ok(Html(claim_views::claims(&form, &rows, filter.offset, filter.limit)))
}

/// A claim: the first reports of each stance side by side, or with `stance` one stance's
/// reports a page at a time (`offset`, `limit`: 100 by default).
pub async fn claim(State(st): State<AppState>, PP(id): PP<String>, PQ(p): PQ<ClaimPageParams>) -> PageResult {
    let n: i64 = id.trim().parse().map_err(|_| ApiError::NotFound(format!("no claim {id:?}")))?;
    let stance = match given(p.stance) {
        Some(s) => Some(ReportStance::parse(&s.to_lowercase()).ok_or_else(|| {
            let known: Vec<&str> = ReportStance::ALL.iter().map(|s| s.as_str()).collect();
            ApiError::BadRequest(format!("unknown stance {s:?}: one of {}", known.join(", ")))
        })?),
        None => None,
    };
    let page = claim_views::ReportPage {
        stance,
        offset: p.offset.unwrap_or(0),
        limit: limit(p.limit, claim_views::SHOWN_PER_STANCE)?,
    };
    let found = st
        .pool
        .run(move |s| {
            let found = match page.stance {
                Some(stance) => s.claim_stance_page(n, stance, page.offset, page.limit)?,
                None => s.claim_by_stance(n, page.limit)?,
            };
            let Some((c, counts)) = found else { return Ok(None) };
            let all: u32 = counts.iter().map(|(_, k)| k).sum();
            let on_page = page.stance.is_none() && all as usize <= claim_views::DRIFT_ON_PAGE_REPORTS;
            let drift = if on_page { s.drift(Some(n))? } else { None };
            Ok(Some((c, counts, drift)))
        })
        .await?;
    let (c, counts, drift) = found.ok_or_else(|| ApiError::NotFound(format!("no claim {n}")))?;
    Ok(Html(claim_views::claim(&c, &counts, &page, drift.as_ref())))
}

pub async fn entities(State(st): State<AppState>, PQ(p): PQ<EntityListParams>) -> PageResult {
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 100)?);
    let kind = p.kind.map(|k| k.trim().to_string()).filter(|k| !k.is_empty());
    let k = kind.clone();
    let page = st.pool.run(move |s| s.entities_page(k.as_deref(), offset, n)).await?;
    Ok(Html(views::entities(kind.as_deref().unwrap_or(""), &page)))
}

/// One entity; `offset` and `limit` page its statements (100 a page).
pub async fn entity(State(st): State<AppState>, PP(name): PP<String>, PQ(p): PQ<PageParams>) -> PageResult {
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 100)?);
    let wanted = name.clone();
    let found = st.pool.run(move |s| s.entity_page(&wanted, offset, n)).await?;
    let e = found.ok_or_else(|| ApiError::NotFound(format!("no entity {name:?}")))?;
    Ok(Html(views::entity(&e, offset, n)))
}

pub async fn statements(State(st): State<AppState>, PQ(p): PQ<StatementParams>) -> PageResult {
    let query = p.to_query()?;
    let (offset, n) = (query.offset, query.limit);
    let rows = st.pool.run(move |s| s.statements_where(&query)).await?;
    let f = |v: &Option<String>| v.as_deref().unwrap_or("").to_string();
    let (speaker, entity, stance, hedged, since, until, outlet) =
        (f(&p.speaker), f(&p.entity), f(&p.stance), f(&p.hedged), f(&p.since), f(&p.until), f(&p.outlet));
    let form = StatementForm {
        outlet: &outlet,
        speaker: &speaker,
        entity: &entity,
        stance: &stance,
        hedged: &hedged,
        since: &since,
        until: &until,
    };
    Ok(Html(views::statements(&form, &rows, offset, n)))
}

pub async fn search(State(st): State<AppState>, PQ(p): PQ<SearchParams>) -> PageResult {
    let q = p.q.unwrap_or_default();
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 50)?);
    let query = q.clone();
    let hits = st.pool.run(move |s| s.search_page(&query, offset, n)).await?;
    Ok(Html(views::search(&q, &hits, offset, n)))
}

pub async fn quantities(State(st): State<AppState>, PQ(p): PQ<QuantityParams>) -> PageResult {
    let counted = p.counted.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    let (offset, n) = (p.offset.unwrap_or(0), limit(p.limit, 200)?);
    let c = counted.clone();
    let (rows, nouns) = st
        .pool
        .run(move |s| match c {
            Some(c) => Ok((s.quantity_series(&c, offset, n)?, Vec::new())),
            None => Ok((Vec::new(), s.counted_nouns(n)?)),
        })
        .await?;
    Ok(Html(views::quantities(counted.as_deref(), &rows, &nouns, offset, n)))
}

pub async fn not_found() -> PageError {
    PageError(ApiError::NotFound("no such page".into()))
}

pub async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], crate::STYLE)
}

pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], crate::SCRIPT)
}
