//! Quantities and time expressions (pipeline stage "quantities/time").

use chrono::NaiveDate;
use dossier_core::{Quantity, Span, TimeExpr};

/// Finds numbers in `text` (sentence by sentence) with value, bounds, approximation and what is counted.
pub fn quantities(_text: &str, _sentences: &[Span]) -> Vec<Quantity> {
    Vec::new()
}

/// Finds time expressions, normalised against `published` when known.
pub fn times(_text: &str, _sentences: &[Span], _published: Option<NaiveDate>) -> Vec<TimeExpr> {
    Vec::new()
}
