//! `dossier eval headlines`: the stance model on FNC-1 pairs. Writes predictions in FNC-1's format
//! (`Headline,Body ID,Stance`) and, when the stances file has gold labels, scores them exactly as
//! `shared/tools/score_fnc.py` does: the FNC-1 score as a share of the best possible (0.25 for
//! related/unrelated right, 0.75 more for the right related label), per-class F1 and macro-F1; a
//! gold pair with no prediction counts as wrong. With a list of body ids only those bodies'
//! pairs are predicted and scored (FNC-1's usual dev split of its training data).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};
use dossier_stance::{Label, PreparedBody, StanceModel};
use serde::Serialize;

use crate::readers::fnc::StancePair;

pub const LABELS: [&str; 4] = ["agree", "disagree", "discuss", "unrelated"];

/// The figures of score_fnc.py.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FncScore {
    pub pairs: usize,
    pub missing: usize,
    /// agree, disagree, discuss, unrelated.
    pub f1: [f64; 4],
    pub macro_f1: f64,
    pub fnc_relative: f64,
}

impl FncScore {
    /// The lines score_fnc.py prints, byte for byte.
    pub fn lines(&self) -> String {
        let per: Vec<String> = LABELS.iter().zip(self.f1).map(|(l, f)| format!("{l}_f1={f:.3}")).collect();
        format!(
            "pairs={} missing={} {}\nmacro_f1={:.3}\nfnc_relative={:.4}\n",
            self.pairs,
            self.missing,
            per.join(" "),
            self.macro_f1,
            self.fnc_relative
        )
    }
}

/// Body ids, one a line (dev_body_ids.txt).
pub fn read_body_ids(path: &Path) -> Result<HashSet<u32>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.parse().with_context(|| format!("{}: {l:?} is not a body id", path.display())))
        .collect()
}

/// One prediction a pair, in the pairs' order. A pair whose body is missing from `bodies` is
/// judged against an empty body (the model then says unrelated).
pub fn predict(model: &StanceModel, pairs: &[StancePair], bodies: &BTreeMap<u32, String>) -> Vec<Label> {
    let mut prepared: HashMap<u32, PreparedBody> = HashMap::new();
    pairs
        .iter()
        .map(|p| {
            let body = prepared
                .entry(p.body_id)
                .or_insert_with(|| model.prepare(bodies.get(&p.body_id).map_or("", String::as_str), None));
            model.judge_prepared(&p.headline, body).label
        })
        .collect()
}

/// FNC-1 predictions CSV.
pub fn predictions_csv(pairs: &[StancePair], labels: &[Label]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Headline", "Body ID", "Stance"])?;
    for (p, l) in pairs.iter().zip(labels) {
        w.write_record([p.headline.as_str(), &p.body_id.to_string(), l.as_str()])?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// Scores predictions keyed by (headline, body id) against the gold pairs, as score_fnc.py does
/// (a later prediction of the same key replaces an earlier one, as a Python dict does).
pub fn score(gold: &[StancePair], pred: &[(String, u32, String)]) -> FncScore {
    let map: HashMap<(&str, u32), &str> = pred.iter().map(|(h, b, s)| ((h.as_str(), *b), s.as_str())).collect();
    let (mut score, mut best, mut missing) = (0.0f64, 0.0f64, 0usize);
    let mut counts = [[0usize; 3]; 4];
    let index = |l: &str| LABELS.iter().position(|x| *x == l);
    let mut pairs = 0;
    for g in gold {
        let Some(gs) = g.stance.as_deref() else { continue };
        pairs += 1;
        let gs = gs.trim().to_lowercase();
        let p = map.get(&(g.headline.as_str(), g.body_id)).map(|p| p.trim().to_lowercase());
        if p.is_none() {
            missing += 1;
        }
        best += if gs == "unrelated" { 0.25 } else { 1.0 };
        let same = p.as_deref() == Some(gs.as_str());
        if same {
            score += 0.25 + if gs != "unrelated" { 0.5 } else { 0.0 };
        }
        if gs != "unrelated" && p.as_deref().is_some_and(|p| p != "unrelated") {
            score += 0.25;
        }
        let gi = index(&gs);
        if same {
            if let Some(gi) = gi {
                counts[gi][0] += 1;
            }
        } else {
            if let Some(gi) = gi {
                counts[gi][2] += 1;
            }
            if let Some(pi) = p.as_deref().and_then(index) {
                counts[pi][1] += 1;
            }
        }
    }
    let f1 = counts.map(|[tp, fp, fn_]| if tp == 0 { 0.0 } else { 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64 });
    FncScore {
        pairs,
        missing,
        f1,
        macro_f1: f1.iter().sum::<f64>() / 4.0,
        fnc_relative: if best > 0.0 { score / best } else { 0.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(h: &str, b: u32, s: &str) -> StancePair {
        StancePair { headline: h.into(), body_id: b, stance: Some(s.into()) }
    }

    #[test]
    fn scoring_follows_score_fnc() {
        let gold =
            [pair("a", 1, "agree"), pair("b", 1, "disagree"), pair("c", 2, "unrelated"), pair("d", 2, "discuss")];
        let pred = vec![
            ("a".to_string(), 1, "agree".to_string()),
            ("b".to_string(), 1, "discuss".to_string()),
            ("c".to_string(), 2, "unrelated".to_string()),
        ];
        let s = score(&gold, &pred);
        assert_eq!(s.missing, 1);
        assert!((s.fnc_relative - 1.5 / 3.25).abs() < 1e-12);
        assert_eq!(s.f1[0], 1.0);
        assert_eq!(s.f1[1], 0.0);
        assert!(s.lines().starts_with("pairs=4 missing=1 agree_f1=1.000 disagree_f1=0.000 discuss_f1=0.000"));
    }

    #[test]
    fn predictions_are_fnc_csv() {
        let pairs = [StancePair { headline: "Says \"x\", y".into(), body_id: 7, stance: None }];
        let csv = predictions_csv(&pairs, &[Label::Discuss]).unwrap();
        assert_eq!(String::from_utf8(csv).unwrap(), "Headline,Body ID,Stance\n\"Says \"\"x\"\", y\",7,discuss\n");
    }
}
