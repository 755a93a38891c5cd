//! The store against hand-made documents, run on both an in-memory and a file-backed store.

use std::path::{Path, PathBuf};

use dossier_core::*;
use dossier_store::{HeadlineFilter, HitKind, Inserted, StatementFilter, Store, StoreError};

/// The byte span of the first `needle` in `text`.
fn at(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Span::new(start, start + needle.len())
}

/// A document with one entity, one mention, one attribution, one quantity and one time.
fn fixture(
    text: &str,
    title: &str,
    date: &str,
    speaker: &str,
    entity_name: &str,
    content: &str,
) -> (Document, AnalysisJson) {
    let meta = Metadata {
        title: Some(title.to_string()),
        published: parse_published(date),
        source: Some(format!("{title}.txt")),
        ..Default::default()
    };
    let doc = Document::new(text.to_string(), meta);
    let t = doc.text.as_str();
    let entity = Entity {
        id: 0,
        name: entity_name.to_string(),
        kind: EntityKind::Person,
        aliases: vec![speaker.to_string()],
        roles: vec!["spokesperson".to_string()],
    };
    let speaker = Speaker { span: at(t, speaker), entity: Some(0), source_type: SourceType::Named };
    let analysis = Analysis {
        mentions: vec![Mention {
            span: speaker.span,
            kind: EntityKind::Person,
            entity: Some(0),
            role: None,
            resolved: false,
        }],
        entities: vec![entity],
        attributions: vec![Attribution {
            speaker: Some(speaker),
            cue: at(t, "said"),
            content: at(t, content),
            quote: QuoteKind::Indirect,
            stance: Stance::Assert,
            hedges: vec![],
            echoes: None,
        }],
        quantities: vec![Quantity {
            span: at(t, "10,000"),
            value: Some(10_000.0),
            low: None,
            high: None,
            approx: false,
            bound: Bound::Exact,
            change: None,
            unit: None,
            counted: Some(at(t, "troops")),
        }],
        times: vec![TimeExpr { span: at(t, "Friday"), kind: TimeType::Date, value: Some("2024-11-01".to_string()) }],
        ..Default::default()
    };
    let json = AnalysisJson::new(&doc, &analysis);
    (doc, json)
}

fn ryder() -> (Document, AnalysisJson) {
    fixture(
        "Pentagon spokesman Pat Ryder said 10,000 North Korean troops were in Kursk on Friday.",
        "Briefing",
        "2024-11-01",
        "Pat Ryder",
        "Pat Ryder",
        "10,000 North Korean troops were in Kursk",
    )
}

fn ryder_again() -> (Document, AnalysisJson) {
    fixture(
        "On Friday, RYDER said 10,000 troops had moved; Washington was watching.",
        "Follow-up",
        "2024-10-30",
        "RYDER",
        "PAT  RYDER",
        "10,000 troops had moved",
    )
}

