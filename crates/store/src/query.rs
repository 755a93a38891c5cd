//! Reading the store back: search, statements, entities, counts, documents.

use std::time::{Duration, Instant};

use dossier_core::{parse_published, Document, Metadata};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::{Result, Store, StoreError};

/// Which index a search hit came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Document,
    Statement,
}

/// One search result. `snippet` marks the matched words with `[` and `]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub doc_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    /// The statement's index in the document's attributions (statement hits only).
    pub statement_idx: Option<i64>,
    /// The statement's speaker (statement hits only).
    pub speaker: Option<String>,
    pub snippet: String,
    /// FTS5 bm25 rank: lower is better; hits come sorted by it.
    pub rank: f64,
    pub outlet: Option<String>,
    /// ISO date, `YYYY-MM-DD`.
    pub published: Option<String>,
}

/// Which statements [`Store::statements`] returns. `None` fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementFilter {
    /// Case-insensitive substring of the speaker as written or of its entity's name.
    pub speaker: Option<String>,
    /// A stance label as in the JSON contract: `assert`, `deny`, `warn` …
    pub stance: Option<String>,
    pub doc_id: Option<String>,
    pub limit: usize,
}

impl Default for StatementFilter {
    /// No filter, at most 100 rows (a zero default limit would silently return nothing).
    fn default() -> Self {
        StatementFilter { speaker: None, stance: None, doc_id: None, limit: 100 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementRow {
    pub doc_id: String,
    pub title: Option<String>,
    /// Where the document was read from: a file, or `FILE:LINE` of a feed.
    pub source: Option<String>,
    /// The publication that printed it, when the input said so.
    pub outlet: Option<String>,
    /// ISO date, `YYYY-MM-DD`.
    pub published: Option<String>,
    pub speaker: Option<String>,
    pub speaker_entity: Option<String>,
    pub source_type: Option<String>,
    pub cue: String,
    pub content: String,
    pub quote: String,
    pub stance: String,
    pub hedged: bool,
    /// Byte span of the content in the document text.
    pub start: u32,
    pub end: u32,
    /// The claim this statement reports, when it joined one (crates/claims).
    pub claim: Option<i64>,
}

/// A canonical entity across the whole store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    /// The store's id for it: never reused, and unchanged as more articles arrive.
    pub id: i64,
    /// The canonical name: the first spelling stored; later articles only add aliases.
    pub name: String,
    pub kind: String,
    /// Every other spelling seen, sorted.
    pub aliases: Vec<String>,
    /// Mentions linked to it, in all documents (pronouns resolved to it included).
    pub mentions: u64,
    /// Documents in which it occurs.
    pub documents: u64,
    /// Statements it made, in all documents (not `statements`: an entity's page lists those).
    pub statement_count: u64,
}

/// The columns [`entity_row`] reads, over `entities e`; the fourth (`n`) is the mention count.
/// The counts are kept at insert (schema 12, insert.rs `count_entities`).
pub(crate) const ENTITY_COLUMNS: &str = "e.id, e.name, e.kind, e.mention_count AS n, e.document_count,
     e.statement_count";

/// An [`EntityRow`] from [`ENTITY_COLUMNS`], its aliases still to be filled in.
pub(crate) fn entity_row(r: &Row) -> rusqlite::Result<EntityRow> {
    Ok(EntityRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        aliases: Vec::new(),
        mentions: count(r.get(3)?),
        documents: count(r.get(4)?),
        statement_count: count(r.get(5)?),
    })
}

/// The aliases listed for entity `?1`, sorted: every alias with evidence of its own (the same
/// name, an acronym spelled out, a middle initial), and one resting only on its articles' context
/// (a surname, a lexicon variant or metonym, "the South") only when no other entity of the kind
/// holds that alias (in any case) in as much as a `?2`-th as many documents: "Clinton" is listed
/// for one Clinton at most (docs/ENTITIES.md).
///
/// Read from `alias_totals` (schema 14: the rows of `entity_aliases` counted per entity, alias
/// and evidence). An alias's documents are the sum over its evidence kinds, exactly its distinct
/// documents (an entity has one row per alias and document); another entity's are summed over
/// the spellings that differ only in case, which counts twice a document that used two of them.
pub(crate) const ALIASES_SQL: &str = "SELECT a.alias FROM alias_totals a WHERE a.entity_id = ?1
     GROUP BY a.alias
     HAVING sum(a.rows * (a.evidence NOT IN ('surname_of_full_name', 'unique_surname', 'lexicon'))) > 0
         OR sum(a.documents) >= ?2 * coalesce((
             SELECT sum(o.documents) AS n FROM alias_totals o JOIN entities oe ON oe.id = o.entity_id
             WHERE o.alias = a.alias COLLATE NOCASE AND o.entity_id <> ?1
               AND oe.kind = (SELECT kind FROM entities WHERE id = ?1)
             GROUP BY o.entity_id ORDER BY n DESC LIMIT 1), 0)
     ORDER BY a.alias";

/// One alias of an entity on one kind of evidence: how many documents gave it, and the first of
/// them (by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasEvidence {
    pub alias: String,
    /// `same_name`, `surname_of_full_name`, `middle_initial`, `acronym_spelled_out`,
    /// `unique_surname`, `lexicon`, or `carried` (stored before aliases kept their evidence).
    pub evidence: String,
    /// Documents that gave it (0 for a carried alias no document could be traced to).
    pub documents: u64,
    /// Up to three of those documents, by id.
    pub examples: Vec<AliasDocument>,
    /// Whether the alias is listed among the entity's aliases (a surname or lexicon alias another
    /// entity of the kind holds about as often is not).
    pub listed: bool,
}

