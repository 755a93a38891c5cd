//! Drift across three short articles written for this test: Reuters reports that North Korea
//! "could" send "about 10,000" troops and carries Pyongyang's denial; the Daily Planet relays it
//! "according to Reuters" as "will send over 12,000" with no denial; the Harbour Times headline
//! drops the "if" of the lawmaker it quotes. Drift is read at query time, whatever the order the
//! articles were stored in.

use chrono::NaiveDate;
use dossier_claims::drift::{Change, CiteHow, Direction, DriftKind, Qualifier};
use dossier_core::{Document, Metadata};
use dossier_extract::Lexicons;
use dossier_store::Store;

/// One JSON Lines feed item each (shared with the CLI test).
const REPORTS: &str = include_str!("data/drift_reports.jsonl");

fn reports() -> Vec<Document> {
    REPORTS
        .lines()
        .map(|line| {
            let item: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| item[k].as_str().map(str::to_string);
            let meta = Metadata {
                title: s("title"),
                url: s("url"),
                published: s("published").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                outlet: s("outlet"),
                ..Metadata::default()
            };
            Document::new(s("text").unwrap(), meta)
        })
        .collect()
}

fn store(docs: Vec<Document>) -> Store {
    let lex = Lexicons::builtin().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    for d in docs {
        dossier_ingest::analyze_and_store(&mut store, &lex, vec![d]).unwrap();
    }
    store
}

/// (kind, relayer outlet, relayer kind, source speaker, change names) of each drift.
type Row = (DriftKind, String, String, Option<String>, Vec<&'static str>);

fn rows(report: &dossier_store::DriftReport) -> Vec<Row> {
    report
        .drifts
        .iter()
        .map(|d| {
            (
                d.kind,
                d.relayer.outlet.clone().unwrap(),
                d.relayer.kind.clone(),
                d.source.speaker.as_ref().map(|s| s.name.clone()),
                d.changes.iter().map(Change::name).collect(),
            )
        })
        .collect()
}

#[test]
fn a_relayed_number_grows_its_hedge_and_denial_drop_and_a_headline_drops_its_condition() {
    let store = store(reports());
    let report = store.drift(None).unwrap().unwrap();
    let officials = Some("two US officials".to_string());
    let row = |kind, outlet: &str, rkind: &str, speaker: &Option<String>, changes: &[&'static str]| {
        (kind, outlet.to_string(), rkind.to_string(), speaker.clone(), changes.to_vec())
    };
    assert_eq!(
        rows(&report),
        [
            row(DriftKind::CitedSource, "Daily Planet", "headline", &officials, &["number_changed", "hedge_dropped"]),
            row(DriftKind::CitedSource, "Daily Planet", "statement", &officials, &["number_changed", "hedge_dropped"]),
            row(
                DriftKind::CitedSource,
                "Daily Planet",
                "statement",
                &Some("North Korea's foreign ministry".into()),
                &["denial_dropped"]
            ),
            row(
                DriftKind::OwnFraming,
                "Harbour Times",
                "headline",
                &Some("a South Korean lawmaker".into()),
                &["hedge_dropped"]
            ),
        ],
        "{report:#?}"
    );
    // Compared: the two relaying reports, the denial, and one framing per document (Reuters's
    // hedged headline and the Daily Planet's match a quoted report: no drift).
    assert_eq!((report.compared, report.unchanged), (6, 2));

    let relay = &report.drifts[1];
    assert_eq!(relay.source.outlet.as_deref(), Some("Reuters"));
    assert_eq!(relay.source.evidence.text, "North Korea could send about 10,000 troops to Russia");
    assert_eq!(relay.relayer.evidence.text, "North Korea will send over 12,000 troops to Russia");
    assert_eq!(relay.relayer.speaker.as_ref().map(|s| s.name.as_str()), Some("Reuters"));
    assert_eq!(
        relay.source_url.as_deref(),
        Some("https://www.reuters.com/world/asia/north-korea-troops-russia-2024-10-20/")
    );
    let cite = relay.citation.as_ref().unwrap();
    assert_eq!(cite.how, CiteHow::Attribution);
    assert_eq!(cite.text, "North Korea will send over 12,000 troops to Russia, according to Reuters.");
    match &relay.changes[..] {
        [Change::NumberChanged { from, to, from_qualifier, to_qualifier, direction }, Change::HedgeDropped { words }] =>
        {
            assert_eq!((from.text.as_str(), to.text.as_str()), ("about 10,000", "over 12,000"));
            assert_eq!(
                (*from_qualifier, *to_qualifier, *direction),
                (Qualifier::About, Qualifier::Over, Direction::Grew)
            );
            assert_eq!(words, &["could"]);
        }
        other => panic!("{other:#?}"),
    }
    assert_eq!(report.drifts[3].relayer.evidence.text, "North Korean troops will fight for Russia in Ukraine");
    assert_eq!(report.drifts[3].changes, [Change::HedgeDropped { words: vec!["if".into()] }]);

    // One claim at a time: the same drifts.
    let one = store.drift(Some(relay.claim)).unwrap().unwrap();
    assert_eq!(one, report);
}

#[test]
fn drift_does_not_depend_on_the_order_articles_arrive_in() {
    let forward = store(reports()).drift(None).unwrap().unwrap();
    let mut backward = reports();
    backward.reverse();
    let backward = store(backward).drift(None).unwrap().unwrap();
    assert_eq!(rows(&forward), rows(&backward));
}

#[test]
fn an_unknown_claim_is_none_and_an_empty_store_has_no_drift() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.drift(Some(42)).unwrap().is_none());
    let empty = store.drift(None).unwrap().unwrap();
    assert!(empty.drifts.is_empty());
    assert_eq!((empty.compared, empty.unchanged), (0, 0));
}

#[test]
fn an_outlet_naming_itself_is_not_citing() {
    // The Daily Planet as Reuters: an outlet's own name in its text is a dateline, not a source.
    let docs: Vec<Document> = reports()
        .into_iter()
        .map(|mut d| {
            if d.meta.outlet.as_deref() == Some("Daily Planet") {
                d.meta.outlet = Some("Reuters".into());
            }
            d
        })
        .collect();
    let report = store(docs).drift(None).unwrap().unwrap();
    assert!(report.drifts.iter().all(|d| d.kind == DriftKind::OwnFraming), "{report:#?}");
}
