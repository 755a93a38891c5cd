//! `dossier eval attribution`: attributions against PolNeAR gold (brat standoff), exactly as
//! `shared/tools/score_polnear.py` scores `dossier analyze --json {}`.
//!
//! Gold offsets are characters; predictions are bytes, mapped to characters the way the script
//! maps them. A content match needs the spans to overlap by at least half of the longer one;
//! "+source" also needs the sources to overlap (or both to be missing). Cues count as exact sets
//! per document.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};
use dossier_core::{Metadata, Span};
use serde::Serialize;

use crate::metrics::{byte_to_char, Prf};
use crate::readers::brat::{self, CSpan, Relation};
use crate::Analyzer;

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub documents: u64,
    pub gold: u64,
    pub predicted: u64,
    pub failed_runs: u64,
    pub cue_exact: Prf,
    pub content_overlap: Prf,
    pub content_source: Prf,
    pub polnear_f1: f64,
    /// Why gold relations were missed, and recall by cue and by content length.
    pub errors: AttributionErrors,
}

/// Where the attributions go wrong, over the gold relations that found no content+source
/// match: nothing proposed over the content, a content that overlaps but is too short or too
/// long (or shifted) to match, the right content with a wrong or a missing source. Then the
/// recall (content+source) of the gold relations by their cue (lower-cased, the 15 most
/// frequent) and by the length of their content in characters.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct AttributionErrors {
    pub never_proposed: u64,
    pub content_too_short: u64,
    pub content_too_long: u64,
    pub content_shifted: u64,
    pub wrong_source: u64,
    pub source_missing: u64,
    pub source_spurious: u64,
    /// cue → (gold relations, matched)
    pub by_cue: BTreeMap<String, (u64, u64)>,
    /// (gold, matched) per content length bucket of [`LENGTH_BUCKETS`]
    pub by_content_length: [(u64, u64); 4],
}

/// Content lengths in characters: each bucket's upper bound (exclusive) and its label.
pub const LENGTH_BUCKETS: [(i64, &str); 4] = [(50, "<50"), (150, "50-149"), (400, "150-399"), (i64::MAX, "400+")];

impl AttributionErrors {
    fn add(&mut self, gold: &[Relation], pred: &[Relation], matched: &[bool], text: &[char]) {
        for (g, &ok) in gold.iter().zip(matched) {
            let (gs, gc, gq) = *g;
            let cue = gq
                .map(|(a, b)| {
                    let (a, b) = (a.max(0) as usize, (b.max(0) as usize).min(text.len()));
                    text.get(a..b).map(|c| c.iter().collect::<String>()).unwrap_or_default()
                })
                .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
                .unwrap_or_else(|| "(no cue)".to_string());
            let e = self.by_cue.entry(cue).or_default();
            e.0 += 1;
            e.1 += u64::from(ok);
            let len = gc.1 - gc.0;
            let bucket = LENGTH_BUCKETS.iter().position(|(max, _)| len < *max).unwrap_or(LENGTH_BUCKETS.len() - 1);
            let e = &mut self.by_content_length[bucket];
            e.0 += 1;
            e.1 += u64::from(ok);
            if ok {
                continue;
            }
            // The prediction that overlaps the gold content most.
            let best = pred.iter().max_by_key(|p| ov(Some(gc), Some(p.1))).filter(|p| ov(Some(gc), Some(p.1)) > 0);
            match best {
                None => self.never_proposed += 1,
                Some(p) if !content_match(gc, p.1) => {
                    if p.1 .0 >= gc.0 && p.1 .1 <= gc.1 {
                        self.content_too_short += 1;
                    } else if p.1 .0 <= gc.0 && p.1 .1 >= gc.1 {
                        self.content_too_long += 1;
                    } else {
                        self.content_shifted += 1;
                    }
                }
                Some(p) => match (gs, p.0) {
                    (Some(_), None) => self.source_missing += 1,
                    (None, Some(_)) => self.source_spurious += 1,
                    _ => self.wrong_source += 1,
                },
            }
        }
    }

