//! Raw HTML kept for provenance, compressed, keyed by document id.

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use crate::{Result, Store};

/// A stored raw page: gzipped bytes and the uncompressed size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtml {
    pub gzip: Vec<u8>,
    pub bytes: u64,
}

impl Store {
    /// Keeps the gzipped raw pages of stored documents, in one transaction. A document that
    /// already has one keeps the first.
    pub fn put_raw_html(&mut self, pages: &[(String, RawHtml)]) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR IGNORE INTO raw_html (doc_id, encoding, bytes, content) VALUES (?1, 'gzip', ?2, ?3)",
            )?;
            for (id, raw) in pages {
                put.execute(params![id, raw.bytes as i64, raw.gzip])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The gzipped raw page a document was read from, if it came from HTML.
    pub fn raw_html(&self, doc_id: &str) -> Result<Option<RawHtml>> {
        Ok(self
            .conn
            .query_row("SELECT content, bytes FROM raw_html WHERE doc_id = ?1", [doc_id], |r| {
                Ok(RawHtml { gzip: r.get(0)?, bytes: r.get::<_, i64>(1)?.max(0) as u64 })
            })
            .optional()?)
    }
}