/// A file path unique to this test and process, with any leftovers from a previous run removed.
fn temp_db(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{name}-{}.db", std::process::id()));
    remove_db(&path);
    path
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// Runs `check` on an in-memory store and on a fresh file store.
fn on_both(name: &str, check: impl Fn(&mut Store)) {
    check(&mut Store::open_in_memory().expect("in-memory store"));
    let path = temp_db(name);
    check(&mut Store::open(&path).expect("file store"));
    remove_db(&path);
}

#[test]
fn reinsert_is_a_duplicate_and_changes_nothing() {
    on_both("dup", |s| {
        assert_eq!(s.insert_batch(&[ryder()]).unwrap(), vec![Inserted::New]);
        let before = s.stats().unwrap();
        assert_eq!((before.documents, before.statements, before.entities, before.mentions), (1, 1, 1, 1));
        assert_eq!((before.quantities, before.times), (1, 1));
        // Again, and twice within one batch.
        assert_eq!(s.insert_batch(&[ryder(), ryder()]).unwrap(), vec![Inserted::Duplicate, Inserted::Duplicate]);
        assert_eq!(s.stats().unwrap(), before);
    });
}

#[test]
fn search_finds_document_and_statement_words() {
    on_both("search", |s| {
        s.insert_batch(&[ryder()]).unwrap();
        // Only in the document text.
        let hits = s.search("Pentagon", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, HitKind::Document);
        assert_eq!(hits[0].title.as_deref(), Some("Briefing"));
        assert!(hits[0].snippet.contains("[Pentagon]"), "{}", hits[0].snippet);
        // In the statement content (and the text); stemming finds "troop" for "troops".
        let hits = s.search("kursk troop", 10).unwrap();
        assert!(hits.iter().any(|h| h.kind == HitKind::Statement && h.statement_idx == Some(0)));
        assert!(hits.iter().any(|h| h.kind == HitKind::Document));
        assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
        assert_eq!(s.search("kursk", 1).unwrap().len(), 1);
        assert!(s.search("Moscow", 10).unwrap().is_empty());
    });
}

#[test]
fn hostile_queries_do_not_error() {
    on_both("hostile", |s| {
        s.insert_batch(&[ryder()]).unwrap();
        for q in [
            "\"",
            "AND OR",
            "*",
            "NEAR(",
            "",
            "   ",
            "title:kursk",
            "\"kursk",
            "-kursk",
            "kursk*",
            "^",
            "{a b}",
            "(",
            "''",
            "NOT",
        ] {
            let r = s.search(q, 10);
            assert!(r.is_ok(), "{q:?}: {r:?}");
        }
        assert!(s.search("", 10).unwrap().is_empty());
        // Operators are plain words: quoted, "kursk" still matches.
        assert!(!s.search("\"kursk\"", 10).unwrap().is_empty());
        assert!(!s.search("kursk*", 10).unwrap().is_empty());
    });
}

#[test]
fn statements_filter_by_speaker_stance_and_document() {
    on_both("statements", |s| {
        let (a, b) = (ryder(), ryder_again());
        let (id_a, id_b) = (a.0.id.clone(), b.0.id.clone());
        s.insert_batch(&[a, b]).unwrap();
        let f = |speaker: &str| StatementFilter { speaker: Some(speaker.to_string()), ..Default::default() };
        // Substring of the speaker as written, case-insensitive; ordered by date.
        let rows = s.statements(&f("ryder")).unwrap();
        assert_eq!(rows.iter().map(|r| r.doc_id.as_str()).collect::<Vec<_>>(), [id_b.as_str(), id_a.as_str()]);
        assert_eq!(rows[0].published.as_deref(), Some("2024-10-30"));
        assert_eq!(rows[1].speaker.as_deref(), Some("Pat Ryder"));
        assert_eq!(rows[1].content, "10,000 North Korean troops were in Kursk");
        assert_eq!((rows[1].stance.as_str(), rows[1].quote.as_str(), rows[1].hedged), ("assert", "indirect", false));
        assert_eq!(rows[1].source_type.as_deref(), Some("named"));
        // Through the entity name only: the second speaker is written "RYDER".
        let rows = s.statements(&f("pat  ryder")).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].speaker_entity.as_deref(), Some("PAT  RYDER"));
        assert!(s.statements(&f("Austin")).unwrap().is_empty());
        let by_doc = StatementFilter { doc_id: Some(id_a.clone()), ..Default::default() };
        assert_eq!(s.statements(&by_doc).unwrap().len(), 1);
        let deny = StatementFilter { stance: Some("Deny".into()), ..Default::default() };
        assert!(s.statements(&deny).unwrap().is_empty());
        let assert_ = StatementFilter { stance: Some("assert".into()), limit: 1, ..Default::default() };
        assert_eq!(s.statements(&assert_).unwrap().len(), 1);
    });
}

#[test]
fn entities_merge_across_documents() {
    on_both("entities", |s| {
        s.insert_batch(&[ryder(), ryder_again()]).unwrap();
        let rows = s.entities(10).unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        let e = &rows[0];
        assert_eq!((e.name.as_str(), e.kind.as_str()), ("Pat Ryder", "person"));
        assert_eq!((e.mentions, e.documents), (2, 2));
        assert_eq!(e.aliases, ["PAT  RYDER", "RYDER"]);
        assert_eq!(s.stats().unwrap().entities, 1);
    });
}

