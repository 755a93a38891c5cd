//! Reading stored numbers back: every quantity, optionally only those counting a given noun,
//! in date order — "every claimed number of North Korean troops, oldest report first".

use rusqlite::params;

use crate::browse::{quantity_point, QUANTITY_COLUMNS};
use crate::query::sql_limit;
use crate::{QuantityPoint, Result, Store};

/// Which numbers [`Store::quantities`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityFilter {
    /// Case-insensitive substring of the counted noun ("troops" finds "U.S. troops"); `None`
    /// lists every number, counted or not.
    pub counted: Option<String>,
    pub limit: usize,
}

impl Default for QuantityFilter {
    /// No filter, at most 1000 rows.
    fn default() -> Self {
        QuantityFilter { counted: None, limit: 1000 }
    }
}

impl Store {
    /// Stored numbers matching `filter`, in publication order (undated documents last; within
    /// a document in text order).
    pub fn quantities(&self, filter: &QuantityFilter) -> Result<Vec<QuantityPoint>> {
        let counted = filter.counted.as_deref().map(|c| c.trim().to_lowercase());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {QUANTITY_COLUMNS}
             FROM quantities q JOIN documents d ON d.id = q.doc_id
             WHERE ?1 IS NULL OR (q.counted IS NOT NULL AND instr(lower(q.counted), ?1) > 0)
             ORDER BY d.published IS NULL, d.published, d.pk, q.start
             LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![counted, sql_limit(filter.limit)], quantity_point)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
