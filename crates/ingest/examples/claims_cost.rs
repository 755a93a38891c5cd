//! What linking claims costs `dossier ingest`, and whether it grows with the store.
//!
//! `cargo run --release -p dossier-ingest --example claims_cost -- DIR_OF_TXT [ROUNDS] [SIZES]`
//! analyses the texts once and prepares their claim items (`Analysed::new`, the part of linking
//! that `dossier ingest` runs on its analysis workers), then stores them into fresh in-memory
//! stores with claim linking on and off, alternating, and prints the fastest of each (and of the preparing, repeated as often). Claims
//! cost the preparing plus the difference between the two stores. Then it grows two stores,
//! claims on and off, to 50,000 documents (the same analyses under new ids: each text gets a
//! numbered line appended, which leaves every span valid) and prints the time per document of
//! the last batches before 1k, 10k and 50k stored documents (or the sizes given as a third
//! argument, `1000,10000`), with claims on and off.

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
    // Preparing is timed alone: the documents are cloned beforehand.
    let mut prepare = f64::MAX;
    let mut analysed: Vec<Analysed> = Vec::new();
    for _ in 0..rounds {
        let copies = docs.clone();
        let t = Instant::now();
        analysed = copies.into_iter().map(|(d, a)| Analysed::new(d, a)).collect();
        prepare = prepare.min(t.elapsed().as_secs_f64());
    }
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

    // Two stores grown side by side with the same batches, claims on and off: the difference
    // per document is what linking costs at that size, apart from what every insert costs
    // as the tables grow. The last five batches before each size are averaged.
    let sizes: Vec<usize> = match args.next() {
        Some(list) => list.split(',').map(|n| n.parse().expect("sizes")).collect(),
        None => vec![1_000, 10_000, 50_000],
    };
    let mut with = Store::open_in_memory().expect("store");
    let mut without = Store::open_in_memory().expect("store");
    without.set_link_claims(false);
    let mut stored = 0usize;
    let mut copy = 0usize;
    for target in sizes {
        let mut recent: Vec<(f64, f64, usize)> = Vec::new();
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
            without.insert_analysed(&batch).expect("insert");
            let off = t.elapsed().as_secs_f64();
            let t = Instant::now();
            with.insert_analysed(&batch).expect("insert");
            let on = t.elapsed().as_secs_f64();
            recent.push((on, off, batch.len()));
            if recent.len() > 5 {
                recent.remove(0);
            }
            stored += batch.len();
        }
        let n: usize = recent.iter().map(|r| r.2).sum();
        let per_doc = |f: fn(&(f64, f64, usize)) -> f64| recent.iter().map(f).sum::<f64>() * 1000.0 / n as f64;
        let (on, off) = (per_doc(|r| r.0), per_doc(|r| r.1));
        println!(
            "at {target} stored documents: {on:.2} ms per document with claims, {off:.2} without, claims {:.2} ms ({} claims)",
            on - off,
            with.claim_count().expect("count")
        );
    }
}
