//! TimeML (`.tml`) time expressions, read as `shared/tools/score_timex.py` reads them: the DCT,
//! the TEXT element with its tags stripped and character references decoded (line endings as
//! Python's universal newlines), the TIMEX3 spans in characters of that text. From a folder, one
//! file, or a `.tar.gz`/`.tgz` archive (read with the `tar` crate).

use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;

use super::{is_tar_gz, read_utf8, tar_gz_files, walk};

/// One gold time expression: span (in the unit its document counts in) and accepted values.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTime {
    pub start: usize,
    pub end: usize,
    pub values: Vec<String>,
}

/// A document to score: its text, publication date and gold; spans in characters of `text`
/// (TimeML) or in bytes (Recognizers-Text, already converted).
#[derive(Debug, Clone, PartialEq)]
pub struct TimeDoc {
    pub text: String,
    pub published: Option<NaiveDate>,
    pub gold: Vec<GoldTime>,
    pub gold_in_chars: bool,
}

/// (name, contents) of every `.tml` file under `path` (a folder, one file or a `.tar.gz`),
/// sorted by name as the script's sorted glob; hidden files and folders are left out.
pub fn tml_sources(path: &Path) -> Result<Vec<(String, String)>> {
    let is_tml = |name: &str| name.ends_with(".tml") && !name.split('/').any(|c| c.starts_with('.'));
    let mut out = Vec::new();
    let name = path.to_string_lossy();
    if path.is_file() && is_tar_gz(path) {
        for (n, data) in tar_gz_files(path, is_tml)? {
            out.push((n, String::from_utf8(data).with_context(|| "a .tml file is not UTF-8")?));
        }
    } else if path.is_file() {
        out.push((name.into_owned(), read_utf8(path)?));
    } else {
        for p in walk(path)? {
            let rel = p.strip_prefix(path).unwrap_or(&p).to_string_lossy().into_owned();
            if is_tml(&rel) {
                out.push((p.to_string_lossy().into_owned(), read_utf8(&p)?));
            }
        }
    }
    out.sort();
    if out.is_empty() {
        bail!("no .tml files in {}", path.display());
    }
    Ok(out)
}

/// Python's universal newlines, as `open()` reads the file in the script.
fn universal_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A TimeML file as the script reads it: DCT, the TEXT element with tags stripped (entities
/// decoded), and the TIMEX3 spans in characters of that text.
pub fn parse_timeml(raw: &str) -> Result<TimeDoc> {
    let raw = universal_newlines(raw);
    let dct_at = raw.find("<DCT>").context("no <DCT>")?;
    let after = &raw[dct_at..];
    let v = after.find("value=\"").context("no DCT value")? + "value=\"".len();
    let dct_value = &after[v..after[v..].find('"').map(|e| v + e).context("unterminated DCT value")?];
    if dct_value.is_empty() {
        bail!("empty DCT value");
    }
    let dct: String = dct_value.chars().take(10).collect();
    let published = dossier_core::parse_published(&dct);

    let open = raw.find("<TEXT>").context("no <TEXT>")? + "<TEXT>".len();
    let close = raw.rfind("</TEXT>").filter(|&c| c >= open).context("no </TEXT>")?;
    let body = &raw[open..close];

    let mut text = String::new();
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut open_t: Option<(usize, String)> = None;
    let mut pos = 0;
    let mut search = 0;
    while let Some(rel) = body[search..].find('<') {
        let lt = search + rel;
        let Some((end, closing, name, attrs)) = tag_at(body, lt) else {
            search = lt + 1;
            continue;
        };
        let piece = html_unescape(&body[pos..lt]);
        chars += piece.chars().count();
        text.push_str(&piece);
        pos = end;
        search = end;
        if name == "TIMEX3" {
            if !closing {
                open_t = Some((chars, attr_value(attrs).unwrap_or_default()));
            } else if let Some((s, v)) = open_t.take() {
                gold.push(GoldTime { start: s, end: chars, values: vec![v] });
            }
        }
    }
    text.push_str(&html_unescape(&body[pos..]));
    Ok(TimeDoc { text, published, gold, gold_in_chars: true })
}

/// The regex `<(/?)(\w+)([^>]*)>` tried at `at`: (end, closing, name, attributes).
fn tag_at(s: &str, at: usize) -> Option<(usize, bool, &str, &str)> {
    let rest = &s[at + 1..];
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let (closing, rest, off) = match rest.strip_prefix('/') {
        Some(r) if r.starts_with(word) => (true, r, at + 2),
        _ => (false, rest, at + 1),
    };
    let name_len = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let gt = rest.find('>')?;
    Some((off + gt + 1, closing, &rest[..name_len], &rest[name_len..gt]))
}

/// `value="…"` in a tag's attributes.
fn attr_value(attrs: &str) -> Option<String> {
    let v = attrs.find("value=\"")? + "value=\"".len();
    let end = attrs[v..].find('"')?;
    Some(attrs[v..v + end].to_string())
}

/// The character references TimeML files use (`&amp;` and its XML siblings, numeric ones).
fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest.find(';').filter(|&j| j <= 10);
        let decoded = semi.and_then(|j| {
            let ent = &rest[1..j];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        ent.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    n.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TML: &str = "<TimeML>\r\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-03-01T00:00\">x</TIMEX3></DCT>\n<TEXT>A &amp; B said <TIMEX3 tid=\"t1\" value=\"1998-02-28\">Friday</TIMEX3> that <EVENT>it</EVENT> < 3.</TEXT></TimeML>";

    #[test]
    fn timeml_text_and_gold_offsets() {
        let d = parse_timeml(TML).unwrap();
        assert_eq!(d.text, "A & B said Friday that it < 3.");
        assert_eq!(d.published, NaiveDate::from_ymd_opt(1998, 3, 1));
        assert_eq!(d.gold, vec![GoldTime { start: 11, end: 17, values: vec!["1998-02-28".into()] }]);
        assert!(parse_timeml("<TEXT>x</TEXT>").is_err());
    }

    #[test]
    fn tags_follow_the_scripts_regex() {
        assert_eq!(tag_at("</TIMEX3>", 0), Some((9, true, "TIMEX3", "")));
        assert_eq!(tag_at("< 3 >", 0), None);
        assert_eq!(tag_at("</ x>", 0), None);
        assert_eq!(tag_at("<a", 0), None);
        assert_eq!(html_unescape("&#x41;&#66;&bogus; &"), "AB&bogus; &");
    }

    #[test]
    fn sources_from_a_folder_and_an_archive() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("c/.hidden")).unwrap();
        std::fs::write(d.path().join("c/b.tml"), TML).unwrap();
        std::fs::write(d.path().join("c/a.tml"), TML).unwrap();
        std::fs::write(d.path().join("c/.hidden/z.tml"), TML).unwrap();
        std::fs::write(d.path().join("c/notes.txt"), "x").unwrap();
        let names: Vec<String> = tml_sources(&d.path().join("c")).unwrap().into_iter().map(|x| x.0).collect();
        assert_eq!(names.len(), 2);
        assert!(names[0].ends_with("a.tml"));
        let tgz = d.path().join("x.tar.gz");
        let bytes = super::super::testutil::tar_gz(&[("X/b.tml", TML), ("X/.y/a.tml", TML), ("X/a.tml", TML)]);
        std::fs::write(&tgz, bytes).unwrap();
        let got = tml_sources(&tgz).unwrap();
        assert_eq!(got.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["X/a.tml", "X/b.tml"]);
        assert_eq!(got[0].1, TML);
        assert!(tml_sources(&d.path().join("c/.hidden/none")).is_err());
    }
}
