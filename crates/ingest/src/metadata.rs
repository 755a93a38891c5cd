//! Metadata a plain-text file does not carry, from where the user says to find it (`dossier
//! ingest --sidecar`, `--date-from-filename`, `--published`, `--outlet`): so that a folder of
//! saved articles gets dates and outlets, and its timelines are not empty.
//!
//! Precedence, highest first: what the document says itself (an HTML page's or a JSON line's
//! fields), its sidecar file, a date in its file name, the batch's `--published`/`--outlet`.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use dossier_core::{parse_published, Metadata};
use serde::Deserialize;

/// What the user asked `dossier ingest` to fill in where a document has no metadata of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataOptions {
    /// Read `NAME.json` (or `NAME.txt.json`) beside a plain-text file `NAME.txt`.
    pub sidecar: bool,
    /// Take a date written in the file name (`2016-08-25`, `2016_08_25`, `20160825`).
    pub date_from_filename: bool,
    /// The publication date of every document without one.
    pub published: Option<NaiveDate>,
    /// The outlet of every document without one.
    pub outlet: Option<String>,
}

/// A sidecar file's fields; each optional, others ignored.
#[derive(Debug, Default, Deserialize)]
struct Sidecar {
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
}

/// The sidecar file of `path`, when one exists: `x.json` beside `x.txt`, else `x.txt.json`.
pub fn sidecar_path(path: &Path) -> Option<PathBuf> {
    [path.with_extension("json"), PathBuf::from(format!("{}.json", path.display()))]
        .into_iter()
        .find(|p| p != path && p.is_file())
}

/// Fills what `meta` lacks from the sidecar of the plain-text file `path`, when asked and one
/// exists. A sidecar that cannot be read, is not a JSON object, or has a date that is not one
/// is an error naming it: the user asked for its metadata.
pub fn fill_from_sidecar(meta: &mut Metadata, path: &Path, options: &MetadataOptions) -> Result<(), String> {
    if options.sidecar {
        if let Some(side) = sidecar_path(path) {
            let bytes = std::fs::read(&side).map_err(|e| format!("cannot read sidecar {}: {e}", side.display()))?;
            let s: Sidecar = serde_json::from_slice(&bytes)
                .map_err(|e| format!("sidecar {} is not a JSON object of metadata: {e}", side.display()))?;
            let published = match s.published.as_deref() {
                Some(p) => Some(parse_published(p).ok_or_else(|| {
                    format!("sidecar {}: \"published\" is not a date: {p:?} (expected YYYY-MM-DD)", side.display())
                })?),
                None => None,
            };
            meta.title = meta.title.take().or(s.title);
            meta.url = meta.url.take().or(s.url);
            meta.published = meta.published.or(published);
            meta.outlet = meta.outlet.take().or(s.outlet);
            meta.author = meta.author.take().or(s.author);
        }
    }
    Ok(())
}

/// Fills what `meta` still lacks from a date in the file name of its source (when asked; a feed
/// line's source is its file's name and line), then from the batch's `--published` and `--outlet`.
pub fn fill_defaults(meta: &mut Metadata, options: &MetadataOptions) {
    if options.date_from_filename && meta.published.is_none() {
        let name = meta.source.as_deref().map(|s| Path::new(s).file_name().and_then(|n| n.to_str()).unwrap_or(s));
        meta.published = name.and_then(date_in_file_name);
    }
    meta.published = meta.published.or(options.published);
    if meta.outlet.is_none() {
        meta.outlet.clone_from(&options.outlet);
    }
}

