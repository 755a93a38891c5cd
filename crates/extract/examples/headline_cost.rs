//! What the headlines stage adds to `analyze`: the PolNeAR training texts (840 articles, read from
//! `../shared/eval/attribution/polnear/train.tar.gz` at run time) analysed by the standard
//! pipeline and by the same list without its last stage, alternately, five rounds each; prints
//! the CPU time (user + system, from /proc/self/stat) of the fastest round of each and the
//! difference in per cent. CPU time, not wall time: on a shared machine it does not count the
//! time a run waited for a core. A development aid, never a test.
//!
//! ```sh
//! cargo run --release -p dossier-extract --example headline_cost
//! ```

use std::io::Read;

use dossier_core::{Document, Metadata};
use dossier_extract::{Lexicons, Pipeline};

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    let after = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime), in clock ticks (100 a second on Linux).
    (f[11].parse::<f64>().expect("utime") + f[12].parse::<f64>().expect("stime")) / 100.0
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/attribution/polnear/train.tar.gz");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(std::fs::File::open(path).expect(path)));
    let mut docs = Vec::new();
    for entry in archive.entries().expect("tar") {
        let mut entry = entry.expect("entry");
        let name = entry.path().expect("name").to_string_lossy().into_owned();
        if name.contains("/text/") && name.ends_with(".txt") {
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("UTF-8");
            docs.push(Document::new(text, Metadata::default()));
        }
    }
    let lex = Lexicons::builtin().expect("lexicons");
    let full = Pipeline::standard();
    let mut stages = dossier_extract::pipeline::stages::standard_list();
    let last = stages.pop().expect("a stage");
    assert_eq!(last.info().id, "headlines");
    let without = Pipeline::new(stages).expect("a pipeline");
    let run = |p: &Pipeline| {
        let t = cpu_seconds();
        let n: usize = docs.iter().map(|d| p.analyze(d, &lex).headlines.len() + 1).sum();
        (cpu_seconds() - t, n)
    };
    let (mut best_full, mut best_without) = (f64::MAX, f64::MAX);
    let mut checked = 0;
    for _ in 0..5 {
        let (a, n) = run(&without);
        let (b, m) = run(&full);
        assert!(m > n, "the headlines stage checked nothing");
        checked = m - n;
        best_without = best_without.min(a);
        best_full = best_full.min(b);
    }
    println!(
        "{} documents, {checked} headings checked; analyze without headlines {best_without:.2} s CPU, with {best_full:.2} s CPU: +{:.1} %",
        docs.len(),
        (best_full / best_without - 1.0) * 100.0
    );
}
