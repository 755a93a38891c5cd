//! The things in one analysed document that can state a claim: its title and sub-headings
//! (the outlet's own words), each attributed statement, and each event the outlet narrates
//! without attributing it. Each comes with what grouping needs (wording, entities, event type,
//! counted thing) and what its report shows (speaker, stance, hedge, number, evidence span).

use std::collections::HashSet;

use dossier_core::{AnalysisJson, EntityId, RegionKind, SourceType, Stance};

use crate::group::Item;
use crate::stance::{self, Attributed, ReportStance};
use crate::terms::{stems, IdfTable, TermId, TermVector};

/// Where a report comes from in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The title or a sub-heading (`index` counts them in document order, the title 0).
    Headline,
    /// An attribution (`index` into `attributions`).
    Statement,
    /// An unattributed event (`index` into `events`).
    Event,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Headline => "headline",
            Kind::Statement => "statement",
            Kind::Event => "event",
        }
    }
}

/// A number a report gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: bool,
    pub text: String,
}

/// One claim-stating piece of a document, with its document-local entity ids.
#[derive(Debug, Clone, PartialEq)]
pub struct DocItem {
    pub kind: Kind,
    pub index: u32,
    /// The words that state it (the content of a statement, the headline, the event's sentence).
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub speaker: Option<String>,
    pub speaker_entity: Option<EntityId>,
    pub stance: ReportStance,
    pub hedged: bool,
    pub number: Option<Number>,
    /// Document-local ids of the entities it names.
    pub entities: Vec<EntityId>,
    pub event_type: Option<String>,
    pub counted: Option<String>,
}

/// A document's item with its wording made a vector: all of linking that needs no store, so
/// that it runs beside the analysis (on the ingest workers), not on the one writer.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedItem {
    pub item: DocItem,
    pub vector: TermVector,
    /// The stems behind the vector's ids (see [`Item::stems`]).
    pub stems: std::sync::Arc<[(TermId, String)]>,
}

/// The claim-stating items of a document ([`items`]), each with its vector; items whose
/// wording has no content word left are dropped (nothing to group them by).
pub fn prepare(text: &str, a: &AnalysisJson, idf: &IdfTable) -> Vec<PreparedItem> {
    items(text, a)
        .into_iter()
        .filter_map(|item| {
            let (vector, stems) = idf.vector_and_stems(&item.text);
            (!vector.is_empty()).then(|| PreparedItem { item, vector, stems: stems.into() })
        })
        .collect()
}

impl PreparedItem {
    /// The grouping item, with the document's local entity ids mapped to canonical ones.
    pub fn grouping_item(&self, canonical: impl Fn(EntityId) -> Option<i64>) -> Item {
        let mut entities: Vec<i64> = self.item.entities.iter().filter_map(|e| canonical(*e)).collect();
        entities.sort_unstable();
        entities.dedup();
        Item {
            vector: self.vector.clone(),
            stems: std::sync::Arc::clone(&self.stems),
            entities,
            event_type: self.item.event_type.clone(),
            counted: self.item.counted.clone(),
        }
    }
}

/// Statements shorter than this many words say too little to be a claim ("he said", "no").
const MIN_WORDS: usize = 4;

