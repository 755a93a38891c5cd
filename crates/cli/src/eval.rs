//! `dossier eval attribution`: scores attributions against PolNeAR gold (brat standoff), exactly
//! as `shared/tools/score_polnear.py` does with `dossier analyze --json {}` as its command, but
//! with the analysis run in-process.
//!
//! Gold offsets are characters; predictions are bytes, mapped to characters the way the script
//! maps them. A content match needs the spans to overlap by at least half of the longer one;
//! "+source" also needs the sources to overlap (or both to be missing). Cues count as exact sets
//! per document.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use dossier_core::{Metadata, Span};
use dossier_extract::Lexicons;
use serde::Serialize;

use crate::analyze::read_document;
use crate::args::{EvalAttributionArgs, DEFAULT_MAX_BYTES};
use crate::{emit, Exit};

/// A character span `(start, end)`.
type CSpan = (i64, i64);

/// One relation: source (if any), content, cue (if any).
type Rel = (Option<CSpan>, CSpan, Option<CSpan>);

#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf(tp: u64, p: u64, g: u64) -> Prf {
    let precision = if p > 0 { tp as f64 / p as f64 } else { 0.0 };
    let recall = if g > 0 { tp as f64 / g as f64 } else { 0.0 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Prf { precision, recall, f1 }
}

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub documents: u64,
    pub gold: u64,
    pub predicted: u64,
    pub failed_runs: u64,
    pub cue_exact: Prf,
    pub content_overlap: Prf,
    pub content_source: Prf,
    pub polnear_f1: f64,
}

impl Scores {
    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        let l = |name: &str, x: Prf| format!("{name}P={:.3} R={:.3} F1={:.3}\n", x.precision, x.recall, x.f1);
        format!(
            "documents={} gold={} predicted={} failed_runs={}\n{}{}{}polnear_f1={:.3}\n",
            self.documents,
            self.gold,
            self.predicted,
            self.failed_runs,
            l("cue exact       ", self.cue_exact),
            l("content overlap ", self.content_overlap),
            l("content+source  ", self.content_source),
            self.polnear_f1
        )
    }
}

pub fn attribution(args: &EvalAttributionArgs, lex: &Lexicons) -> Result<Exit> {
    let scores = score_dir(&args.dir, args.limit, lex)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&scores)?))?;
    } else {
        emit(&scores.lines())?;
    }
    Ok(Exit::Success)
}

