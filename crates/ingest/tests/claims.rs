//! Three dated reports of one troop-deployment claim, written for this test: the numbers move
//! 3,000 → 10,000 → over 12,000 and a government denies it. Stored one at a time, as articles
//! arrive, they make one claim with the series in date order and the denial as a `denies`
//! report; storing them again changes nothing.

use chrono::NaiveDate;
use dossier_claims::ReportStance;
use dossier_core::{Document, Metadata};
use dossier_extract::Lexicons;
use dossier_store::{ClaimFilter, Inserted, Store};

/// The three reports, one JSON Lines feed item each (shared with the server's browser test).
const REPORTS: &str = include_str!("data/troop_reports.jsonl");

fn reports() -> Vec<Document> {
    REPORTS
        .lines()
        .map(|line| {
            let item: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| item[k].as_str().map(str::to_string);
            let meta = Metadata {
                title: s("title"),
                published: s("published").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                outlet: s("outlet"),
                ..Metadata::default()
            };
            Document::new(s("text").unwrap(), meta)
        })
        .collect()
}

#[test]
fn three_reports_one_claim_with_its_series_and_its_denial() {
    let lex = Lexicons::builtin().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    for d in reports() {
        let stored = dossier_ingest::analyze_and_store(&mut store, &lex, vec![d]).unwrap();
        assert_eq!(stored[0].inserted, Inserted::New);
    }
    let list =
        store.claims(&ClaimFilter { about: Some("North Korea".into()), ..ClaimFilter::default() }).unwrap().unwrap();
    let top = &list[0];
    assert_eq!(top.documents, 3, "{list:#?}");
    let claim = store.claim(top.id).unwrap().unwrap();
    // First seen: the earliest published report, not the first stored.
    assert_eq!(claim.first_seen.date.as_deref(), Some("2024-10-18"));
    assert_eq!(claim.first_seen.outlet.as_deref(), Some("Seoul Herald"));
    let values: Vec<f64> = claim.numbers.iter().filter_map(|n| n.value.or(n.low)).collect();
    let mut deduped = values.clone();
    deduped.dedup();
    assert_eq!(deduped, [3_000.0, 10_000.0, 12_000.0], "{:#?}", claim.numbers);
    let dates: Vec<_> = claim.numbers.iter().map(|n| n.date.clone().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(claim.numbers.iter().any(|n| n.changed));
    let denial = claim.reports.iter().find(|r| r.stance == ReportStance::Denies).expect("a denial");
    assert_eq!(denial.outlet.as_deref(), Some("Pacific Wire"));
    assert!(denial.evidence.text.contains("sending troops"), "{denial:?}");
    // Every report but the one that opened the claim says what tied it.
    assert_eq!(claim.reports.iter().filter(|r| r.why.is_none()).count(), 1);

    // Stored again: nothing changes, claim ids included.
    let before = (store.claim_count().unwrap(), serde_json::to_string(&claim).unwrap());
    for d in reports() {
        let stored = dossier_ingest::analyze_and_store(&mut store, &lex, vec![d]).unwrap();
        assert_eq!(stored[0].inserted, Inserted::Duplicate);
    }
    let after = (store.claim_count().unwrap(), serde_json::to_string(&store.claim(top.id).unwrap().unwrap()).unwrap());
    assert_eq!(before, after);
}

#[test]
fn unknown_claims_and_entities_are_none() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.claim(42).unwrap().is_none());
    assert!(store
        .claims(&ClaimFilter { about: Some("Nobody Known".into()), ..ClaimFilter::default() })
        .unwrap()
        .is_none());
    assert!(store.claims(&ClaimFilter::default()).unwrap().unwrap().is_empty());
}

