//! `dossier eval events`: events against PLOVER gold-standard records, exactly as
//! `shared/tools/score_events.py` scores `dossier analyze --json {}`.
//!
//! Each record's sentence (plus a newline, as the script writes it) is analysed. Type: a record is a
//! hit when some event has the gold type; every other type predicted for it is a false positive.
//! Actors: on a hit, a source (target) is right when it overlaps the gold actor's words (the first
//! occurrence of `actorText` in the sentence) or when the record has no such actor. A record whose
//! run fails (no text, or a text `dossier analyze` refuses: empty, binary) is a failed run and its
//! gold event is missed, as in the script.

use serde::Serialize;

use crate::metrics::Counts;
use crate::readers::plover::PloverRecord;
use crate::Analyzer;

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct EventScores {
    pub records: u64,
    /// Records left out because their gold cannot be read as PLOVER (PETRARCH2's own test
    /// codes); 0 for PLOVER files.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_scored: u64,
    /// PETRARCH2 files only: the gold (source state, target state) pairs, and those some event
    /// of any type joins (its source names the one, its target the other). The unit tests'
    /// verb codes follow a validation dictionary of their own ("welcomed" 041, "discuss by
    /// telephone"), so the types say less than who acts on whom.
    #[serde(skip_serializing_if = "is_zero")]
    pub actor_pairs: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub actor_pairs_found: u64,
    pub failed_runs: u64,
    pub type_hits: u64,
    pub wrong_types: u64,
    pub missed: u64,
    /// Hits whose source and target are both right.
    pub full_hits: u64,
    pub type_f1: f64,
    pub events_f1: f64,
}

impl EventScores {
    /// The share of gold actor pairs some event joins.
    pub fn pair_recall(&self) -> f64 {
        if self.actor_pairs == 0 {
            0.0
        } else {
            self.actor_pairs_found as f64 / self.actor_pairs as f64
        }
    }

    /// The two F1 figures from the counts: a hit with a wrong actor is both a false positive and
    /// a miss for the events figure, as in the script.
    fn with_f1(mut self) -> EventScores {
        let partial = self.type_hits - self.full_hits;
        self.type_f1 =
            Counts::new(self.type_hits, self.type_hits + self.wrong_types, self.type_hits + self.missed).prf().f1;
        self.events_f1 = Counts::new(
            self.full_hits,
            self.full_hits + self.wrong_types + partial,
            self.full_hits + self.missed + partial,
        )
        .prf()
        .f1;
        self
    }

    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        let left_out = if self.not_scored > 0 { format!("not_scored={}\n", self.not_scored) } else { String::new() };
        let pairs = if self.actor_pairs > 0 {
            format!(
                "actor_pairs={} found={} recall={:.3}\n",
                self.actor_pairs,
                self.actor_pairs_found,
                self.pair_recall()
            )
        } else {
            String::new()
        };
        left_out
            + &pairs
            + &format!(
                "records={} failed_runs={} type_hits={} wrong_types={} missed={}\ntype_f1={:.3}\nevents_f1={:.3}\n",
                self.records,
                self.failed_runs,
                self.type_hits,
                self.wrong_types,
                self.missed,
                self.type_f1,
                self.events_f1
            )
    }
}

/// Byte span of the first occurrence of `phrase` in `text`.
fn find(text: &str, phrase: &str) -> Option<(u32, u32)> {
    let i = text.find(phrase)?;
    Some((i as u32, (i + phrase.len()) as u32))
}

fn overlaps(a: Option<(u32, u32)>, b: Option<(u32, u32)>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.1.min(b.1) > a.0.max(b.0))
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The events found, for the verbose log: `TYPE[trigger] source → target | …`.
fn describe(events: &[dossier_core::EventJson], name: fn(dossier_core::EventType) -> &'static str) -> String {
    let show = |x: &Option<dossier_core::EventArgJson>| x.as_ref().map_or("-".to_string(), |x| x.text.clone());
    let evs: Vec<String> = events
        .iter()
        .map(|e| format!("{}[{}] {} → {}", name(e.kind), e.trigger.text, show(&e.source), show(&e.target)))
        .collect();
    evs.join(" | ")
}