/// A document an alias came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasDocument {
    pub doc_id: String,
    pub title: Option<String>,
}

/// The listed aliases of one entity ([`ALIASES_SQL`]).
pub(crate) fn listed_aliases(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached(ALIASES_SQL)?.query_map(params![id, crate::linking::SURNAME_DOMINANCE], |a| a.get(0))?.collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub statements: u64,
    pub entities: u64,
    pub mentions: u64,
    pub quantities: u64,
    pub times: u64,
}

/// At most this many distinct words of a search are used; the rest are dropped. Each word is one
/// more posting list FTS5 intersects for every row, so a pasted paragraph would keep a core busy
/// (issue: "search stalls the server"); sixteen words already pin a statement down.
pub const MAX_SEARCH_TERMS: usize = 16;

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word
/// (separated by whitespace or control characters) becomes a quoted phrase (quotes doubled), all
/// of them required.
/// Words with no letter or digit are dropped: the tokenizer would index nothing for them. A word
/// repeated (in any case: the index folds case) is required once, and only the first
/// [`MAX_SEARCH_TERMS`] distinct words count. Returns `None` when nothing searchable is left.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    // Control characters separate words too: a NUL inside a quoted phrase ends FTS5's reading
    // of the query there, which made "\0t" a syntax error (found by fuzz target api_query).
    let words = input.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty());
    for w in words.filter(|w| w.chars().any(char::is_alphanumeric)) {
        let folded = w.to_lowercase();
        if seen.contains(&folded) {
            continue;
        }
        seen.push(folded);
        terms.push(format!("\"{}\"", w.replace('"', "\"\"")));
        if terms.len() == MAX_SEARCH_TERMS {
            break;
        }
    }
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// How long one search may run (see [`Store::search`]).
pub const SEARCH_BUDGET: Duration = Duration::from_secs(2);

/// The most matches of a search ranked, in each index: the most recently stored ones. A word
/// in most of 100,000 articles would otherwise be ranked in all of them for every page of
/// twenty (docs/PERFORMANCE-server.md); the matches beyond are the oldest stored.
pub const SEARCH_CANDIDATES: usize = 2_000;

