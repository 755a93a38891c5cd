//! Fake News Challenge stage 1 (FNC-1): a stances CSV (`Headline,Body ID[,Stance]`; agree /
//! disagree / discuss / unrelated) and a bodies CSV (`Body ID,articleBody`), either optionally
//! gzipped (`.gz`). Read with the `csv` crate.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use super::read_bytes_maybe_gz;

/// One (headline, body) pair and, in gold files, its stance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StancePair {
    pub headline: String,
    pub body_id: u32,
    pub stance: Option<String>,
}

fn reader(data: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().from_reader(data)
}

fn columns(headers: &csv::StringRecord, names: &[&str]) -> Result<Vec<Option<usize>>> {
    Ok(names.iter().map(|n| headers.iter().position(|h| h.trim_start_matches('\u{feff}').trim() == *n)).collect())
}

fn body_id(s: &str, row: usize) -> Result<u32> {
    s.trim().parse().with_context(|| format!("row {row}: Body ID {s:?} is not a number"))
}

/// The pairs of a stances file.
pub fn read_stances(path: &Path) -> Result<Vec<StancePair>> {
    let bytes = read_bytes_maybe_gz(path)?;
    stances_from(&bytes).with_context(|| format!("reading {}", path.display()))
}

/// The pairs of stances CSV text.
pub fn stances_from(data: &[u8]) -> Result<Vec<StancePair>> {
    let mut r = reader(data);
    let cols = columns(r.headers()?, &["Headline", "Body ID", "Stance"])?;
    let (Some(h), Some(b)) = (cols[0], cols[1]) else { bail!("no Headline and Body ID columns") };
    let mut out = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("row {}", n + 2))?;
        out.push(StancePair {
            headline: rec.get(h).unwrap_or_default().to_string(),
            body_id: body_id(rec.get(b).unwrap_or_default(), n + 2)?,
            stance: cols[2].and_then(|s| rec.get(s)).filter(|s| !s.is_empty()).map(str::to_string),
        });
    }
    Ok(out)
}

/// The bodies of a bodies file, by Body ID.
pub fn read_bodies(path: &Path) -> Result<BTreeMap<u32, String>> {
    let bytes = read_bytes_maybe_gz(path)?;
    bodies_from(&bytes).with_context(|| format!("reading {}", path.display()))
}

/// The bodies of bodies CSV text, by Body ID.
pub fn bodies_from(data: &[u8]) -> Result<BTreeMap<u32, String>> {
    let mut r = reader(data);
    let cols = columns(r.headers()?, &["Body ID", "articleBody"])?;
    let (Some(b), Some(t)) = (cols[0], cols[1]) else { bail!("no Body ID and articleBody columns") };
    let mut out = BTreeMap::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("row {}", n + 2))?;
        out.insert(body_id(rec.get(b).unwrap_or_default(), n + 2)?, rec.get(t).unwrap_or_default().to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_with_and_without_gold() {
        let s = stances_from(b"Headline,Body ID,Stance\n\"Police find graves, 15 bodies\",712,unrelated\n").unwrap();
        assert_eq!(
            s,
            vec![StancePair {
                headline: "Police find graves, 15 bodies".into(),
                body_id: 712,
                stance: Some("unrelated".into())
            }]
        );
        let s = stances_from(b"Headline,Body ID\nx,3\n").unwrap();
        assert_eq!(s[0].stance, None);
        assert!(stances_from(b"Headline,Body ID\nx,three\n").is_err());
        assert!(stances_from(b"Title,Id\nx,3\n").is_err());
    }

    #[test]
    fn bodies_span_lines_and_gzip() {
        let csv = "Body ID,articleBody\n0,\"A meteorite crashed.\n\nOfficials said \"\"boom\"\".\"\n4,Short\n";
        let b = bodies_from(csv.as_bytes()).unwrap();
        assert_eq!(b[&0], "A meteorite crashed.\n\nOfficials said \"boom\".");
        assert_eq!(b[&4], "Short");
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("bodies.csv.gz");
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(csv.as_bytes()).unwrap();
        std::fs::write(&p, e.finish().unwrap()).unwrap();
        assert_eq!(read_bodies(&p).unwrap(), b);
    }
}
