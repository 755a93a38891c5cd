//! Events end to end: the PLOVER dev-half floors, agreement with shared/tools/score_events.py, and
//! the stored events queried and exported.
#![cfg(feature = "shared-data")]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
/// A path under ../shared (beside the repository). The `shared-data` feature promises the data:
/// a missing path fails the test with what is missing, never skips it.
fn shared(rel: &str) -> String {
    let p = format!("{}/../../../shared/{rel}", env!("CARGO_MANIFEST_DIR"));
    assert!(
        std::path::Path::new(&p).exists(),
        "{p} is missing: the `shared-data` tests need ../shared beside the repository (run without the feature to skip them)"
    );
    p
}

fn plover() -> String {
    shared("eval/events/plover-gsr-cameo/PLOVER_GSR_CAMEO.json")
}

fn dossier(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().expect("dossier runs");
    assert!(out.status.success(), "dossier {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn plover_dev_floors() {
    let s: serde_json::Value = serde_json::from_str(&dossier(&["eval", "events", "--json", &plover()])).unwrap();
    assert_eq!(s["records"], 161, "the whole dev half is scored");
    let type_f1 = s["type_f1"].as_f64().unwrap();
    assert!(type_f1 >= 0.84, "PLOVER dev event-type F1 {type_f1:.3} fell below 0.84");
    let events_f1 = s["events_f1"].as_f64().unwrap();
    assert!(events_f1 >= 0.60, "PLOVER dev type+source+target F1 {events_f1:.3} fell below 0.60");
}

/// Floor of the share of PETRARCH2 unit-test actor pairs some event joins.
const FLOOR_PAIRS: f64 = 0.33;

/// PETRARCH2's unit-test sentences, which no one read while writing the event lexicons: the
/// sentences whose codes the CAMEO table knows are scored, the rest counted as left out.
#[test]
fn petrarch_unit_tests_are_scored_through_the_cameo_table() {
    let file = shared("eval/events/petrarch2-unittest/PETR.UnitTest.records.xml");
    let table = shared("eval/events/plover-gsr-cameo/CAMEO2PLOVER-2021.txt");
    let s: serde_json::Value =
        serde_json::from_str(&dossier(&["eval", "events", "--json", "--cameo", &table, &file])).unwrap();
    assert_eq!(s["records"].as_u64().unwrap() + s["not_scored"].as_u64().unwrap(), 284, "{s}");
    assert_eq!(s["records"], 209, "{s}");
    let type_f1 = s["type_f1"].as_f64().unwrap();
    assert!(type_f1 >= 0.15, "PETRARCH2 unit-test event-type F1 {type_f1:.3} fell below 0.15");
    let pairs = s["actor_pairs_found"].as_f64().unwrap() / s["actor_pairs"].as_f64().unwrap();
    assert!(pairs >= FLOOR_PAIRS, "PETRARCH2 unit-test actor pairs joined {pairs:.3} fell below {FLOOR_PAIRS}");
    let out = Command::new(BIN).args(["eval", "events", &file]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--cameo"));
}

/// `dossier eval events` prints what the reference scorer prints for `dossier analyze --json`.
#[test]
fn eval_agrees_with_the_reference_scorer() {
    let dir = tempfile::tempdir().unwrap();
    let records: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(plover()).unwrap()).unwrap();
    // Every fourth record: all event types, a quarter of the time.
    let subset: Vec<_> = records.as_array().unwrap().iter().step_by(4).cloned().collect();
    let path = dir.path().join("subset.json");
    std::fs::write(&path, serde_json::to_string(&subset).unwrap()).unwrap();
    let ours = dossier(&["eval", "events", path.to_str().unwrap()]);
    let py = Command::new("python3")
        .args([&shared("tools/score_events.py"), path.to_str().unwrap(), &format!("{BIN} analyze --json {{}}")])
        .output()
        .expect("python3 is required to check the scorer (it is in CI)");
    assert!(py.status.success(), "score_events.py failed: {}", String::from_utf8_lossy(&py.stderr));
    assert_eq!(ours, String::from_utf8(py.stdout).unwrap());
}

#[test]
fn stored_events_are_queried_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    let text = std::fs::read_to_string(shared("seed/000_daa44a4bba378782.txt")).expect("the shared seed article");
    let feed = dir.path().join("feed.jsonl");
    let line = serde_json::json!({"url": "https://example.org/seed", "title": "Seed", "published": "2024-10-31", "text": text});
    std::fs::write(&feed, format!("{line}\n")).unwrap();
    dossier(&["ingest", "--db", db, feed.to_str().unwrap()]);

    let rows: serde_json::Value = serde_json::from_str(&dossier(&[
        "events",
        "--db",
        db,
        "--type",
        "mobilize",
        "--actor",
        "north korea",
        "--since",
        "2024-10-01",
        "--json",
    ]))
    .unwrap();
    let deploy = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["trigger"] == "deployed" && r["quantity"] == "around 10,000")
        .expect("the deployment of around 10,000 troops");
    assert_eq!(deploy["source"], "North Korea");
    assert_eq!(deploy["reporter"], "American intelligence agencies");
    assert_eq!(deploy["url"], "https://example.org/seed");
    let later: serde_json::Value =
        serde_json::from_str(&dossier(&["events", "--db", db, "--since", "2025-01-01", "--json"])).unwrap();
    assert_eq!(later.as_array().unwrap().len(), 0, "--since leaves earlier documents out");
    assert!(dossier(&["events", "--db", db, "--type", "CONSULT"]).contains("Choe Son Hui"));

    let csv = dossier(&["export", "events", "--db", db, "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("date,actor1,actor1_entity,actor1_country"));
    let row = csv.lines().find(|l| l.contains(",MOBILIZE,") && l.contains("around 10,000")).expect("a MOBILIZE row");
    assert!(row.starts_with("2024-10-31,North Korea,"), "{row}");
    assert!(row.contains("https://example.org/seed"));
}
