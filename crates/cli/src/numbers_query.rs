//! `dossier quantities`: stored numbers in publication order, optionally only those counting a
//! given noun ("every claimed number of troops, oldest report first").

use anyhow::{bail, Context, Result};
use dossier_store::{QuantityFilter, QuantityPoint, Store};

use crate::args::QuantitiesArgs;
use crate::{emit, Exit};

pub fn run(args: &QuantitiesArgs) -> Result<Exit> {
    let db = &args.db.db;
    if !db.exists() {
        bail!("no database at {} (run `dossier ingest` first, or pass --db)", db.display());
    }
    let store = Store::open(db).with_context(|| format!("cannot open database {}", db.display()))?;
    let rows = store.quantities(&QuantityFilter { counted: args.counted.clone(), offset: 0, limit: args.limit })?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?;
    } else {
        emit(&report(&rows))?;
    }
    Ok(Exit::Success)
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v}"))
}

/// One line per number: date, the number as written, value and bounds, unit, what it counts,
/// and the document it comes from.
pub fn report(rows: &[QuantityPoint]) -> String {
    if rows.is_empty() {
        return "No numbers.\n".to_string();
    }
    let mut out = String::new();
    for q in rows {
        let mut line = format!(
            "{}  \"{}\"  value={} low={} high={}",
            q.published.as_deref().unwrap_or("undated   "),
            q.text,
            num(q.value),
            num(q.low),
            num(q.high)
        );
        if q.approx {
            line.push_str(" approx");
        }
        if q.bound != "exact" {
            line.push_str(&format!(" bound={}", q.bound));
        }
        if let Some(u) = &q.unit {
            line.push_str(&format!(" unit={u}"));
        }
        if let Some(c) = &q.counted {
            line.push_str(&format!(" counted=\"{c}\""));
        }
        let title = q.title.as_deref().unwrap_or(&q.doc_id);
        line.push_str(&format!("  — {title}\n"));
        out.push_str(&line);
    }
    out
}
