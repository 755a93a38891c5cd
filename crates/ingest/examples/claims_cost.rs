//! What linking claims costs `dossier ingest`, and whether it grows with the store.
//!
//! `cargo run --release -p dossier-ingest --example claims_cost -- DIR_OF_TXT [ROUNDS]`
//! analyses the texts once and prepares their claim items (`Analysed::new`, the part of linking
//! that `dossier ingest` runs on its analysis workers), then stores them into fresh in-memory
//! stores with claim linking on and off, alternating, and prints the fastest of each. Claims
//! cost the preparing plus the difference between the two stores. Then it grows
//! one store to 50,000 documents (the same analyses under new ids: each text gets a numbered
//! line appended, which leaves every span valid) and prints the time per document of the last
//! batch before 1k, 10k and 50k stored documents, with claims on.

use std::time::Instant;

use dossier_core::{AnalysisJson, Document};
use dossier_extract::Lexicons;
use dossier_store::{Analysed, Store};

fn store_all(docs: &[Analysed], claims: bool) -> f64 {
    let mut store = Store::open_in_memory().expect("store");
    store.set_link_claims(claims);
    let t = Instant::now();
    for batch in docs.chunks(200) {
        store.insert_analysed(batch).expect("insert");
    }
    t.elapsed().as_secs_f64()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("a folder of .txt files");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("rounds"));
    let lex = Lexicons::builtin().expect("lexicons");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let t = Instant::now();
    let docs: Vec<(Document, AnalysisJson)> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|text| dossier_ingest::analyze(Document::new(text, Default::default()), &lex))
        .collect();
    let analyse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let analysed: Vec<Analysed> = docs.iter().map(|(d, a)| Analysed::new(d.clone(), a.clone())).collect();
    let prepare = t.elapsed().as_secs_f64();
    let (mut on, mut off) = (f64::MAX, f64::MAX);
    for _ in 0..rounds {
        off = off.min(store_all(&analysed, false));
        on = on.min(store_all(&analysed, true));
    }
    println!(
        "{} documents: analyse {analyse:.2} s, prepare claim items {prepare:.2} s; store without claims {off:.2} s, with claims {on:.2} s",
        docs.len()
    );
    let claims = prepare + on - off;
    println!(
        "claims add {claims:.2} s ({prepare:.2} s beside the analysis, {:.2} s on the writer): {:.1}% of ingest (analyse + store)",
        on - off,
        100.0 * claims / (analyse + off)
    );

    let mut store = Store::open_in_memory().expect("store");
    let mut stored = 0usize;
    let mut copy = 0usize;
    for target in [1_000usize, 10_000, 50_000] {
        let mut last = 0.0;
        while stored < target {
            let batch: Vec<Analysed> = docs
                .iter()
                .take((target - stored).min(200))
                .map(|(d, a)| {
                    copy += 1;
                    let nd = Document::new(format!("{}\n{copy}\n", d.text), d.meta.clone());
                    let mut na = a.clone();
                    na.document.id.clone_from(&nd.id);
                    Analysed::new(nd, na)
                })
                .collect();
            let t = Instant::now();
            store.insert_analysed(&batch).expect("insert");
            last = t.elapsed().as_secs_f64() * 1000.0 / batch.len() as f64;
            stored += batch.len();
        }
        println!(
            "at {target} stored documents: {last:.2} ms per document (last batch, claims on); {} claims",
            store.claim_count().expect("count")
        );
    }
}
