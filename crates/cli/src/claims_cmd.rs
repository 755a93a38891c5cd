//! `dossier claims`, `dossier claim ID`, `dossier timeline NAME|CLAIM_ID` and `dossier export
//! claims`: the claims the store linked across articles (crates/claims, docs/claims.md).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};
use dossier_claims::contract::{ClaimJson, ReportJson};
use dossier_claims::ReportStance;
use dossier_store::{ClaimFilter, ClaimSummary, Store};

use crate::args::{ClaimArgs, ClaimsArgs, ExportClaimsArgs, TimelineArgs};
use crate::{emit, Exit};

pub(crate) fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!("no database at {} (run `dossier ingest` first, or pass --db)", db.display());
    }
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

/// The listed claims in full, or `None` (already reported) when `about` names no entity.
fn gather(store: &Store, db: &Path, filter: &ClaimFilter) -> Result<Option<Vec<ClaimJson>>> {
    let found = store.claims_in_full(filter)?;
    if found.is_none() {
        eprintln!(
            "error: no entity named {:?} in {} (see `dossier entities`)",
            filter.about.as_deref().unwrap_or_default(),
            db.display()
        );
    }
    Ok(found)
}

pub fn list(args: &ClaimsArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let filter = ClaimFilter {
        about: args.about.clone(),
        since: args.since.map(|d| d.to_string()),
        min_documents: args.min_documents,
        limit: args.limit,
        offset: 0,
    };
    if args.json {
        let Some(claims) = gather(&store, &args.db.db, &filter)? else { return Ok(Exit::NotFound) };
        emit(&format!("{}\n", serde_json::to_string_pretty(&claims)?))?;
        return Ok(Exit::Success);
    }
    let Some(list) = store.claims(&filter)? else {
        eprintln!("error: no entity named {:?} in {} (see `dossier entities`)", args.about, args.db.db.display());
        return Ok(Exit::NotFound);
    };
    emit(&summaries(&list))?;
    Ok(Exit::Success)
}

/// One line per claim: id, documents, first seen, wording.
fn summaries(list: &[ClaimSummary]) -> String {
    if list.is_empty() {
        return "No claims.\n".to_string();
    }
    let mut out = String::new();
    for c in list {
        let _ = writeln!(
            out,
            "#{:<6} {:>3} doc{} {:>3} report{}  first {} {}  {}",
            c.id,
            c.documents,
            if c.documents == 1 { " " } else { "s" },
            c.reports,
            if c.reports == 1 { " " } else { "s" },
            c.first_seen.date.as_deref().unwrap_or("undated   "),
            c.first_seen.outlet.as_deref().unwrap_or("-"),
            one_line(&c.text, 110)
        );
    }
    out
}

pub(crate) fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

pub(crate) fn parse_id(s: &str) -> Option<i64> {
    s.trim().trim_start_matches('#').parse().ok()
}

/// Finds a claim by id, or says why not (exit 1).
fn find(store: &Store, db: &Path, id: &str) -> Result<Option<ClaimJson>> {
    let Some(n) = parse_id(id) else {
        eprintln!("error: {id:?} is not a claim id (a number, from `dossier claims`)");
        return Ok(None);
    };
    let found = store.claim(n)?;
    if found.is_none() {
        eprintln!("error: no claim #{n} in {} (see `dossier claims`)", db.display());
    }
    Ok(found)
}

pub fn show(args: &ClaimArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let Some(mut claim) = find(&store, &args.db.db, &args.id)? else { return Ok(Exit::NotFound) };
    if !args.why {
        for r in &mut claim.reports {
            r.why = None;
        }
    }
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&claim)?))?;
    } else {
        emit(&detail(&claim, args.why))?;
    }
    Ok(Exit::Success)
}

fn report_line(r: &ReportJson) -> String {
    let speaker =
        r.speaker.as_ref().map_or_else(|| r.outlet.clone().unwrap_or_else(|| "(outlet)".into()), |s| s.name.clone());
    let mut line = format!(
        "  {}  {:<24} {}{}",
        r.date.as_deref().unwrap_or("undated   "),
        one_line(&speaker, 24),
        if r.hedged { "[hedged] " } else { "" },
        one_line(&r.evidence.text, 100)
    );
    if let Some(n) = &r.number {
        let _ = write!(line, "  ({})", n.text);
    }
    let _ = write!(
        line,
        "  — {} @{}-{}",
        r.title.as_deref().map_or(r.document.as_str(), |t| t),
        r.evidence.start,
        r.evidence.end
    );
    line
}

fn why_line(r: &ReportJson) -> String {
    match &r.why {
        None => "      opened the claim".to_string(),
        Some(m) => {
            let mut parts = vec![format!("score {:.2} (wording {:.2})", m.score, m.wording)];
            if !m.shared_terms.is_empty() {
                parts.push(format!("words: {}", m.shared_terms.join(", ")));
            }
            if !m.shared_entities.is_empty() {
                parts.push(format!(
                    "entities: {}",
                    m.shared_entities.iter().map(|e| format!("#{e}")).collect::<Vec<_>>().join(", ")
                ));
            }
            if m.same_event {
                parts.push("same event type".into());
            }
            if m.same_counted {
                parts.push("same counted thing".into());
            }
            format!("      {}", parts.join("; "))
        }
    }
}

