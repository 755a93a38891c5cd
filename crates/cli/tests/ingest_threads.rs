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

/// A document over the per-document budget is reported by where it came from and not stored;
/// the others go on, on one thread or many, and a later run with more time stores them all.
#[test]
fn documents_over_the_budget_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let feed = feed(dir.path());
    let db = dir.path().join("budget.db");
    for threads in ["1", "3"] {
        // No analysis takes under a nanosecond: every document is over this budget.
        let o = dossier(&["ingest", "--db", p(&db), "--threads", threads, "--doc-budget", "0.000000001", p(&feed)]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.matches("past the per-document budget").count(), 23, "{err}");
        assert!(err.contains(&format!("error: {}:1: analysis stopped after stage `repair`", p(&feed))), "{err}");
        let out = String::from_utf8_lossy(&o.stdout).replace(p(&db), "DB");
        assert_eq!(out.trim(), "ingested 0 new, 0 refreshed, 0 duplicate, 24 failed (files: 1, lines: 24) into DB");
    }
    let o = dossier(&["ingest", "--db", p(&db), p(&feed)]);
    let out = String::from_utf8_lossy(&o.stdout).replace(p(&db), "DB");
    assert_eq!(out.trim(), "ingested 20 new, 0 refreshed, 3 duplicate, 1 failed (files: 1, lines: 24) into DB");
    // Run again: what is stored is known before analysis (no budget could be spent on it), so a
    // run restarted after a crash goes quickly over what it had done.
    let again = dossier(&["ingest", "--db", p(&db), "--doc-budget", "0.000000001", p(&feed)]);
    let out = String::from_utf8_lossy(&again.stdout).replace(p(&db), "DB");
    assert_eq!(out.trim(), "ingested 0 new, 0 refreshed, 23 duplicate, 1 failed (files: 1, lines: 24) into DB");
    let bad = dossier(&["ingest", "--db", p(&db), "--doc-budget", "0", p(&feed)]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected a positive number of seconds"));
}

/// A store made by other stages (an older version's) is analysed again from its stored text:
/// each document's rows, aliases included, are replaced by the new analysis's; a second run
/// finds nothing left to do.
#[test]
fn reanalyze_recomputes_what_older_stages_stored() {
    let dir = tempfile::tempdir().unwrap();
    let feed = feed(dir.path());
    let db = dir.path().join("old.db");
    dossier(&["ingest", "--db", p(&db), p(&feed)]);
    let before = dossier(&["statements", "--db", p(&db), "--json", "--limit", "1000"]).stdout;
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute("UPDATE documents SET provenance = 'older stages'", []).unwrap();
        // A wrong alias as an older analysis left it, on one document.
        conn.execute(
            "INSERT INTO entity_aliases (entity_id, alias, doc_id, evidence)
             SELECT entity_id, 'Wrong Alias', doc_id, 'lexicon' FROM document_entities LIMIT 1",
            [],
        )
        .unwrap();
    }
    let o = dossier(&["reanalyze", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).replace(p(&db), "DB").trim(),
        "reanalysed 20 documents, 0 failed, in DB"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let wrong: i64 =
        conn.query_row("SELECT count(*) FROM entity_aliases WHERE alias = 'Wrong Alias'", [], |r| r.get(0)).unwrap();
    assert_eq!(wrong, 0);
    assert_eq!(dossier(&["statements", "--db", p(&db), "--json", "--limit", "1000"]).stdout, before);
    let again = dossier(&["reanalyze", "--db", p(&db)]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).replace(p(&db), "DB").trim(),
        "reanalysed 0 documents, 0 failed, in DB"
    );
    let missing = dossier(&["reanalyze", "--db", p(&dir.path().join("none.db"))]);
    assert_ne!(missing.status.code(), Some(0));
}
