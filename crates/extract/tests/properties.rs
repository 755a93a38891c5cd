//! Whatever the input, analysis does not panic, every span is a real slice of the text, ids are
//! dense and every reference between layers points at something that exists.

use dossier_core::{AnalysisJson, Document, Metadata};
use proptest::prelude::*;

/// Checks what could go wrong in an analysis of `text`, on the analysis itself (not on its JSON,
/// whose `text` fields are copied from the spans and so always agree with them).
fn check(text: String) {
    let lex = dossier_extract::Lexicons::builtin().unwrap();
    let doc = Document::new(text.clone(), Metadata::default());
    let a = dossier_extract::analyze(&doc, &lex);
    // Every span lies inside the input, on character boundaries.
    let spans = a
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(a.sentences.iter().map(|s| s.span))
        .chain(a.regions.iter().map(|r| r.span))
        .chain(a.mentions.iter().flat_map(|m| [Some(m.span), m.role].into_iter().flatten()))
        .chain(a.attributions.iter().flat_map(|x| {
            let speakers = x.speaker.iter().chain(x.echoes.iter()).map(|s| s.span);
            [x.cue, x.content].into_iter().chain(x.hedges.iter().copied()).chain(speakers)
        }))
        .chain(a.quantities.iter().flat_map(|q| [Some(q.span), q.counted].into_iter().flatten()))
        .chain(a.times.iter().map(|t| t.span))
        .chain(a.cited_sources.iter().copied())
        .chain(a.events.iter().flat_map(|e| {
            let args = [&e.source, &e.target, &e.place].into_iter().flatten().map(|x| x.span);
            std::iter::once(e.trigger).chain(args)
        }));
    for span in spans {
        assert!(span.start <= span.end && span.end() <= text.len(), "span {span:?} outside {}", text.len());
        assert!(text.get(span.start()..span.end()).is_some(), "span {span:?} cuts a character");
    }
    // Tokens are non-empty, in order and disjoint; sentences are in order, disjoint, and hold
    // exactly the tokens their index range names.
    assert!(a.tokens.iter().all(|t| t.span.start < t.span.end));
    assert!(a.tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    assert!(a.sentences.windows(2).all(|w| w[0].span.end <= w[1].span.start && w[0].tokens.1 <= w[1].tokens.0));
    for s in &a.sentences {
        let (from, to) = (s.tokens.0 as usize, s.tokens.1 as usize);
        assert!(from <= to && to <= a.tokens.len());
        assert!(a.tokens[from..to].iter().all(|t| s.span.contains(t.span)), "sentence {s:?} and its tokens");
    }
    // Entity ids are dense indexes, and every reference points at an entity that exists.
    assert!(a.entities.iter().enumerate().all(|(i, e)| e.id as usize == i), "ids not dense");
    let valid = |id: Option<u32>| id.is_none_or(|i| (i as usize) < a.entities.len());
    assert!(a.mentions.iter().all(|m| valid(m.entity)));
    assert!(a.attributions.iter().flat_map(|x| x.speaker.iter().chain(x.echoes.iter())).all(|s| valid(s.entity)));
    assert!(a
        .events
        .iter()
        .flat_map(|e| [&e.source, &e.target, &e.place].into_iter().flatten())
        .all(|x| valid(x.entity)));
    // Every entity is mentioned (orphans are dropped once actors are resolved).
    assert!(a.entities.iter().all(|e| a.mentions.iter().any(|m| m.entity == Some(e.id))), "an orphan entity");
    // Indexes into other layers point at items that exist.
    for e in &a.events {
        assert!(e.time.is_none_or(|i| (i as usize) < a.times.len()));
        assert!(e.quantity.is_none_or(|i| (i as usize) < a.quantities.len()));
        assert!(e.reported_by.is_none_or(|i| (i as usize) < a.attributions.len()));
    }
    // A number's value lies within its own bounds.
    for q in &a.quantities {
        if let (Some(v), Some(lo), Some(hi)) = (q.value, q.low, q.high) {
            assert!(lo <= v && v <= hi, "{q:?}");
        }
        if let (Some(lo), Some(hi)) = (q.low, q.high) {
            assert!(lo <= hi, "{q:?}");
        }
    }
    // The JSON contract round-trips.
    let json = AnalysisJson::new(&doc, &a);
    let back: AnalysisJson = serde_json::from_str(&serde_json::to_string(&json).unwrap()).unwrap();
    assert_eq!(back, json);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text(text in "\\PC{0,300}") {
        check(text);
    }

    #[test]
    fn news_like_text(parts in prop::collection::vec(prop::sample::select(vec![
        "Biden", " said", " that", "“", "”", "\"", "'", ",", ".", "\n", "\n\n", "U.S.", " Brig. Gen.", " Ryder", " according to",
        " officials", " warned", " 10,000", " troops", " November 1", " (Related:", ")", " — ", "Zelensky’s", " é", "🙂", " He", " echoed",
        " Sources include:", "Watch this", " dismissed", " as", " ''", "\r\n",
    ]), 0..60)) {
        check(parts.concat());
    }
}
