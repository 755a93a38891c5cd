//! Microsoft Recognizers-Text specs (JSON lists of cases `{Input, Context, Results}`):
//! DateTime model cases as time gold, Number/NumberWithUnit model cases as quantity gold
//! (converted to the NewsQuant/CQE format of [`super::quantities`]).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use serde_json::Value;

use super::quantities::{gold_unit, py_num, GoldQuantity, QuantRecord};
use super::timeml::{GoldTime, TimeDoc};
use super::walk;
use crate::metrics::utf16_to_byte;

/// The DateTime spec files at `path`: the file itself, or every `DateTimeModel.json` under a
/// folder (the model-level spec; the extractor/parser unit specs and the calendar, tasks and
/// experimental modes are left out).
pub fn datetime_spec_files(path: &Path) -> Result<Vec<PathBuf>> {
    let files: Vec<PathBuf> = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        walk(path)?.into_iter().filter(|p| p.file_name().is_some_and(|n| n == "DateTimeModel.json")).collect()
    };
    if files.is_empty() {
        bail!("no DateTimeModel.json under {}", path.display());
    }
    Ok(files)
}

/// One DateTime case: `Input` with `Context.ReferenceDateTime` as publication date; each result
/// a gold span (`Start`..`End` inclusive, UTF-16 indices, converted to bytes) whose values are
/// `Resolution.values[*].timex`.
pub fn datetime_case(case: &Value) -> Result<TimeDoc> {
    let text = case["Input"].as_str().context("no Input")?.to_string();
    let published = case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
    let u16_to_byte = utf16_to_byte(&text);
    let mut gold = Vec::new();
    for r in case["Results"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let start = r["Start"].as_u64().context("no Start")?;
        // `End` is inclusive; u64::MAX + 1 overflowed (a panic with overflow checks).
        let end = r["End"].as_u64().context("no End")?.saturating_add(1);
        let at = |i: u64| usize::try_from(i).ok().and_then(|i| u16_to_byte.get(i).copied());
        let (Some(s), Some(e)) = (at(start), at(end)) else {
            bail!("span {start}..{end} outside {text:?}");
        };
        if s > e {
            bail!("span {start}..{end} runs backwards in {text:?}");
        }
        let values = r["Resolution"]["values"]
            .as_array()
            .map(|vs| vs.iter().filter_map(|v| v["timex"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        gold.push(GoldTime { start: s, end: e, values });
    }
    Ok(TimeDoc { text, published, gold, gold_in_chars: false })
}

/// A Number/NumberWithUnit case as a NewsQuant record: percentages `"100%"` → 100 with unit
/// `%`, ranges `"(20,35]"` → their lower end (upper where open below), ordinals dropped, units
/// through [`gold_unit`].
pub fn number_case(c: &Value) -> Result<QuantRecord> {
    let mut qs = Vec::new();
    for r in c["Results"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let kind = r["TypeName"].as_str().unwrap_or("");
        if kind.starts_with("ordinal") {
            continue;
        }
        let res = &r["Resolution"];
        let raw = res["value"].as_str().unwrap_or("");
        let (value, unit) = match kind {
            "percentage" => (raw.trim_end_matches('%').trim().to_string(), "%".to_string()),
            "numberrange" => (range_end(raw), String::new()),
            _ => (raw.to_string(), gold_unit(kind, res["unit"].as_str().unwrap_or(""))),
        };
        let value = py_num(&Value::String(value.clone()))
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(value), Value::Number);
        qs.push(GoldQuantity { value, unit, change: None });
    }
    Ok(QuantRecord { text: c["Input"].as_str().context("no Input")?.to_string(), quantities: qs })
}

/// A Recognizers range "(20,35]" as one gold value: its lower end, else its upper end.
fn range_end(raw: &str) -> String {
    let inner = raw.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'));
    let (lo, hi) = inner.split_once(',').unwrap_or((inner, ""));
    if lo.trim().is_empty() {
        hi.trim().to_string()
    } else {
        lo.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_case_in_bytes() {
        let case: Value = serde_json::from_str(
            r#"{"Input":"😀 on Monday","Context":{"ReferenceDateTime":"2016-11-07T00:00:00"},
                "Results":[{"Text":"monday","Start":6,"End":11,"Resolution":{"values":[{"timex":"XXXX-WXX-1"},{"timex":"2016-11-07"}]}}]}"#,
        )
        .unwrap();
        let d = datetime_case(&case).unwrap();
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2016, 11, 7));
        assert_eq!(&d.text[d.gold[0].start..d.gold[0].end], "Monday");
        assert_eq!(d.gold[0].values, ["XXXX-WXX-1", "2016-11-07"]);
        assert!(!d.gold_in_chars);
        let bad: Value = serde_json::from_str(r#"{"Input":"x","Results":[{"Start":0,"End":5}]}"#).unwrap();
        assert!(datetime_case(&bad).is_err());
    }

    #[test]
    fn number_cases_convert() {
        let case: Value = serde_json::from_str(
            r#"{"Input":"between 20 and 35, 100% and the first","Results":[
                {"TypeName":"numberrange","Resolution":{"value":"(20,35)"}},
                {"TypeName":"percentage","Resolution":{"value":"100%"}},
                {"TypeName":"ordinal","Resolution":{"value":"1"}},
                {"TypeName":"currency","Resolution":{"value":"5","unit":"Pound"}}]}"#,
        )
        .unwrap();
        let r = number_case(&case).unwrap();
        let got: Vec<(String, &str)> = r.quantities.iter().map(|q| (q.value.to_string(), q.unit.as_str())).collect();
        assert_eq!(got, [("20.0".to_string(), ""), ("100.0".to_string(), "%"), ("5.0".to_string(), "GBP")]);
        assert_eq!(range_end("(20,35]"), "20");
        assert_eq!(range_end("(,30)"), "30");
    }
}
