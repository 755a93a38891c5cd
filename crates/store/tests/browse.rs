//! The browsing queries (documents by page, one entity, statement filters, numbers over time)
//! against hand-made documents.

use dossier_core::*;
use dossier_store::{StatementQuery, Store};

fn at(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Span::new(start, start + needle.len())
}

/// "SPEAKER said N troops … in Kursk": the speaker (a person) and Kursk (a place, mentioned in
/// the content) are entities; one quantity counting troops inside the content.
fn doc(speaker: &str, number: &str, date: Option<&str>, hedge: bool, stance: Stance) -> (Document, AnalysisJson) {
    let maybe = if hedge { "could be" } else { "were" };
    let text = format!("{speaker} said {number} North Korean troops {maybe} in Kursk.");
    let meta = Metadata {
        title: Some(format!("{speaker} on {number}")),
        published: date.and_then(parse_published),
        // Each speaker writes for their own outlet here.
        outlet: Some(format!("{speaker} Wire")),
        ..Default::default()
    };
    let doc = Document::new(text, meta);
    let t = doc.text.as_str();
    let content = Span::new(at(t, number).start(), t.len() - 1);
    let person = Entity { id: 0, name: speaker.to_string(), kind: EntityKind::Person, aliases: vec![], roles: vec![] };
    let place = Entity { id: 1, name: "Kursk".into(), kind: EntityKind::Place, aliases: vec![], roles: vec![] };
    let mention =
        |needle, kind, entity| Mention { span: at(t, needle), kind, entity: Some(entity), role: None, resolved: false };
    let analysis = Analysis {
        mentions: vec![mention(speaker, EntityKind::Person, 0), mention("Kursk", EntityKind::Place, 1)],
        entities: vec![person, place],
        attributions: vec![Attribution {
            speaker: Some(Speaker { span: at(t, speaker), entity: Some(0), source_type: SourceType::Named }),
            cue: at(t, "said"),
            content,
            quote: QuoteKind::Indirect,
            stance,
            hedges: if hedge { vec![at(t, "could")] } else { vec![] },
            echoes: None,
        }],
        quantities: vec![Quantity {
            span: at(t, number),
            value: number.replace(',', "").parse().ok(),
            low: None,
            high: None,
            approx: false,
            bound: Bound::Exact,
            change: None,
            unit: None,
            counted: Some(at(t, "troops")),
        }],
        ..Default::default()
    };
    let json = AnalysisJson::new(&doc, &analysis);
    (doc, json)
}

fn store() -> Store {
    let mut s = Store::open_in_memory().expect("store");
    let docs = vec![
        doc("Pat Ryder", "10,000", Some("2024-11-01"), false, Stance::Assert),
        doc("Pat Ryder", "12,000", Some("2024-11-20"), true, Stance::Assert),
        doc("Dmitry Peskov", "8,000", Some("2024-11-05"), false, Stance::Deny),
        doc("Pat Ryder", "11,000", None, false, Stance::Confirm),
    ];
    s.insert_batch(&docs).expect("insert");
    s
}

#[test]
fn documents_come_newest_first_with_total_and_counts() {
    let s = store();
    let page = s.documents(0, 2).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!((page.offset, page.limit), (0, 2));
    let titles: Vec<_> = page.items.iter().map(|d| d.title.clone().unwrap_or_default()).collect();
    assert_eq!(titles, ["Pat Ryder on 11,000", "Dmitry Peskov on 8,000"]);
    assert_eq!(page.items[0].statements, 1);
    assert!(page.items[0].length > 20);
    let rest = s.documents(2, 10).unwrap();
    assert_eq!(rest.items.len(), 2);
    assert!(s.documents(10, 10).unwrap().items.is_empty());
}

/// The documents of a speaker are the same whether its documents are gathered first (a page of
/// 50 here) or each document is probed as the order's index is walked (a page of 1: the speaker
/// is in 3 of the 4 documents); with another filter beside it too.
#[test]
fn documents_of_a_speaker_are_the_same_walked_or_gathered() {
    use dossier_store::{DocumentOrder, DocumentQuery};
    let s = store();
    for order in [DocumentOrder::Ingested, DocumentOrder::Published, DocumentOrder::Statements] {
        for outlet in [None, Some("Pat Ryder Wire".to_string())] {
            let q = |offset, limit| DocumentQuery {
                speaker: Some("Pat Ryder".into()),
                outlet: outlet.clone(),
                order,
                offset,
                limit,
                ..Default::default()
            };
            let gathered = s.documents_where(&q(0, 50)).unwrap();
            assert_eq!(gathered.total, 3);
            assert_eq!(gathered.items.len(), 3);
            let mut walked = Vec::new();
            for offset in 0..4 {
                let page = s.documents_where(&q(offset, 1)).unwrap();
                assert_eq!(page.total, 3);
                walked.extend(page.items);
            }
            assert_eq!(walked, gathered.items);
        }
    }
    let nobody = DocumentQuery { speaker: Some("Nobody Here".into()), ..Default::default() };
    assert_eq!(s.documents_where(&nobody).unwrap().total, 0);
}

