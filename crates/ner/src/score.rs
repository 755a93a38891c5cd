//! Exact-span, exact-type precision, recall and F1 over PER/ORG/LOC (GRP is not scored: the
//! evaluation sets do not tag nationalities and groups).

use std::collections::HashSet;

use crate::tags::{EntitySpan, Kind};

/// True positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and gold.
    pub tp: usize,
    /// Predicted, not gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 = 2tp / (2tp + fp + fn).
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counts per scored kind (PER, ORG, LOC).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Counts for PER, ORG, LOC in that order.
    pub by_kind: [Counts; 3],
}

/// The kinds that are scored.
pub const SCORED: [Kind; 3] = [Kind::Per, Kind::Org, Kind::Loc];

impl Scores {
    /// Adds one sentence: gold and predicted spans (GRP and duplicates ignored).
    pub fn add(&mut self, gold: &[EntitySpan], pred: &[EntitySpan]) {
        let g: HashSet<&EntitySpan> = gold.iter().collect();
        let p: HashSet<&EntitySpan> = pred.iter().collect();
        for (k, c) in SCORED.iter().zip(self.by_kind.iter_mut()) {
            let gk: HashSet<_> = g.iter().filter(|s| s.kind == *k).collect();
            let pk: HashSet<_> = p.iter().filter(|s| s.kind == *k).collect();
            let tp = gk.intersection(&pk).count();
            c.tp += tp;
            c.fp += pk.len() - tp;
            c.fn_ += gk.len() - tp;
        }
    }

    /// Micro-averaged counts over PER, ORG and LOC.
    pub fn micro(&self) -> Counts {
        self.by_kind.iter().fold(Counts::default(), |a, c| Counts {
            tp: a.tp + c.tp,
            fp: a.fp + c.fp,
            fn_: a.fn_ + c.fn_,
        })
    }

    /// Counts of one scored kind (`None` for GRP).
    pub fn kind(&self, k: Kind) -> Option<Counts> {
        SCORED.iter().position(|&s| s == k).map(|i| self.by_kind[i])
    }
}