/// A claim: wording, what it is about, first seen, reports grouped by stance, number series.
fn detail(c: &ClaimJson, why: bool) -> String {
    let mut out = format!("Claim #{}: {}\n", c.id, one_line(&c.text, 200));
    if !c.about.is_empty() {
        let about: Vec<String> = c.about.iter().map(|a| format!("{} ({})", a.name, a.kind)).collect();
        let _ = writeln!(out, "About: {}", about.join(", "));
    }
    if let Some(t) = &c.event_type {
        let _ = writeln!(out, "Event: {t}");
    }
    let _ = writeln!(
        out,
        "First seen: {} {} ({}); {} document{}, {} report{}",
        c.first_seen.date.as_deref().unwrap_or("undated"),
        c.first_seen.outlet.as_deref().unwrap_or("-"),
        c.first_seen.document,
        c.documents,
        if c.documents == 1 { "" } else { "s" },
        c.reports.len(),
        if c.reports.len() == 1 { "" } else { "s" }
    );
    for stance in ReportStance::ALL {
        let rs: Vec<&ReportJson> = c.reports.iter().filter(|r| r.stance == stance).collect();
        if rs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({}):", stance.as_str(), rs.len());
        for r in rs {
            let _ = writeln!(out, "{}", report_line(r));
            if why {
                let _ = writeln!(out, "{}", why_line(r));
            }
        }
    }
    if !c.numbers.is_empty() {
        let _ = writeln!(out, "\nNumbers:");
        for p in &c.numbers {
            let _ = writeln!(
                out,
                "  {}  {:<14} {:<24}{}",
                p.date.as_deref().unwrap_or("undated   "),
                p.text,
                p.speaker.as_deref().unwrap_or("-"),
                if p.changed { "  ← changed" } else { "" }
            );
        }
    }
    out
}

pub fn timeline(args: &TimelineArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let target = args.target.join(" ");
    // A number is a claim id; anything else an entity.
    if parse_id(&target).is_some() {
        let Some(claim) = find(&store, &args.db.db, &target)? else { return Ok(Exit::NotFound) };
        if args.json {
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&serde_json::json!({
                    "claim": claim.id, "text": claim.text, "numbers": claim.numbers, "reports": claim.reports
                }))?
            ))?;
            return Ok(Exit::Success);
        }
        let mut out = format!("Claim #{}: {}\n", claim.id, one_line(&claim.text, 200));
        for r in &claim.reports {
            let _ = writeln!(out, "{}  {}", r.stance.as_str(), report_line(r).trim_start());
        }
        emit(&out)?;
        return Ok(Exit::Success);
    }
    let filter = ClaimFilter { about: Some(target), limit: 10_000, ..ClaimFilter::default() };
    let Some(mut claims) = gather(&store, &args.db.db, &filter)? else { return Ok(Exit::NotFound) };
    claims.sort_by(|a, b| {
        (a.first_seen.date.is_none(), &a.first_seen.date, a.id).cmp(&(
            b.first_seen.date.is_none(),
            &b.first_seen.date,
            b.id,
        ))
    });
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&claims)?))?;
        return Ok(Exit::Success);
    }
    let mut out = String::new();
    for c in &claims {
        let _ = writeln!(
            out,
            "{}  #{:<6} {} doc{}  {}",
            c.first_seen.date.as_deref().unwrap_or("undated   "),
            c.id,
            c.documents,
            if c.documents == 1 { " " } else { "s" },
            one_line(&c.text, 110)
        );
        for p in &c.numbers {
            let _ = writeln!(
                out,
                "      {}  {}  {}",
                p.date.as_deref().unwrap_or("undated"),
                p.text,
                p.speaker.as_deref().unwrap_or("-")
            );
        }
    }
    if claims.is_empty() {
        out.push_str("No claims.\n");
    }
    emit(&out)?;
    Ok(Exit::Success)
}

/// The CSV columns of `dossier export claims --format csv`: one row per report.
pub const CSV_HEADER: [&str; 17] = [
    "claim",
    "claim_text",
    "event_type",
    "document",
    "date",
    "outlet",
    "kind",
    "speaker",
    "speaker_entity",
    "stance",
    "hedged",
    "number_value",
    "number_low",
    "number_high",
    "number_text",
    "evidence_start",
    "evidence_end",
];

pub fn export(args: &ExportClaimsArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let filter = ClaimFilter {
        about: args.about.clone(),
        since: args.since.map(|d| d.to_string()),
        min_documents: 1,
        limit: u32::MAX,
        offset: 0,
    };
    let Some(claims) = gather(&store, &args.db.db, &filter)? else { return Ok(Exit::NotFound) };
    if args.format == "jsonl" {
        let mut out = String::new();
        for c in &claims {
            out.push_str(&serde_json::to_string(c)?);
            out.push('\n');
        }
        emit(&out)?;
        return Ok(Exit::Success);
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    let opt = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
    for c in &claims {
        for r in &c.reports {
            let n = r.number.as_ref();
            w.write_record([
                c.id.to_string(),
                c.text.clone(),
                c.event_type.clone().unwrap_or_default(),
                r.document.clone(),
                r.date.clone().unwrap_or_default(),
                r.outlet.clone().unwrap_or_default(),
                r.kind.clone(),
                r.speaker.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                r.speaker.as_ref().and_then(|s| s.entity).map(|e| e.to_string()).unwrap_or_default(),
                r.stance.as_str().to_string(),
                u8::from(r.hedged).to_string(),
                opt(n.and_then(|n| n.value)),
                opt(n.and_then(|n| n.low)),
                opt(n.and_then(|n| n.high)),
                n.map(|n| n.text.clone()).unwrap_or_default(),
                r.evidence.start.to_string(),
                r.evidence.end.to_string(),
            ])?;
        }
    }
    emit(&String::from_utf8(w.into_inner()?)?)?;
    Ok(Exit::Success)
}
