//! The raw HTML of the pages `dossier ingest` reads (dossier_ingest::read), kept gzipped in the
//! store beside each page's document for provenance.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use dossier_store::RawHtml;

/// Raw pages waiting for their documents to be stored, by document id. The reader adds; the
/// writer takes them when it commits the batch holding the document (so at most a few batches).
pub type RawPending = Arc<Mutex<HashMap<String, RawHtml>>>;

/// Takes the raw pages of the given documents out of the pending set.
pub fn take_raw<'a>(raw: &RawPending, ids: impl Iterator<Item = &'a str>) -> Vec<(String, RawHtml)> {
    let Ok(mut map) = raw.lock() else { return Vec::new() };
    ids.filter_map(|id| map.remove(id).map(|r| (id.to_string(), r))).collect()
}

/// Adds a raw page to the pending set.
pub fn keep_raw(raw: &RawPending, id: &str, html: &[u8]) {
    if let Ok(mut map) = raw.lock() {
        map.entry(id.to_string())
            .or_insert_with(|| RawHtml { gzip: dossier_web::gzip(html), bytes: html.len() as u64 });
    }
}
