//! Cross-document entity linking (docs/ENTITIES.md): one rule per test, on hand-made documents
//! whose entity layers are written out as the extractor would leave them.

use dossier_core::*;
use dossier_store::{EntityRow, Store};

/// A document whose analysis holds `entities` (name, kind, the article's aliases), one mention
/// each.
fn doc(text: &str, entities: &[(&str, EntityKind, &[&str])]) -> (Document, AnalysisJson) {
    let doc = Document::new(text.to_string(), Metadata { title: Some(text.to_string()), ..Default::default() });
    let analysis = Analysis {
        mentions: (0..entities.len())
            .map(|i| Mention {
                span: Span::new(0, 1),
                kind: entities[i].1,
                entity: Some(i as EntityId),
                role: None,
                resolved: false,
            })
            .collect(),
        entities: entities
            .iter()
            .enumerate()
            .map(|(i, (name, kind, aliases))| Entity {
                id: i as EntityId,
                name: name.to_string(),
                kind: *kind,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                roles: vec![],
            })
            .collect(),
        ..Default::default()
    };
    let json = AnalysisJson::new(&doc, &analysis);
    (doc, json)
}

fn person(name: &str) -> (&str, EntityKind, &'static [&'static str]) {
    (name, EntityKind::Person, &[])
}

fn ingest(s: &mut Store, docs: &[(Document, AnalysisJson)]) {
    s.insert_batch(docs).unwrap();
}

fn all(s: &Store) -> Vec<EntityRow> {
    s.entities(10_000).unwrap()
}

fn named<'a>(rows: &'a [EntityRow], name: &str) -> Vec<&'a EntityRow> {
    rows.iter().filter(|e| e.name == name).collect()
}

/// The store id the first document linked its entity 0 to, found through its name.
fn id_of(s: &Store, name: &str) -> i64 {
    s.entity(name, 1).unwrap().unwrap_or_else(|| panic!("no {name}")).entity.id
}

#[test]
fn a_middle_initial_is_the_same_person() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[person("Donald Trump")])]);
    ingest(&mut s, &[doc("b", &[person("Donald J. Trump")])]);
    let rows = all(&s);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].name.as_str(), rows[0].aliases.as_slice()),
        ("Donald Trump", &["Donald J. Trump".to_string()][..])
    );
    assert_eq!(rows[0].documents, 2);
    let why = s.alias_evidence(rows[0].id).unwrap();
    assert_eq!(why.len(), 1);
    assert_eq!((why[0].evidence.as_str(), why[0].documents, why[0].listed), ("middle_initial", 1, true));
    assert_eq!(why[0].examples[0].title.as_deref(), Some("b"));
}

#[test]
fn two_different_middle_initials_are_two_people_and_the_bare_name_joins_neither() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[person("George W. Bush")]), doc("b", &[person("George H.W. Bush")])]);
    ingest(&mut s, &[doc("c", &[person("George Bush")])]);
    let rows = all(&s);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|e| e.aliases.is_empty()), "{rows:?}");
}

#[test]
fn a_bare_surname_links_to_the_one_person_with_it() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[person("Patrick Ryder")])]);
    ingest(&mut s, &[doc("b", &[person("Ryder")])]);
    let rows = all(&s);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].aliases, ["Ryder"]);
    let why = s.alias_evidence(rows[0].id).unwrap();
    assert_eq!(why[0].evidence, "unique_surname");
}