/// The claim-stating items of a document (its text and analysis), in document order.
pub fn items(text: &str, a: &AnalysisJson) -> Vec<DocItem> {
    let between = |start: u32, end: u32| text.get(start as usize..end as usize);
    let mut out = Vec::new();
    // Mentions and counted numbers in text order, so that the ones inside a span are found by a
    // binary search: a long document has as many statements as mentions, and a scan per
    // statement made it quadratic.
    let mut mentions: Vec<(u32, u32, EntityId)> =
        a.mentions.iter().filter_map(|m| Some((m.start, m.end, m.entity?))).collect();
    mentions.sort_unstable();
    let mut counted: Vec<(u32, usize)> =
        a.quantities.iter().enumerate().filter(|(_, q)| q.counted.is_some()).map(|(i, q)| (q.start, i)).collect();
    counted.sort_unstable();
    let entities_in = |start: u32, end: u32| -> Vec<EntityId> {
        let from = mentions.partition_point(|m| m.0 < start);
        let mut v: Vec<EntityId> =
            mentions[from..].iter().take_while(|m| m.0 <= end).filter(|m| m.1 <= end).map(|m| m.2).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let number_in = |start: u32, end: u32| {
        let from = counted.partition_point(|q| q.0 < start);
        let inside = counted[from..].iter().take_while(|q| q.0 <= end).map(|&(_, i)| i);
        // The first in the order the quantities list holds them.
        let q = &a.quantities[inside.filter(|&i| a.quantities[i].end <= end).min()?];
        let counted = q.counted.as_ref().and_then(|c| stems(&c.text).last());
        Some((Number { value: q.value, low: q.low, high: q.high, approx: q.approx, text: q.text.clone() }, counted))
    };
    // Headlines: the title and the sub-headings, as regions of the text.
    let mut headline = 0;
    for r in a.regions.iter().filter(|r| matches!(r.kind, RegionKind::Title | RegionKind::Subheading)) {
        let Some(words) = between(r.start, r.end) else { continue };
        let (number, counted) = number_in(r.start, r.end).unzip();
        out.push(DocItem {
            kind: Kind::Headline,
            index: headline,
            text: words.trim().to_string(),
            start: r.start,
            end: r.end,
            speaker: None,
            speaker_entity: None,
            stance: stance::of_text(words),
            hedged: false,
            number,
            entities: entities_in(r.start, r.end),
            event_type: None,
            counted: counted.flatten(),
        });
        headline += 1;
    }
    for (i, at) in a.attributions.iter().enumerate() {
        let c = &at.content;
        if crate::terms::words(&c.text).count() < MIN_WORDS {
            continue;
        }
        let speaker = at.speaker.as_ref();
        let attributed = Attributed {
            denial: at.stance == Stance::Deny,
            confirmation: matches!(at.stance, Stance::Confirm | Stance::Agree),
            relayed: at.echoes.is_some() || speaker.is_some_and(|s| s.source_type == SourceType::Anonymous),
        };
        let (number, counted) = number_in(c.start, c.end).unzip();
        out.push(DocItem {
            kind: Kind::Statement,
            index: i as u32,
            text: c.text.clone(),
            start: c.start,
            end: c.end,
            speaker: speaker.map(|s| s.text.clone()),
            speaker_entity: speaker.and_then(|s| s.entity),
            stance: stance::of_statement(attributed, &c.text),
            hedged: at.hedged,
            number,
            entities: entities_in(c.start, c.end),
            event_type: None,
            counted: counted.flatten(),
        });
    }
    // An event in the sentence of a headline, a statement or an earlier event is already
    // reported by it. Their spans sorted by start, with the furthest end so far: a span
    // overlaps one of them when some span starting before its end reaches past its start.
    let mut reported: Vec<(u32, u32)> = out.iter().map(|d: &DocItem| (d.start, d.end)).collect();
    reported.sort_unstable();
    let furthest: Vec<u32> = reported
        .iter()
        .scan(0, |end, r| {
            *end = r.1.max(*end);
            Some(*end)
        })
        .collect();
    let mut event_sentences: HashSet<u32> = HashSet::new();
    for (i, e) in a.events.iter().enumerate() {
        let k = a.sentences.partition_point(|s| s.end < e.trigger.end);
        let Some(s) = a.sentences.get(k).filter(|s| s.start <= e.trigger.start && e.trigger.end <= s.end) else {
            continue;
        };
        let n = reported.partition_point(|r| r.0 < s.end);
        let covered = (n > 0 && furthest[n - 1] > s.start) || event_sentences.contains(&s.start);
        if e.reported_by.is_some() || covered {
            continue;
        }
        event_sentences.insert(s.start);
        let Some(words) = between(s.start, s.end) else { continue };
        let entities: Vec<EntityId> = [&e.source, &e.target].into_iter().flatten().filter_map(|x| x.entity).collect();
        let (number, counted) = number_in(s.start, s.end).unzip();
        out.push(DocItem {
            kind: Kind::Event,
            index: i as u32,
            text: words.trim().to_string(),
            start: s.start,
            end: s.end,
            speaker: None,
            speaker_entity: None,
            stance: if e.negated { ReportStance::Denies } else { ReportStance::Asserts },
            hedged: e.hedged,
            number,
            entities,
            event_type: Some(e.kind.as_str().to_string()),
            counted: counted.flatten(),
        });
    }
    out
}
