//! `dossier eval ner`: the entity tagger on gold tokens, exact span + exact type micro P/R/F1
//! over PER/ORG/LOC (the figures of `shared/tools/score_ner.py`). Dossier's kinds map as person
//! → PER, organization → ORG, place → LOC; group (GRP: nationalities, religious and political
//! groups) is not scored, as neither UNER nor CoNLL tags it as PER/ORG/LOC. [`tag_text`] gives
//! the tagger's mentions on raw text in `score_ner.py`'s input contract.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dossier_ner::{spans, EntitySpan, Kind, Tagger};
use serde::Serialize;

use crate::metrics::Counts;
use crate::readers::conll::read_ner_gold;

/// The kinds that are scored.
pub const SCORED: [Kind; 3] = [Kind::Per, Kind::Org, Kind::Loc];

/// Counts per scored kind (PER, ORG, LOC, in that order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerCounts {
    pub by_kind: [Counts; 3],
}

impl NerCounts {
    /// Adds one sentence: gold and predicted spans (GRP and duplicates ignored).
    pub fn add(&mut self, gold: &[EntitySpan], pred: &[EntitySpan]) {
        let g: HashSet<&EntitySpan> = gold.iter().collect();
        let p: HashSet<&EntitySpan> = pred.iter().collect();
        for (k, c) in SCORED.iter().zip(self.by_kind.iter_mut()) {
            let gk: HashSet<_> = g.iter().filter(|s| s.kind == *k).collect();
            let pk: HashSet<_> = p.iter().filter(|s| s.kind == *k).collect();
            let tp = gk.intersection(&pk).count() as u64;
            c.add(Counts::new(tp, pk.len() as u64, gk.len() as u64));
        }
    }

    /// Micro-averaged counts over PER, ORG and LOC.
    pub fn micro(&self) -> Counts {
        let mut m = Counts::default();
        for c in &self.by_kind {
            m.add(*c);
        }
        m
    }

    /// Counts of one scored kind (`None` for GRP).
    pub fn kind(&self, k: Kind) -> Option<Counts> {
        SCORED.iter().position(|&s| s == k).map(|i| self.by_kind[i])
    }
}

/// Where the tagger goes wrong, by kind of error (over the scored kinds; a gold entity or a
/// prediction counts once): the same tokens with another kind, the right kind over other tokens
/// (too short or too long), both, a gold entity nothing touches, a prediction no gold entity
/// touches. Missed and spurious are also split by length in tokens (1, 2, 3 or more).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NerErrors {
    pub wrong_kind: u64,
    pub boundary_too_short: u64,
    pub boundary_too_long: u64,
    pub boundary_other: u64,
    pub boundary_and_kind: u64,
    pub missed: u64,
    pub spurious: u64,
    pub missed_by_length: [u64; 3],
    pub spurious_by_length: [u64; 3],
}

impl NerErrors {
    /// Adds one sentence's errors.
    pub fn add(&mut self, gold: &[EntitySpan], pred: &[EntitySpan]) {
        let scored = |e: &&EntitySpan| SCORED.contains(&e.kind);
        let overlaps = |a: &EntitySpan, b: &EntitySpan| a.start < b.end && b.start < a.end;
        let len_bucket = |e: &EntitySpan| (e.end - e.start).clamp(1, 3) - 1;
        for g in gold.iter().filter(scored) {
            if pred.contains(g) {
                continue;
            }
            let touching: Vec<&EntitySpan> = pred.iter().filter(|p| overlaps(g, p)).collect();
            if touching.iter().any(|p| p.start == g.start && p.end == g.end) {
                self.wrong_kind += 1;
            } else if let Some(p) = touching.iter().find(|p| p.kind == g.kind) {
                if p.start >= g.start && p.end <= g.end {
                    self.boundary_too_short += 1;
                } else if p.start <= g.start && p.end >= g.end {
                    self.boundary_too_long += 1;
                } else {
                    self.boundary_other += 1;
                }
            } else if !touching.is_empty() {
                self.boundary_and_kind += 1;
            } else {
                self.missed += 1;
                self.missed_by_length[len_bucket(g)] += 1;
            }
        }
        for p in pred.iter().filter(scored) {
            if !gold.iter().filter(scored).any(|g| overlaps(g, p)) {
                self.spurious += 1;
                self.spurious_by_length[len_bucket(p)] += 1;
            }
        }
    }