/// Scores the first `limit` records; with `verbose`, every record and what was found for it
/// goes to `log` (HIT, MISS, or FAIL with the reason).
pub fn score(
    records: &[PloverRecord],
    limit: Option<usize>,
    pipeline: &Analyzer,
    mut log: Option<&mut dyn FnMut(&str)>,
) -> EventScores {
    let recs = &records[..records.len().min(limit.unwrap_or(usize::MAX))];
    let mut s = EventScores { records: recs.len() as u64, ..EventScores::default() };
    for r in recs {
        let gold = &r.event;
        let analysed = match &r.text {
            Some(text) => pipeline.analyze(format!("{text}\n").into_bytes(), Default::default()),
            None => Err("no \"text\" field".to_string()),
        };
        let (text, json) = match analysed {
            Ok((doc, a)) => (r.text.as_deref().unwrap_or_default(), dossier_core::AnalysisJson::new(&doc, &a)),
            Err(why) => {
                // The script counts a failed run and finds no event: the gold event is missed.
                s.failed_runs += 1;
                s.missed += 1;
                if let Some(log) = log.as_mut() {
                    log(&format!("FAIL {gold}: {why}\n    {}", r.text.as_deref().unwrap_or_default()));
                }
                continue;
            }
        };
        let types: std::collections::BTreeSet<String> =
            json.events.iter().map(|e| e.kind.as_str().to_string()).collect();
        let wrong = types.iter().filter(|t| *t != gold).count() as u64;
        s.wrong_types += wrong;
        let hits: Vec<_> = json.events.iter().filter(|e| e.kind.as_str() == gold).collect();
        if let Some(log) = log.as_mut() {
            let evs = describe(&json.events, |k| k.as_str());
            log(&format!("{} {gold}: {evs}\n    {text}", if hits.is_empty() { "MISS" } else { "HIT " }));
        }
        if hits.is_empty() {
            s.missed += 1;
            continue;
        }
        s.type_hits += 1;
        let gs: Vec<_> = r.sources.iter().map(|t| find(text, t)).collect();
        let gt: Vec<_> = r.targets.iter().map(|t| find(text, t)).collect();
        let ok = |pred: Option<(u32, u32)>, golds: &[Option<(u32, u32)>]| {
            golds.is_empty() || golds.iter().any(|&g| overlaps(pred, g))
        };
        if hits.iter().any(|e| {
            ok(e.source.as_ref().map(|x| (x.start, x.end)), &gs) && ok(e.target.as_ref().map(|x| (x.start, x.end)), &gt)
        }) {
            s.full_hits += 1;
        }
    }
    s.with_f1()
}

