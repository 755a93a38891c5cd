//! Human-readable output: the report of one analysed document, and listings of store rows.

use std::fmt::Write;

use dossier_core::{Analysis, Document, QuoteKind, RegionKind, Span, Speaker, TimeType};
use dossier_store::{AliasEvidence, DatePoint, EntityDetail, EntityRow, HeadlineRow, HitKind, SearchHit, StatementRow};

use crate::query::EntityWhy;

/// Collapses all runs of whitespace (hard wraps included) into single spaces.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `n` characters of `s` on one line, with `…` when cut.
fn prefix(s: &str, n: usize) -> String {
    let s = one_line(s);
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn time_type(t: TimeType) -> &'static str {
    match t {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
    }
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// The readable report `dossier analyze` prints.
pub fn analysis(doc: &Document, a: &Analysis) -> String {
    let text = doc.text.as_str();
    let slice = |s: Span| s.slice(text).unwrap_or("");
    let mut out = String::new();
    // Writing to a String cannot fail; `let _ =` keeps that explicit without unwraps.
    let o = &mut out;

    let title = a
        .regions
        .iter()
        .find(|r| r.kind == RegionKind::Title)
        .map(|r| one_line(slice(r.span)))
        .or_else(|| doc.meta.title.clone());
    let _ = writeln!(o, "{}", title.as_deref().unwrap_or("(untitled)"));
    let _ = writeln!(o, "id:        {}", doc.id);
    if let Some(src) = &doc.meta.source {
        let _ = writeln!(o, "source:    {src}");
    }
    if let Some(url) = &doc.meta.url {
        let _ = writeln!(o, "url:       {url}");
    }
    let published = doc.meta.published.map_or_else(|| "unknown".to_string(), |d| d.to_string());
    let _ = writeln!(o, "published: {published}");
    let _ = writeln!(o, "length:    {} bytes, {} sentences", text.len(), a.sentences.len());

    let speaker = |s: &Speaker| {
        let written = one_line(slice(s.span));
        match s.entity.and_then(|id| a.entities.iter().find(|e| e.id == id)) {
            Some(e) if e.name != written => format!("{written} [{}]", e.name),
            _ => written,
        }
    };

    let _ = writeln!(o, "\nHeadlines ({})", a.headlines.len());
    for h in &a.headlines {
        let words = h.span.map_or_else(|| doc.meta.title.clone().unwrap_or_default(), |s| one_line(slice(s)));
        let role = match h.role {
            dossier_core::HeadlineRole::Title => "title",
            dossier_core::HeadlineRole::Subheading => "sub-heading",
        };
        let _ = writeln!(
            o,
            "  {} ({role}, stance {:?} {:.2}, coverage {:.2}): {words}",
            h.verdict.as_str(),
            h.stance,
            h.score,
            h.coverage
        );
        for &e in &h.evidence {
            let _ = writeln!(o, "      evidence: {}", prefix(slice(e), 160));
        }
        if !h.qualifiers.is_empty() {
            let q: Vec<_> = h.qualifiers.iter().map(|&q| one_line(slice(q))).collect();
            let _ = writeln!(o, "      the body qualifies it: {}", q.join(", "));
        }
    }

    let _ = writeln!(o, "\nStatements ({})", a.attributions.len());
    for x in &a.attributions {
        let who = x.speaker.as_ref().map_or_else(|| "(unattributed)".to_string(), speaker);
        let mut line =
            format!("  {who} → {} ({}) → {}", x.stance.as_str(), one_line(slice(x.cue)), one_line(slice(x.content)));
        match x.quote {
            QuoteKind::Direct => line.push_str("  [direct quote]"),
            QuoteKind::Mixed => line.push_str("  [partly quoted]"),
            QuoteKind::Indirect => {}
        }
        if x.hedged() {
            let hedges: Vec<_> = x.hedges.iter().map(|&h| one_line(slice(h))).collect();
            let _ = write!(line, "  [hedged: {}]", hedges.join(", "));
        }
        if let Some(e) = &x.echoes {
            let _ = write!(line, "  (echoing {})", speaker(e));
        }
        let _ = writeln!(o, "{line}");
    }

    let _ = writeln!(o, "\nEntities ({})", a.entities.len());
    for e in &a.entities {
        let mut line = format!("  {} ({})", e.name, e.kind.as_str());
        if !e.aliases.is_empty() {
            let _ = write!(line, "  aliases: {}", e.aliases.join(", "));
        }
        if !e.roles.is_empty() {
            let _ = write!(line, "  roles: {}", e.roles.join(", "));
        }
        let _ = writeln!(o, "{line}");
    }

    let _ = writeln!(o, "\nNumbers ({})", a.quantities.len());
    for q in &a.quantities {
        let mut line = format!(
            "  \"{}\"  value={} low={} high={}",
            one_line(slice(q.span)),
            num(q.value),
            num(q.low),
            num(q.high)
        );
        if q.approx {
            line.push_str(" approx");
        }
        if let Some(u) = &q.unit {
            let _ = write!(line, " unit={u}");
        }
        if let Some(c) = q.counted {
            let _ = write!(line, " counted=\"{}\"", one_line(slice(c)));
        }
        let _ = writeln!(o, "{line}");
    }

    let _ = writeln!(o, "\nDates ({})", a.times.len());
    for t in &a.times {
        let value = t.value.as_deref().unwrap_or("-");
        let _ = writeln!(o, "  \"{}\"  {} {value}", one_line(slice(t.span)), time_type(t.kind));
    }

    let _ = writeln!(o, "\nEvents ({})", a.events.len());
    for e in &a.events {
        let arg = |x: &Option<dossier_core::EventArg>| x.as_ref().map_or("-".to_string(), |x| one_line(slice(x.span)));
        let mut line =
            format!("  {} → {} ({}) → {}", arg(&e.source), e.kind.as_str(), one_line(slice(e.trigger)), arg(&e.target));
        if let Some(p) = &e.place {
            let _ = write!(line, "  in {}", one_line(slice(p.span)));
        }
        if let Some(q) = e.quantity.and_then(|q| a.quantities.get(q as usize)) {
            let _ = write!(line, "  [{}]", one_line(slice(q.span)));
        }
        if e.negated {
            line.push_str("  [negated]");
        }
        if e.hedged {
            line.push_str("  [hedged]");
        }
        if let Some(s) = e.reported_by.and_then(|r| a.attributions.get(r as usize)) {
            let by = s.speaker.as_ref().map_or("(unattributed)".to_string(), |sp| one_line(slice(sp.span)));
            let _ = write!(line, "  (reported by {by})");
        }
        let _ = writeln!(o, "{line}");
    }

    let boiler: Vec<_> = a.regions.iter().filter(|r| r.kind.is_boilerplate()).collect();
    let _ = writeln!(o, "\nBoilerplate removed ({})", boiler.len());
    for r in boiler {
        let _ = writeln!(o, "  {}: {}", r.kind.as_str(), prefix(slice(r.span), 60));
    }

    let _ = writeln!(o, "\nCited sources ({})", a.cited_sources.len());
    for &s in &a.cited_sources {
        let _ = writeln!(o, "  {}", one_line(slice(s)));
    }
    out
}

/// `dossier documents`: each document once, then its headline checks.
pub fn headline_rows(rows: &[HeadlineRow]) -> String {
    let mut out = String::new();
    let mut last: Option<&str> = None;
    for h in rows {
        if last != Some(h.doc_id.as_str()) {
            let _ = writeln!(
                out,
                "{}  {}  {}",
                h.published.as_deref().unwrap_or("undated"),
                prefix(h.title.as_deref().unwrap_or("(untitled)"), 80),
                h.doc_id
            );
            last = Some(h.doc_id.as_str());
        }
        let _ = writeln!(out, "  {:<12} {:<10} {}", h.verdict, h.role, prefix(&h.text, 100));
    }
    if rows.is_empty() {
        out.push_str("(no headline checks)\n");
    }
    out
}

pub fn search_hits(hits: &[SearchHit]) -> String {
    let mut out = String::new();
    for h in hits {
        let kind = match h.kind {
            HitKind::Document => "document",
            HitKind::Statement => "statement",
        };
        let from = h.title.as_deref().or(h.source.as_deref()).unwrap_or(&h.doc_id);
        let _ = writeln!(out, "[{kind}] {}", one_line(from));
        if let Some(sp) = &h.speaker {
            let _ = writeln!(out, "  speaker: {}", one_line(sp));
        }
        let _ = writeln!(out, "  {}", one_line(&h.snippet));
    }
    if hits.is_empty() {
        out.push_str("no matches\n");
    }
    out
}

/// Which document a statement is in, for people: its outlet and title, else where it was read
/// from, else its id.
fn statement_from(s: &StatementRow) -> String {
    let doc = s.title.as_deref().or(s.source.as_deref()).map_or_else(|| s.doc_id.clone(), one_line);
    match s.outlet.as_deref() {
        Some(outlet) => format!("{} — {doc}", one_line(outlet)),
        None => doc,
    }
}

/// One statement on two lines: date, speaker, stance, cue, content; then the document.
fn statement(out: &mut String, s: &StatementRow) {
    let date = s.published.as_deref().unwrap_or("undated");
    let mut who = s.speaker.as_deref().map_or_else(|| "(unattributed)".to_string(), one_line);
    if let Some(e) = s.speaker_entity.as_deref().filter(|e| *e != who) {
        let _ = write!(who, " [{e}]");
    }
    let mut line = format!("{date}  {who} → {} ({}) → {}", s.stance, one_line(&s.cue), one_line(&s.content));
    if s.quote != "indirect" {
        let _ = write!(line, "  [{} quote]", s.quote);
    }
    if s.hedged {
        line.push_str("  [hedged]");
    }
    let _ = writeln!(out, "{line}\n    in: {}", statement_from(s));
}

pub fn statements(rows: &[StatementRow]) -> String {
    let mut out = String::new();
    for s in rows {
        statement(&mut out, s);
    }
    if rows.is_empty() {
        out.push_str("no statements\n");
    }
    out
}

pub fn entities(rows: &[EntityRow]) -> String {
    let mut out = String::new();
    for e in rows {
        let mut line = format!("{} ({})  mentions: {}  documents: {}", e.name, e.kind, e.mentions, e.documents);
        if !e.aliases.is_empty() {
            let _ = write!(line, "  aliases: {}", e.aliases.join(", "));
        }
        let _ = writeln!(out, "{line}");
    }
    if rows.is_empty() {
        out.push_str("no entities\n");
    }
    out
}

/// `dossier entities --why`: each entity's line, then one line per alias and evidence.
pub fn entities_why(rows: &[EntityWhy]) -> String {
    let mut out = String::new();
    for e in rows {
        out.push_str(&entities(std::slice::from_ref(e.entity)));
        alias_evidence(&mut out, &e.alias_evidence);
    }
    if rows.is_empty() {
        out.push_str("no entities\n");
    }
    out
}

/// One line per alias and evidence: `  Ryder  ← surname_of_full_name in 2 documents: "Title", …`.
fn alias_evidence(out: &mut String, evidence: &[AliasEvidence]) {
    for a in evidence {
        let docs = match a.documents {
            0 => "no recorded document".to_string(),
            1 => "1 document".to_string(),
            n => format!("{n} documents"),
        };
        let examples: Vec<String> =
            a.examples.iter().map(|d| format!("\"{}\"", prefix(d.title.as_deref().unwrap_or(&d.doc_id), 50))).collect();
        let _ = write!(out, "    {}  ← {} in {docs}", a.alias, a.evidence);
        if !examples.is_empty() {
            let more = if a.documents as usize > examples.len() { ", …" } else { "" };
            let _ = write!(out, ": {}{more}", examples.join(", "));
        }
        if !a.listed {
            out.push_str("  (not listed: another entity holds this surname about as often)");
        }
        out.push('\n');
    }
}

/// More dated rows than this and the timeline is shown by month.
const MAX_DATE_ROWS: usize = 24;

/// The per-date counts, or per-month (`YYYY-MM`) when there are many dates; undated stays last.
fn timeline_rows(dates: &[DatePoint]) -> (&'static str, Vec<DatePoint>) {
    if dates.iter().filter(|d| d.published.is_some()).count() <= MAX_DATE_ROWS {
        return ("date", dates.to_vec());
    }
    let mut rows: Vec<DatePoint> = Vec::new();
    for d in dates {
        let month = d.published.as_deref().map(|p| p.get(..7).unwrap_or(p).to_string());
        match rows.last_mut() {
            Some(last) if last.published == month => {
                last.documents += d.documents;
                last.mentions += d.mentions;
                last.statements += d.statements;
            }
            _ => rows.push(DatePoint { published: month, ..d.clone() }),
        }
    }
    ("month", rows)
}

/// The report `dossier entity` prints: who it is, how often it occurs, when, and what it said.
pub fn entity(e: &EntityDetail) -> String {
    let mut out = String::new();
    let o = &mut out;
    let r = &e.entity;
    let said: u64 = e.dates.iter().map(|d| d.statements).sum();
    let _ = writeln!(o, "{} ({})", r.name, r.kind);
    let _ = writeln!(o, "id:         {}", r.id);
    let aliases = if r.aliases.is_empty() { "-".to_string() } else { r.aliases.join(", ") };
    let _ = writeln!(o, "aliases:    {aliases}");
    let _ = writeln!(o, "mentions:   {}", r.mentions);
    let _ = writeln!(o, "documents:  {}", r.documents);
    let _ = writeln!(o, "statements: {said}");
    if !e.alias_evidence.is_empty() {
        let _ = writeln!(o, "\nAliases and their evidence");
        alias_evidence(o, &e.alias_evidence);
    }

    let (unit, rows) = timeline_rows(&e.dates);
    let _ = writeln!(o, "\nMentions over time (by {unit})");
    let _ = writeln!(o, "  {unit:<10}  documents  mentions  statements");
    for d in &rows {
        let when = d.published.as_deref().unwrap_or("undated");
        let _ = writeln!(o, "  {when:<10}  {:>9}  {:>8}  {:>10}", d.documents, d.mentions, d.statements);
    }

    let shown = e.statements.len() as u64;
    if shown < said {
        let _ = writeln!(o, "\nStatements (oldest {shown} of {said}; --limit shows more)");
    } else {
        let _ = writeln!(o, "\nStatements ({said})");
    }
    for s in &e.statements {
        o.push_str("  ");
        statement(o, s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_counts_characters() {
        assert_eq!(prefix("a\n b", 60), "a b");
        assert_eq!(prefix("Zelensky’s words", 10), "Zelensky’s…");
    }

    #[test]
    fn many_dates_are_counted_by_month() {
        let point = |p: Option<String>| DatePoint { published: p, documents: 1, mentions: 2, statements: 1 };
        let mut dates: Vec<_> = (1..=20).map(|d| point(Some(format!("2024-11-{d:02}")))).collect();
        assert_eq!(timeline_rows(&dates), ("date", dates.clone()));
        dates.extend((1..=10).map(|d| point(Some(format!("2024-12-{d:02}")))));
        dates.push(point(None));
        let (unit, rows) = timeline_rows(&dates);
        assert_eq!(unit, "month");
        let got: Vec<_> = rows.iter().map(|r| (r.published.as_deref(), r.documents, r.mentions)).collect();
        assert_eq!(got, [(Some("2024-11"), 20, 40), (Some("2024-12"), 10, 20), (None, 1, 2)]);
    }
}
