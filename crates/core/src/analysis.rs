//! The analysis of one document and its versioned JSON form (docs/json-contract.md).

use serde::{Deserialize, Serialize};

use crate::annotation::*;
use crate::{Document, Span};

/// Version of the JSON contract printed by `dossier analyze --json` and kept in the store.
/// Bump the minor for added fields, the major for anything that changes or removes one.
pub const CONTRACT_VERSION: &str = "1.4";

/// Everything the pipeline found in one document. Spans only; no copied text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub regions: Vec<Region>,
    /// Newlines that the repair stage reads as spaces (hard wraps inside a sentence).
    pub soft_breaks: Vec<u32>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub attributions: Vec<Attribution>,
    pub quantities: Vec<Quantity>,
    pub times: Vec<TimeExpr>,
    /// Outlets and sites the article lists as its sources.
    pub cited_sources: Vec<Span>,
    /// Who did what to whom (contract 1.1).
    pub events: Vec<Event>,
    /// Which stages, data and switches made this analysis (contract 1.3).
    pub provenance: Provenance,
    /// The title and sub-headings checked against the body (contract 1.4).
    pub headlines: Vec<Headline>,
}

/// What made an analysis: each stage's id and version in pipeline order, a digest of the
/// lexicons and models, and the run's switches. Two analyses with equal provenance of the same
/// text are equal; a stored analysis whose provenance differs from the running build's is stale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    pub stages: Vec<StageVersion>,
    /// `sha256:` over every lexicon and model file built into the binary.
    pub resources: String,
    pub flags: RunFlags,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StageVersion {
    pub id: String,
    pub version: u32,
}

/// The command-line switches that change what the pipeline finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RunFlags {
    /// Hand-written lexicons only (`--rules-only`).
    pub rules_only: bool,
    /// Names without the statistical tagger (`--no-tagger`).
    pub no_tagger: bool,
}

impl Provenance {
    /// One line that is equal exactly when the provenances are: what the store compares.
    /// `repair@1 segment@1 … | sha256:… | rules_only=false no_tagger=false`
    pub fn key(&self) -> String {
        let stages: Vec<String> = self.stages.iter().map(|s| format!("{}@{}", s.id, s.version)).collect();
        format!(
            "{} | {} | rules_only={} no_tagger={}",
            stages.join(" "),
            self.resources,
            self.flags.rules_only,
            self.flags.no_tagger
        )
    }
}

impl Analysis {
    /// The region kind that covers a byte offset (body where no region was marked).
    pub fn region_at(&self, offset: usize) -> RegionKind {
        self.regions
            .iter()
            .find(|r| r.span.start() <= offset && offset < r.span.end())
            .map_or(RegionKind::Body, |r| r.kind)
    }
}

/// A span as the JSON contract shows it: offsets plus the exact original bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

