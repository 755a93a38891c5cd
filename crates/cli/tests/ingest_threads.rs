//! `dossier ingest --threads N`: the parallel pipeline stores exactly what one thread stores, in the
//! same order, whatever the batch and thread counts (no timing here: see docs/PERFORMANCE.md).

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

fn dossier(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dossier")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// A feed of 23 lines: 20 distinct articles, 3 repeated, one malformed line.
fn feed(dir: &Path) -> std::path::PathBuf {
    let mut lines = Vec::new();
    for i in 0..20 {
        let text = format!(
            "Minister {i} visits the port.\n\nThe minister said on Tuesday that {i} ships would leave by Friday. \
             \"We are ready,\" said Anna Berg, a spokeswoman for the port authority, adding that {} tonnes had been loaded.",
            i * 100 + 7
        );
        lines.push(serde_json::json!({ "url": format!("https://example.org/{i}"), "text": text }).to_string());
        if i % 7 == 3 {
            lines.push(lines[lines.len() - 1].clone());
        }
    }
    lines.insert(11, "{not json".to_string());
    let path = dir.join("feed.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn ingest_and_list(dir: &Path, feed: &Path, threads: &str, batch: &str) -> (String, String) {
    let db = dir.join(format!("t{threads}-b{batch}.db"));
    let o = dossier(&["ingest", "--db", p(&db), "--threads", threads, "--batch", batch, p(feed)]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = String::from_utf8_lossy(&o.stdout).replace(p(&db), "DB");
    let list = dossier(&["statements", "--db", p(&db), "--json", "--limit", "1000"]);
    assert_eq!(list.status.code(), Some(0));
    (summary, String::from_utf8_lossy(&list.stdout).into_owned())
}

#[test]
fn threads_and_batches_store_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let feed = feed(dir.path());
    let (summary, statements) = ingest_and_list(dir.path(), &feed, "1", "200");
    assert_eq!(summary.trim(), "ingested 20 new, 0 refreshed, 3 duplicate, 1 failed (files: 1, lines: 24) into DB");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&statements).unwrap();
    assert!(rows.len() >= 20, "{statements}");
    for (threads, batch) in [("2", "1"), ("2", "4"), ("3", "5"), ("4", "200")] {
        let (s, st) = ingest_and_list(dir.path(), &feed, threads, batch);
        assert_eq!(s, summary, "--threads {threads} --batch {batch}");
        assert_eq!(st, statements, "--threads {threads} --batch {batch}");
    }
}