#[test]
fn failing_batch_rolls_back() {
    on_both("rollback", |s| {
        s.insert_batch(&[ryder()]).unwrap();
        let before = s.stats().unwrap();
        // An inverted span breaks a CHECK constraint after the document row went in.
        let (doc, mut json) = ryder_again();
        json.mentions[0].start = json.mentions[0].end + 5;
        let err = s.insert_batch(&[(doc.clone(), json)]);
        assert!(matches!(err, Err(StoreError::Sqlite(_))), "{err:?}");
        assert_eq!(s.stats().unwrap(), before);
        assert!(s.document(&doc.id).unwrap().is_none());
        assert!(s.search("Washington", 10).unwrap().is_empty());
        // The store still works, and the same document goes in once fixed.
        assert_eq!(s.insert_batch(&[ryder_again()]).unwrap(), vec![Inserted::New]);
    });
}

#[test]
fn document_round_trips_with_its_analysis() {
    on_both("document", |s| {
        let (doc, json) = ryder();
        s.insert_batch(&[(doc.clone(), json.clone())]).unwrap();
        let (back, value) = s.document(&doc.id).unwrap().expect("stored");
        assert_eq!(back, doc);
        assert_eq!(serde_json::from_value::<AnalysisJson>(value).unwrap(), json);
        assert!(s.document("sha256:nope").unwrap().is_none());
    });
}

#[test]
fn file_store_keeps_data_across_reopen() {
    let path = temp_db("reopen");
    {
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[ryder()]).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    assert_eq!(s.stats().unwrap().documents, 1);
    assert_eq!(s.search("kursk", 10).unwrap().len(), 2);
    assert_eq!(s.insert_batch(&[ryder()]).unwrap(), vec![Inserted::Duplicate]);
    drop(s);
    remove_db(&path);
}

#[test]
fn newer_schema_is_refused() {
    let path = temp_db("newer");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    match Store::open(&path) {
        Err(e @ StoreError::SchemaTooNew { found: 99, .. }) => {
            assert!(e.to_string().contains("newer"))
        }
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("opened a newer schema"),
    }
    remove_db(&path);
}

/// `ryder()` as analysed by another stage version: its statement's content differs.
fn ryder_by_a_newer_stage() -> (Document, AnalysisJson) {
    let (doc, mut json) = ryder();
    json.provenance.stages = vec![StageVersion { id: "attributions".into(), version: 2 }];
    let start = doc.text.find("North Korean").unwrap();
    json.attributions[0].content = SpanJson::new(&doc.text, Span::new(start, start + "North Korean troops".len()));
    json.attributions[0].content.text = "North Korean troops".into();
    (doc, json)
}

#[test]
fn a_document_stored_by_other_stage_versions_is_refreshed_in_place() {
    on_both("refresh", |s| {
        assert_eq!(s.insert_batch(&[ryder()]).unwrap(), vec![Inserted::New]);
        let before = s.stats().unwrap();
        assert_eq!(s.insert_batch(&[ryder_by_a_newer_stage()]).unwrap(), vec![Inserted::Refreshed]);
        // The same rows, one of each: the old ones were replaced, not added to.
        assert_eq!(s.stats().unwrap(), before);
        let statements = s.statements(&StatementFilter::default()).unwrap();
        assert_eq!(statements.len(), 1);
        assert_eq!(statements[0].content, "North Korean troops");
        // The statement index follows: "Kursk" is no longer in any statement.
        let hits = s.search("kursk", 10).unwrap();
        assert!(hits.iter().all(|h| h.kind == HitKind::Document), "{hits:?}");
        let (_, stored) = s.document(&ryder().0.id).unwrap().unwrap();
        assert_eq!(stored["provenance"]["stages"][0]["version"], 2);
        // Nothing changed since: a duplicate again.
        assert_eq!(s.insert_batch(&[ryder_by_a_newer_stage()]).unwrap(), vec![Inserted::Duplicate]);
        assert_eq!(s.stats().unwrap(), before);
    });
}

