//! Time and quantity accuracy on shared/eval (written by others), and agreement of
//! `dossier eval time|quantities` with the reference scorers in shared/tools. The floors sit a
//! little under the measured scores (docs/EVALUATION.md) so that accuracy cannot drop silently.
#![cfg(feature = "shared-data")]

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// A path under ../shared (beside the repository). The `shared-data` feature promises the data:
/// a missing path fails the test with what is missing, never skips it.
fn shared(rel: &str) -> PathBuf {
    let p = Path::new(SHARED).join(rel);
    assert!(
        p.exists(),
        "{} is missing: the `shared-data` tests need ../shared beside the repository (run without the feature to skip them)",
        p.display()
    );
    p
}

fn tbaq_archive() -> PathBuf {
    shared("eval/temporal/tempeval3-tbaq-cleaned/TBAQ-cleaned.tar.gz")
}

fn dossier(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().expect("dossier runs");
    assert!(out.status.success(), "dossier {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&dossier(args)).expect("JSON scores")
}

fn f1(v: &serde_json::Value, key: &str) -> f64 {
    v[key]["f1"].as_f64().unwrap_or_else(|| panic!("no {key}.f1 in {v}"))
}

/// Runs a reference scorer. Python is required: a missing interpreter fails the test.
fn python(script: &str, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(shared(&format!("tools/{script}")))
        .args(args)
        .output()
        .expect("python3 must be installed to check the Rust eval against the reference scorers");
    assert!(out.status.success(), "{script} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn tempeval3_tbaq_floors() {
    let s = json(&["eval", "time", "--json", tbaq_archive().to_str().unwrap()]);
    assert_eq!(s["documents"], 256, "the whole TBAQ-cleaned corpus is scored");
    assert_eq!(s["gold"], 1822);
    assert_eq!(s["failed_runs"], 0);
    let (strict, relaxed, value) = (f1(&s, "strict"), f1(&s, "relaxed"), f1(&s, "value"));
    assert!(strict >= 0.855, "TBAQ strict F1 {strict:.3} fell below 0.855");
    assert!(relaxed >= 0.930, "TBAQ relaxed F1 {relaxed:.3} fell below 0.930");
    assert!(value >= 0.790, "TBAQ value F1 {value:.3} fell below 0.790");
    // The error breakdown adds up: each overlapping pair is one gold and one prediction, so the
    // gold left unmatched and the predictions left unmatched leave the same number of pairs.
    let e = &s["errors"];
    let n = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap_or_else(|| panic!("no {k} in {v}"));
    assert_eq!(n(&s, "gold") - n(e, "missed"), n(&s, "predicted") - n(e, "spurious"), "{e}");
    assert!(n(e, "span") + n(e, "value") > 0);
}

#[test]
fn recognizers_datetime_floors() {
    let dir = shared("eval/temporal/recognizers-text-specs");
    let s = json(&["eval", "time", "--recognizers", "--json", dir.to_str().unwrap()]);
    assert_eq!(s["gold"], 1047, "DateTimeModel.json is scored whole");
    let (strict, relaxed, value) = (f1(&s, "strict"), f1(&s, "relaxed"), f1(&s, "value"));
    assert!(strict >= 0.19, "Recognizers DateTime strict F1 {strict:.3} fell below 0.19");
    assert!(relaxed >= 0.69, "Recognizers DateTime relaxed F1 {relaxed:.3} fell below 0.69");
    assert!(value >= 0.18, "Recognizers DateTime value F1 {value:.3} fell below 0.18");
}

#[test]
fn quantity_floors() {
    let s = json(&["eval", "quantities", "--json", shared("eval/quantities").to_str().unwrap()]);
    let total = &s["total"];
    assert_eq!(total["gold"], 907, "quantulum3 tests and the Recognizers Number/NumberWithUnit models");
    assert_eq!(total["failed_runs"], 0);
    let (value, unit) = (f1(total, "value"), f1(total, "value_unit"));
    assert!(value >= 0.56, "quantity value F1 {value:.3} fell below 0.56");
    assert!(unit >= 0.41, "quantity value+unit F1 {unit:.3} fell below 0.41");
    let files = s["files"].as_array().unwrap();
    let q3 =
        files.iter().find(|f| f["source"].as_str().unwrap().ends_with("quantulum3-tests/quantities.json")).unwrap();
    let q3_value = f1(q3, "value");
    assert!(q3_value >= 0.62, "quantulum3 value F1 {q3_value:.3} fell below 0.62");
}

#[test]
fn time_eval_agrees_with_score_timex_py() {
    let tmp = tempfile::tempdir().unwrap();
    let status = Command::new("tar")
        .args(["xzf", tbaq_archive().to_str().unwrap(), "-C", tmp.path().to_str().unwrap()])
        .status()
        .expect("tar runs");
    assert!(status.success());
    // A subset: the first 12 files of each part (AQUAINT, TimeBank), CR line endings included.
    let subset = tmp.path().join("subset");
    for part in ["AQUAINT", "TimeBank"] {
        let dir = tmp.path().join("TBAQ-cleaned").join(part);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        std::fs::create_dir_all(subset.join(part)).unwrap();
        for f in files.iter().take(12) {
            std::fs::copy(f, subset.join(part).join(f.file_name().unwrap())).unwrap();
        }
    }
    let cmd = format!("{BIN} analyze --json --published {{dct}} {{}}");
    let reference = python("score_timex.py", &[subset.to_str().unwrap(), &cmd]);
    let ours = dossier(&["eval", "time", subset.to_str().unwrap()]);
    assert_eq!(ours, reference);
    assert!(ours.starts_with("documents=24 failed_runs=0"), "{ours}");
}

#[test]
fn quantity_eval_agrees_with_score_quantities_py() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.json");
    let sources = [
        "eval/quantities/quantulum3-tests/quantities.json",
        "eval/quantities/recognizers-text-specs/NumberWithUnit/English/CurrencyModel.json",
        "eval/quantities/recognizers-text-specs/NumberWithUnit/English/DimensionModel.json",
        "eval/quantities/recognizers-text-specs/Number/English/PercentModel.json",
    ];
    let mut args = vec!["eval".to_string(), "quantities".into(), "--limit".into(), "15".into()];
    args.extend(["--dump-gold".into(), gold.to_str().unwrap().to_string()]);
    args.extend(sources.iter().map(|s| shared(s).to_str().unwrap().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let converted = dossier(&args);
    let cmd = format!("{BIN} analyze --json {{}}");
    let reference = python("score_quantities.py", &[gold.to_str().unwrap(), &cmd]);
    let ours = dossier(&["eval", "quantities", gold.to_str().unwrap()]);
    assert_eq!(ours, reference);
    assert!(ours.starts_with("sentences=60 failed_runs=0"), "{ours}");
    // Scoring the sources directly gives the figures of their converted form.
    assert!(converted.ends_with(&reference), "{converted}\nvs\n{reference}");
}

#[test]
fn quantity_eval_agrees_with_score_quantities_py_on_the_news_dev_set() {
    // Its gold writes ranges as "LOW-HIGH" strings, which both read as matching either end.
    let set = concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources/eval/quantities_gum_news.json");
    let cmd = format!("{BIN} analyze --json {{}}");
    let reference = python("score_quantities.py", &[set, &cmd]);
    assert_eq!(dossier(&["eval", "quantities", set]), reference);
}