/// What schemas 12 to 16 changed, undone: the mentions with their text, apart from the document
/// (0016), the counted-noun keys, the documents' statement counts and the entity counts
/// (migrations/0012_titles_and_counted_keys.sql), the date indexes, the report and stance indexes
/// and the alias counts (0014). (Analyses packed by 0015 stay packed: this build reads both forms.)
const UNDO_SCHEMA_12: &str = "CREATE TABLE mentions_with_text (
         doc_id TEXT NOT NULL REFERENCES documents(id), entity_id INTEGER REFERENCES entities(id),
         kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL CHECK (start <= end),
         text TEXT NOT NULL);
     INSERT INTO mentions_with_text SELECT doc_id, entity_id, kind, start, end, '' FROM mentions ORDER BY doc_id, idx;
     DROP TABLE mentions;
     ALTER TABLE mentions_with_text RENAME TO mentions;
     CREATE INDEX mentions_doc ON mentions(doc_id);
     CREATE INDEX mentions_entity ON mentions(entity_id, doc_id);
     CREATE INDEX events_doc ON events(doc_id);
     CREATE INDEX statements_stance ON statements(stance);
     DROP TABLE store_totals;
     DROP TRIGGER store_totals_documents_insert;
     DROP TRIGGER store_totals_documents_delete;
     DROP TRIGGER store_totals_entities_insert;
     DROP TRIGGER store_totals_entities_delete;
     DROP TRIGGER alias_totals_insert;
     DROP TRIGGER alias_totals_delete;
     DROP TRIGGER alias_totals_update;
     DROP TABLE alias_totals;
     DROP INDEX statements_stance_by_date;
     DROP INDEX claim_entities_claim;
     DROP INDEX claim_reports_by_date;
     CREATE INDEX claim_reports_claim ON claim_reports(claim_id);
     DROP INDEX quantities_head_by_date;
     ALTER TABLE quantities DROP COLUMN published;
     DROP INDEX events_by_date;
     DROP INDEX documents_outlet_published;
     ALTER TABLE events DROP COLUMN published;
     DROP INDEX statements_by_date;
     DROP INDEX statements_entity_by_date;
     ALTER TABLE statements DROP COLUMN published;
     DROP INDEX quantities_counted_head;
     ALTER TABLE quantities DROP COLUMN counted_head;
     ALTER TABLE quantities DROP COLUMN counted_key;
     DROP INDEX documents_statement_count;
     DROP INDEX documents_newest;
     DROP INDEX documents_oldest;
     DROP INDEX documents_by_title;
     DROP INDEX documents_outlet;
     ALTER TABLE documents DROP COLUMN statement_count;
     DROP INDEX documents_published;
     CREATE INDEX documents_published ON documents(published);
     DROP TABLE entity_documents;
     DROP INDEX entities_by_mentions;
     ALTER TABLE entities DROP COLUMN mention_count;
     ALTER TABLE entities DROP COLUMN document_count;
     ALTER TABLE entities DROP COLUMN statement_count;";

/// A store written by schema 11 gets, from the migration to 12, the same titles, counted-noun
/// groups, document statement counts and entity counts as a store that had them from the start:
/// every view reads the same.
#[test]
fn a_schema_11_store_gets_titles_and_counts_as_a_new_one_has() {
    let lex = Lexicons::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut docs = reports();
    // One without a title in its metadata: its first line is the title.
    docs.push(Document::new(
        "Kyiv says drones hit Kursk\n\nKYIV — Officials said 12 drones struck two depots on Monday. \
         Ryder said 3,000 troops moved."
            .into(),
        Metadata::default(),
    ));
    let views = |store: &Store| {
        let docs = store.documents(0, 100).unwrap();
        let entities = store.entities(100).unwrap();
        let nouns = store.counted_nouns(100).unwrap();
        let korea = store.entity("North Korea", 100).unwrap().map(|e| (e.timeline, e.dates));
        let by_statements = store
            .documents_where(&dossier_store::DocumentQuery {
                order: dossier_store::DocumentOrder::Statements,
                limit: 100,
                ..Default::default()
            })
            .unwrap();
        serde_json::to_string(&(docs, entities, nouns, korea, by_statements)).unwrap()
    };
    let before = {
        let mut store = Store::open(&path).unwrap();
        dossier_ingest::analyze_and_store(&mut store, &lex, docs).unwrap();
        views(&store)
    };
    assert!(before.contains("Kyiv says drones hit Kursk"), "the title from the text: {before}");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(UNDO_SCHEMA_12).unwrap();
        let untitled =
            conn.execute("UPDATE documents SET title = NULL WHERE title = 'Kyiv says drones hit Kursk'", []).unwrap();
        assert_eq!(untitled, 1);
        // The full-text index as schema 11 wrote it: without the title.
        conn.execute_batch("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild'); PRAGMA user_version = 11;")
            .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    assert_eq!(views(&store), before);
    // The title is found by a search, as a new document's is.
    let hits = store.search("drones Kursk", 10).unwrap();
    assert!(hits.iter().any(|h| h.title.as_deref() == Some("Kyiv says drones hit Kursk")), "{hits:?}");
    // Documents analysed again (their provenance stale) take their old counts out and put the
    // new ones in: the views read the same.
    rusqlite::Connection::open(&path).unwrap().execute("UPDATE documents SET provenance = 'stale'", []).unwrap();
    let again = dossier_ingest::analyze_and_store(&mut store, &lex, reports()).unwrap();
    assert!(again.iter().all(|d| d.inserted == Inserted::Refreshed), "{again:?}");
    assert_eq!(views(&store), before);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    conn.execute_batch("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')").unwrap();
    assert_kept_counts_agree(&conn);
}