impl SpanJson {
    pub fn new(text: &str, span: Span) -> SpanJson {
        SpanJson { start: span.start, end: span.end, text: span.slice(text).unwrap_or_default().to_string() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentJson {
    pub id: String,
    #[serde(flatten)]
    pub meta: crate::Metadata,
    pub length: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionJson {
    pub start: u32,
    pub end: u32,
    pub kind: RegionKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub kind: MentionKind,
    pub entity: Option<EntityId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<SpanJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub entity: Option<EntityId>,
    pub source_type: SourceType,
}

impl SpeakerJson {
    fn new(text: &str, s: &Speaker) -> SpeakerJson {
        let SpanJson { start, end, text } = SpanJson::new(text, s.span);
        SpeakerJson { start, end, text, entity: s.entity, source_type: s.source_type }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionJson {
    pub speaker: Option<SpeakerJson>,
    pub cue: SpanJson,
    pub content: SpanJson,
    pub quote: QuoteKind,
    pub stance: Stance,
    pub hedged: bool,
    pub hedges: Vec<SpanJson>,
    pub echoes: Option<SpeakerJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: bool,
    pub bound: Bound,
    pub change: Option<Change>,
    pub unit: Option<String>,
    pub counted: Option<SpanJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    pub value: Option<String>,
}

/// An event actor or place: the span, its entity, and (for actors) country and sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventArgJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub entity: Option<EntityId>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<Sector>,
}

impl EventArgJson {
    fn new(text: &str, a: &EventArg) -> EventArgJson {
        let SpanJson { start, end, text } = SpanJson::new(text, a.span);
        EventArgJson { start, end, text, entity: a.entity, country: a.country.clone(), sector: a.sector }
    }
}

/// A time or a quantity an event refers to: the span, its normalised value, and its index in
/// `times` / `quantities`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRefJson<V> {
    pub index: u32,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub value: Option<V>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventJson {
    pub trigger: SpanJson,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub mode: Option<String>,
    pub source: Option<EventArgJson>,
    pub target: Option<EventArgJson>,
    pub place: Option<EventArgJson>,
    pub time: Option<EventRefJson<String>>,
    pub quantity: Option<EventRefJson<f64>>,
    pub negated: bool,
    pub hedged: bool,
    /// Index into `attributions`: the statement that reports the event.
    pub reported_by: Option<u32>,
}

impl EventJson {
    fn new(text: &str, a: &Analysis, e: &Event) -> EventJson {
        let time = e.time.and_then(|i| {
            let t = a.times.get(i as usize)?;
            let SpanJson { start, end, text } = SpanJson::new(text, t.span);
            Some(EventRefJson { index: i, start, end, text, value: t.value.clone() })
        });
        let quantity = e.quantity.and_then(|i| {
            let q = a.quantities.get(i as usize)?;
            let SpanJson { start, end, text } = SpanJson::new(text, q.span);
            Some(EventRefJson { index: i, start, end, text, value: q.value.or(q.low) })
        });
        EventJson {
            trigger: SpanJson::new(text, e.trigger),
            kind: e.kind,
            mode: e.mode.clone(),
            source: e.source.as_ref().map(|x| EventArgJson::new(text, x)),
            target: e.target.as_ref().map(|x| EventArgJson::new(text, x)),
            place: e.place.as_ref().map(|x| EventArgJson::new(text, x)),
            time,
            quantity,
            negated: e.negated,
            hedged: e.hedged,
            reported_by: e.reported_by,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceJson {
    pub start: u32,
    pub end: u32,
}

/// The whole JSON contract of `analyze --json`, version [`CONTRACT_VERSION`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisJson {
    pub version: String,
    pub document: DocumentJson,
    pub regions: Vec<RegionJson>,
    pub sentences: Vec<SentenceJson>,
    pub mentions: Vec<MentionJson>,
    pub entities: Vec<Entity>,
    pub attributions: Vec<AttributionJson>,
    pub quantities: Vec<QuantityJson>,
    pub times: Vec<TimeJson>,
    pub cited_sources: Vec<SpanJson>,
    /// Added in 1.1; analyses stored as 1.0 read back with none.
    #[serde(default)]
    pub events: Vec<EventJson>,
    /// Added in 1.3; analyses stored before read back with an empty one (and count as stale).
    #[serde(default)]
    pub provenance: Provenance,
    /// Added in 1.4; analyses stored before read back with none.
    #[serde(default)]
    pub headlines: Vec<HeadlineJson>,
}

/// A heading checked against the body (1.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadlineJson {
    pub role: HeadlineRole,
    /// Null for a title known only from the metadata.
    pub span: Option<SpanJson>,
    /// The heading's words (the span's text, or the metadata title).
    pub text: String,
    pub verdict: Verdict,
    pub stance: StanceLabel,
    /// The stance model's probability of `stance`, to three decimals.
    pub score: f64,
    /// Share of the heading's words (IDF-weighted) found around the evidence, to three decimals.
    pub coverage: f64,
    pub evidence: Vec<SpanJson>,
    pub qualifiers: Vec<SpanJson>,
}

fn three_decimals(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

impl AnalysisJson {
    pub fn new(doc: &Document, a: &Analysis) -> AnalysisJson {
        let t = doc.text.as_str();
        let span = |s: Span| SpanJson::new(t, s);
        AnalysisJson {
            version: CONTRACT_VERSION.to_string(),
            document: DocumentJson { id: doc.id.clone(), meta: doc.meta.clone(), length: t.len() },
            regions: a
                .regions
                .iter()
                .map(|r| RegionJson { start: r.span.start, end: r.span.end, kind: r.kind })
                .collect(),
            sentences: a.sentences.iter().map(|s| SentenceJson { start: s.span.start, end: s.span.end }).collect(),
            mentions: a
                .mentions
                .iter()
                .map(|m| {
                    let SpanJson { start, end, text } = span(m.span);
                    MentionJson { start, end, text, kind: MentionKind::of(m), entity: m.entity, role: m.role.map(span) }
                })
                .collect(),
            entities: a.entities.clone(),
            attributions: a
                .attributions
                .iter()
                .map(|x| AttributionJson {
                    speaker: x.speaker.as_ref().map(|s| SpeakerJson::new(t, s)),
                    cue: span(x.cue),
                    content: span(x.content),
                    quote: x.quote,
                    stance: x.stance,
                    hedged: x.hedged(),
                    hedges: x.hedges.iter().map(|&h| span(h)).collect(),
                    echoes: x.echoes.as_ref().map(|s| SpeakerJson::new(t, s)),
                })
                .collect(),
            quantities: a
                .quantities
                .iter()
                .map(|q| {
                    let SpanJson { start, end, text } = span(q.span);
                    QuantityJson {
                        start,
                        end,
                        text,
                        value: q.value,
                        low: q.low,
                        high: q.high,
                        approx: q.approx,
                        bound: q.bound,
                        change: q.change,
                        unit: q.unit.clone(),
                        counted: q.counted.map(span),
                    }
                })
                .collect(),
            times: a
                .times
                .iter()
                .map(|x| {
                    let SpanJson { start, end, text } = span(x.span);
                    TimeJson { start, end, text, kind: x.kind, value: x.value.clone() }
                })
                .collect(),
            cited_sources: a.cited_sources.iter().map(|&s| span(s)).collect(),
            events: a.events.iter().map(|e| EventJson::new(t, a, e)).collect(),
            provenance: a.provenance.clone(),
            headlines: a
                .headlines
                .iter()
                .map(|h| HeadlineJson {
                    role: h.role,
                    span: h.span.map(span),
                    text: match h.span {
                        Some(s) => s.slice(t).unwrap_or_default().to_string(),
                        None => doc.meta.title.clone().unwrap_or_default(),
                    },
                    verdict: h.verdict,
                    stance: h.stance,
                    score: three_decimals(h.score),
                    coverage: three_decimals(h.coverage),
                    evidence: h.evidence.iter().map(|&s| span(s)).collect(),
                    qualifiers: h.qualifiers.iter().map(|&s| span(s)).collect(),
                })
                .collect(),
        }
    }
}
