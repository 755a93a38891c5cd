//! Reading the store for browsing (the HTTP API and the web page): documents by page, one entity
//! with its statements and mentions over time, statements by several filters, and numbers by
//! what they count, over time.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::insert::normalise_name;
use crate::query::{
    count, entity_row, sql_limit, AliasEvidence, EntityRow, StatementFilter, StatementRow, ENTITY_COLUMNS,
};
use crate::{Result, Store};

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// How many items the whole list has.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    pub items: Vec<T>,
}

/// A stored document without its text or analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO date, `YYYY-MM-DD`.
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// Length of the text in bytes.
    pub length: u64,
    pub statements: u64,
    /// When it was stored, `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
}

/// How [`Store::documents_where`] orders the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentOrder {
    /// Most recently ingested first.
    #[default]
    Ingested,
    /// Newest publication date first, undated last.
    Published,
    /// Oldest publication date first, undated last.
    PublishedAsc,
    /// Most statements first.
    Statements,
    /// By title, A to Z (untitled last).
    Title,
}

/// Which documents [`Store::documents_where`] lists. `None` fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentQuery {
    /// The outlet, whole and ignoring case.
    pub outlet: Option<String>,
    /// Published on or after this ISO date; undated documents never match.
    pub since: Option<String>,
    /// Published on or before this ISO date; undated documents never match.
    pub until: Option<String>,
    /// Documents with a statement by this entity (name or alias, as [`StatementQuery::entity`]).
    pub speaker: Option<String>,
    /// Documents whose title got this headline verdict (`supported`, `contradicted`,
    /// `unsupported`, `overstated`).
    pub verdict: Option<String>,
    pub order: DocumentOrder,
    pub offset: usize,
    pub limit: usize,
}

/// Which statements [`Store::statements_where`] returns. `None` fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementQuery {
    /// Case-insensitive substring of the speaker as written or of its entity's name.
    pub speaker: Option<String>,
    /// An entity's name or alias (case-insensitive, whole name): statements it made, or whose
    /// content mentions it.
    pub entity: Option<String>,
    /// A stance label as in the JSON contract: `assert`, `deny`, `warn` …
    pub stance: Option<String>,
    pub hedged: Option<bool>,
    /// Published on or after this ISO date (`YYYY-MM-DD`); undated documents never match.
    pub since: Option<String>,
    /// Published on or before this ISO date (`YYYY-MM-DD`); undated documents never match.
    pub until: Option<String>,
    pub doc_id: Option<String>,
    /// In documents of this outlet (whole, ignoring case).
    pub outlet: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

impl Default for StatementQuery {
    /// No filter, at most 100 rows.
    fn default() -> Self {
        StatementQuery {
            speaker: None,
            entity: None,
            stance: None,
            hedged: None,
            since: None,
            until: None,
            doc_id: None,
            outlet: None,
            offset: 0,
            limit: 100,
        }
    }
}

impl From<&StatementFilter> for StatementQuery {
    fn from(f: &StatementFilter) -> Self {
        StatementQuery {
            speaker: f.speaker.clone(),
            stance: f.stance.clone(),
            doc_id: f.doc_id.clone(),
            limit: f.limit,
            ..StatementQuery::default()
        }
    }
}

/// One document's share of an entity's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelinePoint {
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub mentions: u64,
    /// Statements the entity made in this document.
    pub statements: u64,
}

/// An entity's record on one publication date: the unit of its mentions over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatePoint {
    /// ISO date, `YYYY-MM-DD`; `None` gathers the undated documents.
    pub published: Option<String>,
    /// Documents of that date that mention or quote it.
    pub documents: u64,
    pub mentions: u64,
    /// Statements it made in them.
    pub statements: u64,
}

/// A number found in a document, with where it sits and when the document was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityPoint {
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: bool,
    pub bound: String,
    pub unit: Option<String>,
    pub counted: Option<String>,
    pub start: u32,
    pub end: u32,
    pub outlet: Option<String>,
}