/// `alias_totals` and `store_totals` (kept by triggers) count exactly the rows they count.
fn assert_kept_counts_agree(conn: &rusqlite::Connection) {
    for table in ["documents", "statements", "entities", "mentions", "quantities", "times"] {
        let (kept, counted): (i64, i64) = conn
            .query_row(
                &format!("SELECT (SELECT n FROM store_totals WHERE name = '{table}'), (SELECT count(*) FROM {table})"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept, counted, "{table}");
    }
    let rows = |sql: &str| -> Vec<(i64, String, String, i64, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        let found = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).unwrap();
        found.collect::<rusqlite::Result<_>>().unwrap()
    };
    let counted = rows(
        "SELECT entity_id, alias, evidence, count(*), count(doc_id) FROM entity_aliases
         GROUP BY entity_id, alias, evidence ORDER BY 1, 2, 3",
    );
    assert!(!counted.is_empty());
    let kept = rows("SELECT entity_id, alias, evidence, rows, documents FROM alias_totals ORDER BY 1, 2, 3");
    assert_eq!(kept, counted);
}

/// A claim read a page at a time, or by stance as its page shows it, holds what the whole claim
/// holds: the same reports in the same order, the same numbers, the same counts.
#[test]
fn a_claims_pages_and_stances_agree_with_the_whole_claim() {
    let lex = Lexicons::builtin().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    for d in reports() {
        dossier_ingest::analyze_and_store(&mut store, &lex, vec![d]).unwrap();
    }
    let claims = store.claims_in_full(&ClaimFilter::default()).unwrap().unwrap();
    assert!(claims.iter().any(|c| c.reports.len() >= 3), "{claims:#?}");
    for whole in claims {
        let mut paged = Vec::new();
        for offset in 0..whole.reports.len() + 1 {
            let (page, total) = store.claim_page(whole.id, offset, 1).unwrap().unwrap();
            assert_eq!(total as usize, whole.reports.len());
            assert_eq!(page.numbers, whole.numbers);
            assert_eq!(page.documents, whole.documents);
            paged.extend(page.reports);
        }
        assert_eq!(paged, whole.reports);
        let (by_stance, counts) = store.claim_by_stance(whole.id, 1).unwrap().unwrap();
        assert_eq!(by_stance.numbers, whole.numbers);
        let mut expected = Vec::new();
        for stance in ReportStance::ALL {
            let of_it: Vec<_> = whole.reports.iter().filter(|r| r.stance == stance).collect();
            if !of_it.is_empty() {
                expected.push((stance, of_it.len() as u32));
            }
            let shown: Vec<_> = by_stance.reports.iter().filter(|r| r.stance == stance).collect();
            assert_eq!(shown, of_it.into_iter().take(1).collect::<Vec<_>>());
        }
        assert_eq!(counts, expected);
    }
}

/// A report, as the migration test compares them: document, stance, evidence start.
type Report = (String, String, u32);

/// A store written by schema 8 (claim terms as stems) is migrated to term ids and its claims
/// linked again from the stored analyses: the same claims, reports and stances as a store
/// that linked them as the documents came.
/// What schema 10 changed, undone: the JSON profile column back in `claims`, the report
/// indexes of before.
const BEFORE_SCHEMA_10: &str = "ALTER TABLE claims ADD COLUMN profile TEXT NOT NULL DEFAULT '';
     DROP TABLE claim_profiles;
     DROP INDEX claim_reports_claim;
     CREATE INDEX claim_reports_claim ON claim_reports(claim_id, doc_id);
     CREATE INDEX claim_reports_doc ON claim_reports(doc_id);";

