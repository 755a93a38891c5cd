//! End-to-end tests of the `dossier` binary.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
/// A bundled Wikinews article (CC BY 2.5, examples/README.md): the tests run in a plain clone.
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/wikinews/korea.txt");
#[cfg(feature = "shared-data")]
const SCORER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/tools/score_polnear.py");

fn dossier(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dossier")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// Every object with start/end/text must show exactly the bytes it points at.
fn check_spans(v: &serde_json::Value, bytes: &[u8], checked: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(s), Some(e), Some(t)) = (m.get("start"), m.get("end"), m.get("text")) {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                assert_eq!(&bytes[s..e], t.as_str().unwrap().as_bytes(), "span {s}..{e}");
                *checked += 1;
            }
            m.values().for_each(|x| check_spans(x, bytes, checked));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| check_spans(x, bytes, checked)),
        _ => {}
    }
}

#[test]
fn analyze_json_spans_are_the_original_bytes() {
    let o = dossier(&["analyze", "--json", "--published", "2024-10-30", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let bytes = fs::read(EXAMPLE).unwrap();
    assert_eq!(v["document"]["length"].as_u64(), Some(bytes.len() as u64));
    assert_eq!(v["document"]["published"], "2024-10-30");
    assert!(!v["attributions"].as_array().unwrap().is_empty());
    let mut checked = 0;
    check_spans(&v, &bytes, &mut checked);
    assert!(checked > 50, "only {checked} spans checked");
}

#[test]
fn analyze_report_and_stdin() {
    let o = dossier(&["analyze", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for section in ["Statements (", "Entities (", "Numbers (", "Dates (", "Boilerplate removed (", "Cited sources ("] {
        assert!(out.contains(section), "missing {section}");
    }
    assert!(out.starts_with("North Korea puts military"), "{out}");

    let mut child = Command::new(BIN)
        .args(["analyze", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"Ryder said the troops would leave.\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["attributions"][0]["speaker"]["text"], "Ryder");
}

#[test]
fn analyze_bad_inputs_exit_1_with_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(d.join("bad.txt"), b"Hello\xff world").unwrap();
    fs::write(d.join("bin.txt"), b"PK\x03\x04\0\0").unwrap();
    // 50 MB, sparse: rejected by its size before a byte is read (reading it would say "binary").
    let huge = d.join("huge.txt");
    fs::File::create(&huge).unwrap().set_len(50_000_000).unwrap();
    for (name, why) in [
        ("empty.txt", "empty input"),
        ("bad.txt", "invalid UTF-8 at byte 5"),
        ("bin.txt", "binary file"),
        ("huge.txt", "too large (50000000 bytes > limit 16777216)"),
        ("missing.txt", "error: "),
    ] {
        let path = d.join(name);
        let o = dossier(&["analyze", p(&path)]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert!(err.starts_with(&format!("error: {}: ", path.display())), "{err}");
        assert!(err.contains(why), "{name}: {err}");
        assert!(o.stdout.is_empty());
    }
    // Usage errors exit 2.
    assert_eq!(dossier(&["analyze"]).status.code(), Some(2));
    assert_eq!(dossier(&["analyze", "--published", "someday", EXAMPLE]).status.code(), Some(2));
    assert_eq!(dossier(&["frobnicate"]).status.code(), Some(2));
}

fn gz(members: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in members {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(m.as_bytes()).unwrap();
        out.extend(e.finish().unwrap());
    }
    out
}

/// A folder with good and bad inputs of every kind.
fn corpus(d: &Path) -> PathBuf {
    let c = d.join("corpus");
    fs::create_dir_all(c.join("sub")).unwrap();
    fs::write(c.join("a.txt"), "Ryder said the troops would leave the region soon.\n").unwrap();
    fs::write(c.join("b.text"), "Officials denied that the talks had failed.\n").unwrap();
    fs::write(c.join("sub/c.txt"), "Zelensky warned that the war could spread to Moldova.\n").unwrap();
    fs::write(c.join("empty.txt"), "").unwrap();
    fs::write(c.join("bad.txt"), b"Hello\xff world").unwrap();
    fs::write(c.join("bin.txt"), b"abc\0def").unwrap();
    fs::write(c.join("big.txt"), "Rutte said so. ".repeat(100)).unwrap();
    fs::write(c.join("notes.csv"), "a,b\n").unwrap();
    let feed = [
        r#"{"url":"https://x.test/1","title":"One","published":"2024-10-30T10:00:00Z","text":"Austin said the deployment was dangerous.","extra":[1,2]}"#,
        r#"{"title":"broken", "text": "#,
        r#"{"title":"Three","text":"Analysts suggest the regime wants kerosene technology.\nIt is unclear."}"#,
        r#"{"title":"no text"}"#,
        "",
    ];
    fs::write(c.join("feed.jsonl"), feed.join("\n")).unwrap();
    let members = [
        "{\"text\":\"Singh said the Pentagon was watching closely.\"}\n",
        "{\"text\":\"Choe said Pyongyang supports Moscow.\"}\n",
    ];
    fs::write(c.join("more.jsonl.gz"), gz(&members)).unwrap();
    c
}

#[test]
fn ingest_reports_bad_items_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let db = dir.path().join("test.db");
    let o = dossier(&["ingest", "--db", p(&db), "--max-bytes", "1000", "--batch", "2", p(&c)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let cs = c.display();
    for line in [
        format!("error: {cs}/empty.txt: empty input"),
        format!("error: {cs}/bad.txt: invalid UTF-8 at byte 5"),
        format!("error: {cs}/bin.txt: binary file"),
        format!("error: {cs}/big.txt: too large (1500 bytes > limit 1000)"),
        format!("error: {cs}/feed.jsonl:2: malformed JSON"),
        format!("error: {cs}/feed.jsonl:4: no \"text\" or \"html\" field"),
    ] {
        assert!(err.contains(&line), "missing {line:?} in\n{err}");
    }
    assert_eq!(err.matches("error: ").count(), 6, "{err}");
    let summary =
        format!("ingested 7 new, 0 refreshed, 0 duplicate, 6 failed (files: 9, lines: 6) into {}", db.display());
    assert_eq!(stdout(&o).trim(), summary);
    // Once: standard error holds only the failures.
    assert!(!err.contains("ingested "), "{err}");

    let statements = dossier(&["statements", "--db", p(&db), "--json"]);
    assert_eq!(statements.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&statements.stdout).unwrap();
    let speakers: Vec<&str> = rows.iter().filter_map(|r| r["speaker"].as_str()).collect();
    for s in ["Ryder", "Officials", "Austin", "Singh", "Choe"] {
        assert!(speakers.contains(&s), "{s} not in {speakers:?}");
    }
    // The feed's date made it into the store.
    assert!(rows.iter().any(|r| r["speaker"] == "Austin" && r["published"] == "2024-10-30"));

    let only = dossier(&["statements", "--db", p(&db), "--json", "--speaker", "ryder"]);
    let only: Vec<serde_json::Value> = serde_json::from_slice(&only.stdout).unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["content"], "the troops would leave the region soon");

    let hits = dossier(&["search", "--db", p(&db), "--json", "kerosene"]);
    assert_eq!(hits.status.code(), Some(0));
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&hits.stdout).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["source"] == format!("{cs}/feed.jsonl:3")), "{hits:?}");
    let human = dossier(&["search", "--db", p(&db), "kerosene", "technology"]);
    assert!(stdout(&human).contains("[kerosene]"), "{}", stdout(&human));

    let entities = |db: &Path| stdout(&dossier(&["entities", "--db", p(db), "--json", "--limit", "1000"]));
    let all_statements = |db: &Path| stdout(&dossier(&["statements", "--db", p(db), "--json", "--limit", "1000"]));
    let (e1, s1) = (entities(&db), all_statements(&db));

    // Again: nothing new, everything a duplicate, the store unchanged.
    let again = dossier(&["ingest", "--db", p(&db), "--max-bytes", "1000", p(&c)]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        stdout(&again).trim(),
        format!("ingested 0 new, 0 refreshed, 7 duplicate, 6 failed (files: 9, lines: 6) into {}", db.display())
    );
    assert_eq!(entities(&db), e1);
    assert_eq!(all_statements(&db), s1);
}

#[test]
fn ingest_clean_input_exits_0_and_named_files_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let named = dir.path().join("article.html.raw");
    fs::write(&named, "Ryder said the troops would leave the region soon.\n").unwrap();
    let huge = dir.path().join("huge.txt");
    fs::File::create(&huge).unwrap().set_len(50_000_000).unwrap();
    let o = dossier(&["ingest", "--db", p(&db), p(&named)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ingested 1 new, 0 refreshed, 0 duplicate, 0 failed (files: 1, lines: 0)"));
    let o = dossier(&["ingest", "--db", p(&db), p(&huge)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("too large (50000000 bytes > limit 16777216)"), "{}", stderr(&o));
    // Reading commands do not create a database.
    let missing = dir.path().join("none.db");
    assert_eq!(dossier(&["search", "--db", p(&missing), "x"]).status.code(), Some(2));
    assert!(!missing.exists());
}

/// A PolNeAR-layout folder: one text, annotated twice (`t_ann1`, `t_ann2`).
fn polnear(d: &Path) -> PathBuf {
    let root = d.join("polnear");
    fs::create_dir_all(root.join("text")).unwrap();
    fs::create_dir_all(root.join("attributions")).unwrap();
    // The curly quotes before the statements make byte and character offsets differ.
    let text = "Kyiv’s “battle” goes on.\nRyder said the troops would leave the region soon. \
                Officials denied that the talks had failed.\n";
    fs::write(root.join("text/t.txt"), text).unwrap();
    // Offsets in characters. ann1: one exact relation, one with the wrong source, one that
    // nothing predicts (no source, no cue); the content of E2 is discontinuous.
    let ann1 =
        "T1\tSource 25 30\tRyder\nT2\tCue 31 35\tsaid\nT3\tContent 36 74\tthe troops would leave the region soon\n\
                T4\tCue 86 92\tdenied\nT5\tContent 98 107;108 118\tthe talks had failed\nT6\tContent 7 15\t“battle”\n\
                E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\nE2\tAttribution:T4 Source:T1 Cue:T4 Content:T5\n\
                E3\tAttribution:T6 Content:T6\n#1\tAnnotatorNotes T1\ta note\nA1\tFactuality E1 Asserted\n";
    let ann2 =
        "T1\tSource 25 30\tRyder\nT2\tCue 31 35\tsaid\nT3\tContent 36 74\tthe troops would leave the region soon\n\
                T7\tSource 76 85\tOfficials\nT4\tCue 86 92\tdenied\nT5\tContent 98 118\tthe talks had failed\n\
                E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\nE2\tAttribution:T4 Source:T7 Cue:T4 Content:T5\n";
    fs::write(root.join("attributions/t_ann1.ann"), ann1).unwrap();
    fs::write(root.join("attributions/t_ann2.ann"), ann2).unwrap();
    root
}

const POLNEAR_EXPECTED: &str = "documents=2 gold=5 predicted=4 failed_runs=0
cue exact       P=1.000 R=1.000 F1=1.000
content overlap P=1.000 R=0.800 F1=0.889
content+source  P=0.750 R=0.600 F1=0.667
polnear_f1=0.667
";

#[test]
fn eval_attribution_scores_a_tiny_polnear_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = polnear(dir.path());
    let o = dossier(&["eval", "attribution", p(&root)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), POLNEAR_EXPECTED);

    let o = dossier(&["eval", "attribution", "--json", p(&root)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["gold"], 5);
    assert_eq!(v["predicted"], 4);
    assert_eq!(v["content_overlap"]["recall"], 0.8);
    assert!((v["polnear_f1"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);

    let o = dossier(&["eval", "attribution", p(&dir.path().join("nowhere"))]);
    assert_eq!(o.status.code(), Some(2));
}

/// The in-process scorer agrees with the reference script run over `dossier analyze --json`.
/// Fails (does not skip) when python3 is missing: CI has it.
#[cfg(feature = "shared-data")]
#[test]
fn eval_attribution_agrees_with_score_polnear_py() {
    let dir = tempfile::tempdir().unwrap();
    let root = polnear(dir.path());
    // A text the analyser cannot read counts as a failed run in both.
    fs::write(root.join("text/empty.txt"), "").unwrap();
    fs::write(root.join("attributions/empty_x.ann"), "T1\tContent 0 0\t\nE1\tAttribution:T1 Content:T1\n").unwrap();
    let ours = stdout(&dossier(&["eval", "attribution", p(&root)]));
    let cmd = format!("{BIN} analyze --json {{}}");
    let py =
        Command::new("python3").arg(SCORER).arg(&root).arg(&cmd).output().expect("python3 is required for this test");
    assert!(py.status.success(), "{}", stderr(&py));
    let theirs = stdout(&py);
    assert!(theirs.contains("failed_runs=1"), "{theirs}");
    assert_eq!(ours, theirs);
}

#[test]
fn documents_lists_headline_checks_and_filters_by_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let o = dossier(&["ingest", "--db", p(&db), EXAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let all = dossier(&["documents", "--db", p(&db)]);
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    assert!(stdout(&all).contains("North Korea puts military in 'quasi-state of war'"), "{}", stdout(&all));
    // The bundled article's title is borne out by its body (golden file korea.json).
    let json = dossier(&["documents", "--db", p(&db), "--headline", "supported", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(rows.as_array().unwrap().iter().any(|r| r["role"] == "title" && r["verdict"] == "supported"), "{rows}");
    let none = dossier(&["documents", "--db", p(&db), "--headline", "contradicted"]);
    assert_eq!(stdout(&none), "(no headline checks)\n");
    assert_eq!(dossier(&["documents", "--db", p(&db), "--headline", "maybe"]).status.code(), Some(2));
}

#[test]
fn analyze_checks_a_headline_over_an_empty_or_huge_body() {
    let dir = tempfile::tempdir().unwrap();
    let only = dir.path().join("only.txt");
    fs::write(&only, "Giant squid found alive off Japan\n\n\n").unwrap();
    let o = dossier(&["analyze", "--json", p(&only)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // A lone line is body, not a title (repair marks none): nothing to check, and no panic.
    assert_eq!(v["headlines"], serde_json::json!([]), "{v}");
    // A large body under a heading: a verdict, no panic (10 MB bodies: crates/stance/tests/model.rs;
    // the whole pipeline on 10 MB is too slow for a debug-built test).
    let big = dir.path().join("big.txt");
    let sentence = "Officials said the bridge was closed after the storm damaged it. ";
    let body = sentence.repeat(256 * 1024 / sentence.len());
    fs::write(&big, format!("Storm closes the old bridge\n\n{body}\n")).unwrap();
    let o = dossier(&["analyze", "--json", p(&big)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let verdict = v["headlines"][0]["verdict"].as_str().unwrap_or_default().to_string();
    assert!(["supported", "contradicted", "unsupported", "overstated"].contains(&verdict.as_str()), "{verdict}");
}

/// `dossier eval headlines` on FNC-1's dev split prints exactly what score_fnc.py prints of its
/// predictions file, and stays above its floors (docs/EVALUATION.md: 0.9085 / 0.809 / 0.650).
#[cfg(feature = "shared-data")]
#[test]
fn eval_headlines_agrees_with_score_fnc_py_on_the_dev_split() {
    let fnc = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/claims/fnc-1");
    let scorer = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/tools/score_fnc.py");
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.csv");
    let (stances, bodies, dev) = (
        format!("{fnc}/train_stances.csv.gz"),
        format!("{fnc}/train_bodies.csv.gz"),
        format!("{fnc}/dev_body_ids.txt"),
    );
    let o = dossier(&["eval", "headlines", &stances, &bodies, "--bodies-in", &dev, "--out", p(&pred)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let py = Command::new("python3")
        .args([scorer, &stances, p(&pred), &dev])
        .output()
        .expect("python3 is required for this test");
    assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
    assert_eq!(stdout(&o), String::from_utf8_lossy(&py.stdout));
    let field = |name: &str| -> f64 {
        let out = stdout(&o);
        let at = out.find(&format!("{name}=")).unwrap_or_else(|| panic!("{name} in {out}")) + name.len() + 1;
        out[at..].split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!(field("fnc_relative") >= 0.88, "{}", stdout(&o));
    assert!(field("macro_f1") >= 0.75, "{}", stdout(&o));
    assert!(field("disagree_f1") >= 0.5, "{}", stdout(&o));
}

/// A missing input file is a failed input for every command that reads one: exit 1, and the
/// cause said once.
#[test]
fn a_missing_input_exits_1_with_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.html");
    for cmd in ["analyze", "extract"] {
        let o = dossier(&[cmd, p(&missing)]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.starts_with(&format!("error: {}: ", missing.display())), "{cmd}: {err}");
        assert_eq!(err.matches("os error 2").count(), 1, "{cmd}: {err}");
    }
}
