//! Quantity gold in the NewsQuant/CQE format `shared/tools/score_quantities.py` reads
//! (`[{text, quantities: [{value, unit, change}]}]`), and the conversion of quantulum3 test
//! files (`[{req, res: [{value, unit}]}]`) and Recognizers-Text Number specs
//! ([`super::recognizers::number_case`]) to it.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;

use super::{read_json_list, recognizers, walk};

/// One sentence in the NewsQuant/CQE format the reference scorer reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantRecord {
    pub text: String,
    pub quantities: Vec<GoldQuantity>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldQuantity {
    pub value: Value,
    pub unit: String,
    pub change: Option<String>,
}

/// One file of gold: where it came from, its format and its records.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantSet {
    pub source: String,
    pub format: String,
    pub records: Vec<QuantRecord>,
}

/// The script's `num`: `float(str(x).replace(",", ""))`, `None` where Python would refuse.
pub fn py_num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let s = s.replace(',', "");
            let t = s.trim();
            let t = t.replace('_', "");
            let lower = t.to_ascii_lowercase();
            let body = lower.trim_start_matches(['+', '-']);
            if matches!(body, "inf" | "infinity" | "nan") {
                return lower.parse().ok();
            }
            if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')) {
                return None;
            }
            t.parse().ok()
        }
        _ => None,
    }
}

/// The script's `gold_values`: one number, or a range written "LOW-HIGH" (either end matches).
pub fn gold_values(v: &Value) -> Vec<f64> {
    if let Some(x) = py_num(v) {
        return vec![x];
    }
    let Value::String(s) = v else { return Vec::new() };
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*(-?[\d.,]+)\s*-\s*(-?[\d.,]+)\s*$").expect("the range pattern compiles")
    });
    let Some(c) = RANGE.captures(s) else { return Vec::new() };
    let mut ends: Vec<f64> =
        [&c[1], &c[2]].into_iter().filter_map(|end| py_num(&Value::String(end.to_string()))).collect();
    ends.dedup();
    ends
}

/// Every quantity file named or found under the paths. In a folder: `*.json` files; of
/// Recognizers-Text specs only the `*Model.json` files except the ordinal ones (ordinals are not
/// quantities; the `*Mode.json` variants repeat the model cases under other settings).
pub fn quantity_sets(paths: &[PathBuf]) -> Result<Vec<QuantSet>> {
    let mut out = Vec::new();
    for path in paths {
        let files: Vec<PathBuf> = if path.is_file() {
            vec![path.clone()]
        } else {
            walk(path)?
                .into_iter()
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    name.ends_with(".json") && !name.starts_with('.')
                })
                .collect()
        };
        let walked = !path.is_file();
        for f in files {
            let cases = read_json_list(&f)?;
            let format = detect_format(&cases);
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if walked && format == "recognizers" && (!name.ends_with("Model.json") || name.starts_with("Ordinal")) {
                continue;
            }
            let records = convert(&cases, format).with_context(|| format!("cannot read {}", f.display()))?;
            out.push(QuantSet { source: f.display().to_string(), format: format.to_string(), records });
        }
    }
    if out.is_empty() {
        bail!("no quantity files found");
    }
    Ok(out)
}

/// The format of a list of cases, by the fields of its first case.
pub fn detect_format(cases: &[Value]) -> &'static str {
    match cases.first() {
        Some(c) if c.get("req").is_some() => "quantulum3",
        Some(c) if c.get("Input").is_some() => "recognizers",
        _ => "newsquant",
    }
}

/// Cases of a format (as [`detect_format`] names it) as NewsQuant records.
pub fn convert(cases: &[Value], format: &str) -> Result<Vec<QuantRecord>> {
    let mut out = Vec::new();
    for c in cases {
        let rec = match format {
            "quantulum3" => QuantRecord {
                text: c["req"].as_str().context("no req")?.to_string(),
                quantities: c["res"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|q| GoldQuantity {
                        value: q["value"].clone(),
                        unit: gold_unit("", q["unit"].as_str().unwrap_or("")),
                        change: None,
                    })
                    .collect(),
            },
            "recognizers" => recognizers::number_case(c)?,
            _ => QuantRecord {
                text: c["text"].as_str().context("no text")?.to_string(),
                quantities: c["quantities"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|q| GoldQuantity {
                        value: q["value"].clone(),
                        unit: q["unit"].as_str().unwrap_or("").to_string(),
                        change: q["change"].as_str().map(str::to_string),
                    })
                    .collect(),
            },
        };
        out.push(rec);
    }
    Ok(out)
}