#[test]
fn an_ambiguous_surname_stays_apart_and_is_nobodys_alias() {
    let mut s = Store::open_in_memory().unwrap();
    let clinton: &[&str] = &["Clinton"];
    ingest(&mut s, &[doc("a", &[("Hillary Clinton", EntityKind::Person, clinton)])]);
    ingest(&mut s, &[doc("b", &[("Bill Clinton", EntityKind::Person, clinton)])]);
    ingest(&mut s, &[doc("c", &[person("Clinton")])]);
    let rows = all(&s);
    // "Clinton" alone is its own entity; each article's own "Clinton" stays with the Clinton of
    // that article, but the store lists it for neither.
    assert_eq!(named(&rows, "Clinton").len(), 1, "{rows:?}");
    assert!(rows.iter().all(|e| !e.aliases.contains(&"Clinton".to_string())), "{rows:?}");
    let hillary = id_of(&s, "Hillary Clinton");
    let why = s.alias_evidence(hillary).unwrap();
    assert_eq!(
        (why[0].alias.as_str(), why[0].evidence.as_str(), why[0].listed),
        ("Clinton", "surname_of_full_name", false)
    );

    // Once Hillary Clinton is far more often the Clinton, the surname is hers: listed, and a
    // later bare "Clinton" links to her.
    for t in ["d", "e", "f"] {
        ingest(&mut s, &[doc(t, &[("Hillary Clinton", EntityKind::Person, clinton)])]);
    }
    ingest(&mut s, &[doc("g", &[person("Clinton")])]);
    let rows = all(&s);
    let holders: Vec<&str> =
        rows.iter().filter(|e| e.aliases.contains(&"Clinton".to_string())).map(|e| e.name.as_str()).collect();
    assert_eq!(holders, ["Hillary Clinton"]);
    let g = s.alias_evidence(hillary).unwrap();
    assert!(g.iter().any(|a| a.evidence == "unique_surname" && a.examples[0].title.as_deref() == Some("g")), "{g:?}");
}

#[test]
fn a_surname_the_article_itself_leaves_open_is_not_decided_by_the_store() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[person("Hillary Clinton")])]);
    // Hillary and Bill in one article, and a "Clinton" it could not place.
    ingest(&mut s, &[doc("b", &[person("Hillary Clinton"), person("Bill Clinton"), person("Clinton")])]);
    let rows = all(&s);
    assert_eq!(named(&rows, "Clinton").len(), 1, "{rows:?}");
    assert!(rows.iter().all(|e| e.aliases.is_empty()), "{rows:?}");
}

#[test]
fn a_person_never_links_to_a_place_or_an_organisation() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[("Washington", EntityKind::Place, &[]), ("Jordan", EntityKind::Place, &[])])]);
    ingest(&mut s, &[doc("b", &[("Jordan Group", EntityKind::Organization, &[])])]);
    // A bare surname with no stored person: its own person, not the place of the same name.
    ingest(&mut s, &[doc("c", &[person("Washington")])]);
    ingest(&mut s, &[doc("d", &[person("Michael Jordan")])]);
    ingest(&mut s, &[doc("e", &[person("Jordan"), ("Jordan", EntityKind::Place, &[])])]);
    let rows = all(&s);
    let kinds = |name: &str| {
        let mut k: Vec<&str> = named(&rows, name).iter().map(|e| e.kind.as_str()).collect();
        k.sort();
        k
    };
    assert_eq!(kinds("Washington"), ["person", "place"]);
    assert_eq!(kinds("Jordan"), ["place"]);
    let jordan = named(&rows, "Michael Jordan")[0];
    assert_eq!(jordan.aliases, ["Jordan"]);
    // No alias of a place or an organisation is a person's, and no person's is a place's.
    for e in rows.iter().filter(|e| e.kind != "person") {
        assert!(e.aliases.is_empty(), "{e:?}");
    }
}

#[test]
fn a_refreshed_document_takes_its_aliases_and_its_counts_with_it() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[person("Patrick Ryder")])]);
    let (d, mut json) = doc("b", &[("Patrick Ryder", EntityKind::Person, &["Ryder", "PATRICK RYDER"])]);
    ingest(&mut s, &[(d.clone(), json.clone())]);
    let id = id_of(&s, "Patrick Ryder");
    assert_eq!(all(&s)[0].aliases, ["PATRICK RYDER", "Ryder"]);
    // The same document, analysed by a newer stage that finds only the surname.
    json.provenance.stages = vec![StageVersion { id: "entities".into(), version: 99 }];
    json.entities[0].aliases = vec!["Ryder".into()];
    assert_eq!(s.insert_batch(&[(d, json)]).unwrap(), vec![dossier_store::Inserted::Refreshed]);
    let why = s.alias_evidence(id).unwrap();
    let pairs: Vec<(&str, &str, u64)> =
        why.iter().map(|a| (a.alias.as_str(), a.evidence.as_str(), a.documents)).collect();
    assert_eq!(pairs, [("Ryder", "surname_of_full_name", 1)]);
    assert_eq!(all(&s)[0].documents, 2);
}

