//! Dossier's extractors, one module per pipeline stage, and the pipeline that runs them.
//!
//! Every extractor is a pure function over a document and what earlier stages found; lexicons are
//! loaded once ([`Lexicons::builtin`]) and passed in.

pub mod entities;
pub mod events;
pub mod lexicon;
pub mod repair;
pub mod segment;
pub mod words;

pub use lexicon::{LexiconError, Lexicons};
pub mod attribution;
pub mod pipeline;

pub use pipeline::analyze;
