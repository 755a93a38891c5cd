//! `dossier drift [--claim ID] [--json]`: where a claim changed as it was relayed, read from the
//! store at query time (dossier_store::Store::drift; docs/claims.md, "Drift").

use std::fmt::Write as _;

use anyhow::Result;
use dossier_claims::contract::ReportJson;
use dossier_claims::drift::{CiteHow, Drift, DriftKind};
use dossier_store::DriftReport;

use crate::args::DriftArgs;
use crate::claims_cmd::{one_line, open, parse_id};
use crate::{emit, Exit};

pub fn run(args: &DriftArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let claim = match &args.claim {
        None => None,
        Some(id) => match parse_id(id) {
            Some(n) => Some(n),
            None => {
                eprintln!("error: {id:?} is not a claim id (a number, from `dossier claims`)");
                return Ok(Exit::NotFound);
            }
        },
    };
    let Some(report) = store.drift(claim)? else {
        eprintln!("error: no claim #{} in {} (see `dossier claims`)", claim.unwrap_or_default(), args.db.db.display());
        return Ok(Exit::NotFound);
    };
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        emit(&text(&report))?;
    }
    Ok(Exit::Success)
}

fn who(r: &ReportJson) -> String {
    let outlet = r.outlet.as_deref().unwrap_or("(no outlet)");
    match (&r.speaker, r.kind.as_str()) {
        (Some(s), _) => format!("{outlet}, quoting {}", s.name),
        (None, "headline") => format!("{outlet}, headline"),
        (None, _) => format!("{outlet}, in its own words"),
    }
}

fn evidence_line(r: &ReportJson) -> String {
    format!(
        "      {}{}: \"{}\"  — {} @{}-{}",
        who(r),
        if r.hedged { " [hedged]" } else { "" },
        one_line(&r.evidence.text, 140),
        r.title.as_deref().map_or(r.document.as_str(), |t| t),
        r.evidence.start,
        r.evidence.end
    )
}

fn one(d: &Drift) -> String {
    let date = |r: &ReportJson| r.date.clone().unwrap_or_else(|| "undated".into());
    let outlet = |r: &ReportJson| r.outlet.clone().unwrap_or_else(|| "(no outlet)".into());
    let mut out = match d.kind {
        DriftKind::CitedSource => format!(
            "  Cited source: {} ({}) relays {} ({})\n",
            outlet(&d.relayer),
            date(&d.relayer),
            outlet(&d.source),
            date(&d.source)
        ),
        DriftKind::OwnFraming => format!(
            "  Own framing: {} ({}), its own words against a source it quotes\n",
            outlet(&d.relayer),
            date(&d.relayer)
        ),
    };
    if let Some(c) = &d.citation {
        let how = match c.how {
            CiteHow::Url => "links to it",
            CiteHow::Attribution => "cites it",
            CiteHow::SourcesLine => "credits it",
        };
        let _ = writeln!(out, "    {how}: \"{}\" @{}-{}", one_line(&c.text, 140), c.start, c.end);
    }
    if let Some(u) = &d.source_url {
        let _ = writeln!(out, "    source URL: {u}");
    }
    let _ = writeln!(out, "    source: {}", evidence_line(&d.source).trim_start());
    let _ = writeln!(out, "    relayer: {}", evidence_line(&d.relayer).trim_start());
    for c in &d.changes {
        let _ = writeln!(out, "    - {}", c.describe());
    }
    out
}

/// Drifts grouped by claim, then the count of pairs compared.
fn text(r: &DriftReport) -> String {
    let mut out = String::new();
    let mut last = None;
    for d in &r.drifts {
        if last != Some(d.claim) {
            let _ = writeln!(
                out,
                "{}Claim #{}: {}",
                if last.is_some() { "\n" } else { "" },
                d.claim,
                one_line(&d.claim_text, 200)
            );
            last = Some(d.claim);
        }
        out.push_str(&one(d));
    }
    if r.drifts.is_empty() {
        out.push_str("No drift.\n");
    } else {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} drift{} in {} pair{} compared ({} unchanged).",
        r.drifts.len(),
        if r.drifts.len() == 1 { "" } else { "s" },
        r.compared,
        if r.compared == 1 { "" } else { "s" },
        r.unchanged
    );
    out
}
