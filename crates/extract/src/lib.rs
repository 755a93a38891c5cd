//! Dossier's extractors, one module per pipeline stage, and the pipeline that runs them.
//!
//! Every extractor is a pure function over a document and what earlier stages found; lexicons are
//! loaded once ([`Lexicons::builtin`]) and passed in.
//!
//! The extractors ([`repair`], [`segment`], [`entities`], [`attribution`], [`events`]) read
//! `dossier_core`, the data ([`lexicon`], [`words`]) and the token view ([`segment::TokenView`]),
//! never one another: the pipeline hands each the layers it needs (`tests/architecture.rs`
//! checks the imports).

pub mod entities;
pub mod events;
pub mod headlines;
pub mod lexicon;
pub mod repair;
pub mod segment;
pub mod words;

pub use lexicon::{LexiconError, Lexicons};
pub mod attribution;
pub mod pipeline;

pub use pipeline::{analyze, Pipeline, Stage};