/// The first calendar date written in a file name, as `YYYY-MM-DD`, `YYYY_MM_DD`, `YYYY.MM.DD`
/// or `YYYYMMDD`, not inside a longer run of digits, with a year from 1900 to 2100:
/// "breitbart_2015-11-16_o-malley.txt" → 2015-11-16. Names with no such date (or an impossible
/// one, "2015-13-45") give none.
pub fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let s = name.get(from..from + n)?;
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok()).flatten()
    };
    let boundary = |i: usize| b.get(i).is_none_or(|c| !c.is_ascii_digit());
    for i in 0..b.len() {
        if (i > 0 && b[i - 1].is_ascii_digit()) || !b[i].is_ascii_digit() {
            continue;
        }
        let separated = b.get(i + 4).filter(|c| matches!(c, b'-' | b'_' | b'.')).copied();
        let (y, m, d, end) = match separated {
            Some(sep) if b.get(i + 7) == Some(&sep) => (digits(i, 4), digits(i + 5, 2), digits(i + 8, 2), i + 10),
            _ => (digits(i, 4), digits(i + 4, 2), digits(i + 6, 2), i + 8),
        };
        if let (Some(y), Some(m), Some(d)) = (y, m, d) {
            if boundary(end) {
                if let Some(date) =
                    NaiveDate::from_ymd_opt(y as i32, m, d).filter(|d| (1900..=2100).contains(&d.year()))
                {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        date_in_file_name(s).map(|d| d.to_string())
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(date("breitbart_2015-11-16_o-malley-campaign.txt").as_deref(), Some("2015-11-16"));
        assert_eq!(date("2016_08_25 report.txt").as_deref(), Some("2016-08-25"));
        assert_eq!(date("nyt-20240131.txt").as_deref(), Some("2024-01-31"));
        assert_eq!(date("a.2019.02.03.txt").as_deref(), Some("2019-02-03"));
        // Impossible dates, longer digit runs, mixed separators and no date at all give none.
        for none in ["2015-13-45.txt", "id123456789.txt", "2015-11_16.txt", "report.txt", "1850-01-01.txt", ""] {
            assert_eq!(date(none), None, "{none}");
        }
        // The first possible one wins; a bad first one does not hide a good second.
        assert_eq!(date("2015-99-99_2016-01-02.txt").as_deref(), Some("2016-01-02"));
    }

    #[test]
    fn sidecar_then_file_name_then_batch() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("paper_2020-05-06_story.txt");
        std::fs::write(&text, "Text.").unwrap();
        let options = MetadataOptions {
            sidecar: true,
            date_from_filename: true,
            published: Some(NaiveDate::from_ymd_opt(2001, 1, 1).unwrap()),
            outlet: Some("Batch".into()),
        };
        let fill = |meta: &mut Metadata, options: &MetadataOptions| {
            meta.source = Some(text.display().to_string());
            fill_from_sidecar(meta, &text, options).map(|()| fill_defaults(meta, options))
        };
        // No sidecar: the file name's date, the batch's outlet.
        let mut meta = Metadata::default();
        fill(&mut meta, &options).unwrap();
        assert_eq!(
            (meta.published.map(|d| d.to_string()), meta.outlet.as_deref()),
            (Some("2020-05-06".into()), Some("Batch"))
        );
        // A sidecar wins over both.
        std::fs::write(
            dir.path().join("paper_2020-05-06_story.json"),
            r#"{"published":"2020-05-07","outlet":"Paper","title":"T","extra":1}"#,
        )
        .unwrap();
        let mut meta = Metadata::default();
        fill(&mut meta, &options).unwrap();
        assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some("2020-05-07"));
        assert_eq!((meta.outlet.as_deref(), meta.title.as_deref()), (Some("Paper"), Some("T")));
        // A broken sidecar is an error that names it.
        std::fs::write(dir.path().join("paper_2020-05-06_story.json"), "[1,2]").unwrap();
        let e = fill(&mut Metadata::default(), &options).unwrap_err();
        assert!(e.contains("paper_2020-05-06_story.json") && e.contains("not a JSON object"), "{e}");
        std::fs::write(dir.path().join("paper_2020-05-06_story.json"), r#"{"published":"soon"}"#).unwrap();
        let e = fill(&mut Metadata::default(), &options).unwrap_err();
        assert!(e.contains("not a date"), "{e}");
        // Not asked: nothing is read.
        let mut meta = Metadata::default();
        fill(&mut meta, &MetadataOptions::default()).unwrap();
        assert_eq!(meta, Metadata { source: Some(text.display().to_string()), ..Metadata::default() });
    }
}
