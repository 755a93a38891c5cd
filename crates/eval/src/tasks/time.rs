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
use crate::readers::timeml::{self, GoldTime, TimeDoc};
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
    /// Where the misses are, by kind, so that the next change aims at the biggest.
    pub errors: TimeErrors,
}

/// The errors behind the scores: a gold expression with no overlapping prediction (`missed`), a
/// prediction matching no gold (`spurious`), a match whose span differs (`span`: it costs strict,
/// not relaxed) and a match whose value is not a gold value (`value`), each with its first
/// examples.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct TimeErrors {
    pub missed: u64,
    pub spurious: u64,
    pub span: u64,
    pub value: u64,
    pub examples: Vec<TimeError>,
}

/// One error: its kind, the gold and predicted text and values (empty where there is none) and
/// the line around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeError {
    pub kind: &'static str,
    pub gold: String,
    pub gold_values: Vec<String>,
    pub predicted: String,
    pub predicted_value: String,
    pub context: String,
}

/// How many examples of each kind a report keeps.
pub const EXAMPLES_PER_KIND: usize = 400;

impl TimeErrors {
    fn note(
        &mut self,
        kind: &'static str,
        doc: &TimeDoc,
        gold: Option<&GoldTime>,
        pred: Option<&(usize, usize, String)>,
    ) {
        let n = match kind {
            "missed" => &mut self.missed,
            "spurious" => &mut self.spurious,
            "span" => &mut self.span,
            _ => &mut self.value,
        };
        *n += 1;
        if *n as usize > EXAMPLES_PER_KIND {
            return;
        }
        let at = |s: usize, e: usize| span_text(doc, s, e);
        let (s, e) = match (gold, pred) {
            (Some(g), _) => (g.start, g.end),
            (None, Some(p)) => (p.0, p.1),
            (None, None) => return,
        };
        self.examples.push(TimeError {
            kind,
            gold: gold.map(|g| at(g.start, g.end)).unwrap_or_default(),
            gold_values: gold.map(|g| g.values.clone()).unwrap_or_default(),
            predicted: pred.map(|p| at(p.0, p.1)).unwrap_or_default(),
            predicted_value: pred.map(|p| p.2.clone()).unwrap_or_default(),
            context: context(doc, s, e),
        });
    }

    /// Keeps the first `per_kind` examples of each kind.
    pub fn keep_examples(&mut self, per_kind: usize) {
        let mut seen: Vec<(&'static str, usize)> = Vec::new();
        self.examples.retain(|x| match seen.iter_mut().find(|(k, _)| *k == x.kind) {
            Some((_, n)) => {
                *n += 1;
                *n <= per_kind
            }
            None => {
                seen.push((x.kind, 1));
                per_kind >= 1
            }
        });
    }

    /// One line per kind, then each example (at most `per_kind` of each) on its own line.
    pub fn lines(&self, per_kind: usize) -> String {
        let mut out = format!(
            "errors: missed={} spurious={} span={} value={}\n",
            self.missed, self.spurious, self.span, self.value
        );
        for kind in ["missed", "spurious", "span", "value"] {
            for x in self.examples.iter().filter(|x| x.kind == kind).take(per_kind) {
                out += &format!(
                    "{kind}\tgold={:?} {:?}\tpredicted={:?} {:?}\t{}\n",
                    x.gold, x.gold_values, x.predicted, x.predicted_value, x.context
                );
            }
        }
        out
    }
}

/// The text of a span in the document's own unit (characters or bytes).
fn span_text(doc: &TimeDoc, s: usize, e: usize) -> String {
    if doc.gold_in_chars {
        doc.text.chars().skip(s).take(e.saturating_sub(s)).collect()
    } else {
        doc.text.get(s..e).unwrap_or_default().to_string()
    }
}

/// Up to 40 characters either side of a span, on one line.
fn context(doc: &TimeDoc, s: usize, e: usize) -> String {
    let from = s.saturating_sub(40);
    let before = span_text(doc, from, s);
    let after = span_text(doc, e, e + 40);
    format!("{before}[{}]{after}", span_text(doc, s, e)).split_whitespace().collect::<Vec<_>>().join(" ")
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
    errors: TimeErrors,
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
            let Some(i) = hit else {
                self.errors.note("missed", doc, Some(g), None);
                continue;
            };
            used[i] = true;
            self.relaxed += 1;
            if (g.start, g.end) == (pred[i].0, pred[i].1) {
                self.strict += 1;
            } else {
                self.errors.note("span", doc, Some(g), Some(&pred[i]));
            }
            if g.values.contains(&pred[i].2) {
                self.value += 1;
            } else {
                self.errors.note("value", doc, Some(g), Some(&pred[i]));
            }
        }
        for (p, _) in pred.iter().zip(&used).filter(|(_, &u)| !u) {
            self.errors.note("spurious", doc, None, Some(p));
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
            errors: self.errors.clone(),
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
        assert_eq!((s.errors.missed, s.errors.spurious, s.errors.span, s.errors.value), (0, 0, 0, 0));
    }

    #[test]
    fn errors_by_kind() {
        let text = "Rain fell on Monday and on 5 March, and again last week.\n".to_string();
        let span = |w: &str| {
            let at = text.find(w).unwrap();
            (at, at + w.len())
        };
        let gold = |w: &str, v: &str| {
            let (start, end) = span(w);
            GoldTime { start, end, values: vec![v.into()] }
        };
        // "again last week" is gold but the pipeline finds "last week" (span); "Monday" and
        // "5 March" have no year to resolve against the gold values (value); "Rain" is gold
        // nobody predicts (missed).
        let doc = TimeDoc {
            text: text.clone(),
            published: None,
            gold: vec![gold("Rain", "X"), gold("again last week", "PAST_REF")],
            gold_in_chars: true,
        };
        let s = score_docs([&doc], &crate::testutil::pipeline());
        let e = &s.errors;
        assert_eq!(e.missed, 1, "{e:?}");
        assert!(e.span >= 1 && e.spurious >= 1, "{e:?}");
        let missed = e.examples.iter().find(|x| x.kind == "missed").unwrap();
        assert_eq!((missed.gold.as_str(), missed.predicted.as_str()), ("Rain", ""));
        assert!(missed.context.starts_with("[Rain] fell on"), "{missed:?}");
        let lines = e.lines(1);
        assert!(lines.starts_with(&format!("errors: missed=1 spurious={} span={}", e.spurious, e.span)), "{lines}");
    }
}