/// Scores the PETRARCH2 unit-test sentences ([`crate::readers::petrarch`]), a sentence at a
/// time and in the 2021 PLOVER names ([`dossier_core::EventType::plover_2021`]: DEMAND is
/// REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is ASSAULT), since the CAMEO table
/// speaks them. Type: each PLOVER type the sentence's codings give is a hit when some event
/// found has it, else missed; each other type found is wrong (a `noevents` sentence has only
/// wrong ones). Actors: a hit is full when one event of the type has a source and a target
/// naming the states of one gold coding of that type (the actor dictionary's names for the
/// code's first three letters); a code without a state (`---GOV`) asks for nothing.
pub fn score_petrarch(
    all: &crate::readers::petrarch::Records,
    actors: &crate::readers::petrarch::Actors,
    limit: Option<usize>,
    pipeline: &Analyzer,
    mut log: Option<&mut dyn FnMut(&str)>,
) -> EventScores {
    use std::collections::BTreeSet;
    let recs = &all.records[..all.records.len().min(limit.unwrap_or(usize::MAX))];
    let mut s =
        EventScores { records: recs.len() as u64, not_scored: all.not_cameo.len() as u64, ..EventScores::default() };
    for r in recs {
        let gold: BTreeSet<&str> = r.codings.iter().map(|c| c.plover.as_str()).collect();
        let json = match pipeline.analyze(format!("{}\n", r.text).into_bytes(), Default::default()) {
            Ok((doc, a)) => dossier_core::AnalysisJson::new(&doc, &a),
            Err(why) => {
                s.failed_runs += 1;
                s.missed += gold.len() as u64;
                if let Some(log) = log.as_mut() {
                    log(&format!("FAIL {}: {why}", r.id));
                }
                continue;
            }
        };
        let found: BTreeSet<&str> = json.events.iter().map(|e| e.kind.plover_2021()).collect();
        s.wrong_types += found.difference(&gold).count() as u64;
        s.missed += gold.difference(&found).count() as u64;
        let names = |arg: &Option<dossier_core::EventArgJson>, code: &str| {
            let has_state = code.len() >= 3 && code.bytes().take(3).all(|b| b.is_ascii_uppercase());
            !has_state || arg.as_ref().is_some_and(|a| actors.names_state(&a.text, code))
        };
        let pairs: BTreeSet<(&str, &str)> = r
            .codings
            .iter()
            .map(|c| (c.source.get(..3).unwrap_or(&c.source), c.target.get(..3).unwrap_or(&c.target)))
            .collect();
        s.actor_pairs += pairs.len() as u64;
        s.actor_pairs_found += pairs
            .iter()
            .filter(|(src, tgt)| json.events.iter().any(|e| names(&e.source, src) && names(&e.target, tgt)))
            .count() as u64;
        let mut full = 0;
        for kind in gold.intersection(&found) {
            s.type_hits += 1;
            let right = json.events.iter().filter(|e| e.kind.plover_2021() == *kind).any(|e| {
                r.codings
                    .iter()
                    .filter(|c| c.plover == *kind)
                    .any(|c| names(&e.source, &c.source) && names(&e.target, &c.target))
            });
            full += u64::from(right);
        }
        s.full_hits += full;
        if let Some(log) = log.as_mut() {
            let evs = describe(&json.events, dossier_core::EventType::plover_2021);
            let want: Vec<String> =
                r.codings.iter().map(|c| format!("{}({}) {} → {}", c.plover, c.cameo, c.source, c.target)).collect();
            log(&format!("{} [{}] want {} | found {}\n    {}", r.id, r.category, want.join(", "), evs, r.text));
        }
    }
    s.with_f1()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(text: Option<&str>, event: &str) -> PloverRecord {
        PloverRecord { text: text.map(str::to_string), event: event.into(), sources: vec![], targets: vec![] }
    }

    /// Regression: a record whose run fails (empty or missing text) used to be analysed as an
    /// empty document and left out of `failed_runs`; the script counts it as a failed run whose
    /// gold event is missed.
    #[test]
    fn failed_runs_are_counted_and_their_gold_missed() {
        let records = [rec(Some("   "), "ASSAULT"), rec(None, "AGREE"), rec(Some("The talks went on."), "CONSULT")];
        let mut lines = Vec::new();
        let s = score(&records, None, &crate::testutil::pipeline(), Some(&mut |l: &str| lines.push(l.to_string())));
        assert_eq!(s.records, 3);
        assert_eq!(s.failed_runs, 2, "{s:?}");
        assert_eq!(s.missed + s.type_hits, 3, "every record is a hit or a miss: {s:?}");
        assert!(s.missed >= 2);
        assert!(lines[0].starts_with("FAIL ASSAULT: empty input"), "{lines:?}");
        assert!(lines[1].starts_with("FAIL AGREE: no \"text\" field"), "{lines:?}");
        assert!(s.lines().starts_with("records=3 failed_runs=2 "));
    }

    #[test]
    fn f1_is_the_scripts() {
        let s = score(&[], None, &crate::testutil::pipeline(), None);
        assert_eq!((s.type_f1, s.events_f1), (0.0, 0.0));
        assert!(overlaps(Some((0, 4)), Some((3, 9))));
        assert!(!overlaps(Some((0, 3)), Some((3, 9))));
        assert_eq!(find("a Iran b", "Iran"), Some((2, 6)));
    }
}
