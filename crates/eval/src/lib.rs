//! Dossier's evaluation: everything `dossier eval` measures, in one place.
//!
//! - [`metrics`]: the one precision/recall/F1 type ([`metrics::Counts`] → [`metrics::Prf`]) and
//!   the offset maps (byte → character, character → byte, UTF-16 → byte) every task uses.
//! - [`readers`]: one module per gold format (brat, TimeML, Recognizers-Text, quantities,
//!   CoNLL/IOB and re3d, PLOVER, scrapinghub, Emergent, FNC-1, ECB+).
//! - [`tasks`]: one module per `dossier eval` subcommand, each scoring exactly as its reference
//!   script in `shared/tools` does, and printing the script's lines.
//!
//! Tasks that run the pipeline take an [`Analyzer`]: the lexicons and the input checks of
//! `dossier analyze`, so that a text the command would refuse counts as a failed run.

pub mod metrics;
pub mod readers;
pub mod tasks;

use chrono::NaiveDate;
use dossier_core::{Analysis, AnalysisJson, Document, Metadata};
use dossier_extract::Lexicons;

/// The checks `dossier analyze` puts a document's bytes through (size, emptiness, binary
/// content, UTF-8): the text, or why the command would have failed.
pub type InputCheck = dyn Fn(Vec<u8>) -> Result<String, String> + Sync;

/// The pipeline as `dossier analyze --json` runs it, in-process.
pub struct Analyzer<'a> {
    pub lexicons: &'a Lexicons,
    pub check: &'a InputCheck,
}

impl Analyzer<'_> {
    /// The document and its analysis; `Err` where `dossier analyze` would have failed.
    pub fn analyze(&self, bytes: Vec<u8>, meta: Metadata) -> Result<(Document, Analysis), String> {
        let text = (self.check)(bytes)?;
        let doc = Document::new(text, meta);
        let analysis = dossier_extract::analyze(&doc, self.lexicons);
        Ok((doc, analysis))
    }

    /// The JSON contract of `dossier analyze --json [--published DATE]` for a text; `None` where
    /// the command would have failed (empty or binary input).
    pub fn analyze_json(&self, text: &str, published: Option<NaiveDate>) -> Option<AnalysisJson> {
        let meta = Metadata { published, ..Metadata::default() };
        let (doc, a) = self.analyze(text.as_bytes().to_vec(), meta).ok()?;
        Some(AnalysisJson::new(&doc, &a))
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

    /// A check like `dossier analyze`'s for tests: whitespace-only text and NUL bytes fail.
    pub fn check(bytes: Vec<u8>) -> Result<String, String> {
        if bytes.contains(&0) {
            return Err("binary".into());
        }
        let s = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        if s.trim().is_empty() {
            return Err("empty input".into());
        }
        Ok(s)
    }

    pub fn lexicons() -> &'static Lexicons {
        static L: std::sync::OnceLock<Lexicons> = std::sync::OnceLock::new();
        L.get_or_init(|| Lexicons::builtin().expect("the built-in lexicons load"))
    }

    pub fn pipeline() -> Analyzer<'static> {
        Analyzer { lexicons: lexicons(), check: &check }
    }
}
