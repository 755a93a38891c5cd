//! Measures the throughput of `dossier_extract::analyze` over a JSON Lines corpus (one object a
//! line with a `"text"` field, as `dossier ingest` reads it): a development and benchmark aid used
//! by `bench/run.sh`, never a test.
//!
//! ```sh
//! cargo run --release -p dossier-extract --example throughput -- CORPUS.jsonl [--threads N] [--limit DOCS] [--json]
//! ```
//!
//! All documents are read into memory first (reading is not timed), then analysed by N threads
//! that take documents from a shared counter. Prints one JSON object: documents, bytes, words
//! (whitespace-separated, the same count `bench/spacy_bench.py` uses), seconds, words/s and words/s
//! per thread, CPU seconds (user + system, from /proc) and words per CPU-second, plus totals of what was found so that a no-op can't pass for a fast run.
//! With `--json` each analysis is also written out as `dossier analyze --json` prints it (to a
//! string, not timed apart): the work `bench/python_speed.py` compares the Python package with.

use std::io::BufRead;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use dossier_core::{AnalysisJson, Document, Metadata};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut threads = 1usize;
    let mut limit = usize::MAX;
    let mut as_json = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = args.next().and_then(|n| n.parse().ok()).expect("--threads N"),
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).expect("--limit DOCS"),
            "--json" => as_json = true,
            _ => path = Some(a),
        }
    }
    let path = path.expect("usage: throughput CORPUS.jsonl [--threads N] [--limit DOCS] [--json]");
    let file = std::fs::File::open(&path).expect("readable corpus");
    let docs: Vec<Document> = std::io::BufReader::new(file)
        .lines()
        .map(|l| l.expect("readable line"))
        .filter(|l| !l.trim().is_empty())
        .take(limit)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).expect("a JSON object per line");
            let text = v["text"].as_str().expect("a \"text\" field").to_string();
            Document::new(text, Metadata::default())
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();

    let lex = dossier_extract::Lexicons::builtin().unwrap();
    let next = AtomicUsize::new(0);
    let cpu_start = cpu_seconds();
    let start = Instant::now();
    let found: Vec<[usize; 5]> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut found = [0usize; 5];
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(doc) = docs.get(i) else { break };
                        let a = dossier_extract::analyze(doc, &lex);
                        found[0] += a.sentences.len();
                        found[1] += a.mentions.len();
                        found[2] += a.attributions.len();
                        found[3] += a.quantities.len() + a.times.len();
                        if as_json {
                            let json = serde_json::to_string_pretty(&AnalysisJson::new(doc, &a)).expect("serialisable");
                            found[4] += json.len() + 1;
                        }
                    }
                    found
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker finished")).collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
    let total = found.iter().fold([0usize; 5], |acc, f| std::array::from_fn(|i| acc[i] + f[i]));
    assert!(docs.is_empty() || total[0] > 0, "no sentences found: the analysis did nothing");
    let wps = words as f64 / secs;
    println!(
        "{}",
        serde_json::json!({
            "docs": docs.len(),
            "bytes": bytes,
            "words": words,
            "threads": threads,
            "seconds": secs,
            "words_per_s": wps,
            "words_per_s_per_thread": wps / threads.max(1) as f64,
            "mb_per_s": bytes as f64 / secs / 1e6,
            "cpu_seconds": cpu,
            "words_per_cpu_s": cpu.map(|c| words as f64 / c),
            "sentences": total[0],
            "mentions": total[1],
            "attributions": total[2],
            "measures": total[3],
            "json_bytes": total[4],
        })
    );
}

/// User + system CPU time of this process, all threads (Linux: /proc/self/stat, in clock ticks of
/// 1/100 s), so that a run on a busy machine can still be read per CPU-second.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of stat(5) (utime, stime) are the 12th and 13th after the name.
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
