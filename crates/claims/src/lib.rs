//! Claims across articles (DESIGN.md, "What it does" 9): the work that needs more than one
//! document. It lives beside the store, not in the per-document pipeline: a claim gathers
//! reports from many documents, so it is built from what the store already holds.
pub mod event_coref;