    fn line(&self) -> String {
        format!(
            "errors: wrong kind {}, too short {}, too long {}, other boundary {}, boundary and kind {}, \
             missed {} (by length 1/2/3+: {}/{}/{}), spurious {} ({}/{}/{})\n",
            self.wrong_kind,
            self.boundary_too_short,
            self.boundary_too_long,
            self.boundary_other,
            self.boundary_and_kind,
            self.missed,
            self.missed_by_length[0],
            self.missed_by_length[1],
            self.missed_by_length[2],
            self.spurious,
            self.spurious_by_length[0],
            self.spurious_by_length[1],
            self.spurious_by_length[2],
        )
    }
}

/// One measure as the report prints it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KindScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: u64,
    pub predicted: u64,
}

impl From<Counts> for KindScores {
    fn from(c: Counts) -> KindScores {
        let p = c.prf();
        KindScores { precision: p.precision, recall: p.recall, f1: p.f1, gold: c.gold, predicted: c.predicted }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerReport {
    pub files: Vec<String>,
    pub sentences: usize,
    pub tokens: usize,
    pub per: KindScores,
    pub org: KindScores,
    pub loc: KindScores,
    pub micro: KindScores,
    pub errors: NerErrors,
}

impl NerReport {
    /// The printed report: one line per kind, then `ner_f1=`.
    pub fn lines(&self) -> String {
        let line = |name: &str, p: &KindScores| {
            format!(
                "{name:<5} P={:.3} R={:.3} F1={:.3}  (gold {}, predicted {})\n",
                p.precision, p.recall, p.f1, p.gold, p.predicted
            )
        };
        let mut s = format!("{} sentences, {} tokens\n", self.sentences, self.tokens);
        s += &line("PER", &self.per);
        s += &line("ORG", &self.org);
        s += &line("LOC", &self.loc);
        s += &line("micro", &self.micro);
        s += &self.errors.line();
        s += &format!("ner_f1={:.3}\n", self.micro.f1);
        s
    }
}

/// What to write beside the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dump {
    #[default]
    None,
    /// `token gold` lines (CoNLL, IOB2).
    Gold,
    /// `token predicted gold` lines.
    WithPredictions,
}

/// Tags the gold tokens of every file and scores them; with `dump`, also returns the CoNLL
/// text. `report` receives the readers' notes (re3d's line).
pub fn score_files(
    tagger: &Tagger,
    paths: &[PathBuf],
    dump: Dump,
    report: &mut dyn FnMut(&str),
) -> Result<(NerReport, String)> {
    let mut scores = NerCounts::default();
    let mut errors = NerErrors::default();
    let (mut n_sent, mut n_tok) = (0, 0);
    let mut conll_out = String::new();
    for path in paths {
        for g in read_ner_gold(path, tagger.gazetteer(), report)? {
            let words: Vec<&str> = g.tokens.iter().map(String::as_str).collect();
            let tags = tagger.tag(&words);
            let predicted = spans(&tags);
            scores.add(&g.spans, &predicted);
            errors.add(&g.spans, &predicted);
            n_sent += 1;
            n_tok += words.len();
            if dump != Dump::None {
                let gold_tags = dossier_ner::sentences_from_spans(std::slice::from_ref(&g));
                for ((w, t), p) in words.iter().zip(&gold_tags[0].tags).zip(&tags) {
                    if dump == Dump::WithPredictions {
                        conll_out.push_str(&format!("{w} {} {}\n", p.to_iob2(), t.to_iob2()));
                    } else {
                        conll_out.push_str(&format!("{w} {}\n", t.to_iob2()));
                    }
                }
                conll_out.push('\n');
            }
        }
    }
    let report = NerReport {
        files: paths.iter().map(|p| p.display().to_string()).collect(),
        sentences: n_sent,
        tokens: n_tok,
        per: scores.by_kind[0].into(),
        org: scores.by_kind[1].into(),
        loc: scores.by_kind[2].into(),
        micro: scores.micro().into(),
        errors,
    };
    Ok((report, conll_out))
}

/// The kind names of Dossier's JSON contract.
pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Per => "person",
        Kind::Org => "organization",
        Kind::Loc => "place",
        Kind::Grp => "group",
    }
}

