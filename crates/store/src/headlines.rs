//! The headline checks of stored documents (table `headlines`, migration 0006): which title or
//! sub-heading the body bears out, contradicts, does not say, or says with conditions the heading
//! drops.

use rusqlite::params;
use serde::Serialize;

use crate::query::sql_limit;
use crate::{Result, Store};

/// Which headline checks [`Store::headlines`] returns. `None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadlineFilter {
    /// supported | contradicted | unsupported | overstated.
    pub verdict: Option<String>,
    pub doc_id: Option<String>,
    pub limit: usize,
}

/// One stored headline check with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineRow {
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// title | subheading.
    pub role: String,
    /// Byte span of the heading in the document; `None` for a metadata title.
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub text: String,
    pub verdict: String,
    pub stance: String,
    pub score: f64,
    /// Byte spans of the deciding body sentences.
    pub evidence: Vec<[u32; 2]>,
}

impl Store {
    /// Headline checks, most recently ingested document first, then in document order.
    pub fn headlines(&self, filter: &HeadlineFilter) -> Result<Vec<HeadlineRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.doc_id, d.title, d.published, h.role, h.start, h.\"end\", h.text, h.verdict, h.stance,
                    h.score, h.evidence
             FROM headlines h JOIN documents d ON d.id = h.doc_id
             WHERE (?1 IS NULL OR h.verdict = ?1) AND (?2 IS NULL OR h.doc_id = ?2)
             ORDER BY d.pk DESC, h.idx
             LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![filter.verdict, filter.doc_id, sql_limit(filter.limit)], |r| {
            let evidence: String = r.get(10)?;
            Ok(HeadlineRow {
                doc_id: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                role: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
                text: r.get(6)?,
                verdict: r.get(7)?,
                stance: r.get(8)?,
                score: r.get(9)?,
                evidence: serde_json::from_str(&evidence).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
