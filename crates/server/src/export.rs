//! Every list of the API as CSV (`format=csv`), so that each table of the page can be taken
//! to a spreadsheet: one row per item, one column per field. Nested fields become dotted
//! columns (`first_seen.date`), lists are joined with "; ", and the columns are those of the
//! first row followed by any new ones later rows bring.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Whether a request asked for CSV (`format=csv`) or JSON (no `format`, or `format=json`).
#[derive(Debug, Default, serde::Deserialize)]
pub struct FormatParam {
    pub format: Option<String>,
}

impl FormatParam {
    pub fn csv(&self) -> Result<bool, ApiError> {
        match self.format.as_deref().map(str::trim) {
            None | Some("" | "json") => Ok(false),
            Some("csv") => Ok(true),
            Some(other) => Err(ApiError::BadRequest(format!("format: {other:?} is not json or csv"))),
        }
    }
}

fn flatten(prefix: &str, v: Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        Value::Array(items) => {
            let cells: Vec<String> = items.into_iter().map(cell).collect();
            out.push((prefix.to_string(), cells.join("; ")));
        }
        other => out.push((prefix.to_string(), cell(other))),
    }
}

fn cell(v: Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        Value::Array(_) | Value::Object(_) => v.to_string(),
        other => other.to_string(),
    }
}

/// `rows` as CSV text with a header line.
pub fn to_csv<T: Serialize>(rows: &[T]) -> Result<String, ApiError> {
    if rows.is_empty() {
        return Ok(String::new());
    }
    let mut flat: Vec<Vec<(String, String)>> = Vec::with_capacity(rows.len());
    let mut columns: Vec<String> = Vec::new();
    for row in rows {
        let value = serde_json::to_value(row).map_err(|e| ApiError::Internal(e.to_string()))?;
        let value = match value {
            Value::Object(_) => value,
            other => Value::Object(Map::from_iter([("value".to_string(), other)])),
        };
        let mut cells = Vec::new();
        flatten("", value, &mut cells);
        for (k, _) in &cells {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
        flat.push(cells);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ApiError::Internal(e.to_string());
    w.write_record(&columns).map_err(failed)?;
    for cells in flat {
        let line = columns.iter().map(|c| cells.iter().find(|(k, _)| k == c).map_or("", |(_, v)| v.as_str()));
        w.write_record(line).map_err(failed)?;
    }
    let bytes = w.into_inner().map_err(|e| ApiError::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.to_string()))
}

/// `rows` as a CSV download named `name.csv`.
pub fn csv_response<T: Serialize>(name: &str, rows: &[T]) -> Result<Response, ApiError> {
    let body = to_csv(rows)?;
    let disposition = format!("attachment; filename=\"{name}.csv\"");
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_fields_become_columns_and_lists_join() {
        let rows = [
            json!({"id": 1, "name": "Pat \"P\" Ryder", "aliases": ["Ryder", "Pat"], "first": {"date": "2024-10-30"}}),
            json!({"id": 2, "name": "Kyiv", "aliases": [], "first": {"date": null}, "extra": true}),
        ];
        let csv = to_csv(&rows).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "id,name,aliases,first.date,extra");
        assert_eq!(lines[1], "1,\"Pat \"\"P\"\" Ryder\",Ryder; Pat,2024-10-30,");
        assert_eq!(lines[2], "2,Kyiv,,,true");
        assert_eq!(to_csv::<Value>(&[]).unwrap(), "");
    }

    #[test]
    fn only_json_and_csv_are_formats() {
        let f = |s: &str| FormatParam { format: Some(s.into()) }.csv();
        assert!(f("csv").unwrap() && !f("json").unwrap() && !FormatParam::default().csv().unwrap());
        assert!(f("xml").is_err());
    }
}
