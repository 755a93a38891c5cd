//! `dossier eval events`: scores events against PLOVER gold-standard records, exactly as
//! `shared/tools/score_events.py` does with `dossier analyze --json {}` as its command, but with the
//! analysis run in-process.
//!
//! Each record's sentence (plus a newline, as the script writes it) is analysed. Type: a record is a
//! hit when some event has the gold type; every other type predicted for it is a false positive.
//! Actors: on a hit, a source (target) is right when it overlaps the gold actor's words (the first
//! occurrence of `actorText` in the sentence) or when the record has no such actor.

use anyhow::{Context, Result};
use dossier_core::{AnalysisJson, Document, Metadata};
use dossier_extract::Lexicons;
use serde::Serialize;
use serde_json::Value;

use crate::args::EvalEventsArgs;
use crate::{emit, Exit};

#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct EventScores {
    pub records: u64,
    pub failed_runs: u64,
    pub type_hits: u64,
    pub wrong_types: u64,
    pub missed: u64,
    /// Hits whose source and target are both right.
    pub full_hits: u64,
    pub type_f1: f64,
    pub events_f1: f64,
}

impl EventScores {
    /// The lines the Python scorer prints, byte for byte.
    pub fn lines(&self) -> String {
        format!(
            "records={} failed_runs={} type_hits={} wrong_types={} missed={}\ntype_f1={:.3}\nevents_f1={:.3}\n",
            self.records, self.failed_runs, self.type_hits, self.wrong_types, self.missed, self.type_f1, self.events_f1
        )
    }
}

pub fn run(args: &EvalEventsArgs, lex: &Lexicons) -> Result<Exit> {
    let src = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let records: Value =
        serde_json::from_str(&src).with_context(|| format!("{} is not a JSON array", args.file.display()))?;
    let s = score(&records, args.limit, lex, args.verbose)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
    } else {
        emit(&s.lines())?;
    }
    Ok(Exit::Success)
}

/// Byte span of the first occurrence of `phrase` in `text`.
fn find(text: &str, phrase: &str) -> Option<(u32, u32)> {
    let i = text.find(phrase)?;
    Some((i as u32, (i + phrase.len()) as u32))
}

fn overlaps(a: Option<(u32, u32)>, b: Option<(u32, u32)>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.1.min(b.1) > a.0.max(b.0))
}

fn actors(r: &Value, key: &str, text: &str) -> Vec<Option<(u32, u32)>> {
    r[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["actorText"].as_str().filter(|t| !t.is_empty()))
        .map(|t| find(text, t))
        .collect()
}

pub fn score(records: &Value, limit: Option<usize>, lex: &Lexicons, verbose: bool) -> Result<EventScores> {
    let recs: Vec<&Value> = records
        .as_array()
        .context("the gold file is not a JSON array")?
        .iter()
        .filter(|r| r["event"].as_str() != Some("DOCUMENT"))
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let mut s = EventScores { records: recs.len() as u64, ..EventScores::default() };
    for r in recs {
        let text = r["text"].as_str().unwrap_or_default();
        let gold = r["event"].as_str().unwrap_or_default().to_uppercase();
        let doc = Document::new(format!("{text}\n"), Metadata::default());
        let a = dossier_extract::analyze(&doc, lex);
        let json = AnalysisJson::new(&doc, &a);
        let types: std::collections::BTreeSet<String> =
            json.events.iter().map(|e| e.kind.as_str().to_string()).collect();
        let wrong = types.iter().filter(|t| **t != gold).count() as u64;
        s.wrong_types += wrong;
        let hits: Vec<_> = json.events.iter().filter(|e| e.kind.as_str() == gold).collect();
        if verbose {
            let show = |x: &Option<dossier_core::EventArgJson>| x.as_ref().map_or("-".to_string(), |x| x.text.clone());
            let evs: Vec<String> = json
                .events
                .iter()
                .map(|e| format!("{}[{}] {} → {}", e.kind.as_str(), e.trigger.text, show(&e.source), show(&e.target)))
                .collect();
            eprintln!("{} {gold}: {}\n    {}", if hits.is_empty() { "MISS" } else { "HIT " }, evs.join(" | "), text);
        }
        if hits.is_empty() {
            s.missed += 1;
            continue;
        }
        s.type_hits += 1;
        let gs = actors(r, "source", text);
        let gt = actors(r, "target", text);
        let ok = |pred: Option<(u32, u32)>, golds: &[Option<(u32, u32)>]| {
            golds.is_empty() || golds.iter().any(|&g| overlaps(pred, g))
        };
        if hits.iter().any(|e| {
            ok(e.source.as_ref().map(|x| (x.start, x.end)), &gs) && ok(e.target.as_ref().map(|x| (x.start, x.end)), &gt)
        }) {
            s.full_hits += 1;
        }
    }
    let f1 = |t: u64, p: u64, n: u64| if t > 0 { 2.0 * t as f64 / (2 * t + p + n) as f64 } else { 0.0 };
    s.type_f1 = f1(s.type_hits, s.wrong_types, s.missed);
    let partial = s.type_hits - s.full_hits;
    s.events_f1 = f1(s.full_hits, s.wrong_types + partial, s.missed + partial);
    Ok(s)
}