    /// The printed breakdown (not part of the script's output).
    pub fn lines(&self) -> String {
        let mut s = format!(
            "missed (no content+source match): never proposed {}, content too short {}, too long {}, shifted {}, \
             wrong source {}, source missing {}, source where gold has none {}\n",
            self.never_proposed,
            self.content_too_short,
            self.content_too_long,
            self.content_shifted,
            self.wrong_source,
            self.source_missing,
            self.source_spurious
        );
        let recall = |(g, m): (u64, u64)| if g == 0 { 0.0 } else { m as f64 / g as f64 };
        s += "recall by content length (characters):";
        for ((_, label), &v) in LENGTH_BUCKETS.iter().zip(&self.by_content_length) {
            s += &format!("  {label} {:.3} ({})", recall(v), v.0);
        }
        s += "\nrecall by cue (most frequent):";
        let mut cues: Vec<(&String, &(u64, u64))> = self.by_cue.iter().collect();
        cues.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for (k, &v) in cues.into_iter().take(15) {
            s += &format!("  \"{k}\" {:.3} ({})", recall(v), v.0);
        }
        s.push('\n');
        s
    }
}

impl Scores {
    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        let l = |name: &str, x: Prf| format!("{name}{}\n", x.line());
        format!(
            "documents={} gold={} predicted={} failed_runs={}\n{}{}{}polnear_f1={:.3}\n",
            self.documents,
            self.gold,
            self.predicted,
            self.failed_runs,
            l("cue exact       ", self.cue_exact),
            l("content overlap ", self.content_overlap),
            l("content+source  ", self.content_source),
            self.polnear_f1
        )
    }
}

/// Scores the first `limit` annotation files (sorted) of a PolNeAR-layout folder.
pub fn score_dir(dir: &Path, limit: Option<usize>, pipeline: &Analyzer) -> Result<Scores> {
    let mut anns = brat::ann_files(dir)?;
    if let Some(n) = limit {
        anns.truncate(n);
    }
    let mut s = Scores { documents: anns.len() as u64, ..Scores::default() };
    let (mut tpc, mut tps, mut tpq, mut pq, mut gq) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for ann in &anns {
        let txt = brat::text_for(dir, ann);
        let raw = std::fs::read(&txt).with_context(|| format!("cannot read {}", txt.display()))?;
        let m = byte_to_char(&raw);
        let chars: Vec<char> = String::from_utf8_lossy(&raw).chars().collect();
        let gold_src = std::fs::read_to_string(ann).with_context(|| format!("cannot read {}", ann.display()))?;
        let gold =
            brat::read_relations(&gold_src).with_context(|| format!("malformed annotation file {}", ann.display()))?;

        let meta = Metadata { source: Some(txt.display().to_string()), ..Metadata::default() };
        let n = raw.len();
        let c = |sp: Span| -> CSpan { (m[sp.start().min(n)] as i64, m[sp.end().min(n)] as i64) };
        let pred: Vec<Relation> = match pipeline.analyze(raw.clone(), meta) {
            Ok((_, a)) => a
                .attributions
                .iter()
                .map(|x| (x.speaker.as_ref().map(|sp| c(sp.span)), c(x.content), Some(c(x.cue))))
                .collect(),
            Err(_) => {
                // `dossier analyze` would have failed: the script counts a failed run.
                s.failed_runs += 1;
                Vec::new()
            }
        };

        s.gold += gold.len() as u64;
        s.predicted += pred.len() as u64;
        let flags = match_flags(&gold, &pred);
        tpc += flags.iter().filter(|f| f.0).count() as u64;
        tps += flags.iter().filter(|f| f.1).count() as u64;
        let matched: Vec<bool> = flags.iter().map(|f| f.1).collect();
        s.errors.add(&gold, &pred, &matched, &chars);
        let gqs: HashSet<CSpan> = gold.iter().filter_map(|g| g.2).collect();
        let pqs: HashSet<CSpan> = pred.iter().filter_map(|p| p.2).collect();
        gq += gqs.len() as u64;
        pq += pqs.len() as u64;
        tpq += gqs.intersection(&pqs).count() as u64;
    }
    s.cue_exact = Prf::of(tpq, pq, gq);
    s.content_overlap = Prf::of(tpc, s.predicted, s.gold);
    s.content_source = Prf::of(tps, s.predicted, s.gold);
    s.polnear_f1 = s.content_source.f1;
    Ok(s)
}

