//! Drift: how one report of a claim differs from the report it relays. Two reports of the same
//! claim are compared — the source's and the relayer's — and the differences a fact-checker looks
//! for are listed: a number that grew or shrank ("about 10,000" → "over 12,000"), a hedge dropped
//! or added ("could" → "will"), a stance flipped (a denial relayed as an assertion), a speaker
//! changed. The pairs come from the store (a document citing another outlet, or an outlet's
//! headline against its own quoted sources); this module only compares, and finds how a text
//! cites an outlet. No IO.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::contract::{NumberJson, ReportJson};
use crate::stance::ReportStance;
use crate::terms::words;

const HEDGES: &str = include_str!("../../../resources/lexicons/en/hedges.tsv");
const CONDITIONS: &str = include_str!("../../../resources/lexicons/en/conditions.tsv");
const CITING_LINES: &str = include_str!("../../../resources/lexicons/en/citing_lines.tsv");

/// What kind of pair a drift compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriftKind {
    /// The relayer's document cites the source's outlet or links to it.
    CitedSource,
    /// Within one document: the outlet's own words (a headline, an unattributed sentence) against
    /// what a source it quotes said.
    OwnFraming,
}

impl DriftKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::CitedSource => "cited_source",
            DriftKind::OwnFraming => "own_framing",
        }
    }
}

/// How a number relates to its value, read from the stored value and bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "10,000"
    Exact,
    /// "about 10,000", "several thousand"
    About,
    /// "over 12,000", "more than", "at least"
    Over,
    /// "up to 5,000", "under", "nearly"
    Under,
    /// "between 5,000 and 8,000"
    Range,
}

impl Qualifier {
    pub fn of(n: &NumberJson) -> Qualifier {
        match (n.value, n.low, n.high) {
            (Some(v), Some(l), None) if l == v => Qualifier::Over,
            (Some(v), None, Some(h)) if h == v => Qualifier::Under,
            (None, Some(_), Some(_)) if n.approx => Qualifier::About,
            (None, Some(_), Some(_)) => Qualifier::Range,
            _ if n.approx => Qualifier::About,
            _ => Qualifier::Exact,
        }
    }

    /// Under < exact, about, range < over: for the same figure, "over" claims more.
    fn rank(self) -> u8 {
        match self {
            Qualifier::Under => 0,
            Qualifier::Exact | Qualifier::About | Qualifier::Range => 1,
            Qualifier::Over => 2,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Range => "range",
        }
    }
}

/// Which way a number moved between the source and the relayer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Grew,
    Shrank,
    /// The same figure with another qualifier of the same weight ("about 10,000" → "10,000").
    Same,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Grew => "grew",
            Direction::Shrank => "shrank",
            Direction::Same => "same",
        }
    }
}

/// One difference between the source's report and the relayer's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    NumberChanged {
        from: NumberJson,
        to: NumberJson,
        from_qualifier: Qualifier,
        to_qualifier: Qualifier,
        direction: Direction,
    },
    /// The source hedged ("could", "if"); the relayer does not. `words`: the hedge words in the
    /// source's evidence (empty when the hedge was in the attribution's cue, "expected to").
    HedgeDropped {
        words: Vec<String>,
    },
    /// The relayer hedges what the source stated plainly.
    HedgeAdded {
        words: Vec<String>,
    },
    StanceFlipped {
        from: ReportStance,
        to: ReportStance,
    },
    /// `None` is the outlet's own voice (no speaker).
    SpeakerChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// The source carried a denial of the claim; the relaying document carries none.
    DenialDropped {
        speaker: Option<String>,
    },
}

