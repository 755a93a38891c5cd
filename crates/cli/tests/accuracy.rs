//! Accuracy floors on real annotated data (shared/eval, written by others). The floors sit a little
//! under the measured scores (docs/EVALUATION.md) so that accuracy cannot drop silently.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const POLNEAR_DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/attribution/polnear/dev");

fn polnear(extra: &[&str]) -> serde_json::Value {
    let out = Command::new(BIN)
        .args(extra)
        .args(["eval", "attribution", "--json", POLNEAR_DEV])
        .output()
        .expect("dossier runs");
    assert!(out.status.success(), "eval failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON scores")
}

#[test]
fn polnear_dev_content_and_source_f1_floor() {
    let s = polnear(&[]);
    assert_eq!(s["documents"], 94, "the whole dev split is scored");
    assert_eq!(s["failed_runs"], 0);
    let f1 = s["polnear_f1"].as_f64().unwrap();
    assert!(f1 >= 0.53, "PolNeAR dev content+source F1 {f1:.3} fell below 0.53");
    let content = s["content_overlap"]["f1"].as_f64().unwrap();
    assert!(content >= 0.56, "PolNeAR dev content F1 {content:.3} fell below 0.56");
}

#[test]
fn rules_only_lexicons_keep_working() {
    let f1 = polnear(&["--rules-only"])["polnear_f1"].as_f64().unwrap();
    assert!(f1 >= 0.53, "rules-only PolNeAR dev F1 {f1:.3} fell below 0.53");
}
