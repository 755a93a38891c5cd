//! Entities across a real multi-article store (docs/ENTITIES.md): the 84 PolNeAR dev articles
//! (2016 US election news, in ../shared) ingested into one store, then `dossier entities --why`
//! read back. Before aliases needed evidence, this store held "Donald Trump", "Donald J. Trump"
//! and "Trump" (in 10 documents) as three people, "Obama" apart from "Barack Obama", and "Clinton"
//! as an alias of Hillary, Bill and four headline fragments at once.
#![cfg(feature = "shared-data")]

use std::collections::HashMap;
use std::process::Command;

use serde_json::Value;

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

fn ok(args: &[&str]) -> String {
    let o = Command::new(BIN).args(args).output().expect("run dossier");
    assert_eq!(o.status.code(), Some(0), "dossier {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

#[test]
fn polnear_dev_people_stay_one_entity_and_no_person_is_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("polnear.db");
    let db = db.to_str().unwrap();
    let texts = shared("eval/attribution/polnear/dev/text");
    let out = ok(&["ingest", "--db", db, &texts]);
    assert!(out.starts_with("ingested 84 new"), "{out}");
    let rows: Vec<Value> =
        serde_json::from_str(&ok(&["entities", "--db", db, "--json", "--why", "--limit", "100000"])).unwrap();
    let name = |e: &Value| e["name"].as_str().unwrap().to_string();
    let kind = |e: &Value| e["kind"].as_str().unwrap().to_string();
    let aliases = |e: &Value| -> Vec<String> {
        e["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect()
    };
    let persons: Vec<&Value> = rows.iter().filter(|e| kind(e) == "person").collect();

    // Trump is one person, whatever the article called him. The one exception the rules allow
    // (docs/ENTITIES.md, "Not done"): the second article says only "Trump" and is stored before
    // any full name with that surname, so it starts a "Trump" of its own; every later bare
    // "Trump" links to Donald Trump, so that entity stays at its one document.
    let trumps: Vec<&&Value> = persons
        .iter()
        .filter(|e| ["Donald Trump", "Donald J. Trump", "Donald John Trump"].contains(&name(e).as_str()))
        .collect();
    assert_eq!(trumps.len(), 1, "Trump is {trumps:?}");
    let trump = trumps[0];
    assert!(aliases(trump).contains(&"Trump".to_string()), "{trump}");
    for bare in persons.iter().filter(|e| name(e) == "Trump") {
        assert_eq!(bare["documents"], 1, "later bare Trumps went to {bare} instead of Donald Trump");
    }

    // "Obama" alone is Barack Obama.
    assert!(!persons.iter().any(|e| name(e) == "Obama"), "a person called only Obama");
    let obama = persons.iter().find(|e| name(e) == "Barack Obama").expect("Barack Obama");
    assert!(aliases(obama).contains(&"Obama".to_string()), "{obama}");

    // No person's alias is listed for two persons: "Clinton" is Hillary's, Bill's or nobody's,
    // never both.
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    for e in &persons {
        for a in aliases(e) {
            holders.entry(a).or_default().push(name(e));
        }
    }
    let clinton = holders.get("Clinton").cloned().unwrap_or_default();
    assert!(clinton.len() <= 1, "Clinton is an alias of {clinton:?}");
    let shared_aliases: Vec<_> = holders.iter().filter(|(_, names)| names.len() > 1).collect();
    assert!(shared_aliases.is_empty(), "aliases of several persons: {shared_aliases:?}");

    // No person is an alias of a place (or of an organisation or group): no alias of theirs is a
    // stored person's full name or rests on a person's evidence.
    let person_names: Vec<String> = persons.iter().map(|e| name(e)).filter(|n| n.contains(' ')).collect();
    for e in rows.iter().filter(|e| kind(e) != "person") {
        for a in aliases(e) {
            assert!(!person_names.contains(&a), "{} ({}) has the person {a:?} as an alias", name(e), kind(e));
        }
        for why in e["alias_evidence"].as_array().unwrap() {
            let ev = why["evidence"].as_str().unwrap();
            assert!(
                !["surname_of_full_name", "middle_initial", "unique_surname"].contains(&ev),
                "{} ({}) has {why} on a person's evidence",
                name(e),
                kind(e)
            );
        }
    }
    // A dateline's agency is not the city's alias.
    for e in rows.iter().filter(|e| kind(e) == "place") {
        let a = aliases(e);
        assert!(!a.iter().any(|x| x == "AP" || x == "AFP"), "{} has {a:?}", name(e));
    }
    // Every alias says where it came from.
    for e in &rows {
        for why in e["alias_evidence"].as_array().unwrap() {
            assert!(why["documents"].as_u64().unwrap() >= 1, "{why}");
            assert!(why["examples"][0]["doc_id"].as_str().unwrap().starts_with("sha256:"), "{why}");
        }
    }
}