/// The gold unit in Dossier's unit vocabulary (currency codes, SI-style symbols, time units as
/// singular English words, "%"), so that the scorer's text match tests whether Dossier read the
/// unit. Names without an entry stay as written, lowercased; "dimensionless" and unit-less
/// numbers become "" (any prediction matches). `kind` tells a currency pound from a weight.
pub fn gold_unit(kind: &str, name: &str) -> String {
    let n = name.to_lowercase();
    let mapped = match (kind, n.as_str()) {
        (_, "" | "dimensionless") => "",
        ("currency", "pound") | (_, "british pound" | "pound sterling") => "GBP",
        (_, "dollar" | "united states dollar") => "USD",
        (_, "euro") => "EUR",
        (_, "japanese yen" | "yen") => "JPY",
        (_, "chinese yuan" | "yuan") => "CNY",
        (_, "swiss franc") => "CHF",
        (_, "canadian dollar") => "CAD",
        (_, "australian dollar") => "AUD",
        (_, "rupee" | "indian rupee") => "INR",
        (_, "percentage" | "percent") => "%",
        (_, "kilometer" | "kilometre") => "km",
        (_, "meter" | "metre") => "m",
        (_, "centimeter" | "centimetre") => "cm",
        (_, "millimeter" | "millimetre") => "mm",
        (_, "mile") => "mile",
        (_, "kilogram") => "kg",
        (_, "metric ton" | "tonne" | "ton") => "t",
        (_, "pound" | "pound-mass") => "lb",
        (_, "foot") => "ft",
        (_, "inch") => "inch",
        (_, "yard") => "yd",
        (_, "gram") => "g",
        (_, "milligram") => "mg",
        (_, "ounce") => "oz",
        (_, "milliliter" | "millilitre") => "ml",
        (_, "knot") => "knot",
        (_, "kilowatt") => "kW",
        (_, "megabyte") => "MB",
        (_, "gigabyte") => "GB",
        (_, "terabyte") => "TB",
        (_, "acre") => "acre",
        (_, "gallon") => "gal",
        (_, "litre" | "liter") => "l",
        (_, "barrel") => "barrel",
        (_, "square kilometer" | "square kilometre") => "km2",
        (_, "square meter" | "square metre") => "m2",
        (_, "kilometer per hour" | "kilometre per hour") => "km/h",
        (_, "mile per hour") => "mph",
        ("temperature", "c") | (_, "degree celsius") => "°C",
        ("temperature", "f") | (_, "degree fahrenheit") => "°F",
        (_, "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "decade") => n.as_str(),
        _ => n.as_str(),
    };
    mapped.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn gold_values_read_a_range_as_its_two_ends() {
        use serde_json::json;
        assert_eq!(super::gold_values(&json!(5)), [5.0]);
        assert_eq!(super::gold_values(&json!("1,000")), [1000.0]);
        assert_eq!(super::gold_values(&json!("200-999")), [200.0, 999.0]);
        assert_eq!(super::gold_values(&json!(" 1 - 0 ")), [1.0, 0.0]);
        assert_eq!(super::gold_values(&json!("0-0")), [0.0]);
        assert!(super::gold_values(&json!("about five")).is_empty());
        assert!(super::gold_values(&json!(null)).is_empty());
    }

    use super::*;

    #[test]
    fn numbers_read_as_python_reads_them() {
        assert_eq!(py_num(&Value::String("1,500".into())), Some(1500.0));
        assert_eq!(py_num(&Value::String("1.5E-05".into())), Some(1.5e-5));
        assert_eq!(py_num(&Value::String("100%".into())), None);
        assert_eq!(py_num(&Value::Null), None);
    }

    #[test]
    fn formats_are_detected_and_converted() {
        let q3: Vec<Value> =
            serde_json::from_str(r#"[{"req":"5 kilograms","res":[{"value":5,"unit":"kilogram"}]}]"#).unwrap();
        assert_eq!(detect_format(&q3), "quantulum3");
        let r = convert(&q3, "quantulum3").unwrap();
        assert_eq!((r[0].text.as_str(), r[0].quantities[0].unit.as_str()), ("5 kilograms", "kg"));
        let nq: Vec<Value> =
            serde_json::from_str(r#"[{"text":"up 5%","quantities":[{"value":"5","unit":"%","change":"up"}]}]"#)
                .unwrap();
        assert_eq!(detect_format(&nq), "newsquant");
        assert_eq!(convert(&nq, "newsquant").unwrap()[0].quantities[0].change.as_deref(), Some("up"));
        assert!(convert(&[serde_json::json!({})], "newsquant").is_err());
        assert_eq!(gold_unit("currency", "Pound"), "GBP");
        assert_eq!(gold_unit("", "Pound"), "lb");
        assert_eq!(gold_unit("", "Finnish markka"), "finnish markka");
    }

    #[test]
    fn sets_from_a_folder_skip_ordinals_and_modes() {
        let d = tempfile::tempdir().unwrap();
        let spec = r#"[{"Input":"five","Results":[{"TypeName":"number","Resolution":{"value":"5"}}]}]"#;
        for f in ["NumberModel.json", "OrdinalModel.json", "NumberModelPercentMode.json"] {
            std::fs::write(d.path().join(f), spec).unwrap();
        }
        let sets = quantity_sets(&[d.path().to_path_buf()]).unwrap();
        assert_eq!(sets.len(), 1);
        assert!(sets[0].source.ends_with("NumberModel.json"));
        assert_eq!(sets[0].format, "recognizers");
    }
}
