//! brat standoff (`.ann`) attributions, PolNeAR's layout: `text/*.txt` beside
//! `attributions/*.ann`. Offsets are characters of the text file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A character span `(start, end)`.
pub type CSpan = (i64, i64);

/// One attribution: source (if any), content, cue (if any).
pub type Relation = (Option<CSpan>, CSpan, Option<CSpan>);

/// The `.ann` files of `dir/attributions`, sorted as Python's `sorted(glob("*.ann"))` (which
/// skips hidden files).
pub fn ann_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let adir = dir.join("attributions");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&adir).with_context(|| format!("cannot read {}", adir.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(".ann") && !name.starts_with('.') {
            out.push(entry.path());
        }
    }
    out.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(out)
}

/// The text an annotation file belongs to: `<base>.txt`, else `<base minus its last _suffix>.txt`.
pub fn text_for(dir: &Path, ann: &Path) -> PathBuf {
    let name = ann.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let base = name.strip_suffix(".ann").unwrap_or(&name);
    let txt = dir.join("text").join(format!("{base}.txt"));
    if txt.exists() {
        return txt;
    }
    let stem = base.rsplit_once('_').map_or(base, |(s, _)| s);
    dir.join("text").join(format!("{stem}.txt"))
}

/// Gold relations from brat standoff: `T` lines give labelled spans (discontinuous fragments
/// joined by `;` are reduced to their cover), `E` lines tie Content, Source and Cue together.
/// Relations without content are dropped.
pub fn read_relations(src: &str) -> Result<Vec<Relation>> {
    let mut spans: HashMap<&str, CSpan> = HashMap::new();
    let mut events: Vec<HashMap<&str, &str>> = Vec::new();
    // Python's universal newlines: \r\n and \r end lines too.
    let src_lines = src.split('\n').flat_map(|l| l.split('\r'));
    for (n, line) in src_lines.enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let id = fields[0];
        if id.starts_with('T') {
            let Some(body) = fields.get(1) else { bail!("line {}: T line without a span", n + 1) };
            let offsets = body.split_once(' ').map_or("", |(_, o)| o);
            let mut lo = i64::MAX;
            let mut hi = i64::MIN;
            for seg in offsets.split(';') {
                let mut nums = seg.split_whitespace();
                let parse = |x: Option<&str>| -> Result<i64> {
                    x.and_then(|x| x.parse().ok()).with_context(|| format!("line {}: bad offsets {offsets:?}", n + 1))
                };
                lo = lo.min(parse(nums.next())?);
                hi = hi.max(parse(nums.next())?);
            }
            spans.insert(id, (lo, hi));
        } else if id.starts_with('E') {
            let Some(body) = fields.get(1) else { bail!("line {}: E line without arguments", n + 1) };
            let mut roles = HashMap::new();
            for r in body.split_whitespace() {
                let mut parts = r.split(':');
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(k), Some(v), None) => {
                        roles.insert(k, v);
                    }
                    _ => bail!("line {}: bad argument {r:?}", n + 1),
                }
            }
            events.push(roles);
        }
    }
    let get = |roles: &HashMap<&str, &str>, k: &str| roles.get(k).and_then(|t| spans.get(t)).copied();
    Ok(events.iter().filter_map(|r| Some((get(r, "Source"), get(r, "Content")?, get(r, "Cue")))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_reduce_discontinuous_spans() {
        let ann = "T1\tSource 0 5\tRyder\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx\nE1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\nE2\tAttribution:T2 Cue:T2\n";
        assert_eq!(read_relations(ann).unwrap(), vec![(Some((0, 5)), (11, 30), Some((6, 10)))]);
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(read_relations("T1\tSource x 5\tRyder\n").is_err());
        assert!(read_relations("E1\tAttribution:T2:x\n").is_err());
        assert!(read_relations("T1\n").is_err());
    }

    #[test]
    fn files_and_their_texts() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("attributions")).unwrap();
        std::fs::create_dir_all(d.path().join("text")).unwrap();
        for f in ["b_1.ann", "a.ann", ".hidden.ann", "c.txt"] {
            std::fs::write(d.path().join("attributions").join(f), "").unwrap();
        }
        std::fs::write(d.path().join("text/b.txt"), "x").unwrap();
        let anns = ann_files(d.path()).unwrap();
        let names: Vec<_> = anns.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.ann", "b_1.ann"]);
        assert_eq!(text_for(d.path(), &anns[1]), d.path().join("text/b.txt"));
    }
}
