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
    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "records={} failed_runs={} type_hits={} wrong_types={} missed={}\ntype_f1={:.3}\nevents_f1={:.3}\n",
            self.records, self.failed_runs, self.type_hits, self.wrong_types, self.missed, self.type_f1, self.events_f1
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
            let show = |x: &Option<dossier_core::EventArgJson>| x.as_ref().map_or("-".to_string(), |x| x.text.clone());
            let evs: Vec<String> = json
                .events
                .iter()
                .map(|e| format!("{}[{}] {} → {}", e.kind.as_str(), e.trigger.text, show(&e.source), show(&e.target)))
                .collect();
            log(&format!(
                "{} {gold}: {}\n    {}",
                if hits.is_empty() { "MISS" } else { "HIT " },
                evs.join(" | "),
                text
            ));
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
    let partial = s.type_hits - s.full_hits;
    s.type_f1 = Counts::new(s.type_hits, s.type_hits + s.wrong_types, s.type_hits + s.missed).prf().f1;
    s.events_f1 =
        Counts::new(s.full_hits, s.full_hits + s.wrong_types + partial, s.full_hits + s.missed + partial).prf().f1;
    s
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