#[test]
fn linking_does_not_depend_on_how_documents_are_batched() {
    let docs = || {
        vec![
            doc("a", &[person("Donald Trump"), person("Melania Trump")]),
            doc("b", &[person("Donald J. Trump")]),
            doc("c", &[person("Trump")]),
            doc("d", &[person("Donald Trump")]),
        ]
    };
    let mut one = Store::open_in_memory().unwrap();
    ingest(&mut one, &docs());
    let mut each = Store::open_in_memory().unwrap();
    for d in docs() {
        ingest(&mut each, &[d]);
    }
    assert_eq!(all(&one), all(&each));
}

/// A store of schema 5 (aliases without documents or evidence) opens: its aliases are kept, with
/// the document they can be traced to, and its persons are indexed for linking.
#[test]
fn a_schema_5_store_keeps_its_aliases_and_links_to_its_persons() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("linking-schema5-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_init.sql"),
            include_str!("../migrations/0002_events.sql"),
            include_str!("../migrations/0003_raw_html.sql"),
            include_str!("../migrations/0004_fts_per_batch.sql"),
            include_str!("../migrations/0005_provenance.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, text, analysis, ingested_at) VALUES ('d1', 'x', '{}', '2026-11-01T00:00:00Z');
             INSERT INTO entities (id, norm, kind, name) VALUES (1, 'patrick ryder', 'person', 'Patrick Ryder');
             INSERT INTO document_entities VALUES ('d1', 0, 1, 'Patrick Ryder');
             INSERT INTO mentions (doc_id, entity_id, kind, start, end, text) VALUES ('d1', 1, 'person', 0, 5, 'Ryder');
             INSERT INTO entity_aliases VALUES (1, 'Ryder'), (1, 'Pat Ryder');",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    let why = s.alias_evidence(1).unwrap();
    let pairs: Vec<(&str, &str, u64)> =
        why.iter().map(|a| (a.alias.as_str(), a.evidence.as_str(), a.documents)).collect();
    assert_eq!(pairs, [("Pat Ryder", "carried", 0), ("Ryder", "carried", 1)]);
    ingest(&mut s, &[doc("b", &[person("Ryder")])]);
    let rows = all(&s);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].documents, 2);
    drop(s);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn a_surname_beside_several_full_names_is_the_one_far_more_often_seen() {
    let mut s = Store::open_in_memory().unwrap();
    for t in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] {
        ingest(&mut s, &[doc(t, &[person("Donald Trump")])]);
    }
    ingest(&mut s, &[doc("k", &[person("Donald Trump"), person("Melania Trump"), person("Trump")])]);
    let rows = all(&s);
    assert!(named(&rows, "Trump").is_empty(), "{rows:?}");
    let donald = named(&rows, "Donald Trump")[0];
    assert_eq!(donald.aliases, ["Trump"]);
    let why = s.alias_evidence(donald.id).unwrap();
    assert_eq!((why[0].evidence.as_str(), why[0].examples[0].title.as_deref()), ("surname_of_full_name", Some("k")));
}

#[test]
fn a_lexicon_alias_two_entities_hold_alike_is_listed_for_neither() {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, &[doc("a", &[("South Carolina", EntityKind::Place, &["South"])])]);
    ingest(&mut s, &[doc("b", &[("South Korea", EntityKind::Place, &["South", "SOUTH KOREA"])])]);
    let rows = all(&s);
    assert!(rows.iter().all(|e| !e.aliases.contains(&"South".to_string())), "{rows:?}");
    // The alias of its own (the same name) is listed.
    assert_eq!(named(&rows, "South Korea")[0].aliases, ["SOUTH KOREA"]);
    let why = s.alias_evidence(named(&rows, "South Korea")[0].id).unwrap();
    let south = why.iter().find(|a| a.alias == "South").unwrap();
    assert_eq!((south.evidence.as_str(), south.listed), ("lexicon", false));
}
