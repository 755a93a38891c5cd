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
