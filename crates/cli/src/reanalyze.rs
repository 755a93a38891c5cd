//! `dossier reanalyze`: analyse again, from the text the store keeps, every document stored by
//! other stages, data or switches than this build's, so that a store made by an older version
//! gets today's entities, aliases, statements, events and claims without its original inputs
//! (an alias an older analysis got wrong is recomputed with the document's new analysis).
//!
//! One thread, a batch per transaction: a document's old rows are replaced by its new ones in the
//! same transaction (the refresh path of every insert), so a reader or a crash never sees a
//! document half re-analysed, and a run stopped half way is taken up where it stopped.

use anyhow::{Context, Result};
use dossier_extract::Lexicons;
use dossier_store::{Analysed, Store};

use crate::args::ReanalyzeArgs;
use crate::{emit, Exit};

pub fn run(args: &ReanalyzeArgs, lex: &Lexicons) -> Result<Exit> {
    let db = &args.db.db;
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db).with_context(|| format!("cannot open database {}", db.display()))?;
    let key = dossier_extract::pipeline::standard().provenance(lex).key();
    let budget = std::time::Duration::from_secs_f64(args.doc_budget);
    let (mut after, mut refreshed, mut failed) = (0, 0u64, 0u64);
    loop {
        let batch = store.stale_documents(&key, after, args.batch as usize).context("cannot read the store")?;
        let Some(&(last, _)) = batch.last() else { break };
        after = last;
        let mut analysed = Vec::with_capacity(batch.len());
        for (_, doc) in batch {
            match dossier_ingest::analyze_within(doc, lex, budget) {
                Ok((doc, analysis)) => analysed.push(Analysed::new(doc, analysis)),
                Err((doc, over)) => {
                    failed += 1;
                    eprintln!("error: {}: {over} (left as it was)", doc.meta.source.as_deref().unwrap_or(&doc.id));
                }
            }
        }
        refreshed += store.insert_analysed(&analysed).context("cannot store documents")?.len() as u64;
    }
    emit(&format!("reanalysed {refreshed} documents, {failed} failed, in {}\n", db.display()))?;
    Ok(if failed > 0 { Exit::Partial } else { Exit::Success })
}
