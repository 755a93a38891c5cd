//! `dossier drift`: the three articles of crates/ingest/tests/drift.rs ingested from their JSON
//! Lines feed, then read back as JSON and as text; and the claims commands on bad input.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const FEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ingest/tests/data/drift_reports.jsonl");

fn dossier(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dossier")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

fn ingested() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drift.db");
    let o = dossier(&["ingest", "--db", p(&db), FEED]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, db)
}

#[test]
fn drift_json_lists_what_changed_with_both_evidences() {
    let (_dir, db) = ingested();
    let o = dossier(&["drift", "--db", p(&db), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let drifts = v["drifts"].as_array().unwrap();
    let kinds: Vec<(&str, &str, Vec<&str>)> = drifts
        .iter()
        .map(|d| {
            let changes = d["changes"].as_array().unwrap().iter().map(|c| c["change"].as_str().unwrap()).collect();
            (d["kind"].as_str().unwrap(), d["relayer"]["outlet"].as_str().unwrap(), changes)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("cited_source", "Daily Planet", vec!["number_changed", "hedge_dropped"]),
            ("cited_source", "Daily Planet", vec!["number_changed", "hedge_dropped"]),
            ("cited_source", "Daily Planet", vec!["denial_dropped"]),
            ("own_framing", "Harbour Times", vec!["hedge_dropped"]),
        ]
    );
    let relay = &drifts[1];
    assert_eq!(relay["source"]["outlet"], "Reuters");
    assert_eq!(relay["relayer"]["speaker"]["name"], "Reuters");
    assert_eq!(relay["citation"]["how"], "attribution");
    let number = &relay["changes"][0];
    assert_eq!(
        (number["from"]["text"].as_str(), number["to"]["text"].as_str()),
        (Some("about 10,000"), Some("over 12,000"))
    );
    assert_eq!((number["from_qualifier"].as_str(), number["to_qualifier"].as_str()), (Some("about"), Some("over")));
    assert_eq!(number["direction"], "grew");
    assert_eq!(relay["changes"][1]["words"], serde_json::json!(["could"]));
    assert_eq!(drifts[2]["changes"][0]["speaker"], "North Korea's foreign ministry");
    assert_eq!((v["compared"].as_u64(), v["unchanged"].as_u64()), (Some(6), Some(2)));

    // One claim by id: the same drifts.
    let id = relay["claim"].as_i64().unwrap().to_string();
    let one = dossier(&["drift", "--db", p(&db), "--json", "--claim", &id]);
    assert_eq!(one.status.code(), Some(0));
    let one: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(one, v);
}

#[test]
fn drift_text_names_the_outlets_the_change_and_the_evidence() {
    let (_dir, db) = ingested();
    let o = dossier(&["drift", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    for line in [
        "  Cited source: Daily Planet (2024-10-22) relays Reuters (2024-10-20)",
        "    cites it: \"North Korea will send over 12,000 troops to Russia, according to Reuters.\"",
        "    - number grew: \"about 10,000\" → \"over 12,000\"",
        "    - hedge dropped (\"could\")",
        "    - denial dropped: the source carried a denial by North Korea's foreign ministry; the relayer none",
        "  Own framing: Harbour Times (2024-10-23), its own words against a source it quotes",
        "    - hedge dropped (\"if\")",
        "4 drifts in 6 pairs compared (2 unchanged).",
    ] {
        assert!(out.lines().any(|l| l.starts_with(line)), "missing {line:?} in\n{out}");
    }
    assert!(
        out.contains(
            "Reuters, quoting two US officials [hedged]: \"North Korea could send about 10,000 troops to Russia\""
        ),
        "{out}"
    );
}

#[test]
fn an_unknown_or_malformed_claim_id_exits_1_and_a_missing_store_2() {
    let (_dir, db) = ingested();
    let o = dossier(&["drift", "--db", p(&db), "--claim", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error: no claim #999 in"), "{:?}", o);
    assert!(o.stdout.is_empty());
    let o = dossier(&["drift", "--db", p(&db), "--claim", "abc"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a claim id"));
    let dir = tempfile::tempdir().unwrap();
    let o = dossier(&["drift", "--db", p(&dir.path().join("none.db"))]);
    assert_eq!(o.status.code(), Some(2));
}

/// The claims commands on bad input: an unknown claim id or entity is a clear message and exit
/// 1, and the store is the same file afterwards.
#[test]
fn unknown_claims_and_entities_exit_1_and_change_nothing() {
    let (_dir, db) = ingested();
    let before = std::fs::read(&db).unwrap();
    let listed = dossier(&["claims", "--db", p(&db), "--json"]);
    assert_eq!(listed.status.code(), Some(0));
    let claims: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(!claims.as_array().unwrap().is_empty());
    for (args, says) in [
        (vec!["claim", "987654"], "no claim"),
        (vec!["claim", "987654", "--why"], "no claim"),
        (vec!["claims", "--about", "Nobody Known"], "no entity named"),
        (vec!["timeline", "Nobody Known"], "Nobody Known"),
        (vec!["timeline", "987654"], "no claim"),
        (vec!["export", "claims", "--format", "csv", "--about", "Nobody Known"], "no entity named"),
    ] {
        let o = dossier(&[&args[..], &["--db", p(&db)]].concat());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the store file is unchanged");
}
