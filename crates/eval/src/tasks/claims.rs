//! `dossier eval claims`: Emergent article headlines grouped into claims, and each headline's
//! stance toward its claim, scored exactly as `shared/tools/score_emergent.py` scores them.
//!
//! Only `articleId` and `articleHeadline` are read to predict: the headlines go through the
//! claims layer's own [`Grouper`] in file order (as if each were a new article arriving), and
//! each headline's stance is the claims layer's reading of its words (`asserts`/`confirms` →
//! for, `denies` → against, `repeats`/`questions` → observing).

use std::collections::HashMap;

use dossier_claims::stance::of_text;
use dossier_claims::{Grouper, IdfTable, Item, ReportStance};
use serde::Serialize;

use crate::readers::emergent::EmergentRow;

/// One line of the prediction file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimPrediction {
    #[serde(rename = "articleId")]
    pub article_id: String,
    pub claim: String,
    pub stance: &'static str,
}

/// Emergent's three stances from the claims layer's five.
pub fn emergent_stance(s: ReportStance) -> &'static str {
    match s {
        ReportStance::Asserts | ReportStance::Confirms => "for",
        ReportStance::Denies => "against",
        ReportStance::Repeats | ReportStance::Questions => "observing",
    }
}

/// Groups and reads the headlines; `threshold` overrides the claims layer's attach score.
pub fn predict(rows: &[EmergentRow], threshold: Option<f32>) -> Vec<ClaimPrediction> {
    let idf = IdfTable::builtin();
    let mut g = threshold.map_or_else(Grouper::new, Grouper::with_threshold);
    rows.iter()
        .map(|r| {
            let (claim, _) = g.add(&Item::new(idf, &r.article_headline));
            ClaimPrediction {
                article_id: r.article_id.clone(),
                claim: format!("c{claim}"),
                stance: emergent_stance(of_text(&r.article_headline)),
            }
        })
        .collect()
}

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct ClaimScores {
    pub articles: usize,
    pub claims: usize,
    pub predicted_groups: usize,
    pub missing: usize,
    pub stance_accuracy: f64,
    pub stance_macro_f1: f64,
    pub for_f1: f64,
    pub against_f1: f64,
    pub observing_f1: f64,
    pub b3_precision: f64,
    pub b3_recall: f64,
    pub b3_f1: f64,
}

impl ClaimScores {
    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "articles={} claims={} predicted_groups={} missing={}\n\
             stance_accuracy={:.3} stance_macro_f1={:.3} for_f1={:.3} against_f1={:.3} observing_f1={:.3}\n\
             b3_precision={:.3} b3_recall={:.3}\nemergent_b3_f1={:.3}\n",
            self.articles,
            self.claims,
            self.predicted_groups,
            self.missing,
            self.stance_accuracy,
            self.stance_macro_f1,
            self.for_f1,
            self.against_f1,
            self.observing_f1,
            self.b3_precision,
            self.b3_recall,
            self.b3_f1
        )
    }
}