#[test]
fn a_schema_8_store_has_its_claims_linked_again() {
    let lex = Lexicons::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let summary = |store: &Store| {
        let claims = store.claims_in_full(&ClaimFilter::default()).unwrap().unwrap();
        let mut out: Vec<(String, Vec<Report>)> = claims
            .into_iter()
            .map(|c| {
                let reports = c
                    .reports
                    .iter()
                    .map(|r| (r.document.clone(), r.stance.as_str().to_string(), r.evidence.start))
                    .collect();
                (c.text, reports)
            })
            .collect();
        out.sort();
        out
    };
    let before = {
        let mut store = Store::open(&path).unwrap();
        for d in reports() {
            dossier_ingest::analyze_and_store(&mut store, &lex, vec![d]).unwrap();
        }
        summary(&store)
    };
    assert!(before.iter().any(|(_, r)| r.len() >= 3), "{before:#?}");
    {
        // What schema 8 left: stems in the index and in the profiles (JSON, in the claims
        // table), the report indexes of then.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(UNDO_SCHEMA_12).unwrap();
        conn.execute_batch(BEFORE_SCHEMA_10).unwrap();
        conn.execute_batch(
            "DROP TABLE claim_terms;
             CREATE TABLE claim_terms (term TEXT NOT NULL, claim_id INTEGER NOT NULL, PRIMARY KEY (term, claim_id)) WITHOUT ROWID;
             INSERT INTO claim_terms SELECT 'troop', id FROM claims;
             UPDATE claims SET profile = '{\"terms\":[[\"troop\",1.0]],\"members\":[],\"entities\":[],\"event_type\":null,\"counted\":null,\"reports\":1}';
             PRAGMA user_version = 8;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    assert_eq!(summary(&store), before);
}

#[test]
fn a_schema_9_store_keeps_its_claims_with_their_profiles_converted() {
    let lex = Lexicons::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut docs = reports();
    let last = docs.pop().unwrap();
    let ids = |store: &Store| {
        let list = store.claims(&ClaimFilter { limit: 1000, ..ClaimFilter::default() }).unwrap().unwrap();
        let mut ids: Vec<(i64, u32)> = list.iter().map(|c| (c.id, c.documents)).collect();
        ids.sort();
        ids
    };
    let before = {
        let mut store = Store::open(&path).unwrap();
        for d in docs {
            dossier_ingest::analyze_and_store(&mut store, &lex, vec![d]).unwrap();
        }
        ids(&store)
    };
    {
        // What schema 9 left: the profiles as JSON in the claims table, the report indexes of then.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let profiles: Vec<(i64, String)> = conn
            .prepare("SELECT claim_id, profile FROM claim_profiles")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, Vec<u8>>(1)?)))
            .unwrap()
            .map(|r| {
                let (id, bytes) = r.unwrap();
                let profile: dossier_claims::group::Profile = postcard::from_bytes(&bytes).unwrap();
                (id, serde_json::to_string(&profile).unwrap())
            })
            .collect();
        assert_eq!(profiles.len(), before.len());
        conn.execute_batch(UNDO_SCHEMA_12).unwrap();
        conn.execute_batch(BEFORE_SCHEMA_10).unwrap();
        conn.execute_batch("PRAGMA user_version = 9;").unwrap();
        for (id, json) in profiles {
            conn.execute("UPDATE claims SET profile = ?2 WHERE id = ?1", rusqlite::params![id, json]).unwrap();
        }
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), dossier_store::SCHEMA_VERSION);
    // Not regrouped: the same claims under the same ids.
    assert_eq!(ids(&store), before);
    // The converted profiles are read back: the third report joins the claim of the first two.
    dossier_ingest::analyze_and_store(&mut store, &lex, vec![last]).unwrap();
    let list =
        store.claims(&ClaimFilter { about: Some("North Korea".into()), ..ClaimFilter::default() }).unwrap().unwrap();
    assert_eq!(list[0].documents, 3, "{list:#?}");
    assert!(before.iter().any(|&(id, _)| id == list[0].id));
}
