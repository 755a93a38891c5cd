//! The scrapinghub article-extraction benchmark layout: `ground-truth.json` (an object keyed by
//! page, each with `articleBody` and `url`) and `html/KEY.html.gz`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::Value;

/// One benchmark page: its key, true body, URL and where its HTML is.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldPage {
    pub key: String,
    pub body: String,
    pub url: String,
    pub html: PathBuf,
}

/// The pages of a benchmark folder, in key order.
pub fn read_dir(dir: &Path) -> Result<Vec<GoldPage>> {
    let gt_path = dir.join("ground-truth.json");
    let raw = std::fs::read(&gt_path)?;
    let gt: BTreeMap<String, Value> =
        serde_json::from_slice(&raw).with_context(|| format!("{}: not a JSON object", gt_path.display()))?;
    Ok(gt
        .into_iter()
        .map(|(key, v)| GoldPage {
            body: v.get("articleBody").and_then(|b| b.as_str()).unwrap_or("").to_string(),
            url: v.get("url").and_then(|b| b.as_str()).unwrap_or("").to_string(),
            html: dir.join("html").join(format!("{key}.html.gz")),
            key,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_in_key_order() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(
            d.path().join("ground-truth.json"),
            r#"{"b":{"articleBody":"Body B","url":"https://x.org/b"},"a":{"url":"https://x.org/a"}}"#,
        )
        .unwrap();
        let p = read_dir(d.path()).unwrap();
        assert_eq!(p.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!((p[0].body.as_str(), p[1].body.as_str()), ("", "Body B"));
        assert_eq!(p[1].html, d.path().join("html/b.html.gz"));
        std::fs::write(d.path().join("ground-truth.json"), "[]").unwrap();
        assert!(read_dir(d.path()).is_err());
    }
}
