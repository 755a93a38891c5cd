//! `dossier eval events`: events against PLOVER gold-standard records, exactly as
//! `shared/tools/score_events.py` scores `dossier analyze --json {}`.
//!
//! Each record's sentence (plus a newline, as the script writes it) is analysed. Type: a record is a
//! hit when some event has the gold type; every other type predicted for it is a false positive.
//! Actors: on a hit, a source (target) is right when it overlaps the gold actor's words (the first
//! occurrence of `actorText` in the sentence) or when the record has no such actor.

use serde::Serialize;

use crate::metrics::Counts;
use crate::readers::plover::PloverRecord;
use crate::Pipeline;

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
/// goes to `log` (HIT or MISS).
pub fn score(
    records: &[PloverRecord],
    limit: Option<usize>,
    pipeline: &Pipeline,
    mut log: Option<&mut dyn FnMut(&str)>,
) -> EventScores {
    let recs = &records[..records.len().min(limit.unwrap_or(usize::MAX))];
    let mut s = EventScores { records: recs.len() as u64, ..EventScores::default() };
    for r in recs {
        let gold = &r.event;
        let text = r.text.as_deref().unwrap_or_default();
        let doc = dossier_core::Document::new(format!("{text}\n"), Default::default());
        let a = dossier_extract::analyze(&doc, pipeline.lexicons);
        let json = dossier_core::AnalysisJson::new(&doc, &a);
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

    #[test]
    fn f1_is_the_scripts() {
        let s = score(&[], None, &crate::testutil::pipeline(), None);
        assert_eq!((s.type_f1, s.events_f1), (0.0, 0.0));
        assert!(overlaps(Some((0, 4)), Some((3, 9))));
        assert!(!overlaps(Some((0, 3)), Some((3, 9))));
        assert_eq!(find("a Iran b", "Iran"), Some((2, 6)));
    }
}
