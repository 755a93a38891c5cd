//! Dossier's document model.
//!
//! A [`Document`] owns its original text once. Every annotation ([`Sentence`], [`Mention`],
//! [`Attribution`], [`Quantity`], [`TimeExpr`] …) holds [`Span`]s: byte offsets into that text,
//! always on UTF-8 boundaries. Normalised values (a number, an ISO date) sit next to the span,
//! never in place of it. [`AnalysisJson`] is the versioned JSON contract built from them.
//!
//! ```
//! use dossier_core::{Document, Metadata, Span};
//! let doc = Document::new("Ryder said so.".to_string(), Metadata::default());
//! assert_eq!(Span::new(0, 5).slice(&doc.text), Some("Ryder"));
//! ```

mod analysis;
mod annotation;
mod document;
pub mod fnv;
pub mod names;
mod span;
pub mod tsv;

pub use analysis::*;
pub use annotation::*;
pub use document::{content_id, parse_published, Document, Metadata};
pub use span::{trim_span, Span};
