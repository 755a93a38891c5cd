//! The edge where documents come in: reading inputs into [`Document`]s ([`input`]) and the one
//! way a document is analysed and stored ([`analyze`], [`analyze_and_store`]), used alike by
//! `dossier ingest` and by `POST /api/documents`.
//!
//! ```
//! use dossier_core::{Document, Metadata};
//! use dossier_extract::Lexicons;
//! use dossier_store::{Inserted, Store};
//! let mut store = Store::open_in_memory()?;
//! let lex = Lexicons::builtin().unwrap();
//! let doc = Document::new("Ryder said the talks failed.".into(), Metadata::default());
//! let stored = dossier_ingest::analyze_and_store(&mut store, &lex, vec![doc.clone()])?;
//! assert_eq!((stored[0].inserted, stored[0].statements), (Inserted::New, 1));
//! // Again: the same text analysed by the same stages and data changes nothing.
//! let again = dossier_ingest::analyze_and_store(&mut store, &lex, vec![doc])?;
//! assert_eq!(again[0].inserted, Inserted::Duplicate);
//! # Ok::<(), dossier_store::StoreError>(())
//! ```

pub mod input;
pub mod metadata;
pub mod read;

use std::time::Duration;

use dossier_core::{AnalysisJson, Document};
use dossier_extract::pipeline::OverBudget;
use dossier_extract::Lexicons;
use dossier_store::{Inserted, Store, StoreError};

pub use input::{feed_document, page_document, FeedDoc, FeedItem, InputError};

/// How long one document's analysis may take by default before it is given up
/// ([`analyze_within`]). A 16 MiB document, the default size limit, takes about 20 s on one
/// core of a small machine (docs/ROBUSTNESS.md); news articles take milliseconds.
pub const DEFAULT_DOC_BUDGET: Duration = Duration::from_secs(120);

/// Analyses a document with the standard pipeline into the JSON contract the store keeps.
pub fn analyze(doc: Document, lex: &Lexicons) -> (Document, AnalysisJson) {
    let analysis = dossier_extract::analyze(&doc, lex);
    let json = AnalysisJson::new(&doc, &analysis);
    (doc, json)
}

/// [`analyze`], given up once the analysis has taken longer than `budget`; the document comes
/// back with the reason, so that the caller can name it and go on with the rest.
#[allow(clippy::result_large_err)]
pub fn analyze_within(
    doc: Document,
    lex: &Lexicons,
    budget: Duration,
) -> Result<(Document, AnalysisJson), (Document, OverBudget)> {
    match dossier_extract::pipeline::standard().analyze_within(&doc, lex, budget) {
        Ok(analysis) => {
            let json = AnalysisJson::new(&doc, &analysis);
            Ok((doc, json))
        }
        Err(over) => Err((doc, over)),
    }
}

/// What [`analyze_and_store`] did with one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDoc {
    pub id: String,
    pub inserted: Inserted,
    /// Statements its analysis found.
    pub statements: usize,
}

/// Analyses documents and stores them in one transaction: a document already stored by the same
/// stages, data and switches is left alone ([`Inserted::Duplicate`]); one stored by others is
/// re-analysed and its rows replaced ([`Inserted::Refreshed`]).
pub fn analyze_and_store(store: &mut Store, lex: &Lexicons, docs: Vec<Document>) -> Result<Vec<StoredDoc>, StoreError> {
    let analysed: Vec<_> = docs.into_iter().map(|d| analyze(d, lex)).collect();
    store_analysed(store, &analysed)
}

/// Stores documents analysed by [`analyze`] or [`analyze_within`] in one transaction.
pub fn store_analysed(store: &mut Store, analysed: &[(Document, AnalysisJson)]) -> Result<Vec<StoredDoc>, StoreError> {
    let inserted = store.insert_batch(analysed)?;
    Ok(analysed
        .iter()
        .zip(inserted)
        .map(|((doc, json), inserted)| StoredDoc { id: doc.id.clone(), inserted, statements: json.attributions.len() })
        .collect())
}
