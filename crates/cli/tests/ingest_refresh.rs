//! `dossier ingest` re-analyses a stored document when the stages, data or switches that made it
//! differ from this run's, says how many it refreshed, and changes nothing when all agree.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/wikinews/korea.txt");

fn ingest(db: &std::path::Path, flags: &[&str]) -> String {
    let o = Command::new(BIN)
        .args(flags)
        .args(["ingest", "--db", db.to_str().unwrap(), EXAMPLE])
        .output()
        .expect("run dossier");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or_default().to_string()
}

fn stored_provenance(db: &std::path::Path) -> serde_json::Value {
    let store = dossier_store::Store::open(db).expect("open the store");
    let docs = store.documents(0, 10).expect("list documents");
    let (_, analysis) = store.document(&docs.items[0].id).expect("read").expect("stored");
    analysis["provenance"].clone()
}

#[test]
fn other_switches_refresh_and_the_same_ones_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    assert!(ingest(&db, &[]).starts_with("ingested 1 new, 0 refreshed, 0 duplicate, 0 failed"));
    assert_eq!(stored_provenance(&db)["flags"]["rules_only"], false);
    assert!(ingest(&db, &[]).starts_with("ingested 0 new, 0 refreshed, 1 duplicate, 0 failed"));
    // The same text under --rules-only was made by other lexicons: re-analysed, once.
    assert!(ingest(&db, &["--rules-only"]).starts_with("ingested 0 new, 1 refreshed, 0 duplicate, 0 failed"));
    assert_eq!(stored_provenance(&db)["flags"]["rules_only"], true);
    assert!(ingest(&db, &["--rules-only"]).starts_with("ingested 0 new, 0 refreshed, 1 duplicate, 0 failed"));
}

/// `dossier compact` gives back the pages a store no longer uses and keeps every row.
#[test]
fn compact_shrinks_a_store_and_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    assert!(ingest(&db, &[]).starts_with("ingested 1 new"));
    // Free pages, as a migration to a smaller schema leaves them: a table filled, then dropped.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE filler (x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO filler SELECT randomblob(1000) FROM n; DROP TABLE filler;",
        )
        .unwrap();
    }
    let stats = || dossier_store::Store::open(&db).unwrap().stats().unwrap();
    let before = (std::fs::metadata(&db).unwrap().len(), stats());
    let o = Command::new(BIN).args(["compact", "--db", db.to_str().unwrap()]).output().expect("run dossier");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("compacted "), "{}", String::from_utf8_lossy(&o.stdout));
    let after = (std::fs::metadata(&db).unwrap().len(), stats());
    assert!(after.0 + 1_000_000 < before.0, "{} -> {} bytes", before.0, after.0);
    assert_eq!(after.1, before.1);
    let missing =
        Command::new(BIN).args(["compact", "--db", dir.path().join("none.db").to_str().unwrap()]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