/// A store written before provenance was recorded (schema 4) opens, migrates, keeps its documents,
/// and the next ingest of a stored document refreshes it.
#[test]
fn a_schema_4_store_is_carried_forward() {
    let path = temp_db("schema4");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../migrations/0001_init.sql"),
            include_str!("../migrations/0002_events.sql"),
            include_str!("../migrations/0003_raw_html.sql"),
            include_str!("../migrations/0004_fts_per_batch.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        let (doc, json) = ryder();
        conn.execute(
            "INSERT INTO documents (id, text, analysis, ingested_at) VALUES (?1, ?2, ?3, '2026-11-01T00:00:00Z')",
            rusqlite::params![doc.id, doc.text, serde_json::to_string(&json).unwrap()],
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    assert_eq!(s.stats().unwrap().documents, 1);
    assert_eq!(s.insert_batch(&[ryder()]).unwrap(), vec![Inserted::Refreshed]);
    assert_eq!(s.stats().unwrap().statements, 1);
    assert_eq!(s.insert_batch(&[ryder()]).unwrap(), vec![Inserted::Duplicate]);
    drop(s);
    remove_db(&path);
}

/// A store of schema 14 kept its analyses as JSON text: opening it packs them (schema 15), and
/// each reads back as it was; its mentions are carried into schema 16's table.
#[test]
fn analyses_stored_as_text_are_packed_and_read_the_same() {
    let path = temp_db("schema14");
    let (doc, json) = ryder();
    {
        let mut s = Store::open(&path).unwrap();
        s.insert_batch(&[(doc.clone(), json.clone())]).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("UPDATE documents SET analysis = ?1", [serde_json::to_string(&json).unwrap()]).unwrap();
        // Schema 16 undone: mentions as schema 14 had them.
        conn.execute_batch(
            "CREATE TABLE old_mentions (doc_id TEXT NOT NULL, entity_id INTEGER, kind TEXT NOT NULL,
                 start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL);
             INSERT INTO old_mentions SELECT doc_id, entity_id, kind, start, end, '' FROM mentions;
             DROP TABLE mentions;
             ALTER TABLE old_mentions RENAME TO mentions;
             CREATE INDEX events_doc ON events(doc_id);
             CREATE INDEX statements_stance ON statements(stance);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 14).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kind: String = conn.query_row("SELECT typeof(analysis) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(kind, "blob");
    let mentions: Vec<(i64, i64)> = conn
        .prepare("SELECT idx, start FROM mentions ORDER BY idx")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let expected: Vec<(i64, i64)> = json.mentions.iter().enumerate().map(|(i, m)| (i as i64, m.start as i64)).collect();
    assert_eq!(mentions, expected);
    let s = Store::open(&path).unwrap();
    let (_, stored) = s.document(&doc.id).unwrap().unwrap();
    assert_eq!(stored, serde_json::to_value(&json).unwrap());
    drop(s);
    remove_db(&path);
}

fn with_headline(verdict: Verdict) -> (Document, AnalysisJson) {
    let (doc, mut json) = ryder();
    let sentence = SpanJson::new(&doc.text, Span::new(0, doc.text.len()));
    json.headlines = vec![HeadlineJson {
        role: HeadlineRole::Title,
        span: None,
        text: "Ryder: troops in Kursk".into(),
        verdict,
        stance: StanceLabel::Agree,
        score: 0.9,
        coverage: 0.8,
        evidence: vec![sentence],
        qualifiers: vec![],
    }];
    json.provenance.stages = vec![StageVersion { id: "headlines".into(), version: verdict as u32 + 1 }];
    (doc, json)
}

#[test]
fn headline_checks_are_stored_filtered_and_replaced_on_refresh() {
    on_both("headlines", |s| {
        assert_eq!(s.insert_batch(&[with_headline(Verdict::Unsupported)]).unwrap(), vec![Inserted::New]);
        let only = |s: &Store, v: &str| {
            s.headlines(&HeadlineFilter { verdict: Some(v.into()), limit: 10, ..HeadlineFilter::default() }).unwrap()
        };
        let rows = only(s, "unsupported");
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].role.as_str(), rows[0].stance.as_str(), rows[0].start), ("title", "agree", None));
        assert_eq!(rows[0].evidence, vec![[0, ryder().0.text.len() as u32]]);
        assert_eq!(rows[0].title.as_deref(), Some("Briefing"));
        assert!(only(s, "supported").is_empty());
        // A refresh replaces the document's checks.
        assert_eq!(s.insert_batch(&[with_headline(Verdict::Supported)]).unwrap(), vec![Inserted::Refreshed]);
        assert!(only(s, "unsupported").is_empty());
        assert_eq!(only(s, "supported").len(), 1);
        let all = s.headlines(&HeadlineFilter { limit: 10, ..HeadlineFilter::default() }).unwrap();
        assert_eq!(all.len(), 1);
    });
}

