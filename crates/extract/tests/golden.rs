//! Golden files: the whole JSON contract of every bundled Wikinews example (examples/, CC BY 2.5),
//! compared with reviewed expected output in tests/golden/. A change in what the pipeline finds
//! shows here as a diff to review, item by item.
//!
//! After a deliberate change: `DOSSIER_BLESS=1 cargo test -p dossier-extract --test golden`, then
//! read `git diff crates/extract/tests/golden` before committing it.

use std::path::{Path, PathBuf};

use dossier_core::{parse_published, AnalysisJson, Document, Metadata};
use dossier_extract::{analyze, Lexicons};
use serde_json::Value;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

/// The examples as documents, named for their golden file.
fn examples() -> Vec<(String, Document)> {
    let mut docs = Vec::new();
    let korea = std::fs::read_to_string(repo("examples/wikinews/korea.txt")).expect("examples/wikinews/korea.txt");
    let meta = Metadata { published: parse_published("2015-08-21"), ..Metadata::default() };
    docs.push(("korea".to_string(), Document::new(korea, meta)));
    let feed = std::fs::read_to_string(repo("examples/wikinews.jsonl")).expect("examples/wikinews.jsonl");
    for (i, line) in feed.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let item: Value = serde_json::from_str(line).expect("a feed line");
        let field = |k: &str| item[k].as_str().map(str::to_string);
        let meta = Metadata {
            title: field("title"),
            url: field("url"),
            published: field("published").as_deref().and_then(parse_published),
            ..Metadata::default()
        };
        docs.push((format!("wikinews-{}", i + 1), Document::new(field("text").expect("text"), meta)));
    }
    docs
}

/// The JSON as compared: the digest of the lexicons and models is left out (it changes with
/// every data file, which the stage versions and the diff of the findings already show).
fn comparable(doc: &Document, lex: &Lexicons) -> Value {
    let mut v = serde_json::to_value(AnalysisJson::new(doc, &analyze(doc, lex))).expect("JSON");
    v["provenance"]["resources"] = Value::String("(digest)".into());
    v
}

/// Where two JSON values first differ, as a path.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.keys().chain(y.keys()).find_map(|k| match (x.get(k), y.get(k)) {
            (Some(p), Some(q)) => first_difference(&format!("{path}.{k}"), p, q),
            (p, q) => Some(format!("{path}.{k}: {p:?} vs {q:?}")),
        }),
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(&format!("{path}[{i}]"), p, q))
            .or_else(|| (x.len() != y.len()).then(|| format!("{path}: {} items vs {}", x.len(), y.len()))),
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

#[test]
fn every_example_matches_its_golden_file() {
    let lex = Lexicons::builtin().unwrap();
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    let mut differ = Vec::new();
    for (name, doc) in examples() {
        let got = comparable(&doc, &lex);
        let path = repo(&format!("crates/extract/tests/golden/{name}.json"));
        if bless {
            let text = serde_json::to_string_pretty(&got).expect("JSON") + "\n";
            std::fs::write(&path, text).expect("write golden file");
            continue;
        }
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
                .expect("golden JSON");
        if let Some(d) = first_difference("", &want, &got) {
            differ.push(format!("{name}: first difference at {d}"));
        }
    }
    assert!(
        differ.is_empty(),
        "the analysis differs from the golden files (expected vs found):\n{}\n\
         If the change is intended: DOSSIER_BLESS=1 cargo test -p dossier-extract --test golden, then review git diff.",
        differ.join("\n")
    );
}

/// The comparison itself must see a change.
#[test]
fn a_changed_finding_is_reported_with_its_path() {
    let a = serde_json::json!({"attributions": [{"speaker": {"text": "KCNA"}}]});
    let b = serde_json::json!({"attributions": [{"speaker": {"text": "Yonhap"}}]});
    assert_eq!(first_difference("", &a, &b).as_deref(), Some(".attributions[0].speaker.text: \"KCNA\" vs \"Yonhap\""));
    assert_eq!(first_difference("", &a, &a), None);
}