/// How often a counted noun ("registered voter", "person") occurs across the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountedNoun {
    /// Its key ([`crate::counted_key`]): lower-case, singular, without words that count nothing.
    pub counted: String,
    /// The key's last word, what is counted ("voter"): the numbers page groups by it.
    pub head: String,
    pub quantities: u64,
    /// The numbers of every key with this head.
    pub head_quantities: u64,
}

/// One entity with everything the store knows about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityDetail {
    #[serde(flatten)]
    pub entity: EntityRow,
    /// Every alias with the evidence it joined on and the documents that gave it.
    pub alias_evidence: Vec<AliasEvidence>,
    /// What it said, oldest first.
    pub statements: Vec<StatementRow>,
    /// The documents that mention it or quote it, oldest first.
    pub timeline: Vec<TimelinePoint>,
    /// Its documents, mentions and statements per publication date, oldest first, undated
    /// last: all of them, whatever the limit on the lists.
    pub dates: Vec<DatePoint>,
    /// Numbers inside the content of its statements, oldest first.
    pub quantities: Vec<QuantityPoint>,
}

const STATEMENT_COLUMNS: &str = "s.doc_id, d.title, d.source, d.outlet, d.published, s.speaker, s.speaker_entity,
     s.source_type, s.cue, s.content, s.quote, s.stance, s.hedged, s.start, s.end,
     (SELECT cr.claim_id FROM claim_reports cr WHERE cr.doc_id = s.doc_id AND cr.kind = 'statement' AND cr.item = s.idx)";

fn statement_row(r: &Row) -> rusqlite::Result<StatementRow> {
    Ok(StatementRow {
        doc_id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        outlet: r.get(3)?,
        published: r.get(4)?,
        speaker: r.get(5)?,
        speaker_entity: r.get(6)?,
        source_type: r.get(7)?,
        cue: r.get(8)?,
        content: r.get(9)?,
        quote: r.get(10)?,
        stance: r.get(11)?,
        hedged: r.get(12)?,
        start: r.get(13)?,
        end: r.get(14)?,
        claim: r.get(15)?,
    })
}

pub(crate) const QUANTITY_COLUMNS: &str = "q.doc_id, d.title, d.published, q.text, q.value, q.low, q.high, q.approx,
     q.bound, q.unit, q.counted, q.start, q.end, d.outlet";

pub(crate) fn quantity_point(r: &Row) -> rusqlite::Result<QuantityPoint> {
    Ok(QuantityPoint {
        doc_id: r.get(0)?,
        title: r.get(1)?,
        published: r.get(2)?,
        text: r.get(3)?,
        value: r.get(4)?,
        low: r.get(5)?,
        high: r.get(6)?,
        approx: r.get(7)?,
        bound: r.get(8)?,
        unit: r.get(9)?,
        counted: r.get(10)?,
        start: r.get(11)?,
        end: r.get(12)?,
        outlet: r.get(13)?,
    })
}

/// The documents an entity's timeline lists at least, whatever the page of its statements: the
/// chart of its page draws them (the per-date counts are always complete).
const TIMELINE_DOCUMENTS: usize = 1000;

/// The WHERE clause of a list query, written with only the filters given: a filter written as
/// "?1 IS NULL OR …" keeps SQLite from using an index for it, so it reads every row.
#[derive(Default)]
struct Filters {
    clauses: Vec<String>,
    values: Vec<rusqlite::types::Value>,
}

impl Filters {
    /// Adds `clause` when `value` is given; `?V` in it (once or more) stands for the value.
    fn add<V: Into<rusqlite::types::Value>>(&mut self, clause: &str, value: Option<V>) {
        if let Some(v) = value {
            self.values.push(v.into());
            self.clauses.push(clause.replace("?V", &format!("?{}", self.values.len())));
        }
    }

    /// Adds `clause`, which takes no value.
    fn require(&mut self, clause: &str) {
        self.clauses.push(clause.to_string());
    }

    fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

pub(crate) fn sql_offset(offset: usize) -> i64 {
    i64::try_from(offset).unwrap_or(i64::MAX)
}

impl Store {
    /// Stored documents, most recently ingested first.
    pub fn documents(&self, offset: usize, limit: usize) -> Result<Page<DocumentSummary>> {
        self.documents_where(&DocumentQuery { offset, limit, ..DocumentQuery::default() })
    }