impl Change {
    /// The change's name in the JSON (`number_changed`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Change::NumberChanged { .. } => "number_changed",
            Change::HedgeDropped { .. } => "hedge_dropped",
            Change::HedgeAdded { .. } => "hedge_added",
            Change::StanceFlipped { .. } => "stance_flipped",
            Change::SpeakerChanged { .. } => "speaker_changed",
            Change::DenialDropped { .. } => "denial_dropped",
        }
    }

    /// One line for a reader: what changed, in the reports' own words.
    pub fn describe(&self) -> String {
        let quoted = |ws: &[String]| {
            if ws.is_empty() {
                String::new()
            } else {
                format!(" ({})", ws.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", "))
            }
        };
        let who = |s: &Option<String>| s.clone().unwrap_or_else(|| "the outlet itself".into());
        match self {
            Change::NumberChanged { from, to, direction, .. } => {
                let how = match direction {
                    Direction::Grew => "grew",
                    Direction::Shrank => "shrank",
                    Direction::Same => "same figure, reworded",
                };
                format!("number {how}: \"{}\" → \"{}\"", from.text, to.text)
            }
            Change::HedgeDropped { words } => format!("hedge dropped{}", quoted(words)),
            Change::HedgeAdded { words } => format!("hedge added{}", quoted(words)),
            Change::StanceFlipped { from, to } => format!("stance flipped: {} → {}", from.as_str(), to.as_str()),
            Change::SpeakerChanged { from, to } => format!("speaker changed: {} → {}", who(from), who(to)),
            Change::DenialDropped { speaker } => {
                format!("denial dropped: the source carried a denial by {}; the relayer none", who(speaker))
            }
        }
    }
}

/// How a document cites an outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CiteHow {
    /// It links to the source's article (its URL is in the text).
    Url,
    /// An attribution names the outlet: "according to Reuters", "Reuters reported".
    Attribution,
    /// A credit line names it: "Sources include: Reuters, AP".
    SourcesLine,
}

/// Where a document cites an outlet: byte offsets into the citing document's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub how: CiteHow,
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// A statement of the citing document, as the store keeps it (the attribution layer's speaker
/// and content, the content's span).
#[derive(Debug, Clone, Copy)]
pub struct CitingStatement<'a> {
    pub speaker: Option<&'a str>,
    pub content: &'a str,
    pub start: u32,
    pub end: u32,
}

/// One drift: a claim reported by a source and relayed with changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drift {
    pub claim: i64,
    pub claim_text: String,
    pub kind: DriftKind,
    pub source: ReportJson,
    pub relayer: ReportJson,
    /// The source's URL, when stored (cited_source only).
    pub source_url: Option<String>,
    /// How the relayer's document cites the source (cited_source only).
    pub citation: Option<Citation>,
    pub changes: Vec<Change>,
}

struct Lexicon {
    hedges: HashSet<String>,
    citing: Vec<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let read = |name, text| {
            dossier_core::tsv::rows(name, text)
                .map(|r| r.field(0).expect("a lexicon row has a first field (tested)").to_string())
                .collect::<Vec<_>>()
        };
        let mut hedges: HashSet<String> = read("hedges.tsv", HEDGES).into_iter().collect();
        hedges.extend(read("conditions.tsv", CONDITIONS));
        Lexicon { hedges, citing: read("citing_lines.tsv", CITING_LINES) }
    })
}

