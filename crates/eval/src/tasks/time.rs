//! `dossier eval time`: time expressions against TimeML (TempEval-3 strict, relaxed and value
//! F1, as `shared/tools/score_timex.py` scores `dossier analyze --json --published {dct} {}`) or
//! Recognizers-Text DateTime specs. Each gold expression takes the first unused overlapping
//! prediction (relaxed), which also counts as strict when the span is identical and as a value
//! hit when the value is one of the gold values.

use std::path::Path;

use anyhow::{Context, Result};
use dossier_core::TimeJson;
use serde::Serialize;

use crate::metrics::{byte_to_char, Prf};
use crate::readers::timeml::{self, TimeDoc};
use crate::readers::{read_json_list, recognizers};
use crate::Analyzer;

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct TimeScores {
    pub documents: u64,
    pub failed_runs: u64,
    pub gold: u64,
    pub predicted: u64,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
}

impl TimeScores {
    /// The lines `score_timex.py` prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "documents={} failed_runs={} gold={} predicted={}\nstrict_f1={:.3} relaxed_f1={:.3}\ntimex_value_f1={:.3}\n",
            self.documents, self.failed_runs, self.gold, self.predicted, self.strict.f1, self.relaxed.f1, self.value.f1
        )
    }
}

#[derive(Default)]
struct TimeCounts {
    docs: u64,
    fails: u64,
    g: u64,
    p: u64,
    strict: u64,
    relaxed: u64,
    value: u64,
}

impl TimeCounts {
    fn add(&mut self, doc: &TimeDoc, pipeline: &Analyzer) {
        self.docs += 1;
        let pred: Vec<(usize, usize, String)> = match pipeline.analyze_json(&doc.text, doc.published) {
            Some(a) => {
                let b2c = doc.gold_in_chars.then(|| byte_to_char(doc.text.as_bytes()));
                a.times
                    .iter()
                    .filter_map(|t: &TimeJson| {
                        let (s, e) = (t.start as usize, t.end as usize);
                        let (s, e) = match &b2c {
                            Some(m) => (m.get(s).copied()?, m.get(e).copied()?),
                            None => (s, e),
                        };
                        // The script reads a missing value as Python's `str(None)`.
                        Some((s, e, t.value.clone().unwrap_or_else(|| "None".into())))
                    })
                    .collect()
            }
            None => {
                self.fails += 1;
                Vec::new()
            }
        };
        self.g += doc.gold.len() as u64;
        self.p += pred.len() as u64;
        let mut used = vec![false; pred.len()];
        for g in &doc.gold {
            let hit = (0..pred.len()).find(|&i| !used[i] && g.end.min(pred[i].1) > g.start.max(pred[i].0));
            if let Some(i) = hit {
                used[i] = true;
                self.relaxed += 1;
                if (g.start, g.end) == (pred[i].0, pred[i].1) {
                    self.strict += 1;
                }
                if g.values.contains(&pred[i].2) {
                    self.value += 1;
                }
            }
        }
    }

    fn scores(&self) -> TimeScores {
        TimeScores {
            documents: self.docs,
            failed_runs: self.fails,
            gold: self.g,
            predicted: self.p,
            strict: Prf::of(self.strict, self.p, self.g),
            relaxed: Prf::of(self.relaxed, self.p, self.g),
            value: Prf::of(self.value, self.p, self.g),
        }
    }
}

/// Scores documents already read.
pub fn score_docs<'a>(docs: impl IntoIterator<Item = &'a TimeDoc>, pipeline: &Analyzer) -> TimeScores {
    let mut counts = TimeCounts::default();
    for d in docs {
        counts.add(d, pipeline);
    }
    counts.scores()
}

/// Scores the first `limit` `.tml` files (sorted) under `path`: a folder, a file or a `.tar.gz`.
pub fn score_timeml(path: &Path, limit: Option<usize>, pipeline: &Analyzer) -> Result<TimeScores> {
    let mut files = timeml::tml_sources(path)?;
    if let Some(n) = limit {
        files.truncate(n);
    }
    let mut counts = TimeCounts::default();
    for (name, raw) in &files {
        let doc = timeml::parse_timeml(raw).with_context(|| format!("malformed TimeML file {name}"))?;
        counts.add(&doc, pipeline);
    }
    Ok(counts.scores())
}

/// Scores the first `limit` cases of Recognizers-Text DateTime specs (a spec file, or every
/// `DateTimeModel.json` under a folder).
pub fn score_recognizers(path: &Path, limit: Option<usize>, pipeline: &Analyzer) -> Result<TimeScores> {
    let files = recognizers::datetime_spec_files(path)?;
    let mut counts = TimeCounts::default();
    let mut n = 0;
    for f in &files {
        let cases = read_json_list(f)?;
        for case in &cases {
            if limit.is_some_and(|l| n >= l) {
                break;
            }
            n += 1;
            let doc = recognizers::datetime_case(case).with_context(|| format!("malformed case in {}", f.display()))?;
            counts.add(&doc, pipeline);
        }
    }
    Ok(counts.scores())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::timeml::GoldTime;

    #[test]
    fn greedy_matching_and_failed_runs() {
        let text = "It rained on 5 March 2020 in Oslo.\n".to_string();
        let at = text.find("5 March 2020").unwrap();
        let docs = [
            TimeDoc {
                text: text.clone(),
                published: None,
                gold: vec![GoldTime { start: at, end: at + 12, values: vec!["2020-03-05".into()] }],
                gold_in_chars: true,
            },
            TimeDoc { text: " \n".into(), published: None, gold: vec![], gold_in_chars: false },
        ];
        let s = score_docs(&docs, &crate::testutil::pipeline());
        assert_eq!((s.documents, s.failed_runs, s.gold), (2, 1, 1));
        assert_eq!(s.relaxed.recall, 1.0, "{s:?}");
        assert_eq!(s.value.recall, 1.0, "{s:?}");
        assert!(s.lines().starts_with("documents=2 failed_runs=1 gold=1 "));
    }
}
