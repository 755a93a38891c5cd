//! Claims across articles (DESIGN.md, "What it does" 9): the work that needs more than one
//! document. It lives beside the store, not in the per-document pipeline: a claim gathers
//! reports from many documents, so it is built from what the store already holds.
//!
//! - [`terms`]: the wording of a statement as a weighted term vector.
//! - [`group`]: the evidence that an item states a claim already seen, and the in-memory grouper.
//! - [`stance`]: how a report stands toward its claim.
//! - [`drift`]: how a relayed report differs from its source's (number, hedge, stance, speaker).

pub mod contract;
pub mod drift;
pub mod event_coref;
pub mod group;
pub mod items;
pub mod stance;
pub mod terms;

pub use group::{Grouper, Item, Match, Profile};
pub use stance::ReportStance;
pub use terms::{IdfTable, TermVector};