/// B-cubed precision, recall and F1 of `pred` against `gold` (item → cluster), over gold's items.
pub fn b_cubed<'a>(gold: &HashMap<&'a str, &'a str>, pred: &HashMap<&'a str, String>) -> (f64, f64, f64) {
    let mut gc: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut pc: HashMap<&str, Vec<&str>> = HashMap::new();
    for (i, c) in gold {
        gc.entry(c).or_default().push(i);
    }
    for (i, c) in pred {
        pc.entry(c.as_str()).or_default().push(i);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (i, c) in gold {
        let g = &gc[c];
        let q = &pc[pred[i].as_str()];
        let both = g.iter().filter(|x| q.contains(x)).count() as f64;
        p += both / q.len() as f64;
        r += both / g.len() as f64;
    }
    let n = gold.len().max(1) as f64;
    let (p, r) = (p / n, r / n);
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// Scores predictions against rows that carry their claim and stance; `None` when they do not.
pub fn score(rows: &[EmergentRow], preds: &[ClaimPrediction]) -> Option<ClaimScores> {
    if rows.iter().any(|r| r.claim_id.is_none() || r.stance.is_none()) {
        return None;
    }
    let by_id: HashMap<&str, &ClaimPrediction> = preds.iter().map(|p| (p.article_id.as_str(), p)).collect();
    let gold: HashMap<&str, &str> =
        rows.iter().map(|r| (r.article_id.as_str(), r.claim_id.as_deref().unwrap_or(""))).collect();
    // As the script: an article without a prediction is a group of its own.
    let pred: HashMap<&str, String> = gold
        .keys()
        .map(|a| (*a, by_id.get(a).map_or_else(|| format!("alone\u{1}{a}"), |p| format!("pred\u{1}{}", p.claim))))
        .collect();
    let (b3_precision, b3_recall, b3_f1) = b_cubed(&gold, &pred);
    let labels = ["for", "against", "observing"];
    let mut cm: HashMap<&str, [u64; 3]> = labels.iter().map(|l| (*l, [0; 3])).collect();
    let mut right = 0;
    for r in rows {
        let g = r.stance.as_deref().unwrap_or("").trim().to_lowercase();
        let q = by_id.get(r.article_id.as_str()).map_or("", |p| p.stance);
        if q == g {
            right += 1;
            if let Some(c) = cm.get_mut(g.as_str()) {
                c[0] += 1;
            }
        } else {
            if let Some(c) = cm.get_mut(g.as_str()) {
                c[2] += 1;
            }
            if let Some(c) = cm.get_mut(q) {
                c[1] += 1;
            }
        }
    }
    let f1 = |l: &str| {
        let [t, fp, fnn] = cm[l];
        if t == 0 {
            0.0
        } else {
            2.0 * t as f64 / (2 * t + fp + fnn) as f64
        }
    };
    let mut claims: Vec<&str> = gold.values().copied().collect();
    claims.sort_unstable();
    claims.dedup();
    let mut groups: Vec<&String> = pred.values().collect();
    groups.sort_unstable();
    groups.dedup();
    Some(ClaimScores {
        articles: rows.len(),
        claims: claims.len(),
        predicted_groups: groups.len(),
        missing: gold.keys().filter(|a| !by_id.contains_key(*a)).count(),
        stance_accuracy: right as f64 / rows.len().max(1) as f64,
        stance_macro_f1: labels.iter().map(|l| f1(l)).sum::<f64>() / 3.0,
        for_f1: f1("for"),
        against_f1: f1("against"),
        observing_f1: f1("observing"),
        b3_precision,
        b3_recall,
        b3_f1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, headline: &str, claim: &str, stance: &str) -> EmergentRow {
        EmergentRow {
            article_id: id.into(),
            article_headline: headline.into(),
            claim_id: Some(claim.into()),
            claim_headline: None,
            stance: Some(stance.into()),
        }
    }

    #[test]
    fn grouping_and_stance_on_a_small_file() {
        let rows = [
            row("a1", "North Korea sends 10,000 troops to Russia", "c1", "for"),
            row("a2", "Pyongyang denies sending troops to Russia", "c1", "against"),
            row("a3", "Apple reportedly plans a cheaper iPhone", "c2", "observing"),
            row("a4", "Apple to launch cheaper iPhone next year", "c2", "for"),
        ];
        let preds = predict(&rows, None);
        assert_eq!(preds[0].claim, preds[1].claim);
        assert_eq!(preds[2].claim, preds[3].claim);
        assert_ne!(preds[0].claim, preds[2].claim);
        let s = score(&rows, &preds).unwrap();
        assert_eq!(s.b3_f1, 1.0);
        assert_eq!(s.stance_accuracy, 1.0);
        assert!(s.lines().ends_with("emergent_b3_f1=1.000\n"));
        // All in one group: precision halves.
        let one: Vec<_> = preds.iter().map(|p| ClaimPrediction { claim: "x".into(), ..p.clone() }).collect();
        let s = score(&rows, &one).unwrap();
        assert!((s.b3_precision - 0.5).abs() < 1e-9 && s.b3_recall == 1.0);
        let unlabelled: Vec<_> = rows.iter().map(|r| EmergentRow { claim_id: None, ..r.clone() }).collect();
        assert!(score(&unlabelled, &preds).is_none());
    }
}
