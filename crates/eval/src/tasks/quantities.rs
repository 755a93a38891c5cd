//! `dossier eval quantities`: numbers against NewsQuant/CQE gold, exactly as
//! `shared/tools/score_quantities.py` scores them. A gold number is matched by the first unused
//! prediction whose value, low or high equals it; the unit matches when the gold unit (or its
//! last word) is a substring of the prediction's unit, counted span (as Python prints the dict)
//! and text, or the reverse; empty and `-` gold units match anything.

use std::collections::HashSet;

use dossier_core::QuantityJson;
use serde::Serialize;

use crate::metrics::Prf;
use crate::readers::quantities::{gold_values, QuantRecord, QuantSet};
use crate::Analyzer;

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct QuantScores {
    pub source: String,
    pub format: String,
    pub sentences: u64,
    pub failed_runs: u64,
    pub gold: u64,
    pub predicted: u64,
    pub value: Prf,
    pub value_unit: Prf,
}

impl QuantScores {
    /// The lines `score_quantities.py` prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "sentences={} failed_runs={} gold={} predicted={}\nvalue+unit_f1={:.3}\nquantity_value_f1={:.3}\n",
            self.sentences, self.failed_runs, self.gold, self.predicted, self.value_unit.f1, self.value.f1
        )
    }
}

#[derive(Debug, Serialize)]
pub struct QuantReport {
    pub files: Vec<QuantScores>,
    pub total: QuantScores,
}

impl QuantReport {
    /// One line per file (when there are several), then the script's lines for all together.
    pub fn lines(&self) -> String {
        let mut s = String::new();
        if self.files.len() > 1 {
            for f in &self.files {
                s.push_str(&format!(
                    "{:<70} {:>5} gold {:>5} predicted  value_f1={:.3} value+unit_f1={:.3}\n",
                    f.source, f.gold, f.predicted, f.value.f1, f.value_unit.f1
                ));
            }
        }
        s.push_str(&self.total.lines());
        s
    }
}

#[derive(Default)]
struct QuantCounts {
    sentences: u64,
    fails: u64,
    g: u64,
    p: u64,
    tv: u64,
    tu: u64,
}

impl QuantCounts {
    fn add(&mut self, o: &QuantCounts) {
        self.sentences += o.sentences;
        self.fails += o.fails;
        self.g += o.g;
        self.p += o.p;
        self.tv += o.tv;
        self.tu += o.tu;
    }

    fn scores(&self, source: &str, format: &str) -> QuantScores {
        QuantScores {
            source: source.into(),
            format: format.into(),
            sentences: self.sentences,
            failed_runs: self.fails,
            gold: self.g,
            predicted: self.p,
            value: Prf::of(self.tv, self.p, self.g),
            value_unit: Prf::of(self.tu, self.p, self.g),
        }
    }
}

/// Python's `repr` of a string (what `str(dict)` shows for the counted span's text).
fn py_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// What the script compares the gold unit with: `unit`, `counted` (a dict, as Python prints
/// it) and `text`, joined by spaces.
fn unit_text(q: &QuantityJson) -> String {
    let counted = q
        .counted
        .as_ref()
        .map(|c| format!("{{'start': {}, 'end': {}, 'text': {}}}", c.start, c.end, py_repr(&c.text)))
        .unwrap_or_default();
    format!("{} {} {}", q.unit.as_deref().unwrap_or(""), counted, q.text)
}

/// The script's `unit_ok`.
fn unit_ok(gold: &str, pred: &str) -> bool {
    let g = gold.to_lowercase();
    let g = g.trim();
    let p = pred.to_lowercase();
    if g.is_empty() || g == "-" {
        return true;
    }
    let last = g.split_whitespace().last().unwrap_or(g);
    !p.is_empty() && (p.contains(g) || g.contains(p.as_str()) || p.contains(last))
}

fn score_records(records: &[QuantRecord], pipeline: &Analyzer) -> QuantCounts {
    let mut c = QuantCounts::default();
    for rec in records {
        c.sentences += 1;
        let preds = match pipeline.analyze_json(&format!("{}\n", rec.text), None) {
            Some(a) => a.quantities,
            None => {
                c.fails += 1;
                Vec::new()
            }
        };
        c.g += rec.quantities.len() as u64;
        c.p += preds.len() as u64;
        let mut used_v = vec![false; preds.len()];
        for gq in &rec.quantities {
            let gv = gold_values(&gq.value);
            // The first prediction not yet matched that has a gold value as value, low or high.
            let hit = (0..preds.len()).find(|&i| {
                !used_v[i] && [preds[i].value, preds[i].low, preds[i].high].iter().flatten().any(|p| gv.contains(p))
            });
            if let Some(i) = hit {
                used_v[i] = true;
                c.tv += 1;
                if unit_ok(&gq.unit, &unit_text(&preds[i])) {
                    c.tu += 1;
                }
            }
        }
    }
    c
}

/// Scores converted sets, each file on its own and all together.
pub fn score_sets(sets: &[QuantSet], pipeline: &Analyzer) -> QuantReport {
    let mut total = QuantCounts::default();
    let mut files = Vec::new();
    for set in sets {
        let c = score_records(&set.records, pipeline);
        files.push(c.scores(&set.source, &set.format));
        total.add(&c);
    }
    let formats: HashSet<&str> = sets.iter().map(|s| s.format.as_str()).collect();
    let mut formats: Vec<&str> = formats.into_iter().collect();
    formats.sort();
    QuantReport { files, total: total.scores("total", &formats.join("+")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::quantities::GoldQuantity;

    #[test]
    fn unit_match_is_the_scripts() {
        assert!(unit_ok("", "x"));
        assert!(unit_ok("-", ""));
        assert!(unit_ok("USD", "USD  $5"));
        assert!(unit_ok("finnish markka", "  420 million finnish markka"));
        assert!(!unit_ok("km", "mile  5 miles"));
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("troops"), "'troops'");
    }

    #[test]
    fn sets_are_scored_each_and_together() {
        let rec = |text: &str, v: f64, unit: &str| QuantRecord {
            text: text.into(),
            quantities: vec![GoldQuantity { value: serde_json::json!(v), unit: unit.into(), change: None }],
        };
        let sets = vec![
            QuantSet {
                source: "a".into(),
                format: "newsquant".into(),
                records: vec![rec("It cost $5 million.", 5e6, "USD")],
            },
            QuantSet { source: "b".into(), format: "quantulum3".into(), records: vec![rec(" ", 1.0, "")] },
        ];
        let r = score_sets(&sets, &crate::testutil::pipeline());
        assert_eq!(r.files[0].value.recall, 1.0, "{r:?}");
        assert_eq!(r.files[1].failed_runs, 1);
        assert_eq!((r.total.sentences, r.total.gold, r.total.format.as_str()), (2, 2, "newsquant+quantulum3"));
        assert!(r.lines().ends_with(&r.total.lines()));
        assert_eq!(r.lines().lines().count(), 5);
    }
}
