//! One module per `dossier eval` subcommand. Each scores exactly as its reference script in
//! `shared/tools` does and has a `lines()` that prints the script's lines byte for byte.

pub mod attribution;
pub mod claims;
pub mod event_coref;
pub mod events;
pub mod extraction;
pub mod headlines;
pub mod ner;
pub mod quantities;
pub mod time;
