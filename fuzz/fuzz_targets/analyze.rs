//! The whole pipeline on arbitrary text (at most 64 KiB, lossy UTF-8), then its JSON form.
//!
//! Checks, on `Analysis`: every span of every layer (regions, tokens, sentences, mentions and
//! their roles, attributions' speaker/cue/content/hedges/echoes, quantities and what they count,
//! times, cited sources, events' trigger and arguments, headlines' span/evidence/qualifiers)
//! slices the text; entity i has id i and every entity id used is < the number of entities;
//! an event's time/quantity/reported_by index points into its layer; a quantity's
//! low <= value <= high when all are present, and its numbers are finite. On `AnalysisJson`:
//! every `text` equals `text[start..end]`, the document length is the text's, and it
//! serialises.
#![no_main]

use std::sync::OnceLock;

use dossier_core::{AnalysisJson, Document, Metadata, Span, SpanJson};
use dossier_extract::{analyze, Lexicons};
use libfuzzer_sys::fuzz_target;

const CAP: usize = 64 * 1024;

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(|| Lexicons::builtin().expect("built-in lexicons"))
}

fn inside(text: &str, what: &str, s: Span) {
    assert!(s.slice(text).is_some(), "{what} {s:?} does not slice the text (len {})", text.len());
}

fn entity(what: &str, id: Option<u32>, n: usize) {
    if let Some(id) = id {
        assert!((id as usize) < n, "{what} names entity {id} of {n}");
    }
}

fn json_span(text: &str, what: &str, s: &SpanJson) {
    json_text(text, what, s.start, s.end, &s.text);
}

fn json_text(text: &str, what: &str, start: u32, end: u32, t: &str) {
    assert_eq!(text.get(start as usize..end as usize), Some(t), "{what} {start}..{end}: JSON text differs");
}

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(CAP)];
    let text = String::from_utf8_lossy(data).into_owned();
    // An odd first byte makes the first line the metadata title too (the headline stage reads it).
    let mut meta = Metadata::default();
    if data.first().is_some_and(|b| b & 1 == 1) {
        meta.title = text.lines().next().map(str::to_string);
    }
    let doc = Document::new(text, meta);
    let t = doc.text.as_str();
    let a = analyze(&doc, lexicons());

    for r in &a.regions {
        inside(t, "region", r.span);
    }
    for x in &a.tokens {
        inside(t, "token", x.span);
    }
    for s in &a.sentences {
        inside(t, "sentence", s.span);
        assert!(s.tokens.0 <= s.tokens.1 && s.tokens.1 as usize <= a.tokens.len(), "sentence {s:?}");
    }
    let n = a.entities.len();
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id as usize, i, "entity {i} has id {}", e.id);
    }
    for w in a.mentions.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "mentions out of order: {:?} then {:?}", w[0].span, w[1].span);
    }
    for m in &a.mentions {
        inside(t, "mention", m.span);
        if let Some(r) = m.role {
            inside(t, "mention role", r);
        }
        entity("mention", m.entity, n);
    }
    for x in &a.attributions {
        for s in [&x.speaker, &x.echoes].into_iter().flatten() {
            inside(t, "speaker", s.span);
            entity("speaker", s.entity, n);
        }
        inside(t, "cue", x.cue);
        inside(t, "content", x.content);
        for &h in &x.hedges {
            inside(t, "hedge", h);
        }
    }
    for q in &a.quantities {
        inside(t, "quantity", q.span);
        if let Some(c) = q.counted {
            inside(t, "counted", c);
        }
        for v in [q.value, q.low, q.high].into_iter().flatten() {
            assert!(v.is_finite(), "quantity {:?} ({:?}) has a non-finite number", q, q.span.slice(t));
        }
        if let (Some(lo), Some(v), Some(hi)) = (q.low, q.value, q.high) {
            assert!(lo <= v && v <= hi, "quantity {:?} ({:?}): not low <= value <= high", q, q.span.slice(t));
        }
    }
    for x in &a.times {
        inside(t, "time", x.span);
    }
    for &s in &a.cited_sources {
        inside(t, "cited source", s);
    }
    for e in &a.events {
        inside(t, "event trigger", e.trigger);
        for arg in [&e.source, &e.target, &e.place].into_iter().flatten() {
            inside(t, "event argument", arg.span);
            entity("event argument", arg.entity, n);
        }
        if let Some(i) = e.time {
            assert!((i as usize) < a.times.len(), "event time {i} of {}", a.times.len());
        }
        if let Some(i) = e.quantity {
            assert!((i as usize) < a.quantities.len(), "event quantity {i} of {}", a.quantities.len());
        }
        if let Some(i) = e.reported_by {
            assert!((i as usize) < a.attributions.len(), "event reported_by {i} of {}", a.attributions.len());
        }
    }
    for h in &a.headlines {
        if let Some(s) = h.span {
            inside(t, "headline", s);
        }
        for &s in h.evidence.iter().chain(&h.qualifiers) {
            inside(t, "headline evidence/qualifier", s);
        }
    }

    let j = AnalysisJson::new(&doc, &a);
    assert_eq!(j.document.length, t.len());
    for m in &j.mentions {
        json_text(t, "mention", m.start, m.end, &m.text);
        if let Some(r) = &m.role {
            json_span(t, "mention role", r);
        }
    }
    for x in &j.attributions {
        for s in [&x.speaker, &x.echoes].into_iter().flatten() {
            json_text(t, "speaker", s.start, s.end, &s.text);
        }
        json_span(t, "cue", &x.cue);
        json_span(t, "content", &x.content);
        for h in &x.hedges {
            json_span(t, "hedge", h);
        }
    }
    for q in &j.quantities {
        json_text(t, "quantity", q.start, q.end, &q.text);
        if let Some(c) = &q.counted {
            json_span(t, "counted", c);
        }
    }
    for x in &j.times {
        json_text(t, "time", x.start, x.end, &x.text);
    }
    for s in &j.cited_sources {
        json_span(t, "cited source", s);
    }
    for e in &j.events {
        json_span(t, "event trigger", &e.trigger);
        for arg in [&e.source, &e.target, &e.place].into_iter().flatten() {
            json_text(t, "event argument", arg.start, arg.end, &arg.text);
        }
        if let Some(r) = &e.time {
            json_text(t, "event time", r.start, r.end, &r.text);
        }
        if let Some(r) = &e.quantity {
            json_text(t, "event quantity", r.start, r.end, &r.text);
        }
    }
    for h in &j.headlines {
        if let Some(s) = &h.span {
            json_span(t, "headline", s);
            assert_eq!(h.text, s.text, "headline text is not its span's");
        }
        for s in h.evidence.iter().chain(&h.qualifiers) {
            json_span(t, "headline evidence/qualifier", s);
        }
    }
    serde_json::to_string(&j).expect("the JSON form serialises");
});