fn ov(a: Option<CSpan>, b: Option<CSpan>) -> i64 {
    match (a, b) {
        (Some(a), Some(b)) => (a.1.min(b.1) - a.0.max(b.0)).max(0),
        _ => 0,
    }
}

fn content_match(g: CSpan, p: CSpan) -> bool {
    ov(Some(g), Some(p)) * 2 >= (g.1 - g.0).max(p.1 - p.0)
}

/// Greedy matching in gold order, each prediction used at most once per measure:
/// returns (content matches, content+source matches).
pub fn match_relations(gold: &[Relation], pred: &[Relation]) -> (u64, u64) {
    let flags = match_flags(gold, pred);
    (flags.iter().filter(|f| f.0).count() as u64, flags.iter().filter(|f| f.1).count() as u64)
}

/// Per gold relation: (matched on content, matched on content and source).
fn match_flags(gold: &[Relation], pred: &[Relation]) -> Vec<(bool, bool)> {
    let mut used_c = vec![false; pred.len()];
    let mut used_s = vec![false; pred.len()];
    let mut out = Vec::with_capacity(gold.len());
    for &(gs, gc, _) in gold {
        let c = (0..pred.len()).find(|&i| !used_c[i] && content_match(gc, pred[i].1));
        if let Some(i) = c {
            used_c[i] = true;
        }
        let src_ok = |ps: Option<CSpan>| (gs.is_none() && ps.is_none()) || ov(gs, ps) > 0;
        let cs = (0..pred.len()).find(|&i| !used_s[i] && src_ok(pred[i].0) && content_match(gc, pred[i].1));
        if let Some(i) = cs {
            used_s[i] = true;
        }
        out.push((c.is_some(), cs.is_some()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_is_greedy_and_needs_half_the_longer_span() {
        let gold = [(None, (0, 10), None), (Some((0, 2)), (0, 10), None)];
        let pred = [(Some((0, 1)), (5, 10), None), (None, (0, 9), None)];
        // Gold 1 takes pred 0 for content, pred 1 for source (both without source);
        // gold 2 takes pred 1 for content, pred 0 for source.
        assert_eq!(match_relations(&gold, &pred), (2, 2));
        assert_eq!(match_relations(&gold[..1], &[(None, (6, 10), None)]), (0, 0));
    }

    #[test]
    fn scores_print_like_the_script() {
        let s = Scores { documents: 1, gold: 2, predicted: 1, content_source: Prf::of(1, 1, 2), ..Scores::default() };
        assert!(s.lines().contains("content+source  P=1.000 R=0.500 F1=0.667\n"));
    }

    #[test]
    fn a_folder_with_an_empty_text_counts_a_failed_run() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("attributions")).unwrap();
        std::fs::create_dir_all(d.path().join("text")).unwrap();
        let text = "“We will win,” Ann Smith said.\n";
        std::fs::write(d.path().join("text/a.txt"), text).unwrap();
        let content = (1, 12);
        std::fs::write(
            d.path().join("attributions/a.ann"),
            format!(
                "T1\tSource 15 24\tAnn Smith\nT2\tCue 25 29\tsaid\nT3\tContent {} {}\tWe will win\nE1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\n",
                content.0, content.1
            ),
        )
        .unwrap();
        std::fs::write(d.path().join("text/b.txt"), "  \n").unwrap();
        std::fs::write(d.path().join("attributions/b.ann"), "").unwrap();
        let s = score_dir(d.path(), None, &crate::testutil::pipeline()).unwrap();
        assert_eq!((s.documents, s.gold, s.failed_runs), (2, 1, 1));
        assert_eq!(s.content_source.recall, 1.0, "{s:?}");
        assert_eq!(s.cue_exact.recall, 1.0, "{s:?}");
    }
}
