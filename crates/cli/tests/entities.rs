//! Entities across a store, as an analyst reads them: `dossier entity NAME` (found by name or
//! alias), `dossier entities --json` as articles arrive (ids and canonical names stay, counts
//! grow), and capital-city speakers ("Pyongyang said") filed under their country.
//!
//! The inputs are the bundled Wikinews article (CC BY 2.5) and short texts written here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const KOREA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/wikinews/korea.txt");

fn dossier(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dossier")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// Runs a command that must succeed and returns its stdout.
fn ok(args: &[&str]) -> String {
    let o = dossier(args);
    assert_eq!(o.status.code(), Some(0), "dossier {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).expect("valid JSON")
}

/// Ingests one dated article, as a one-line JSON Lines feed.
fn ingest(db: &Path, name: &str, title: &str, published: &str, text: &str) {
    let feed: PathBuf = db.with_file_name(format!("{name}.jsonl"));
    let line =
        json!({ "url": format!("https://example.org/{name}"), "title": title, "published": published, "text": text });
    std::fs::write(&feed, format!("{line}\n")).expect("write feed");
    let out = ok(&["ingest", "--db", p(db), p(&feed)]);
    assert!(out.starts_with("ingested 1 new"), "{out}");
}

fn korea_text() -> String {
    std::fs::read_to_string(KOREA).expect("examples/wikinews/korea.txt")
}

fn entities(db: &Path) -> Vec<Value> {
    json_of(&["entities", "--db", p(db), "--json", "--limit", "100000"]).as_array().expect("array").clone()
}

fn entity(db: &Path, name: &str) -> Value {
    json_of(&["entity", "--db", p(db), "--json", name])
}

/// Every row of `dossier entities --json` carries the store id, canonical name, kind, aliases and
/// both counts.
fn check_row(e: &Value) {
    assert!(e["id"].is_i64(), "{e}");
    assert!(e["name"].as_str().is_some_and(|n| !n.is_empty()), "{e}");
    assert!(["person", "organization", "place", "group"].contains(&e["kind"].as_str().unwrap_or("")), "{e}");
    assert!(e["aliases"].is_array(), "{e}");
    assert!(e["mentions"].as_u64().is_some() && e["documents"].as_u64().is_some_and(|d| d >= 1), "{e}");
}

/// The entity fields `dossier entity --json` shares with a row of `dossier entities --json`.
fn row_part(detail: &Value) -> Value {
    let keys = ["id", "name", "kind", "aliases", "mentions", "documents", "statement_count"];
    Value::Object(keys.iter().map(|k| (k.to_string(), detail[*k].clone())).collect())
}

#[test]
fn entity_shows_counts_timeline_and_statements_and_is_found_by_alias() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ingest(&db, "korea", "North Korea puts military in 'quasi-state of war'", "2015-08-21", &korea_text());

    let by_name = entity(&db, "Korean Central News Agency");
    assert_eq!(by_name["name"], "Korean Central News Agency");
    assert_eq!(by_name["kind"], "organization");
    assert!(by_name["aliases"].as_array().unwrap().contains(&json!("KCNA")), "{by_name}");
    assert_eq!(by_name["documents"], 1);
    // Its two quotes, each filed under it whatever the article called it.
    let said = by_name["statements"].as_array().unwrap();
    assert!(said.len() >= 2, "{said:?}");
    assert!(said.iter().all(|s| s["speaker_entity"] == "Korean Central News Agency"));
    assert!(said.iter().any(|s| s["content"].as_str().unwrap().contains("War maniacs")));
    assert!(said.iter().all(|s| s["published"] == "2015-08-21" && s["source"].as_str().is_some()));
    // Mentions over time: one date, holding all of its mentions and statements.
    let dates = by_name["dates"].as_array().unwrap();
    assert_eq!(dates.len(), 1, "{dates:?}");
    assert_eq!(dates[0]["published"], "2015-08-21");
    assert_eq!(dates[0]["documents"], 1);
    assert_eq!(dates[0]["mentions"], by_name["mentions"]);
    assert_eq!(dates[0]["statements"].as_u64(), Some(said.len() as u64));
    assert!(by_name["mentions"].as_u64().unwrap() >= 2);

    // By alias, in any case, and by the canonical name in another case: the same answer.
    assert_eq!(entity(&db, "kcna"), by_name);
    assert_eq!(entity(&db, "KOREAN central news agency"), by_name);
    // The same entity, with the same counts, as `dossier entities --json` lists it.
    let rows = entities(&db);
    rows.iter().for_each(check_row);
    assert!(rows.contains(&row_part(&by_name)), "{} not in {rows:?}", row_part(&by_name));

    // The readable report: name, kind, aliases, counts, the date, the quotes and where they are.
    let text = ok(&["entity", "--db", p(&db), "KCNA"]);
    assert!(text.starts_with("Korean Central News Agency (organization)\n"), "{text}");
    for part in [
        "aliases:    KCNA",
        &format!("mentions:   {}", by_name["mentions"]),
        "documents:  1",
        &format!("statements: {}", said.len()),
        "Mentions over time (by date)",
        "2015-08-21",
        "KCNA [Korean Central News Agency] → assert (said) → \"War maniacs",
        "[direct quote]",
        "in: North Korea puts military in 'quasi-state of war'",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    // A name given in several words needs no quotes.
    assert_eq!(ok(&["entity", "--db", p(&db), "korean", "central", "news", "agency"]), text);
    // --limit cuts the list of statements, not the counts.
    let one = entity_limited(&db, "KCNA", 1);
    assert_eq!(one["statements"].as_array().unwrap().len(), 1);
    assert_eq!(one["dates"], by_name["dates"]);
    assert!(ok(&["entity", "--db", p(&db), "--limit", "1", "KCNA"]).contains(&format!("oldest 1 of {}", said.len())));

    // Unknown: a message on stderr, nothing on stdout, exit 1. No store: exit 2.
    let o = dossier(&["entity", "--db", p(&db), "Nobody Atall"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("error: no entity named \"Nobody Atall\""), "{err}");
    let missing = dir.path().join("none.db");
    assert_eq!(dossier(&["entity", "--db", p(&missing), "KCNA"]).status.code(), Some(2));
    assert!(!missing.exists());
}

fn entity_limited(db: &Path, name: &str, limit: usize) -> Value {
    json_of(&["entity", "--db", p(db), "--json", "--limit", &limit.to_string(), name])
}

/// A follow-up written for this test: it names four of the Wikinews article's entities, one of
/// them only by its abbreviation.
const FOLLOW_UP: &str = "Koreas agree to talks at the border\n\n\
    South Korea and North Korea agreed on Tuesday to hold talks at the border village of Panmunjom. \
    KCNA said the talks would begin on Saturday. The Korean People's Army will pull back its \
    artillery from the front, a spokesman for the South Korean defence ministry said.\n";

#[test]
fn entities_keep_their_ids_and_names_as_articles_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ingest(&db, "a", "North Korea puts military in 'quasi-state of war'", "2015-08-21", &korea_text());
    let before = entities(&db);
    before.iter().for_each(check_row);
    let find = |rows: &[Value], name: &str| rows.iter().find(|e| e["name"] == name).cloned();
    let shared = ["North Korea", "South Korea", "Korean Central News Agency", "Korean People's Army"];
    for name in shared {
        assert!(find(&before, name).is_some(), "{name} not among {before:?}");
    }

    ingest(&db, "b", "Koreas agree to talks at the border", "2015-08-25", FOLLOW_UP);
    let after = entities(&db);
    after.iter().for_each(check_row);
    // Every entity of the first article is still there: same id, name, kind; nothing lost.
    for old in &before {
        let new = after.iter().find(|e| e["id"] == old["id"]).unwrap_or_else(|| panic!("{old} is gone"));
        assert_eq!((&new["name"], &new["kind"]), (&old["name"], &old["kind"]), "{old} became {new}");
        assert!(new["mentions"].as_u64() >= old["mentions"].as_u64(), "{old} → {new}");
        assert!(new["documents"].as_u64() >= old["documents"].as_u64(), "{old} → {new}");
        let aliases = new["aliases"].as_array().unwrap();
        assert!(old["aliases"].as_array().unwrap().iter().all(|a| aliases.contains(a)), "{old} → {new}");
    }
    // Those the follow-up names grew by its document and its mentions, under the old name.
    for name in shared {
        let (old, new) = (find(&before, name).unwrap(), find(&after, name).unwrap());
        assert_eq!(new["id"], old["id"], "{name}");
        assert_eq!(new["documents"].as_u64(), old["documents"].as_u64().map(|d| d + 1), "{old} → {new}");
        assert!(new["mentions"].as_u64() > old["mentions"].as_u64(), "{old} → {new}");
        assert_eq!(after.iter().filter(|e| e["name"] == name).count(), 1, "{name} split in two");
    }
    // The abbreviation alone did not make a second entity.
    assert!(find(&after, "KCNA").is_none(), "{after:?}");
    // The timeline of one of them now has both dates, and its statement from each article.
    let kcna = entity(&db, "KCNA");
    let dates: Vec<_> = kcna["dates"].as_array().unwrap().iter().map(|d| d["published"].clone()).collect();
    assert_eq!(dates, [json!("2015-08-21"), json!("2015-08-25")]);
    let said = kcna["statements"].as_array().unwrap();
    assert_eq!(said.last().unwrap()["content"], "the talks would begin on Saturday", "{said:?}");
    assert_eq!(said.last().unwrap()["title"], "Koreas agree to talks at the border");
}

#[test]
fn capital_city_speakers_are_filed_under_their_country() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ingest(&db, "a", "North Korea puts military in 'quasi-state of war'", "2015-08-21", &korea_text());
    let korea = entity(&db, "North Korea");
    assert_eq!(korea["kind"], "place");
    ingest(
        &db,
        "r",
        "Russia warns on sanctions",
        "2015-08-24",
        "Russia said on Monday that new sanctions would fail.\n",
    );
    let russia = entity(&db, "Russia");

    let text = "Missile test draws replies\n\n\
        Pyongyang said on Tuesday that the missile test was a routine exercise. \
        Moscow said the test was no threat to anyone.\n";
    ingest(&db, "m", "Missile test draws replies", "2015-08-25", text);

    // The capital speaks for the country: its statements are the country's, under its store id.
    let by_capital = entity(&db, "Pyongyang");
    assert_eq!((&by_capital["id"], &by_capital["name"]), (&korea["id"], &json!("North Korea")));
    let said = by_capital["statements"].as_array().unwrap();
    let last = said.last().unwrap();
    assert_eq!((&last["speaker"], &last["speaker_entity"]), (&json!("Pyongyang"), &json!("North Korea")));
    assert_eq!(last["content"], "the missile test was a routine exercise");
    assert_eq!(by_capital["documents"].as_u64(), korea["documents"].as_u64().map(|d| d + 1));
    assert_eq!(entity(&db, "north korea"), by_capital);

    let moscow = entity(&db, "Moscow");
    assert_eq!((&moscow["id"], &moscow["name"], &moscow["kind"]), (&russia["id"], &json!("Russia"), &json!("place")));
    let contents: Vec<_> = moscow["statements"].as_array().unwrap().iter().map(|s| s["content"].clone()).collect();
    assert_eq!(contents, [json!("new sanctions would fail"), json!("the test was no threat to anyone")]);

    // No entity of their own for the capitals as speakers.
    let names: Vec<_> = entities(&db).iter().map(|e| e["name"].clone()).collect();
    assert!(!names.contains(&json!("Pyongyang")) && !names.contains(&json!("Moscow")), "{names:?}");
    // `dossier statements --speaker` finds them by the country's name too.
    let rows = json_of(&["statements", "--db", p(&db), "--json", "--speaker", "russia"]);
    assert_eq!(rows.as_array().unwrap().len(), 2, "{rows}");

    // The Kremlin speaking is the Russian government too, filed under the same entity.
    let text = "Kremlin rejects report\n\nThe Kremlin said on Wednesday that the report was false.\n";
    ingest(&db, "k", "Kremlin rejects report", "2015-08-26", text);
    let kremlin = entity(&db, "Kremlin");
    assert_eq!((&kremlin["id"], &kremlin["name"]), (&russia["id"], &json!("Russia")));
    // Two more statements: the headline's denial and the body's assertion.
    let rows = json_of(&["statements", "--db", p(&db), "--json", "--speaker", "russia"]);
    let stances: Vec<_> = rows.as_array().unwrap().iter().map(|r| r["stance"].clone()).collect();
    assert_eq!(stances, [json!("assert"), json!("assert"), json!("deny"), json!("assert")], "{rows}");
}