#[test]
fn a_schema_5_store_gains_the_headlines_table() {
    let path = temp_db("schema5");
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
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    assert!(s.headlines(&HeadlineFilter { limit: 10, ..HeadlineFilter::default() }).unwrap().is_empty());
    assert_eq!(s.insert_batch(&[with_headline(Verdict::Overstated)]).unwrap(), vec![Inserted::New]);
    assert_eq!(
        s.headlines(&HeadlineFilter { limit: 10, ..HeadlineFilter::default() }).unwrap()[0].verdict,
        "overstated"
    );
    drop(s);
    remove_db(&path);
}

/// An entity's page counts its mentions and statements in each of its documents: each count must
/// be one index range on (entity, document), not a scan of all the entity's rows per document.
#[test]
fn per_document_counts_of_an_entity_are_index_ranges() {
    let path = temp_db("entity-plans");
    Store::open(&path).unwrap().insert_batch(&[ryder()]).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(rusqlite::params![1, "d"], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    };
    let mentions = plan("SELECT count(*) FROM mentions m WHERE m.entity_id = ?1 AND m.doc_id = ?2");
    assert!(mentions.contains("mentions_entity (entity_id=? AND doc_id=?)"), "{mentions}");
    let statements = plan("SELECT count(*) FROM statements s WHERE s.speaker_entity_id = ?1 AND s.doc_id = ?2");
    assert!(
        statements.contains("(speaker_entity_id=? AND doc_id=?)") || statements.contains("(doc_id=?)"),
        "{statements}"
    );
    drop(conn);
    remove_db(&path);
}

/// Found by `cargo fuzz` (fuzz target `api_query`, minimised to `GET /api/search?q=%00t`): a NUL
/// inside a search word ended FTS5's reading of the quoted phrase, so the query was a syntax
/// error and the API answered 500. Control characters now separate words.
#[test]
fn a_nul_in_a_search_is_a_word_break() {
    on_both("nul-search", |s| {
        s.insert_batch(&[ryder()]).unwrap();
        for q in ["\0t", "\0", "\"\0otpl\u{fffd}e", "kursk\0", "\u{1}kursk\u{7f}"] {
            let r = s.search(q, 10);
            assert!(r.is_ok(), "{q:?}: {r:?}");
        }
        assert_eq!(s.search("kursk\0", 10).unwrap(), s.search("kursk", 10).unwrap());
        assert!(!s.search("\u{1}kursk\u{7f}", 10).unwrap().is_empty());
    });
}

/// The counts are kept between calls only while nothing was written: by this connection or by
/// another one (the server reads while `dossier ingest` writes).
#[test]
fn stats_follow_writes_from_this_and_other_connections() {
    let path = temp_db("stats");
    let mut reader = Store::open(&path).unwrap();
    let mut writer = Store::open(&path).unwrap();
    assert_eq!(reader.stats().unwrap().documents, 0);
    writer.insert_batch(&[ryder()]).unwrap();
    assert_eq!(reader.stats().unwrap().documents, 1, "another connection's commit");
    assert_eq!(reader.stats().unwrap(), writer.stats().unwrap());
    reader.insert_batch(&[ryder_again()]).unwrap();
    let after = reader.stats().unwrap();
    assert_eq!((after.documents, after.statements), (2, 2), "this connection's own insert");
    remove_db(&path);
}