/// How many virtual-machine steps SQLite runs between two looks at the clock.
const BUDGET_CHECK_STEPS: std::os::raw::c_int = 10_000;

/// SQLite's LIMIT is an i64; anything larger means "no limit".
pub(crate) fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

pub(crate) fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    /// Full-text search over documents (title, text) and statements (speaker, content), best
    /// first. Plain words only: quotes and FTS5 operators in `query` are taken literally.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_page(query, 0, limit)
    }

    /// [`Store::search`] from the `offset`-th hit on: the page after the first. Each index
    /// ranks its best `offset + limit` hits, so later pages cost more, as in any ranked search.
    pub fn search_page(&mut self, query: &str, offset: usize, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let key = (q.clone(), offset, limit);
        if let Some(hits) = self.aggregates()?.searches.get(&key) {
            return Ok(hits.clone());
        }
        let hits = self.rank_search(&q, offset, limit)?;
        crate::remember(&mut self.aggregates()?.searches, key, hits.clone());
        Ok(hits)
    }

    /// Ranks the search `q` (an FTS5 query from [`fts_query`]) within its time budget.
    fn rank_search(&mut self, q: &str, offset: usize, limit: usize) -> Result<Vec<SearchHit>> {
        // SQLite checks the budget every few thousand steps of the query and stops it past it,
        // so no search keeps a core and a connection (the server has a few) busy for long.
        let deadline = Instant::now() + SEARCH_BUDGET;
        self.conn.progress_handler(BUDGET_CHECK_STEPS, Some(move || Instant::now() > deadline))?;
        let hits = self
            .ranked_hits(q, offset.saturating_add(limit))
            .map(|hits| hits.into_iter().skip(offset).take(limit).collect());
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        match hits {
            Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                if e.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                Err(StoreError::OverBudget { seconds: SEARCH_BUDGET.as_secs() })
            }
            other => other,
        }
    }

    fn ranked_hits(&self, q: &str, limit: usize) -> Result<Vec<SearchHit>> {
        // Each index ranks at most its SEARCH_CANDIDATES newest matches (FTS5 walks a match
        // list in rowid order and stops there, computing bm25 for those alone), chooses its best
        // `limit` of them, and snippets are made for those only: a snippet costs far more than a
        // rank, and a common word matches most of a large store. CROSS JOIN keeps the page
        // outermost: SQLite 3.54 otherwise walks every match of the word and reads its row
        // (3.9 s for "president" at 100,000 articles, against 31 ms).
        let mut stmt = self.conn.prepare_cached(
            "WITH doc_candidates AS (
                 SELECT rowid AS pk, bm25(documents_fts) AS rank FROM documents_fts
                 WHERE documents_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3),
             top_docs AS (
                 SELECT c.pk, c.rank FROM doc_candidates c JOIN documents d ON d.pk = c.pk
                 ORDER BY c.rank, d.id LIMIT ?2),
             statement_candidates AS (
                 SELECT rowid AS id, bm25(statements_fts) AS rank FROM statements_fts
                 WHERE statements_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3),
             top_statements AS (
                 SELECT c.id, c.rank FROM statement_candidates c JOIN statements s ON s.id = c.id
                 ORDER BY c.rank, s.doc_id, s.idx LIMIT ?2)
             SELECT 'document', d.id, d.title, d.source, NULL, NULL,
                    snippet(documents_fts, -1, '[', ']', '…', 16), t.rank, d.outlet, d.published
             FROM top_docs t CROSS JOIN documents_fts ON documents_fts.rowid = t.pk JOIN documents d ON d.pk = t.pk
             WHERE documents_fts MATCH ?1
             UNION ALL
             SELECT 'statement', s.doc_id, d.title, d.source, s.idx, s.speaker,
                    snippet(statements_fts, -1, '[', ']', '…', 16), t.rank, d.outlet, d.published
             FROM top_statements t CROSS JOIN statements_fts ON statements_fts.rowid = t.id
                  JOIN statements s ON s.id = t.id JOIN documents d ON d.id = s.doc_id
             WHERE statements_fts MATCH ?1
             ORDER BY 8, 2, 5
             LIMIT ?2",
        )?;
        let candidates = i64::try_from(SEARCH_CANDIDATES.max(limit)).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![q, sql_limit(limit), candidates], |r| {
            let kind: String = r.get(0)?;
            Ok(SearchHit {
                kind: if kind == "document" { HitKind::Document } else { HitKind::Statement },
                doc_id: r.get(1)?,
                title: r.get(2)?,
                source: r.get(3)?,
                statement_idx: r.get(4)?,
                speaker: r.get(5)?,
                snippet: r.get(6)?,
                rank: r.get(7)?,
                outlet: r.get(8)?,
                published: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Statements matching `filter`: the command line's filter, answered by the same query as
    /// [`Store::statements_where`].
    pub fn statements(&self, filter: &StatementFilter) -> Result<Vec<StatementRow>> {
        self.statements_where(&filter.into())
    }

    /// Canonical entities, most mentioned first.
    pub fn entities(&self, limit: usize) -> Result<Vec<EntityRow>> {
        Ok(self.entities_page(None, 0, limit)?.items)
    }

    /// One page of the canonical entities, most mentioned first, optionally of one kind
    /// (`person`, `organization`, `location`, `group` …).
    pub fn entities_page(&self, kind: Option<&str>, offset: usize, limit: usize) -> Result<crate::Page<EntityRow>> {
        let total = match kind {
            Some(k) => self.list_total("SELECT count(*) FROM entities WHERE kind = ?1", &[k.to_string().into()])?,
            None => self.list_total("SELECT count(*) FROM entities", &[])?,
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTITY_COLUMNS} FROM entities e
             WHERE ?1 IS NULL OR e.kind = ?1
             ORDER BY n DESC, e.name, e.id
             LIMIT ?2 OFFSET ?3"
        ))?;
        let mut items: Vec<EntityRow> = stmt
            .query_map(params![kind, sql_limit(limit), crate::browse::sql_offset(offset)], entity_row)?
            .collect::<rusqlite::Result<_>>()?;
        for e in &mut items {
            e.aliases = self.aliases_of(e.id)?;
        }
        Ok(crate::Page { total: count(total), offset: offset as u64, limit: limit as u64, items })
    }

    /// Every alias of entity `id` with each kind of evidence it joined on, sorted by alias and
    /// evidence: what `dossier entities --why` and `dossier entity` show.
    pub fn alias_evidence(&self, id: i64) -> Result<Vec<AliasEvidence>> {
        let listed = self.aliases_of(id)?;
        // Counted at insert (alias_totals), the examples fetched per alias and evidence: an entity
        // in most of a large store has an alias row per document, hundreds of thousands of them.
        let groups: Vec<(String, String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT alias, evidence, documents FROM alias_totals WHERE entity_id = ?1 ORDER BY alias, evidence",
            )?
            .query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut examples = self.conn.prepare_cached(
            "SELECT a.doc_id, d.title FROM entity_aliases a JOIN documents d ON d.id = a.doc_id
             WHERE a.entity_id = ?1 AND a.alias = ?2 AND a.evidence = ?3 ORDER BY a.doc_id LIMIT 3",
        )?;
        let mut out = Vec::with_capacity(groups.len());
        for (alias, evidence, documents) in groups {
            let examples = examples
                .query_map(params![id, alias, evidence], |r| Ok(AliasDocument { doc_id: r.get(0)?, title: r.get(1)? }))?
                .collect::<rusqlite::Result<_>>()?;
            let listed = listed.contains(&alias);
            out.push(AliasEvidence { alias, evidence, documents: count(documents), examples, listed });
        }
        Ok(out)
    }

    pub fn stats(&self) -> Result<Stats> {
        let mut cache = self.aggregates()?;
        if let Some(stats) = cache.stats {
            return Ok(stats);
        }
        let stats = self.count_everything()?;
        cache.stats = Some(stats);
        Ok(stats)
    }

    fn count_everything(&self) -> Result<Stats> {
        // Kept by triggers (schema 14, store_totals).
        let n = |t: &str| format!("(SELECT n FROM store_totals WHERE name = '{t}')");
        Ok(self.conn.query_row(
            &format!(
                "SELECT {}, {}, {}, {}, {}, {}",
                n("documents"),
                n("statements"),
                n("entities"),
                n("mentions"),
                n("quantities"),
                n("times")
            ),
            [],
            |r| {
                Ok(Stats {
                    documents: count(r.get(0)?),
                    statements: count(r.get(1)?),
                    entities: count(r.get(2)?),
                    mentions: count(r.get(3)?),
                    quantities: count(r.get(4)?),
                    times: count(r.get(5)?),
                })
            },
        )?)
    }

    /// A stored document and its analysis JSON (as stored, so older contract versions survive).
    pub fn document(&self, id: &str) -> Result<Option<(Document, serde_json::Value)>> {
        let row = self
            .conn
            .prepare_cached(&format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1"))?
            .query_row(params![id], document_row)
            .optional()?;
        match row {
            Some((doc, json)) => Ok(Some((doc, serde_json::from_str(&json)?))),
            None => Ok(None),
        }
    }
}

impl Store {
    /// Up to `limit` stored documents, after store row `after` in storing order, whose analysis
    /// was made by other stages, data or switches than `provenance` (a
    /// [`dossier_core::Provenance::key`]); with each its row number, to continue from.
    /// `dossier reanalyze` reads the store through this, a batch at a time.
    pub fn stale_documents(&self, provenance: &str, after: i64, limit: usize) -> Result<Vec<(i64, Document)>> {
        let mut q = self.conn.prepare_cached(&format!(
            "SELECT {DOCUMENT_COLUMNS}, pk FROM documents WHERE pk > ?1 AND provenance <> ?2 ORDER BY pk LIMIT ?3"
        ))?;
        let rows = q.query_map(params![after, provenance, limit as i64], |r| Ok((r.get(9)?, document_row(r)?.0)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The columns [`document_row`] reads.
pub(crate) const DOCUMENT_COLUMNS: &str = "id, source, url, title, published, outlet, author, text, analysis";

/// A stored document and its analysis JSON text, from a row of [`DOCUMENT_COLUMNS`].
pub(crate) fn document_row(r: &rusqlite::Row) -> rusqlite::Result<(Document, String)> {
    let published: Option<String> = r.get(4)?;
    let meta = Metadata {
        source: r.get(1)?,
        url: r.get(2)?,
        title: r.get(3)?,
        published: published.as_deref().and_then(parse_published),
        outlet: r.get(5)?,
        author: r.get(6)?,
    };
    Ok((Document { id: r.get(0)?, meta, text: r.get(7)? }, crate::packed::unpack(r.get_ref(8)?)?))
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_words_become_quoted_phrases() {
        assert_eq!(fts_query("north korean"), Some("\"north\" \"korean\"".into()));
        assert_eq!(fts_query("say \"no\""), Some("\"say\" \"\"\"no\"\"\"".into()));
        assert_eq!(fts_query("AND OR *"), Some("\"AND\" \"OR\"".into()));
        assert_eq!(fts_query("  * \" ( "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn repeated_words_count_once_and_long_queries_are_cut() {
        let the = vec!["the"; 500].join(" ");
        assert_eq!(fts_query(&the), Some("\"the\"".into()));
        assert_eq!(fts_query("The the THE war"), Some("\"The\" \"war\"".into()));
        let many: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let q = fts_query(&many.join(" ")).unwrap();
        assert_eq!(q.matches('"').count(), 2 * super::MAX_SEARCH_TERMS, "{q}");
        assert!(q.starts_with("\"w0\" \"w1\""));
    }
}