    /// Stored documents matching `query`, in its order, with the size of the whole list.
    pub fn documents_where(&self, query: &DocumentQuery) -> Result<Page<DocumentSummary>> {
        let mut filters = Filters::default();
        filters.add("d.outlet = ?V COLLATE NOCASE", query.outlet.clone());
        filters.add("d.published >= ?V", query.since.clone());
        filters.add("d.published <= ?V", query.until.clone());
        let mut speaker_only = false;
        if let Some(name) = &query.speaker {
            let ids = self.entity_ids(name)?;
            if ids.is_empty() {
                let (offset, limit) = (query.offset as u64, query.limit as u64);
                return Ok(Page { total: 0, offset, limit, items: Vec::new() });
            }
            let documents: i64 = self
                .conn
                .prepare_cached("SELECT coalesce(sum(document_count), 0) FROM entities WHERE id IN (SELECT value FROM json_each(?1))")?
                .query_row([serde_json::to_string(&ids)?], |r| r.get(0))?;
            // The speaker alone is counted from its rows, without a document read.
            speaker_only = filters.is_empty();
            // Walking the order's index and probing each document costs about (offset + limit)
            // × all / documents probes; gathering the speaker's documents first costs one row
            // each. The cheaper is taken.
            let all = self.list_total("SELECT count(*) FROM documents", &[])?;
            let walked = (query.offset as i64).saturating_add(query.limit as i64);
            let dense = documents.saturating_mul(documents) > walked.saturating_mul(all);
            filters.add(
                if dense {
                    // A speaker of many documents is tested document by document as the order's
                    // index is walked: the page fills after a few probes of its key.
                    "EXISTS (SELECT 1 FROM entity_documents ed
                             WHERE ed.entity_id IN (SELECT value FROM json_each(?V)) AND ed.doc_id = d.id
                               AND ed.statements > 0)"
                } else {
                    // A rare one's few documents are gathered first and tested by pk, which every
                    // index of documents holds ("+" keeps it a test, so that the order's index is
                    // walked and stopped early).
                    "+d.pk IN (SELECT sd.pk FROM entity_documents ed JOIN documents sd ON sd.id = ed.doc_id
                              WHERE ed.entity_id IN (SELECT value FROM json_each(?V)) AND ed.statements > 0)"
                },
                Some(serde_json::to_string(&ids)?),
            );
        }
        filters.add(
            "+d.pk IN (SELECT hd.pk FROM headlines h JOIN documents hd ON hd.id = h.doc_id
                      WHERE h.verdict = ?V AND h.role = 'title')",
            query.verdict.as_deref().map(str::to_lowercase),
        );
        let filter = filters.sql();
        let values = &filters.values;
        let count_sql = if speaker_only && filters.clauses.len() == 1 {
            "SELECT count(DISTINCT ed.doc_id) FROM entity_documents ed
             WHERE ed.entity_id IN (SELECT value FROM json_each(?1)) AND ed.statements > 0"
                .to_string()
        } else {
            format!("SELECT count(*) FROM documents d WHERE {filter}")
        };
        let total = self.list_total(&count_sql, values)?;
        // With a date range every document listed is dated: the order is then the one of the
        // date indexes as they are, and a range is read from them a page at a time.
        let dated = query.since.is_some() || query.until.is_some();
        let order = match query.order {
            DocumentOrder::Ingested => "d.pk DESC",
            DocumentOrder::Published if dated => "d.published DESC, d.pk DESC",
            DocumentOrder::Published => "d.published IS NULL, d.published DESC, d.pk DESC",
            DocumentOrder::PublishedAsc if dated => "d.published, d.pk",
            DocumentOrder::PublishedAsc => "d.published IS NULL, d.published, d.pk",
            DocumentOrder::Statements => "d.statement_count DESC, d.pk DESC",
            DocumentOrder::Title => "d.title IS NULL, d.title COLLATE NOCASE, d.pk",
        };
        // The page is chosen from the indexes first (the filter's and the order's columns are all
        // in one), then only its rows are read: a document's row carries its text and analysis.
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH page AS (SELECT d.pk FROM documents d WHERE {filter} ORDER BY {order} LIMIT {} OFFSET {})
             SELECT d.id, d.title, d.source, d.url, d.published, d.outlet, length(CAST(d.text AS BLOB)),
                    d.statement_count, d.ingested_at
             FROM page JOIN documents d ON d.pk = page.pk
             ORDER BY {order}",
            sql_limit(query.limit),
            sql_offset(query.offset)
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok(DocumentSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                url: r.get(3)?,
                published: r.get(4)?,
                outlet: r.get(5)?,
                length: count(r.get(6)?),
                statements: count(r.get(7)?),
                ingested_at: r.get(8)?,
            })
        })?;
        Ok(Page {
            total: count(total),
            offset: query.offset as u64,
            limit: query.limit as u64,
            items: rows.collect::<rusqlite::Result<_>>()?,
        })
    }

    /// The outlets in the store, most documents first: the choices of the documents filter.
    pub fn outlets(&self, limit: usize) -> Result<Vec<(String, u64)>> {
        let mut cache = self.aggregates()?;
        if let Some((n, outlets)) = &cache.outlets {
            if *n == limit {
                return Ok(outlets.clone());
            }
        }
        let outlets = self.count_outlets(limit)?;
        cache.outlets = Some((limit, outlets.clone()));
        Ok(outlets)
    }

    fn count_outlets(&self, limit: usize) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL
             GROUP BY outlet COLLATE NOCASE ORDER BY n DESC, outlet LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![sql_limit(limit)], |r| Ok((r.get(0)?, count(r.get(1)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the entities called `name`, by canonical name or alias, ignoring case and spacing.
    pub(crate) fn entity_ids(&self, name: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM entities WHERE norm = ?1
             UNION
             SELECT entity_id FROM alias_totals WHERE alias = ?2 COLLATE NOCASE",
        )?;
        let ids = stmt.query_map(params![normalise_name(name), name.trim()], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Statements matching `query`, by publication date (undated last), then document id, then
    /// position in the document: the order of the `statements_by_date` index, read a page at a time.
    pub fn statements_where(&self, query: &StatementQuery) -> Result<Vec<StatementRow>> {
        let mut filters = Filters::default();
        // Lowercased here, as speaker_search was at insert: Unicode-aware, unlike SQLite's lower().
        filters.add("instr(s.speaker_search, ?V) > 0", query.speaker.as_deref().map(str::to_lowercase));
        filters.add("s.stance = ?V", query.stance.as_deref().map(str::to_lowercase));
        filters.add("s.doc_id = ?V", query.doc_id.clone());
        filters.add("s.hedged = ?V", query.hedged);
        filters.add("s.published >= ?V", query.since.clone());
        filters.add("s.published <= ?V", query.until.clone());
        // With a date range every statement listed is dated. Said so in the terms of the date
        // indexes (their first column), SQLite reads the range from them in order; the sort key
        // "undated last" is then the same for every row and left out.
        let dated = query.since.is_some() || query.until.is_some();
        if dated {
            filters.require("(s.published IS NULL) = 0");
        }
        if let Some(name) = &query.entity {
            let ids = self.entity_ids(name)?;
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            filters.add(
                "(s.speaker_entity_id IN (SELECT value FROM json_each(?V))
                  OR EXISTS (SELECT 1 FROM mentions m
                             WHERE m.doc_id = s.doc_id AND m.start >= s.start AND m.end <= s.end
                               AND m.entity_id IN (SELECT value FROM json_each(?V))))",
                Some(serde_json::to_string(&ids)?),
            );
        }
        filters.add("d.outlet = ?V COLLATE NOCASE", query.outlet.clone());
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS}
             FROM statements s JOIN documents d ON d.id = s.doc_id
             WHERE {}
             ORDER BY {}s.published, s.doc_id, s.idx
             LIMIT {} OFFSET {}",
            filters.sql(),
            if dated { "" } else { "s.published IS NULL, " },
            sql_limit(query.limit),
            sql_offset(query.offset)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(&filters.values), statement_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One entity, found by canonical name or alias (ignoring case and spacing), with its
    /// statements, the documents it appears in, and the numbers it stated. Where several
    /// entities share the name (a person and a place), the most mentioned one.
    /// `limit` caps each list but the timeline, which lists at least the first 1000 documents by
    /// date; the per-date counts are always complete.
    pub fn entity(&self, name: &str, limit: usize) -> Result<Option<EntityDetail>> {
        self.entity_page(name, 0, limit)
    }

    /// [`Store::entity`] with its statements and numbers from `offset` on: one page of them.
    pub fn entity_page(&self, name: &str, offset: usize, limit: usize) -> Result<Option<EntityDetail>> {
        let ids = self.entity_ids(name)?;
        if ids.is_empty() {
            return Ok(None);
        }
        let found = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ENTITY_COLUMNS} FROM entities e WHERE e.id IN (SELECT value FROM json_each(?1))
                 ORDER BY n DESC, e.id LIMIT 1"
            ))?
            .query_row(params![serde_json::to_string(&ids)?], entity_row)
            .optional()?;
        let Some(mut entity) = found else {
            return Ok(None);
        };
        let id = entity.id;
        let key = (id, offset, limit);
        if let Some(detail) = self.aggregates()?.entities.get(&key) {
            return Ok(Some(detail.clone()));
        }
        entity.aliases = self.aliases_of(id)?;
        let alias_evidence = self.alias_evidence(id)?;

        let statements = self
            .conn
            .prepare_cached(&format!(
                "SELECT {STATEMENT_COLUMNS}
                 FROM statements s JOIN documents d ON d.id = s.doc_id
                 WHERE s.speaker_entity_id = ?1
                 ORDER BY s.published IS NULL, s.published, s.doc_id, s.idx
                 LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params![id, sql_limit(limit), sql_offset(offset)], statement_row)?
            .collect::<rusqlite::Result<_>>()?;

        let timeline = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.published, ed.mentions, ed.statements
                 FROM entity_documents ed JOIN documents d ON d.id = ed.doc_id
                 WHERE ed.entity_id = ?1
                 ORDER BY ed.published IS NULL, ed.published, ed.doc_id
                 LIMIT ?2",
            )?
            .query_map(params![id, sql_limit(limit.max(TIMELINE_DOCUMENTS))], |r| {
                Ok(TimelinePoint {
                    doc_id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    mentions: count(r.get(3)?),
                    statements: count(r.get(4)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let dates = self
            .conn
            .prepare_cached(
                "SELECT published, count(*), sum(mentions), sum(statements)
                 FROM entity_documents WHERE entity_id = ?1
                 GROUP BY published IS NULL, published
                 ORDER BY published IS NULL, published",
            )?
            .query_map(params![id], |r| {
                Ok(DatePoint {
                    published: r.get(0)?,
                    documents: count(r.get(1)?),
                    mentions: count(r.get(2)?),
                    statements: count(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        let quantities = self
            .conn
            .prepare_cached(&format!(
                "SELECT {QUANTITY_COLUMNS}
                 FROM statements s JOIN quantities q ON q.doc_id = s.doc_id AND q.start >= s.start AND q.end <= s.end
                      JOIN documents d ON d.id = q.doc_id
                 WHERE s.speaker_entity_id = ?1
                 ORDER BY s.published IS NULL, s.published, s.doc_id, s.idx, q.start
                 LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params![id, sql_limit(limit), sql_offset(offset)], quantity_point)?
            .collect::<rusqlite::Result<_>>()?;

        let detail = EntityDetail { entity, alias_evidence, statements, timeline, dates, quantities };
        crate::remember(&mut self.aggregates()?.entities, key, detail.clone());
        Ok(Some(detail))
    }

    /// Numbers counting `counted` (matched as [`crate::QuantityFilter`] says), oldest
    /// document first, undated last.
    pub fn quantity_series(&self, counted: &str, offset: usize, limit: usize) -> Result<Vec<QuantityPoint>> {
        self.quantities(&crate::QuantityFilter { counted: Some(counted.to_string()), offset, limit })
    }
}
