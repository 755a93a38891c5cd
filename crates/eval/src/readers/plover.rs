//! PLOVER gold-standard event records (a JSON array, e.g. `PLOVER_GSR_CAMEO.json`): each record
//! a sentence (`text`), its event type (`event`) and the actors' words (`source`/`target`: lists
//! of `{actorText, …}`; some records hold `""` or null instead). `DOCUMENT` records are left out.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

/// One scored record.
#[derive(Debug, Clone, PartialEq)]
pub struct PloverRecord {
    /// The sentence; `None` where the record has no text (the reference script cannot run on it).
    pub text: Option<String>,
    /// The gold event type, upper case.
    pub event: String,
    /// The words of each gold source and target actor (empty ones dropped).
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

/// The records of a gold file.
pub fn read_file(path: &Path) -> Result<Vec<PloverRecord>> {
    let src = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let records: Value =
        serde_json::from_str(&src).with_context(|| format!("{} is not a JSON array", path.display()))?;
    records_of(&records)
}

/// The records of parsed gold (`DOCUMENT` records left out).
pub fn records_of(records: &Value) -> Result<Vec<PloverRecord>> {
    let actors = |r: &Value, key: &str| -> Vec<String> {
        r[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["actorText"].as_str().filter(|t| !t.is_empty()))
            .map(str::to_string)
            .collect()
    };
    Ok(records
        .as_array()
        .context("the gold file is not a JSON array")?
        .iter()
        .filter(|r| r["event"].as_str() != Some("DOCUMENT"))
        .map(|r| PloverRecord {
            text: r["text"].as_str().map(str::to_string),
            event: r["event"].as_str().unwrap_or_default().to_uppercase(),
            sources: actors(r, "source"),
            targets: actors(r, "target"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_odd_actors() {
        let v: Value = serde_json::from_str(
            r#"[{"text":"Iran hit Iraq.","event":"assault","source":[{"actorText":"Iran"}],"target":""},
                {"event":"DOCUMENT","text":"x"},
                {"event":"AGREE","source":null,"target":[{"actorText":""},{"actorText":"EU"}]}]"#,
        )
        .unwrap();
        let r = records_of(&v).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].event, "ASSAULT");
        assert_eq!(r[0].sources, ["Iran"]);
        assert!(r[0].targets.is_empty());
        assert_eq!(r[1].text, None);
        assert_eq!(r[1].targets, ["EU"]);
        assert!(records_of(&serde_json::json!({})).is_err());
    }
}
