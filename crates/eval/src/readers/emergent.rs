//! Emergent (Ferreira & Vlachos 2016) article headlines: a CSV with the columns claimHeadline,
//! articleHeadline, articleHeadlineStance (for / against / observing), articleId, claimId (and a
//! leading unnamed index column). Only articleId and articleHeadline are required, so that a file
//! without the gold (the input of a system) reads too. Read with the `csv` crate; `.gz` allowed.

use std::path::Path;

use anyhow::{bail, Context, Result};

use super::read_bytes_maybe_gz;

/// One article headline and, when the file has them, its claim and stance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergentRow {
    pub article_id: String,
    pub article_headline: String,
    pub claim_id: Option<String>,
    pub claim_headline: Option<String>,
    /// `for`, `against` or `observing`.
    pub stance: Option<String>,
}

/// The rows of an Emergent CSV file.
pub fn read_file(path: &Path) -> Result<Vec<EmergentRow>> {
    let bytes = read_bytes_maybe_gz(path)?;
    read_csv(&bytes[..]).with_context(|| format!("reading {}", path.display()))
}

/// The rows of Emergent CSV text.
pub fn read_csv(data: impl std::io::Read) -> Result<Vec<EmergentRow>> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let headers = r.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(aid), Some(ahead)) = (col("articleId"), col("articleHeadline")) else {
        bail!("no articleId and articleHeadline columns (found {:?})", headers.iter().collect::<Vec<_>>());
    };
    let (cid, chead, stance) = (col("claimId"), col("claimHeadline"), col("articleHeadlineStance"));
    let mut out = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("row {}", n + 2))?;
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::to_string).filter(|s| !s.is_empty());
        let Some(article_id) = get(Some(aid)) else { bail!("row {}: no articleId", n + 2) };
        out.push(EmergentRow {
            article_id,
            article_headline: get(Some(ahead)).unwrap_or_default(),
            claim_id: get(cid),
            claim_headline: get(chead),
            stance: get(stance),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_rows_with_quoted_commas() {
        let csv = ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n\
                   0,Apple will sell 19M watches,\"BMO forecasts 19M Apple Watch sales, more in holidays\",observing,a1,c1\n\
                   1,Burger kept 20 years,World's oldest burger,for,a2,c2\n";
        let rows = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].article_headline, "BMO forecasts 19M Apple Watch sales, more in holidays");
        assert_eq!(rows[0].stance.as_deref(), Some("observing"));
        assert_eq!(rows[1].claim_id.as_deref(), Some("c2"));
        assert_eq!(rows[1].claim_headline.as_deref(), Some("Burger kept 20 years"));
    }

    #[test]
    fn only_article_columns() {
        let rows = read_csv("articleHeadline,articleId\nWorld's oldest burger,a2\n".as_bytes()).unwrap();
        assert_eq!(
            rows,
            vec![EmergentRow {
                article_id: "a2".into(),
                article_headline: "World's oldest burger".into(),
                claim_id: None,
                claim_headline: None,
                stance: None
            }]
        );
        assert!(read_csv("headline,id\nx,1\n".as_bytes()).is_err());
        assert!(read_csv("articleHeadline,articleId\nx,\n".as_bytes()).is_err());
    }
}