#[derive(Serialize)]
struct MentionJson<'a> {
    start: usize,
    end: usize,
    kind: &'static str,
    text: &'a str,
}

/// Tags raw text line by line: `{"mentions":[{start,end,kind,text}]}` with byte offsets, the
/// input contract of `score_ner.py`.
pub fn tag_text(tagger: &Tagger, text: &str) -> String {
    let mut mentions = Vec::new();
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        let toks = dossier_ner::tokenize(line);
        let words: Vec<&str> = toks.iter().map(|&(a, b)| &line[a..b]).collect();
        for EntitySpan { start, end, kind } in spans(&tagger.tag(&words)) {
            let (s, e) = (toks[start].0, toks[end - 1].1);
            mentions.push(MentionJson { start: base + s, end: base + e, kind: kind_name(kind), text: &line[s..e] });
        }
        base += line.len();
    }
    serde_json::json!({ "mentions": mentions }).to_string()
}

/// Loads a model file.
pub fn load_model(path: &Path) -> Result<Tagger> {
    let bytes = std::fs::read(path).with_context(|| format!("reading model {}", path.display()))?;
    Tagger::load(&bytes).with_context(|| format!("loading model {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: Kind) -> EntitySpan {
        EntitySpan { start, end, kind }
    }

    #[test]
    fn counts_per_kind_ignore_groups_and_duplicates() {
        let mut s = NerCounts::default();
        let gold = [span(0, 1, Kind::Per), span(2, 4, Kind::Loc), span(5, 6, Kind::Grp)];
        let pred = [span(0, 1, Kind::Per), span(0, 1, Kind::Per), span(2, 3, Kind::Loc), span(5, 6, Kind::Org)];
        s.add(&gold, &pred);
        assert_eq!(s.kind(Kind::Per), Some(Counts::new(1, 1, 1)));
        assert_eq!(s.kind(Kind::Loc), Some(Counts::new(0, 1, 1)));
        assert_eq!(s.kind(Kind::Org), Some(Counts::new(0, 1, 0)));
        assert_eq!(s.kind(Kind::Grp), None);
        let m = s.micro();
        assert_eq!(m, Counts::new(1, 3, 2));
        let k = KindScores::from(m);
        assert_eq!((k.gold, k.predicted), (2, 3));
        assert!((k.f1 - 0.4).abs() < 1e-12);
    }

    #[test]
    fn errors_are_told_apart() {
        let mut e = NerErrors::default();
        let gold = [
            span(0, 2, Kind::Per),   // found as ORG: wrong kind
            span(3, 6, Kind::Org),   // found as 3..5 ORG: too short
            span(7, 8, Kind::Loc),   // found as 6..8 LOC... but 6..8 also touches nothing else: too long
            span(10, 12, Kind::Per), // nothing: missed, length 2
            span(14, 15, Kind::Grp), // not scored
        ];
        let pred = [
            span(0, 2, Kind::Org),
            span(3, 5, Kind::Org),
            span(6, 8, Kind::Loc),
            span(14, 15, Kind::Org), // over a group only: spurious
            span(20, 23, Kind::Loc), // spurious, length 3
        ];
        e.add(&gold, &pred);
        assert_eq!((e.wrong_kind, e.boundary_too_short, e.boundary_too_long), (1, 1, 1));
        assert_eq!((e.missed, e.missed_by_length), (1, [0, 1, 0]));
        assert_eq!((e.spurious, e.spurious_by_length), (2, [1, 0, 1]));
        assert_eq!((e.boundary_other, e.boundary_and_kind), (0, 0));
    }
}
