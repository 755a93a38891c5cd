//! `Store::quantities`: every stored number, or those whose counted noun matches, in date order.

use dossier_core::*;
use dossier_store::{QuantityFilter, Store};

fn at(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Span::new(start, start + needle.len())
}

fn quantity(t: &str, number: &str, value: f64, counted: Option<&str>) -> Quantity {
    Quantity {
        span: at(t, number),
        value: Some(value),
        low: None,
        high: None,
        approx: number.starts_with("around"),
        bound: Bound::Exact,
        change: None,
        unit: None,
        counted: counted.map(|c| at(t, c)),
    }
}

/// A document with one counted number (and, optionally, one bare number).
fn doc(text: &str, date: Option<&str>, qs: &[(&str, f64, Option<&str>)]) -> (Document, AnalysisJson) {
    let meta = Metadata {
        title: Some(format!("report {}", date.unwrap_or("undated"))),
        published: date.and_then(parse_published),
        ..Default::default()
    };
    let doc = Document::new(text.to_string(), meta);
    let analysis = Analysis {
        quantities: qs.iter().map(|&(n, v, c)| quantity(&doc.text, n, v, c)).collect(),
        ..Default::default()
    };
    let json = AnalysisJson::new(&doc, &analysis);
    (doc, json)
}

/// (published, text, value, counted) of one listed number.
type Listed<'a> = (Option<&'a str>, &'a str, Option<f64>, Option<&'a str>);

fn store() -> Store {
    let mut s = Store::open_in_memory().expect("store");
    let docs = vec![
        doc(
            "Over 12,000 North Korean Troops could arrive, 3 officials said.",
            Some("2024-11-05"),
            &[("12,000", 12000.0, Some("North Korean Troops")), ("3", 3.0, Some("officials"))],
        ),
        doc("Pyongyang sent 3,000 troops.", None, &[("3,000", 3000.0, Some("troops"))]),
        doc(
            "North Korea has deployed around 10,000 troops in 2 weeks.",
            Some("2024-10-31"),
            &[("around 10,000", 10000.0, Some("troops")), ("2", 2.0, None)],
        ),
        doc("100% of the 50 ships.", Some("2024-10-01"), &[("50", 50.0, Some("ships"))]),
    ];
    s.insert_batch(&docs).expect("insert");
    s
}

#[test]
fn counted_filter_is_a_case_insensitive_substring_in_date_order() {
    let s = store();
    let rows = s.quantities(&QuantityFilter { counted: Some("troops".into()), offset: 0, limit: 100 }).unwrap();
    let got: Vec<Listed> =
        rows.iter().map(|q| (q.published.as_deref(), q.text.as_str(), q.value, q.counted.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            (Some("2024-10-31"), "around 10,000", Some(10000.0), Some("troops")),
            (Some("2024-11-05"), "12,000", Some(12000.0), Some("North Korean Troops")),
            (None, "3,000", Some(3000.0), Some("troops")),
        ]
    );
    assert_eq!(rows[0].title.as_deref(), Some("report 2024-10-31"));
    assert!(rows[0].approx);

    let korean = s
        .quantities(&QuantityFilter { counted: Some("  north KOREAN troops ".into()), offset: 0, limit: 100 })
        .unwrap();
    assert_eq!(korean.len(), 1);
    assert_eq!(korean[0].value, Some(12000.0));
}

#[test]
fn no_filter_lists_every_number_and_limit_applies() {
    let s = store();
    let all = s.quantities(&QuantityFilter::default()).unwrap();
    let texts: Vec<&str> = all.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["50", "around 10,000", "2", "12,000", "3", "3,000"]);
    assert_eq!(all[2].counted, None);
    let two = s.quantities(&QuantityFilter { counted: None, offset: 0, limit: 2 }).unwrap();
    assert_eq!(two.len(), 2);
}

#[test]
fn filter_text_is_bound_not_spliced() {
    let s = store();
    for nasty in ["'; DROP TABLE quantities; --", "%", "_", "\""] {
        assert!(s
            .quantities(&QuantityFilter { counted: Some(nasty.into()), offset: 0, limit: 10 })
            .unwrap()
            .is_empty());
    }
    assert_eq!(s.quantities(&QuantityFilter::default()).unwrap().len(), 6);
}
