//! `dossier eval time` and `dossier eval quantities`: time expressions and numbers scored against
//! annotated corpora, with the analysis run in-process exactly as `dossier analyze --json` runs it.
//!
//! * TimeML (`.tml` files in a folder, or a `.tar.gz` of them): TempEval-3 strict (exact span),
//!   relaxed (overlapping span) and value F1, computed as `shared/tools/score_timex.py` computes
//!   them with `dossier analyze --json --published {dct} {}` as its command — same text (the TEXT
//!   element with its tags stripped and entities decoded), same greedy matching in gold order,
//!   same figures.
//! * Recognizers-Text DateTime specs (`--recognizers`): every case's `Input` is analysed with
//!   `Context.ReferenceDateTime` as publication date; each result is a gold span (`Start`, `End`
//!   inclusive, UTF-16 indices) whose value is any of `Resolution.values[*].timex`.
//! * Quantities: NewsQuant/CQE JSON (`[{text, quantities: [{value, unit, change}]}]`), scored as
//!   `shared/tools/score_quantities.py` scores it; quantulum3 test files and Recognizers-Text
//!   Number/NumberWithUnit specs are first converted to that format (see [`gold_unit`] for the
//!   unit mapping, `--dump-gold` to write the converted file).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use dossier_core::{AnalysisJson, Document, Metadata, QuantityJson, TimeJson};
use dossier_extract::Lexicons;
use serde::Serialize;
use serde_json::Value;

use crate::args::{EvalQuantitiesArgs, EvalTimeArgs, DEFAULT_MAX_BYTES};
use crate::eval::Prf;
use crate::{emit, Exit};

fn prf(tp: u64, p: u64, g: u64) -> Prf {
    let precision = if p > 0 { tp as f64 / p as f64 } else { 0.0 };
    let recall = if g > 0 { tp as f64 / g as f64 } else { 0.0 };
    // The scripts' 2·TP/(G+P), which is the harmonic mean of the two.
    let f1 = if g + p > 0 { 2.0 * tp as f64 / (g + p) as f64 } else { 0.0 };
    Prf { precision, recall, f1 }
}

/// Runs the pipeline on `text` as `dossier analyze --json` would on a file holding it; `None`
/// where that command would have failed (empty or binary input).
fn analyse(text: &str, published: Option<NaiveDate>, lex: &Lexicons) -> Option<AnalysisJson> {
    let text = crate::input::check_text(text.as_bytes().to_vec(), DEFAULT_MAX_BYTES).ok()?;
    let doc = Document::new(text, Metadata { published, ..Metadata::default() });
    let analysis = dossier_extract::analyze(&doc, lex);
    Some(AnalysisJson::new(&doc, &analysis))
}

// ---------------------------------------------------------------------------------------------
// Time

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct TimeScores {
    pub documents: u64,
    pub failed_runs: u64,
    pub gold: u64,
    pub predicted: u64,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
}

impl TimeScores {
    /// The lines `score_timex.py` prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "documents={} failed_runs={} gold={} predicted={}\nstrict_f1={:.3} relaxed_f1={:.3}\ntimex_value_f1={:.3}\n",
            self.documents, self.failed_runs, self.gold, self.predicted, self.strict.f1, self.relaxed.f1, self.value.f1
        )
    }
}

/// One gold time expression: span (in the unit its document counts in) and accepted values.
#[derive(Debug, Clone, PartialEq)]
struct GoldTime {
    start: usize,
    end: usize,
    values: Vec<String>,
}

/// A document to score: its text, publication date and gold, spans in characters of `text`
/// (TimeML) or in bytes (Recognizers, already converted).
struct TimeDoc {
    text: String,
    published: Option<NaiveDate>,
    gold: Vec<GoldTime>,
    gold_in_chars: bool,
}

#[derive(Default)]
struct TimeCounts {
    docs: u64,
    fails: u64,
    g: u64,
    p: u64,
    strict: u64,
    relaxed: u64,
    value: u64,
}

