//! The JSON of `dossier claims --json`, `dossier claim ID --json` and `/api/claims`, version
//! [`CLAIMS_CONTRACT_VERSION`] (docs/claims-contract.md). Extra fields may be added in a minor
//! version; none is removed or renamed without a major one.

use serde::{Deserialize, Serialize};

use crate::group::Match;
use crate::stance::ReportStance;

pub const CLAIMS_CONTRACT_VERSION: &str = "1.0";

/// An entity a claim is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AboutJson {
    pub entity: i64,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstSeenJson {
    pub date: Option<String>,
    pub document: String,
    pub outlet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerJson {
    pub name: String,
    pub entity: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceJson {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberJson {
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// "about 10,000" (extra field; from the quantity layer).
    pub approx: bool,
    pub text: String,
}

/// One report of a claim: one statement, headline or event of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportJson {
    pub document: String,
    /// The document's title, when it has one (extra field).
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// `headline`, `statement` or `event` (extra field).
    pub kind: String,
    pub speaker: Option<SpeakerJson>,
    pub stance: ReportStance,
    pub hedged: bool,
    pub evidence: EvidenceJson,
    pub number: Option<NumberJson>,
    /// What tied it to the claim; `None` for the report that opened it (extra field, filled by
    /// `dossier claim ID --why` and the claim page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Match>,
}

/// One value of a number claim, in date order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberPointJson {
    pub date: Option<String>,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: bool,
    pub text: String,
    pub speaker: Option<String>,
    pub document: String,
    /// The value differs from the one before it (extra field).
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimJson {
    pub id: i64,
    pub text: String,
    pub about: Vec<AboutJson>,
    pub event_type: Option<String>,
    pub first_seen: FirstSeenJson,
    pub documents: u32,
    pub reports: Vec<ReportJson>,
    pub numbers: Vec<NumberPointJson>,
}

impl NumberPointJson {
    /// The number series of a claim's reports: the ones that give a number, in date order (undated
    /// last, then in report order), each marked where its value differs from the one before.
    pub fn series(reports: &[ReportJson]) -> Vec<NumberPointJson> {
        let points: Vec<NumberPointJson> = reports
            .iter()
            .filter_map(|r| {
                let n = r.number.as_ref()?;
                Some(NumberPointJson {
                    date: r.date.clone(),
                    value: n.value,
                    low: n.low,
                    high: n.high,
                    approx: n.approx,
                    text: n.text.clone(),
                    speaker: r.speaker.as_ref().map(|s| s.name.clone()),
                    document: r.document.clone(),
                    changed: false,
                })
            })
            .collect();
        Self::in_order(points)
    }

    /// Points in date order (undated last, the order given kept among equals), each marked where
    /// its value differs from the one before.
    pub fn in_order(mut points: Vec<NumberPointJson>) -> Vec<NumberPointJson> {
        points.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let mut last: Option<(Option<f64>, Option<f64>, Option<f64>)> = None;
        for p in &mut points {
            let key = (p.value, p.low, p.high);
            p.changed = last.is_some_and(|l| l != key);
            last = Some(key);
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(date: Option<&str>, value: Option<f64>) -> ReportJson {
        ReportJson {
            document: format!("d{date:?}"),
            title: None,
            date: date.map(str::to_string),
            outlet: None,
            kind: "statement".into(),
            speaker: None,
            stance: ReportStance::Asserts,
            hedged: false,
            evidence: EvidenceJson { start: 0, end: 1, text: "x".into() },
            number: value.map(|v| NumberJson {
                value: Some(v),
                low: None,
                high: None,
                approx: false,
                text: v.to_string(),
            }),
            why: None,
        }
    }

    #[test]
    fn the_series_is_in_date_order_and_marks_changes() {
        let r = [
            report(Some("2024-11-02"), Some(10_000.0)),
            report(None, Some(12_000.0)),
            report(Some("2024-10-20"), Some(3_000.0)),
            report(Some("2024-10-21"), None),
            report(Some("2024-10-25"), Some(3_000.0)),
        ];
        let s = NumberPointJson::series(&r);
        let values: Vec<_> = s.iter().map(|p| p.value.unwrap()).collect();
        assert_eq!(values, [3_000.0, 3_000.0, 10_000.0, 12_000.0]);
        let changed: Vec<_> = s.iter().map(|p| p.changed).collect();
        assert_eq!(changed, [false, false, true, true]);
    }
}