/// The hedge and condition words of a text ("could", "may", "if"), lowercase, in order.
pub fn hedge_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(text) {
        let w = w.to_lowercase();
        if lexicon().hedges.contains(&w) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Whether a report hedges: the attribution layer said so, or its words hedge (a headline's
/// "could" is not read by the attribution layer).
fn hedged(r: &ReportJson) -> bool {
    r.hedged || !hedge_words(&r.evidence.text).is_empty()
}

/// Stances on the same side: asserting, confirming and relaying affirm the claim.
fn side(s: ReportStance) -> u8 {
    match s {
        ReportStance::Asserts | ReportStance::Confirms | ReportStance::Repeats => 0,
        ReportStance::Denies => 1,
        ReportStance::Questions => 2,
    }
}

/// A name for comparing: lowercase words, no leading "the", no possessive.
fn norm(name: &str) -> String {
    let ws: Vec<String> = words(name)
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .map(|w| w.strip_suffix("'s").map(str::to_string).unwrap_or(w))
        .collect();
    let skip = usize::from(ws.first().is_some_and(|w| w == "the"));
    ws[skip..].join(" ")
}

/// Whether one name holds the other as whole words ("Umerov" in "Rustem Umerov").
fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (pa, pb) = (format!(" {a} "), format!(" {b} "));
    pa.contains(&pb) || pb.contains(&pa)
}

/// Whether the relayer's speaker is the source's: the same entity or name, or the source's outlet
/// itself ("according to Reuters" relays Reuters, whoever Reuters quoted).
fn same_speaker(source: &ReportJson, relayer: &ReportJson) -> bool {
    let Some(to) = &relayer.speaker else { return true };
    if source.outlet.as_deref().is_some_and(|o| names_match(o, &to.name)) {
        return true;
    }
    match &source.speaker {
        None => false,
        Some(from) => (from.entity.is_some() && from.entity == to.entity) || names_match(&from.name, &to.name),
    }
}

/// The figure a number stands for: its value, or the middle of its range.
fn figure(n: &NumberJson) -> Option<f64> {
    n.value.or(match (n.low, n.high) {
        (Some(l), Some(h)) => Some((l + h) / 2.0),
        (l, h) => l.or(h),
    })
}

fn number_change(from: &NumberJson, to: &NumberJson) -> Option<Change> {
    let (qf, qt) = (Qualifier::of(from), Qualifier::of(to));
    let (f, t) = (figure(from)?, figure(to)?);
    let scale = f.abs().max(t.abs()).max(1.0);
    let direction = if (t - f).abs() > 1e-9 * scale {
        if t > f {
            Direction::Grew
        } else {
            Direction::Shrank
        }
    } else if qt.rank() != qf.rank() {
        if qt.rank() > qf.rank() {
            Direction::Grew
        } else {
            Direction::Shrank
        }
    } else if qf != qt || (from.low, from.high) != (to.low, to.high) {
        Direction::Same
    } else {
        return None;
    };
    Some(Change::NumberChanged { from: from.clone(), to: to.clone(), from_qualifier: qf, to_qualifier: qt, direction })
}

/// The changes from the source's report to the relayer's, in a fixed order: number, hedge,
/// stance, speaker. A number given by only one of them is not compared; the speaker is compared
/// only for a cited source, and only when the relayer names one (a headline speaks for its
/// outlet).
pub fn compare(source: &ReportJson, relayer: &ReportJson, kind: DriftKind) -> Vec<Change> {
    let mut out = Vec::new();
    if let (Some(f), Some(t)) = (&source.number, &relayer.number) {
        out.extend(number_change(f, t));
    }
    match (hedged(source), hedged(relayer)) {
        (true, false) => out.push(Change::HedgeDropped { words: hedge_words(&source.evidence.text) }),
        (false, true) => out.push(Change::HedgeAdded { words: hedge_words(&relayer.evidence.text) }),
        _ => {}
    }
    if side(source.stance) != side(relayer.stance) {
        out.push(Change::StanceFlipped { from: source.stance, to: relayer.stance });
    }
    if kind == DriftKind::CitedSource && !same_speaker(source, relayer) {
        out.push(Change::SpeakerChanged {
            from: source.speaker.as_ref().map(|s| s.name.clone()),
            to: relayer.speaker.as_ref().map(|s| s.name.clone()),
        });
    }
    out
}

/// The source report a relayer's report is compared with: among the candidates, the one it
/// differs from least, preferring one that gives a number when the relayer does, then the
/// earliest in its document. `None` when there are no candidates.
pub fn nearest<'a>(
    relayer: &ReportJson,
    candidates: impl IntoIterator<Item = &'a ReportJson>,
    kind: DriftKind,
) -> Option<(&'a ReportJson, Vec<Change>)> {
    candidates
        .into_iter()
        .map(|c| (c, compare(c, relayer, kind)))
        .min_by_key(|(c, ch)| (relayer.number.is_some() && c.number.is_none(), ch.len(), c.evidence.start))
}