impl TimeCounts {
    fn add(&mut self, doc: &TimeDoc, lex: &Lexicons) {
        self.docs += 1;
        let pred: Vec<(usize, usize, String)> = match analyse(&doc.text, doc.published, lex) {
            Some(a) => {
                let b2c = doc.gold_in_chars.then(|| byte_to_char(&doc.text));
                a.times
                    .iter()
                    .filter_map(|t: &TimeJson| {
                        let (s, e) = (t.start as usize, t.end as usize);
                        let (s, e) = match &b2c {
                            Some(m) => (m.get(&s).copied()?, m.get(&e).copied()?),
                            None => (s, e),
                        };
                        // The script reads a missing value as Python's `str(None)`.
                        Some((s, e, t.value.clone().unwrap_or_else(|| "None".into())))
                    })
                    .collect()
            }
            None => {
                self.fails += 1;
                Vec::new()
            }
        };
        self.g += doc.gold.len() as u64;
        self.p += pred.len() as u64;
        let mut used = vec![false; pred.len()];
        for g in &doc.gold {
            let hit = (0..pred.len()).find(|&i| !used[i] && g.end.min(pred[i].1) > g.start.max(pred[i].0));
            if let Some(i) = hit {
                used[i] = true;
                self.relaxed += 1;
                if (g.start, g.end) == (pred[i].0, pred[i].1) {
                    self.strict += 1;
                }
                if g.values.contains(&pred[i].2) {
                    self.value += 1;
                }
            }
        }
    }

    fn scores(&self) -> TimeScores {
        TimeScores {
            documents: self.docs,
            failed_runs: self.fails,
            gold: self.g,
            predicted: self.p,
            strict: prf(self.strict, self.p, self.g),
            relaxed: prf(self.relaxed, self.p, self.g),
            value: prf(self.value, self.p, self.g),
        }
    }
}

/// Byte offset of each character start (and of the end) → character index, as the script's `b2c`.
fn byte_to_char(text: &str) -> std::collections::HashMap<usize, usize> {
    let mut m: std::collections::HashMap<usize, usize> =
        text.char_indices().enumerate().map(|(i, (b, _))| (b, i)).collect();
    m.insert(text.len(), text.chars().count());
    m
}

pub fn time(args: &EvalTimeArgs, lex: &Lexicons) -> Result<Exit> {
    let scores = if args.recognizers {
        score_recognizers_time(&args.path, args.limit, lex)?
    } else {
        score_timeml(&args.path, args.limit, lex)?
    };
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&scores)?))?;
    } else {
        emit(&scores.lines())?;
    }
    Ok(Exit::Success)
}

/// Scores the `.tml` files under `path` (a folder, or a `.tar.gz`/`.tgz` archive).
pub fn score_timeml(path: &Path, limit: Option<usize>, lex: &Lexicons) -> Result<TimeScores> {
    let mut files = tml_sources(path)?;
    if let Some(n) = limit {
        files.truncate(n);
    }
    let mut counts = TimeCounts::default();
    for (name, raw) in &files {
        let doc = parse_timeml(raw).with_context(|| format!("malformed TimeML file {name}"))?;
        counts.add(&doc, lex);
    }
    Ok(counts.scores())
}

