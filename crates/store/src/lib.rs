//! Dossier's embedded store: one SQLite file holding documents, their analyses, the statements,
//! entities, quantities and times drawn from them, and FTS5 indexes for searching.
//!
//! ```
//! use dossier_core::{Analysis, AnalysisJson, Document, Metadata};
//! use dossier_store::{Inserted, Store};
//! let mut store = Store::open_in_memory()?;
//! let doc = Document::new("Ryder said so.".to_string(), Metadata::default());
//! let json = AnalysisJson::new(&doc, &Analysis::default());
//! assert_eq!(store.insert_batch(&[(doc, json)])?, vec![Inserted::New]);
//! assert_eq!(store.stats()?.documents, 1);
//! # Ok::<(), dossier_store::StoreError>(())
//! ```

mod browse;
mod claims;
mod drift;
mod events;
mod headlines;
mod insert;
mod linking;
mod numbers;
mod packed;
mod query;
mod raw;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use dossier_claims::contract::ClaimJson;
use rusqlite::Connection;

pub use browse::{
    CountedNoun, DatePoint, DocumentOrder, DocumentQuery, DocumentSummary, EntityDetail, Page, QuantityPoint,
    StatementQuery, TimelinePoint,
};
pub use claims::{ClaimFilter, ClaimSummary, ReportCounts};
pub use drift::DriftReport;
pub use events::{EventFilter, EventRow};
pub use headlines::{HeadlineFilter, HeadlineRow};
pub use insert::{Analysed, Inserted};
pub use numbers::{counted_head, counted_key, QuantityFilter};
pub use query::{AliasDocument, AliasEvidence, EntityRow, HitKind, SearchHit, StatementFilter, StatementRow, Stats};
pub use raw::RawHtml;
pub use schema::SCHEMA_VERSION;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot open store {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error(
        "store schema version {found} is newer than this build of dossier supports \
         ({supported}); upgrade dossier to read it"
    )]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("store JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("stored claim profile: {0}")]
    Profile(#[from] postcard::Error),
    /// A search stopped at its time budget (`query::SEARCH_BUDGET`).
    #[error("the search ran past its budget of {seconds} s and was stopped; search for fewer or rarer words")]
    OverBudget { seconds: u64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// How many prepared statements a connection keeps (see `Store::init`).
const STATEMENT_CACHE: usize = 128;

/// The store: a single SQLite connection. Not `Sync`; open one per thread or process
/// (WAL lets readers run alongside the one writer).
pub struct Store {
    conn: Connection,
    /// Whether stored documents are linked into claims (crates/claims). On by default; off only
    /// to measure what linking costs (the ingest benchmark), since documents stored with it off
    /// have no claim reports.
    link_claims: bool,
    /// What linking claims read of the claim tables, kept from batch to batch while no other
    /// connection writes the file (claims.rs, [`claims::ClaimCache::begin`]).
    claim_cache: claims::ClaimCache,
    /// Counts over the whole store, kept while nothing is written ([`Aggregates`]).
    aggregates: std::sync::Mutex<Aggregates>,
}

/// What views of the whole store computed last (counts, counted nouns, outlets, listed aliases,
/// recent searches and entity pages), with the file's `PRAGMA data_version` (moved by other
/// connections' commits) and this connection's change count when they were computed: exactly
/// what the queries would answer while both stand, and dropped as soon as either moves.
/// Counting millions of mentions or numbers on every page view is not free; reading two
/// counters is.
#[derive(Default)]
struct Aggregates {
    key: (i64, u64),
    stats: Option<Stats>,
    counted_nouns: Option<(usize, Vec<CountedNoun>)>,
    outlets: Option<(usize, Vec<(String, u64)>)>,
    /// Each entity's listed aliases: they weigh its alias evidence against every other entity's.
    aliases: std::collections::HashMap<i64, Vec<String>>,
    /// Recent searches (query, offset, limit) and their hits: paging through a common word, or
    /// several analysts on one story, rank it once per write. At most [`REMEMBERED_SEARCHES`].
    searches: std::collections::HashMap<(String, usize, usize), Vec<SearchHit>>,
    /// Recent entity pages (entity id, offset, limit): an entity in most of the store draws on
    /// tens of thousands of rows. At most [`REMEMBERED_SEARCHES`].
    entities: std::collections::HashMap<(i64, usize, usize), EntityDetail>,
    /// Recent claim pages (claim id, offset, limit) with their report counts: a wire story is
    /// one claim with thousands of reports. At most [`REMEMBERED_SEARCHES`].
    claim_pages: std::collections::HashMap<(i64, usize, usize), (ClaimJson, u32)>,
    /// Recent claim lists with their first reports (`GET /api/claims`: the filter and the
    /// reports per claim).
    claim_lists: std::collections::HashMap<String, Option<Vec<ClaimJson>>>,
    /// Likewise the claims as their page shows them (claim id, which reports).
    claim_stances: std::collections::HashMap<(i64, String), (ClaimJson, claims::ReportCounts)>,
    /// The sizes of recently paged lists (their count query and its values): every page of a
    /// filtered list says how long the whole list is, which costs more than the page itself.
    /// At most [`REMEMBERED_SEARCHES`].
    list_totals: std::collections::HashMap<String, i64>,
}

/// The most searches, and entity pages, [`Aggregates`] keeps; past it, it starts again empty.
const REMEMBERED_SEARCHES: usize = 256;

/// Keeps `value` under `key` in one of [`Aggregates`]' bounded maps.
fn remember<K: std::hash::Hash + Eq, V>(map: &mut std::collections::HashMap<K, V>, key: K, value: V) {
    if map.len() >= REMEMBERED_SEARCHES {
        map.clear();
    }
    map.insert(key, value);
}

impl Store {
    /// Opens (creating if needed) the store file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        // WAL: readers do not block the writer. The pragma answers with the mode it got; where
        // WAL is impossible (some network file systems) SQLite keeps its rollback journal,
        // which is slower but just as safe, so the answer is not checked.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)).map_err(open_err)?;
        // NORMAL is durable enough under WAL (only the last commit can be lost on power failure).
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        // A 32 MB page cache (default 2 MB): a batch's full-text index pages stay in memory
        // until commit instead of spilling mid-transaction (docs/PERFORMANCE.md).
        conn.pragma_update(None, "cache_size", -32_768).map_err(open_err)?;
        Store::init(conn)
    }

    /// Rewrites the file without its unused pages (VACUUM) and empties the write-ahead log, so
    /// that the space freed by deleted or smaller rows goes back to the disk. It needs free disk
    /// space about the size of the store while it runs, and holds the write lock.
    pub fn compact(&mut self) -> Result<()> {
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }

    /// A store that lives in memory and vanishes with the value; for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Storing a batch runs some 30 distinct statements in turn, the claims among them:
        // with rusqlite's default of 16 cached, each use would evict another and be parsed
        // and planned again.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            link_claims: true,
            claim_cache: claims::ClaimCache::default(),
            aggregates: Default::default(),
        })
    }

    /// The whole-store counts, emptied first when anything was written since they were kept.
    fn aggregates(&self) -> Result<std::sync::MutexGuard<'_, Aggregates>> {
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let key = (version, self.conn.total_changes());
        let mut cache = self.aggregates.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.key != key {
            *cache = Aggregates { key, ..Aggregates::default() };
        }
        Ok(cache)
    }

    /// The aliases listed for entity `id` ([`query::listed_aliases`]), kept until the next write.
    pub(crate) fn aliases_of(&self, id: i64) -> Result<Vec<String>> {
        if let Some(a) = self.aggregates()?.aliases.get(&id) {
            return Ok(a.clone());
        }
        let listed = query::listed_aliases(&self.conn, id)?;
        self.aggregates()?.aliases.insert(id, listed.clone());
        Ok(listed)
    }

    /// The answer of a `count(*)` query over `values`, kept until the next write (the size a
    /// paged list reports on every page).
    pub(crate) fn list_total(&self, sql: &str, values: &[rusqlite::types::Value]) -> Result<i64> {
        let key = format!("{sql}\u{0}{values:?}");
        if let Some(n) = self.aggregates()?.list_totals.get(&key) {
            return Ok(*n);
        }
        let n = self.conn.prepare_cached(sql)?.query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        remember(&mut self.aggregates()?.list_totals, key, n);
        Ok(n)
    }

    /// Turns claim linking off or on for later inserts (see the field's note).
    pub fn set_link_claims(&mut self, on: bool) {
        self.link_claims = on;
    }

    /// The schema version of the open file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        schema::user_version(&self.conn)
    }

    /// The provenance key ([`dossier_core::Provenance::key`]) a document was stored with, or
    /// `None` when it is not stored: what an insert compares to tell a duplicate, readable
    /// before the document is analysed.
    pub fn stored_provenance(&self, id: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        let mut q = self.conn.prepare_cached("SELECT provenance FROM documents WHERE id = ?1")?;
        Ok(q.query_row([id], |r| r.get(0)).optional()?)
    }
}