/// The `.ann` files of `dir/attributions`, sorted as Python's `sorted(glob("*.ann"))`
/// (which skips hidden files).
fn ann_files(dir: &Path) -> Result<Vec<PathBuf>> {
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
fn text_for(dir: &Path, ann: &Path) -> PathBuf {
    let name = ann.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let base = &name[..name.len() - ".ann".len()];
    let txt = dir.join("text").join(format!("{base}.txt"));
    if txt.exists() {
        return txt;
    }
    let stem = base.rsplit_once('_').map_or(base, |(s, _)| s);
    dir.join("text").join(format!("{stem}.txt"))
}

pub fn score_dir(dir: &Path, limit: Option<usize>, lex: &Lexicons) -> Result<Scores> {
    let mut anns = ann_files(dir)?;
    if let Some(n) = limit {
        anns.truncate(n);
    }
    let mut s = Scores { documents: anns.len() as u64, ..Scores::default() };
    let (mut tpc, mut tps, mut tpq, mut pq, mut gq) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for ann in &anns {
        let txt = text_for(dir, ann);
        let raw = std::fs::read(&txt).with_context(|| format!("cannot read {}", txt.display()))?;
        let m = b2c(&raw);
        let gold_src = std::fs::read_to_string(ann).with_context(|| format!("cannot read {}", ann.display()))?;
        let gold = read_gold(&gold_src).with_context(|| format!("malformed annotation file {}", ann.display()))?;

        let meta = Metadata { source: Some(txt.display().to_string()), ..Metadata::default() };
        let pred: Vec<Rel> = match read_document(&txt, DEFAULT_MAX_BYTES, meta) {
            Ok(doc) => {
                let c = |sp: Span| -> CSpan {
                    let n = raw.len();
                    (m[sp.start().min(n)], m[sp.end().min(n)])
                };
                let a = dossier_extract::analyze(&doc, lex);
                a.attributions
                    .iter()
                    .map(|x| (x.speaker.as_ref().map(|sp| c(sp.span)), c(x.content), Some(c(x.cue))))
                    .collect()
            }
            Err(_) => {
                // `dossier analyze` would have failed: the script counts a failed run.
                s.failed_runs += 1;
                Vec::new()
            }
        };

        s.gold += gold.len() as u64;
        s.predicted += pred.len() as u64;
        let (c, src) = match_relations(&gold, &pred);
        tpc += c;
        tps += src;
        let gqs: HashSet<CSpan> = gold.iter().filter_map(|g| g.2).collect();
        let pqs: HashSet<CSpan> = pred.iter().filter_map(|p| p.2).collect();
        gq += gqs.len() as u64;
        pq += pqs.len() as u64;
        tpq += gqs.intersection(&pqs).count() as u64;
    }
    s.cue_exact = prf(tpq, pq, gq);
    s.content_overlap = prf(tpc, s.predicted, s.gold);
    s.content_source = prf(tps, s.predicted, s.gold);
    s.polnear_f1 = s.content_source.f1;
    Ok(s)
}

fn ov(a: Option<CSpan>, b: Option<CSpan>) -> i64 {
    match (a, b) {
        (Some(a), Some(b)) => (a.1.min(b.1) - a.0.max(b.0)).max(0),
        _ => 0,
    }
}

fn content_match(g: CSpan, p: CSpan) -> bool {
    ov(Some(g), Some(p)) * 2 >= (g.1 - g.0).max(p.1 - p.0)
}

/// Greedy matching in gold order, each prediction used at most once per measure:
/// returns (content matches, content+source matches).
fn match_relations(gold: &[Rel], pred: &[Rel]) -> (u64, u64) {
    let mut used_c = vec![false; pred.len()];
    let mut used_s = vec![false; pred.len()];
    let (mut tpc, mut tps) = (0, 0);
    for &(gs, gc, _) in gold {
        if let Some(i) = (0..pred.len()).find(|&i| !used_c[i] && content_match(gc, pred[i].1)) {
            used_c[i] = true;
            tpc += 1;
        }
        let src_ok = |ps: Option<CSpan>| (gs.is_none() && ps.is_none()) || ov(gs, ps) > 0;
        if let Some(i) = (0..pred.len()).find(|&i| !used_s[i] && src_ok(pred[i].0) && content_match(gc, pred[i].1)) {
            used_s[i] = true;
            tps += 1;
        }
    }
    (tpc, tps)
}

/// Byte offset → character offset; a byte inside a character maps to that character, the end
/// of the text to the number of characters.
fn b2c(bytes: &[u8]) -> Vec<i64> {
    let mut m = vec![0i64; bytes.len() + 1];
    let mut c = -1i64;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            c += 1;
        }
        m[i] = c;
    }
    m[bytes.len()] = c + 1;
    m
}

/// Gold relations from brat standoff: `T` lines give labelled spans (discontinuous fragments
/// joined by `;` are reduced to their cover), `E` lines tie Content, Source and Cue together.
/// Relations without content are dropped.
fn read_gold(src: &str) -> Result<Vec<Rel>> {
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
    fn b2c_maps_inner_bytes_to_their_character() {
        let m = b2c("a’b".as_bytes());
        assert_eq!(m, vec![0, 1, 1, 1, 2, 3]);
    }

    #[test]
    fn gold_reduces_discontinuous_spans() {
        let ann = "T1\tSource 0 5\tRyder\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx\nE1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\nE2\tAttribution:T2 Cue:T2\n";
        assert_eq!(read_gold(ann).unwrap(), vec![(Some((0, 5)), (11, 30), Some((6, 10)))]);
    }

    #[test]
    fn matching_is_greedy_and_needs_half_the_longer_span() {
        let gold = [(None, (0, 10), None), (Some((0, 2)), (0, 10), None)];
        let pred = [(Some((0, 1)), (5, 10), None), (None, (0, 9), None)];
        // Gold 1 takes pred 0 for content, pred 1 for source (both without source);
        // gold 2 takes pred 1 for content, pred 0 for source.
        assert_eq!(match_relations(&gold, &pred), (2, 2));
        assert_eq!(match_relations(&gold[..1], &[(None, (6, 10), None)]), (0, 0));
    }

    #[test]
    fn scores_print_like_the_script() {
        let s = Scores { documents: 1, gold: 2, predicted: 1, content_source: prf(1, 1, 2), ..Scores::default() };
        assert!(s.lines().contains("content+source  P=1.000 R=0.500 F1=0.667\n"));
    }
}
