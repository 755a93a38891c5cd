//! `dossier events` (stored events, by type, actor and date) and `dossier export events`
//! (GDELT-like CSV rows with the evidence offsets; docs/events.md).

use std::path::Path;

use anyhow::{bail, Context, Result};
use dossier_core::EventType;
use dossier_store::{EventFilter, EventRow, Store};

use crate::args::{EventsArgs, ExportEventsArgs};
use crate::{emit, Exit};

fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!("no database at {} (run `dossier ingest` first, or pass --db)", db.display());
    }
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

fn filter(
    kind: &Option<String>,
    actor: &Option<String>,
    since: Option<chrono::NaiveDate>,
    limit: usize,
) -> Result<EventFilter> {
    let kind = match kind {
        Some(k) => match EventType::parse(k) {
            Some(t) => Some(t.as_str().to_string()),
            None => bail!("unknown event type {k:?} (one of: {})", EventType::ALL.map(|t| t.as_str()).join(", ")),
        },
        None => None,
    };
    Ok(EventFilter { kind, actor: actor.clone(), since: since.map(|d| d.to_string()), offset: 0, limit })
}

pub fn list(args: &EventsArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let rows = store.events(&filter(&args.kind, &args.actor, args.since, args.limit)?)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?;
    } else {
        emit(&report(&rows))?;
    }
    Ok(Exit::Success)
}

fn actor(text: &Option<String>, entity: &Option<String>) -> String {
    match (text, entity) {
        (Some(t), Some(e)) if t != e => format!("{t} [{e}]"),
        (Some(t), _) => t.clone(),
        (None, _) => "-".to_string(),
    }
}

/// One line per event: date, source → TYPE (trigger) → target, and what else is known.
pub fn report(rows: &[EventRow]) -> String {
    if rows.is_empty() {
        return "No events.\n".to_string();
    }
    let mut out = String::new();
    for e in rows {
        let mut line = format!(
            "{}  {} → {} ({}) → {}",
            e.published.as_deref().unwrap_or("undated   "),
            actor(&e.source, &e.source_entity),
            e.kind,
            e.trigger,
            actor(&e.target, &e.target_entity)
        );
        if let Some(m) = &e.mode {
            line.push_str(&format!("  mode={m}"));
        }
        if let Some(p) = &e.place {
            line.push_str(&format!("  place=\"{p}\""));
        }
        if let Some(t) = &e.time {
            line.push_str(&format!(
                "  time=\"{t}\"{}",
                e.time_value.as_ref().map_or(String::new(), |v| format!("={v}"))
            ));
        }
        if let Some(q) = &e.quantity {
            line.push_str(&format!("  quantity=\"{q}\""));
        }
        if e.negated {
            line.push_str("  [negated]");
        }
        if e.hedged {
            line.push_str("  [hedged]");
        }
        if let Some(r) = &e.reporter {
            line.push_str(&format!("  reported by {r}"));
        } else if e.reported_by.is_some() {
            line.push_str("  reported");
        }
        line.push_str(&format!("  — {}\n", e.title.as_deref().unwrap_or(&e.doc_id)));
        out.push_str(&line);
    }
    out
}

/// The CSV columns of `dossier export events` (docs/events.md).
pub const CSV_HEADER: &[&str] = &[
    "date",
    "actor1",
    "actor1_entity",
    "actor1_country",
    "actor1_sector",
    "actor2",
    "actor2_entity",
    "actor2_country",
    "actor2_sector",
    "type",
    "mode",
    "trigger",
    "place",
    "time",
    "quantity",
    "quantity_value",
    "negated",
    "hedged",
    "reported_by",
    "source_url",
    "doc_id",
    "trigger_start",
    "trigger_end",
    "actor1_start",
    "actor1_end",
    "actor2_start",
    "actor2_end",
];

/// RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv(rows: &[EventRow]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    let n = |x: Option<i64>| x.map_or(String::new(), |v| v.to_string());
    for e in rows {
        // The event's date: its normalised time when it is a date, else the publication date.
        let date = e
            .time_value
            .clone()
            .filter(|v| v.len() >= 4 && v[..4].chars().all(|c| c.is_ascii_digit()))
            .or_else(|| e.published.clone())
            .unwrap_or_default();
        let cells = [
            date,
            o(&e.source),
            o(&e.source_entity),
            o(&e.source_country),
            o(&e.source_sector),
            o(&e.target),
            o(&e.target_entity),
            o(&e.target_country),
            o(&e.target_sector),
            e.kind.clone(),
            o(&e.mode),
            e.trigger.clone(),
            o(&e.place),
            o(&e.time),
            o(&e.quantity),
            e.quantity_value.map_or(String::new(), |v| v.to_string()),
            u8::from(e.negated).to_string(),
            u8::from(e.hedged).to_string(),
            o(&e.reporter),
            o(&e.url),
            e.doc_id.clone(),
            e.start.to_string(),
            e.end.to_string(),
            n(e.source_start),
            n(e.source_end),
            n(e.target_start),
            n(e.target_end),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

pub fn export(args: &ExportEventsArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let rows = store.events(&filter(&args.kind, &args.actor, args.since, usize::MAX)?)?;
    emit(&csv(&rows))?;
    Ok(Exit::Success)
}