/// (name, contents) of every `.tml` file, sorted by name as the script's sorted glob.
fn tml_sources(path: &Path) -> Result<Vec<(String, String)>> {
    let is_tml = |name: &str| name.ends_with(".tml") && !name.split('/').any(|c| c.starts_with('.'));
    let mut out = Vec::new();
    let name = path.to_string_lossy();
    if path.is_file() && (name.ends_with(".tar.gz") || name.ends_with(".tgz")) {
        let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(f).read_to_end(&mut bytes).with_context(|| format!("cannot unpack {name}"))?;
        for (n, data) in tar_entries(&bytes).with_context(|| format!("malformed archive {name}"))? {
            if is_tml(&n) {
                out.push((n, String::from_utf8(data).with_context(|| "a .tml file is not UTF-8")?));
            }
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

fn read_utf8(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {} as UTF-8", path.display()))
}

/// Every file under `dir`, recursively, in sorted order.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p)?);
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

/// Regular files of an (uncompressed) tar archive: ustar, GNU long names, pax headers skipped.
fn tar_entries(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut long_name: Option<String> = None;
    while pos + 512 <= bytes.len() {
        let h = &bytes[pos..pos + 512];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        let field = |a: usize, b: usize| {
            let f = &h[a..b];
            let end = f.iter().position(|&c| c == 0).unwrap_or(f.len());
            String::from_utf8_lossy(&f[..end]).into_owned()
        };
        let size_field = field(124, 136);
        let size = usize::from_str_radix(size_field.trim(), 8).with_context(|| format!("bad size {size_field:?}"))?;
        let data_start = pos + 512;
        let data_end = data_start + size;
        if data_end > bytes.len() {
            bail!("truncated entry");
        }
        let data = &bytes[data_start..data_end];
        let kind = h[156];
        let mut name = field(0, 100);
        if &h[257..262] == b"ustar" {
            let prefix = field(345, 500);
            if !prefix.is_empty() {
                name = format!("{prefix}/{name}");
            }
        }
        match kind {
            b'L' => {
                let end = data.iter().position(|&c| c == 0).unwrap_or(data.len());
                long_name = Some(String::from_utf8_lossy(&data[..end]).into_owned());
            }
            b'0' | 0 => {
                out.push((long_name.take().unwrap_or(name), data.to_vec()));
            }
            _ => long_name = None,
        }
        pos = data_start + size.div_ceil(512) * 512;
    }
    Ok(out)
}

/// Python's universal newlines, as `open()` reads the file in the script.
fn universal_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A TimeML file as the script reads it: DCT, the TEXT element with tags stripped (entities
/// decoded), and the TIMEX3 spans in characters of that text.
fn parse_timeml(raw: &str) -> Result<TimeDoc> {
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

/// Scores Recognizers-Text DateTime specs: a spec file, or every `DateTimeModel.json` under a
/// folder (the model-level spec; the extractor/parser unit specs and the calendar, tasks and
/// experimental modes are left out).
pub fn score_recognizers_time(path: &Path, limit: Option<usize>, lex: &Lexicons) -> Result<TimeScores> {
    let files: Vec<PathBuf> = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        walk(path)?.into_iter().filter(|p| p.file_name().is_some_and(|n| n == "DateTimeModel.json")).collect()
    };
    if files.is_empty() {
        bail!("no DateTimeModel.json under {}", path.display());
    }
    let mut counts = TimeCounts::default();
    let mut n = 0;
    for f in &files {
        let cases = read_json_list(f)?;
        for case in &cases {
            if limit.is_some_and(|l| n >= l) {
                break;
            }
            n += 1;
            let doc = recognizers_time_case(case).with_context(|| format!("malformed case in {}", f.display()))?;
            counts.add(&doc, lex);
        }
    }
    Ok(counts.scores())
}

fn recognizers_time_case(case: &Value) -> Result<TimeDoc> {
    let text = case["Input"].as_str().context("no Input")?.to_string();
    let published = case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
    let u16_to_byte = utf16_to_byte(&text);
    let mut gold = Vec::new();
    for r in case["Results"].as_array().map(Vec::as_slice).unwrap_or_default() {
        let start = r["Start"].as_u64().context("no Start")? as usize;
        let end = r["End"].as_u64().context("no End")? as usize + 1;
        let (Some(&s), Some(&e)) = (u16_to_byte.get(start), u16_to_byte.get(end)) else {
            bail!("span {start}..{end} outside {text:?}");
        };
        let values = r["Resolution"]["values"]
            .as_array()
            .map(|vs| vs.iter().filter_map(|v| v["timex"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        gold.push(GoldTime { start: s, end: e, values });
    }
    Ok(TimeDoc { text, published, gold, gold_in_chars: false })
}

/// UTF-16 index → byte offset (indices inside a surrogate pair map to the character's end).
fn utf16_to_byte(text: &str) -> Vec<usize> {
    let mut m = Vec::with_capacity(text.len() + 1);
    for (b, c) in text.char_indices() {
        for _ in 0..c.len_utf16() {
            m.push(b);
        }
    }
    m.push(text.len());
    m
}

fn read_json_list(path: &Path) -> Result<Vec<Value>> {
    let src = read_utf8(path)?;
    let v: Value = serde_json::from_str(src.trim_start_matches('\u{feff}'))
        .with_context(|| format!("{} is not JSON", path.display()))?;
    match v {
        Value::Array(a) => Ok(a),
        _ => bail!("{} is not a JSON list", path.display()),
    }
}

// ---------------------------------------------------------------------------------------------
// Quantities

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

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct QuantScores {
    pub source: String,
    pub format: String,
    pub sentences: u64,
    pub failed_runs: u64,
    pub gold: u64,
    pub predicted: u64,
    pub value: Prf,
    pub value_unit: Prf,
}

impl QuantScores {
    /// The lines `score_quantities.py` prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "sentences={} failed_runs={} gold={} predicted={}\nvalue+unit_f1={:.3}\nquantity_value_f1={:.3}\n",
            self.sentences, self.failed_runs, self.gold, self.predicted, self.value_unit.f1, self.value.f1
        )
    }
}

#[derive(Debug, Serialize)]
pub struct QuantReport {
    pub files: Vec<QuantScores>,
    pub total: QuantScores,
}

#[derive(Default)]
struct QuantCounts {
    sentences: u64,
    fails: u64,
    g: u64,
    p: u64,
    tv: u64,
    tu: u64,
}

impl QuantCounts {
    fn add(&mut self, o: &QuantCounts) {
        self.sentences += o.sentences;
        self.fails += o.fails;
        self.g += o.g;
        self.p += o.p;
        self.tv += o.tv;
        self.tu += o.tu;
    }

    fn scores(&self, source: &str, format: &str) -> QuantScores {
        QuantScores {
            source: source.into(),
            format: format.into(),
            sentences: self.sentences,
            failed_runs: self.fails,
            gold: self.g,
            predicted: self.p,
            value: prf(self.tv, self.p, self.g),
            value_unit: prf(self.tu, self.p, self.g),
        }
    }
}

/// The script's `num`: `float(str(x).replace(",", ""))`, `None` where Python would refuse.
fn py_num(v: &Value) -> Option<f64> {
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

/// Python's `repr` of a string (what `str(dict)` shows for the counted span's text).
fn py_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// What the script compares the gold unit with: `unit`, `counted` (a dict, as Python prints
/// it) and `text`, joined by spaces.
fn unit_text(q: &QuantityJson) -> String {
    let counted = q
        .counted
        .as_ref()
        .map(|c| format!("{{'start': {}, 'end': {}, 'text': {}}}", c.start, c.end, py_repr(&c.text)))
        .unwrap_or_default();
    format!("{} {} {}", q.unit.as_deref().unwrap_or(""), counted, q.text)
}

/// The script's `unit_ok`.
fn unit_ok(gold: &str, pred: &str) -> bool {
    let g = gold.to_lowercase();
    let g = g.trim();
    let p = pred.to_lowercase();
    if g.is_empty() || g == "-" {
        return true;
    }
    let last = g.split_whitespace().last().unwrap_or(g);
    !p.is_empty() && (p.contains(g) || g.contains(p.as_str()) || p.contains(last))
}

fn score_records(records: &[QuantRecord], lex: &Lexicons) -> QuantCounts {
    let mut c = QuantCounts::default();
    for rec in records {
        c.sentences += 1;
        let preds = match analyse(&format!("{}\n", rec.text), None, lex) {
            Some(a) => a.quantities,
            None => {
                c.fails += 1;
                Vec::new()
            }
        };
        c.g += rec.quantities.len() as u64;
        c.p += preds.len() as u64;
        let mut used_v = vec![false; preds.len()];
        for gq in &rec.quantities {
            let Some(gv) = py_num(&gq.value) else { continue };
            // The first prediction not yet matched that has the value as value, low or high.
            let hit = (0..preds.len())
                .find(|&i| !used_v[i] && [preds[i].value, preds[i].low, preds[i].high].contains(&Some(gv)));
            if let Some(i) = hit {
                used_v[i] = true;
                c.tv += 1;
                if unit_ok(&gq.unit, &unit_text(&preds[i])) {
                    c.tu += 1;
                }
            }
        }
    }
    c
}

pub fn quantities(args: &EvalQuantitiesArgs, lex: &Lexicons) -> Result<Exit> {
    let mut sets = quantity_sets(&args.paths)?;
    if let Some(n) = args.limit {
        for (_, _, records) in &mut sets {
            records.truncate(n);
        }
    }
    if let Some(out) = &args.dump_gold {
        let all: Vec<&QuantRecord> = sets.iter().flat_map(|(_, _, r)| r).collect();
        std::fs::write(out, serde_json::to_string_pretty(&all)? + "\n")
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    let report = score_sets(&sets, lex);
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        let mut s = String::new();
        if report.files.len() > 1 {
            for f in &report.files {
                s.push_str(&format!(
                    "{:<70} {:>5} gold {:>5} predicted  value_f1={:.3} value+unit_f1={:.3}\n",
                    f.source, f.gold, f.predicted, f.value.f1, f.value_unit.f1
                ));
            }
        }
        s.push_str(&report.total.lines());
        emit(&s)?;
    }
    Ok(Exit::Success)
}

/// Scores converted sets, each file on its own and all together.
pub fn score_sets(sets: &[(String, String, Vec<QuantRecord>)], lex: &Lexicons) -> QuantReport {
    let mut total = QuantCounts::default();
    let mut files = Vec::new();
    for (source, format, records) in sets {
        let c = score_records(records, lex);
        files.push(c.scores(source, format));
        total.add(&c);
    }
    let formats: HashSet<&str> = sets.iter().map(|s| s.1.as_str()).collect();
    let mut formats: Vec<&str> = formats.into_iter().collect();
    formats.sort();
    QuantReport { files, total: total.scores("total", &formats.join("+")) }
}

/// (source, format, records) for every quantity file named or found under the paths. In a
/// folder: `*.json` files; of Recognizers-Text specs only the `*Model.json` files except the
/// ordinal ones (ordinals are not quantities; the `*Mode.json` variants repeat the model cases
/// under other settings).
pub fn quantity_sets(paths: &[PathBuf]) -> Result<Vec<(String, String, Vec<QuantRecord>)>> {
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
            out.push((f.display().to_string(), format.to_string(), records));
        }
    }
    if out.is_empty() {
        bail!("no quantity files found");
    }
    Ok(out)
}

fn detect_format(cases: &[Value]) -> &'static str {
    match cases.first() {
        Some(c) if c.get("req").is_some() => "quantulum3",
        Some(c) if c.get("Input").is_some() => "recognizers",
        _ => "newsquant",
    }
}

fn convert(cases: &[Value], format: &str) -> Result<Vec<QuantRecord>> {
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
            "recognizers" => {
                let mut qs = Vec::new();
                for r in c["Results"].as_array().map(Vec::as_slice).unwrap_or_default() {
                    let kind = r["TypeName"].as_str().unwrap_or("");
                    if kind.starts_with("ordinal") {
                        continue;
                    }
                    let res = &r["Resolution"];
                    let raw = res["value"].as_str().unwrap_or("");
                    let (value, unit) = match kind {
                        "percentage" => (raw.trim_end_matches('%').trim().to_string(), "%".to_string()),
                        "numberrange" => (range_end(raw), String::new()),
                        _ => (raw.to_string(), gold_unit(kind, res["unit"].as_str().unwrap_or(""))),
                    };
                    let value = py_num(&Value::String(value.clone()))
                        .and_then(serde_json::Number::from_f64)
                        .map_or(Value::String(value), Value::Number);
                    qs.push(GoldQuantity { value, unit, change: None });
                }
                QuantRecord { text: c["Input"].as_str().context("no Input")?.to_string(), quantities: qs }
            }
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

/// A Recognizers range "(20,35]" as one gold value: its lower end, else its upper end.
fn range_end(raw: &str) -> String {
    let inner = raw.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'));
    let (lo, hi) = inner.split_once(',').unwrap_or((inner, ""));
    if lo.trim().is_empty() {
        hi.trim().to_string()
    } else {
        lo.trim().to_string()
    }
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
    use super::*;

    #[test]
    fn timeml_text_and_gold_offsets() {
        let raw = "<TimeML>\r\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-03-01T00:00\">x</TIMEX3></DCT>\n<TEXT>A &amp; B said <TIMEX3 tid=\"t1\" value=\"1998-02-28\">Friday</TIMEX3> that <EVENT>it</EVENT> < 3.</TEXT></TimeML>";
        let d = parse_timeml(raw).unwrap();
        assert_eq!(d.text, "A & B said Friday that it < 3.");
        assert_eq!(d.published, NaiveDate::from_ymd_opt(1998, 3, 1));
        assert_eq!(d.gold, vec![GoldTime { start: 11, end: 17, values: vec!["1998-02-28".into()] }]);
    }

    #[test]
    fn tags_follow_the_scripts_regex() {
        assert_eq!(tag_at("</TIMEX3>", 0), Some((9, true, "TIMEX3", "")));
        assert_eq!(tag_at("< 3 >", 0), None);
        assert_eq!(tag_at("</ x>", 0), None);
        assert_eq!(tag_at("<a", 0), None);
    }

    #[test]
    fn unit_match_is_the_scripts() {
        assert!(unit_ok("", "x"));
        assert!(unit_ok("-", ""));
        assert!(unit_ok("USD", "USD  $5"));
        assert!(unit_ok("finnish markka", "  420 million finnish markka"));
        assert!(!unit_ok("km", "mile  5 miles"));
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("troops"), "'troops'");
    }

    #[test]
    fn numbers_read_as_python_reads_them() {
        assert_eq!(py_num(&Value::String("1,500".into())), Some(1500.0));
        assert_eq!(py_num(&Value::String("1.5E-05".into())), Some(1.5e-5));
        assert_eq!(py_num(&Value::String("100%".into())), None);
        assert_eq!(py_num(&Value::Null), None);
        assert_eq!(range_end("(20,35]"), "20");
        assert_eq!(range_end("(,30)"), "30");
    }

    #[test]
    fn utf16_offsets_map_to_bytes() {
        assert_eq!(utf16_to_byte("a😀b"), vec![0, 1, 1, 5, 6]);
    }
}