#[test]
fn statements_filter_by_entity_stance_hedge_and_dates() {
    let s = store();
    let q = |f: fn(&mut StatementQuery)| {
        let mut query = StatementQuery::default();
        f(&mut query);
        s.statements_where(&query).unwrap()
    };
    assert_eq!(q(|_| {}).len(), 4);
    // Entity: spoken by it, or mentioned in the content (Kursk is in every statement).
    assert_eq!(q(|x| x.entity = Some("pat  ryder".into())).len(), 3);
    assert_eq!(q(|x| x.entity = Some("Kursk".into())).len(), 4);
    assert!(q(|x| x.entity = Some("Nobody".into())).is_empty());
    assert_eq!(q(|x| x.speaker = Some("peskov".into()))[0].stance, "deny");
    assert_eq!(q(|x| x.stance = Some("Confirm".into())).len(), 1);
    let hedged = q(|x| x.hedged = Some(true));
    assert_eq!(hedged.len(), 1);
    assert!(hedged[0].content.starts_with("12,000"));
    assert_eq!(q(|x| x.hedged = Some(false)).len(), 3);
    // Date range: inclusive bounds; undated documents never match a range.
    let range = q(|x| {
        x.since = Some("2024-11-01".into());
        x.until = Some("2024-11-05".into());
    });
    let contents: Vec<_> = range.iter().map(|r| &r.content[..6]).collect();
    assert_eq!(contents, ["10,000", "8,000 "]);
    assert_eq!(q(|x| x.since = Some("2024-11-06".into())).len(), 1);
    // Outlet: whole, in any case.
    let wire = q(|x| x.outlet = Some("dmitry peskov WIRE".into()));
    assert_eq!((wire.len(), wire[0].outlet.as_deref()), (1, Some("Dmitry Peskov Wire")));
    assert!(q(|x| x.outlet = Some("Peskov".into())).is_empty());
    // Paging.
    let second = q(|x| {
        x.offset = 1;
        x.limit = 1;
    });
    assert_eq!(second.len(), 1);
    assert!(second[0].content.starts_with("8,000"));
}

#[test]
fn one_entity_with_statements_timeline_and_numbers() {
    let s = store();
    let e = s.entity("PAT RYDER", 100).unwrap().expect("found");
    assert_eq!(e.entity.name, "Pat Ryder");
    assert_eq!(e.entity.kind, "person");
    assert_eq!(e.entity.documents, 3);
    assert_eq!(e.statements.len(), 3);
    // Oldest first, undated last.
    let dates: Vec<_> = e.timeline.iter().map(|p| p.published.clone()).collect();
    assert_eq!(dates, [Some("2024-11-01".to_string()), Some("2024-11-20".to_string()), None]);
    assert!(e.timeline.iter().all(|p| p.mentions == 1 && p.statements == 1));
    // Per date, complete even where the lists are cut short.
    let capped = s.entity("Pat Ryder", 1).unwrap().expect("found");
    assert_eq!(
        (capped.statements.len(), capped.timeline.len()),
        (1, e.timeline.len()),
        "the timeline is not capped by the page"
    );
    assert_eq!(capped.dates, e.dates);
    let per_date: Vec<_> =
        e.dates.iter().map(|d| (d.published.as_deref(), d.documents, d.mentions, d.statements)).collect();
    assert_eq!(per_date, [(Some("2024-11-01"), 1, 1, 1), (Some("2024-11-20"), 1, 1, 1), (None, 1, 1, 1)]);
    // The same row, id included, as the listing of all entities.
    let listed = s.entities(100).unwrap();
    assert_eq!(listed.iter().find(|r| r.name == "Pat Ryder"), Some(&e.entity));
    let values: Vec<_> = e.quantities.iter().map(|q| q.value).collect();
    assert_eq!(values, [Some(10_000.0), Some(12_000.0), Some(11_000.0)]);
    // A place that said nothing: mentions, no statements.
    let k = s.entity("kursk", 100).unwrap().expect("found");
    assert!(k.statements.is_empty());
    assert_eq!(k.timeline.len(), 4);
    assert!(s.entity("Nobody", 100).unwrap().is_none());
}

#[test]
fn numbers_by_counted_noun_over_time() {
    let s = store();
    let series = s.quantity_series("Troops", 0, 100).unwrap();
    let values: Vec<_> = series.iter().map(|q| q.value.unwrap_or_default()).collect();
    assert_eq!(values, [10_000.0, 8_000.0, 12_000.0, 11_000.0]);
    assert_eq!(series[0].counted.as_deref(), Some("troops"));
    assert!(s.quantity_series("tanks", 0, 100).unwrap().is_empty());
    let nouns = s.counted_nouns(10).unwrap();
    assert_eq!(nouns.len(), 1);
    assert_eq!(
        (nouns[0].counted.as_str(), nouns[0].head.as_str(), nouns[0].quantities, nouns[0].head_quantities),
        ("troop", "troop", 4, 4)
    );
}