/// The first whole-word, ASCII-case-insensitive occurrence of `name` in `hay`: its byte range.
fn find_name(hay: &str, name: &str) -> Option<(usize, usize)> {
    let name = name.trim();
    let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
    if name.is_empty() {
        return None;
    }
    let (h, n) = (hay.to_ascii_lowercase(), name.to_ascii_lowercase());
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(i) = h[from..].find(&n).map(|i| i + from) {
        let end = i + n.len();
        if !is_word(h[..i].chars().next_back()) && !is_word(h[end..].chars().next()) {
            return Some((i, end));
        }
        from = i + n[..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A URL without its scheme, "www." and trailing slash: the part a citing text must contain.
fn url_core(url: &str) -> &str {
    let u = url.trim();
    let u = u.split_once("://").map_or(u, |(_, rest)| rest);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/')
}

/// Whether a text names an outlet as a whole word (the store's cheap look-up keeps only
/// documents whose text contains the outlet's name; this checks the word boundaries).
pub fn names(text: &str, outlet: &str) -> bool {
    find_name(text, outlet).is_some()
}

/// How `text` cites the outlet or the URL of a source: its URL in the text first, then an
/// attribution whose speaker or content names the outlet, then a credit line ("Sources include:
/// …") naming it. `None` when it does not cite them.
pub fn citation(
    text: &str,
    outlet: Option<&str>,
    url: Option<&str>,
    statements: &[CitingStatement],
) -> Option<Citation> {
    let cite = |how, start: usize, end: usize| {
        Some(Citation { how, start: start as u32, end: end as u32, text: text.get(start..end)?.to_string() })
    };
    if let Some(core) = url.map(url_core).filter(|c| c.len() > 8 && c.contains('/')) {
        if let Some(i) = text.find(core) {
            return cite(CiteHow::Url, i, i + core.len());
        }
    }
    let outlet = outlet.map(str::trim).filter(|o| !o.is_empty())?;
    for s in statements {
        if s.speaker.is_some_and(|sp| names_match(sp, outlet)) || find_name(s.content, outlet).is_some() {
            // The whole sentence, so that the citing words ("according to Reuters") show.
            let (start, end) =
                sentence(text, s.start as usize, s.end as usize).unwrap_or((s.start as usize, s.end as usize));
            return cite(CiteHow::Attribution, start, end);
        }
    }
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let lower = trimmed.to_lowercase();
        if lexicon().citing.iter().any(|p| lower.starts_with(p.as_str())) && find_name(trimmed, outlet).is_some() {
            let start = at + (line.len() - trimmed.len());
            return cite(CiteHow::SourcesLine, start, at + line.trim_end().len());
        }
        at += line.len();
    }
    None
}

/// Whether the sentence holding `start..end` of `text` names the outlet: a statement relayed
/// through it ("Umerov said, Reuters reported").
pub fn sentence_names(text: &str, start: u32, end: u32, outlet: &str) -> bool {
    sentence(text, start as usize, end as usize).is_some_and(|(from, to)| find_name(&text[from..to], outlet).is_some())
}

/// The sentence (or line) holding `start..end` of `text`, ending with its full stop; `None` when
/// the span is not in the text.
fn sentence(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let stop = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text[..start].rfind(stop).map_or(0, |i| i + 1);
    let to = text[end..].find(stop).map_or(text.len(), |i| end + i);
    let to = if text[to..].starts_with(['.', '!', '?']) { to + 1 } else { to };
    let from = from + (text[from..to].len() - text[from..to].trim_start().len());
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{EvidenceJson, SpeakerJson};

    fn number(text: &str, value: Option<f64>, low: Option<f64>, high: Option<f64>, approx: bool) -> NumberJson {
        NumberJson { value, low, high, approx, text: text.into() }
    }

    fn about_10k() -> NumberJson {
        number("about 10,000", Some(10_000.0), None, None, true)
    }

    fn over_12k() -> NumberJson {
        number("over 12,000", Some(12_000.0), Some(12_000.0), None, false)
    }

    fn report(text: &str, speaker: Option<&str>, stance: ReportStance, n: Option<NumberJson>) -> ReportJson {
        ReportJson {
            document: "d".into(),
            title: None,
            date: None,
            outlet: Some("Reuters".into()),
            kind: if speaker.is_some() { "statement" } else { "headline" }.into(),
            speaker: speaker.map(|s| SpeakerJson { name: s.into(), entity: None }),
            stance,
            hedged: false,
            evidence: EvidenceJson { start: 0, end: text.len() as u32, text: text.into() },
            number: n,
            why: None,
        }
    }

    #[test]
    fn qualifiers_read_the_bounds() {
        assert_eq!(Qualifier::of(&about_10k()), Qualifier::About);
        assert_eq!(Qualifier::of(&over_12k()), Qualifier::Over);
        assert_eq!(Qualifier::of(&number("up to 5", Some(5.0), None, Some(5.0), false)), Qualifier::Under);
        assert_eq!(Qualifier::of(&number("5-8", None, Some(5.0), Some(8.0), false)), Qualifier::Range);
        assert_eq!(Qualifier::of(&number("several thousand", None, Some(2e3), Some(9e3), true)), Qualifier::About);
        assert_eq!(Qualifier::of(&number("3,000", Some(3e3), None, None, false)), Qualifier::Exact);
    }

    #[test]
    fn about_ten_thousand_could_becomes_over_twelve_thousand_will() {
        let mut source = report(
            "North Korea could send about 10,000 troops",
            Some("US officials"),
            ReportStance::Asserts,
            Some(about_10k()),
        );
        source.hedged = true;
        let relayer = report(
            "North Korea will send over 12,000 troops",
            Some("Reuters"),
            ReportStance::Repeats,
            Some(over_12k()),
        );
        let changes = compare(&source, &relayer, DriftKind::CitedSource);
        assert_eq!(
            changes,
            [
                Change::NumberChanged {
                    from: about_10k(),
                    to: over_12k(),
                    from_qualifier: Qualifier::About,
                    to_qualifier: Qualifier::Over,
                    direction: Direction::Grew,
                },
                Change::HedgeDropped { words: vec!["could".into()] },
            ],
            "relaying Reuters is not a speaker change, and repeating is not a flip"
        );
        assert_eq!(changes[0].describe(), "number grew: \"about 10,000\" → \"over 12,000\"");
        assert_eq!(changes[1].describe(), "hedge dropped (\"could\")");
    }

    #[test]
    fn the_qualifier_alone_moves_a_number() {
        let over_10k = number("over 10,000", Some(10_000.0), Some(10_000.0), None, false);
        let exact = number("10,000", Some(10_000.0), None, None, false);
        let up_to = number("up to 10,000", Some(10_000.0), None, Some(10_000.0), false);
        let dir = |f: &NumberJson, t: &NumberJson| match number_change(f, t) {
            Some(Change::NumberChanged { direction, .. }) => Some(direction),
            _ => None,
        };
        assert_eq!(dir(&about_10k(), &over_10k), Some(Direction::Grew));
        assert_eq!(dir(&about_10k(), &exact), Some(Direction::Same));
        assert_eq!(dir(&exact, &up_to), Some(Direction::Shrank));
        assert_eq!(dir(&over_12k(), &about_10k()), Some(Direction::Shrank));
        assert_eq!(dir(&exact, &exact), None);
        let r1 = number("5,000-8,000", None, Some(5e3), Some(8e3), false);
        let r2 = number("4,000-9,000", None, Some(4e3), Some(9e3), false);
        assert_eq!(dir(&r1, &r2), Some(Direction::Same));
    }

    #[test]
    fn hedges_and_stances() {
        let plain = report("Troops were sent to Russia", Some("Seoul"), ReportStance::Asserts, None);
        let may = report("Troops may have been sent to Russia", Some("Seoul"), ReportStance::Asserts, None);
        assert_eq!(compare(&plain, &may, DriftKind::CitedSource), [Change::HedgeAdded { words: vec!["may".into()] }]);
        let deny = report("North Korea did not send troops", Some("Pyongyang"), ReportStance::Denies, None);
        let asserts = report("North Korea sent troops", Some("Pyongyang"), ReportStance::Asserts, None);
        assert_eq!(
            compare(&deny, &asserts, DriftKind::CitedSource),
            [Change::StanceFlipped { from: ReportStance::Denies, to: ReportStance::Asserts }]
        );
        let asks = report("Did North Korea send troops?", None, ReportStance::Questions, None);
        assert_eq!(
            compare(&asks, &asserts, DriftKind::OwnFraming),
            [Change::StanceFlipped { from: ReportStance::Questions, to: ReportStance::Asserts }]
        );
        let confirms = report("North Korea sent troops", Some("Pyongyang"), ReportStance::Confirms, None);
        assert!(compare(&asserts, &confirms, DriftKind::CitedSource).is_empty());
        // A condition is a hedge too: "if" dropped.
        let cond = report("Troops will go if Russia asks", Some("Seoul"), ReportStance::Asserts, None);
        assert_eq!(compare(&cond, &plain, DriftKind::CitedSource), [Change::HedgeDropped { words: vec!["if".into()] }]);
    }

    #[test]
    fn speakers() {
        let umerov = report(
            "12,000 troops arrived",
            Some("Ukraine's defence minister Rustem Umerov"),
            ReportStance::Asserts,
            None,
        );
        let short = report("12,000 troops arrived", Some("Umerov"), ReportStance::Asserts, None);
        let pentagon = report("12,000 troops arrived", Some("the Pentagon"), ReportStance::Asserts, None);
        let own = report("12,000 troops arrived", None, ReportStance::Asserts, None);
        assert!(compare(&umerov, &short, DriftKind::CitedSource).is_empty());
        assert_eq!(
            compare(&umerov, &pentagon, DriftKind::CitedSource),
            [Change::SpeakerChanged {
                from: Some("Ukraine's defence minister Rustem Umerov".into()),
                to: Some("the Pentagon".into())
            }]
        );
        // The source's own voice credited to someone else.
        assert_eq!(compare(&own, &pentagon, DriftKind::CitedSource).len(), 1);
        // A headline speaks for its outlet; within one document speakers are not compared.
        assert!(compare(&umerov, &own, DriftKind::CitedSource).is_empty());
        assert!(compare(&umerov, &pentagon, DriftKind::OwnFraming).is_empty());
    }

    #[test]
    fn the_nearest_source_report_prefers_one_with_a_number() {
        let headline = report("North Korea could send troops", None, ReportStance::Asserts, None);
        let mut stated = report(
            "North Korea could send about 10,000 troops",
            Some("officials"),
            ReportStance::Asserts,
            Some(about_10k()),
        );
        stated.evidence.start = 40;
        stated.hedged = true;
        let relayer = report("North Korea sends over 12,000 troops", None, ReportStance::Asserts, Some(over_12k()));
        let (picked, changes) = nearest(&relayer, [&headline, &stated], DriftKind::OwnFraming).unwrap();
        assert_eq!(picked.evidence.start, 40);
        assert_eq!(changes.len(), 2);
        assert!(nearest(&relayer, [], DriftKind::OwnFraming).is_none());
    }

    #[test]
    fn citations() {
        let text = "Troops cross\n\nOver 12,000 troops crossed, according to Reuters.\nSee reuters.com/world/troops-123 for more.\nSources include: Reuters, AP\n";
        let at =
            CitingStatement { speaker: Some("Reuters"), content: "Over 12,000 troops crossed", start: 14, end: 40 };
        let c = citation(text, Some("Reuters"), Some("https://www.reuters.com/world/troops-123/"), &[at]).unwrap();
        assert_eq!((c.how, c.text.as_str()), (CiteHow::Url, "reuters.com/world/troops-123"));
        let c = citation(text, Some("Reuters"), None, &[at]).unwrap();
        assert_eq!(
            (c.how, c.text.as_str()),
            (CiteHow::Attribution, "Over 12,000 troops crossed, according to Reuters.")
        );
        let c = citation(text, Some("Reuters"), None, &[]).unwrap();
        assert_eq!((c.how, c.text.as_str()), (CiteHow::SourcesLine, "Sources include: Reuters, AP"));
        assert_eq!(&text[c.start as usize..c.end as usize], c.text);
        assert!(citation(text, Some("AFP"), None, &[]).is_none());
        // Whole words only: "AP" is not in "Japan".
        assert!(citation("Sources include: Japan Times\n", Some("AP"), None, &[]).is_none());
        assert!(citation(text, Some("AP"), None, &[]).is_some());
        assert!(citation(text, None, None, &[at]).is_none());
        assert!(sentence_names(text, 14, 40, "Reuters"));
        assert!(!sentence_names(text, 0, 12, "Reuters"));
        assert!(!sentence_names(text, 0, 999, "Reuters"), "out of range is no");
        assert!(names("Über Reuters", "reuters"));
    }

    #[test]
    fn the_lexicons_read() {
        assert!(lexicon().hedges.contains("could") && lexicon().hedges.contains("if"));
        assert!(lexicon().citing.iter().any(|p| p == "sources include"));
        assert_eq!(hedge_words("It could, if asked, COULD"), ["could", "if"]);
    }
}
