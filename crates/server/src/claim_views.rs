//! The claim pages: the list of claims (`/claims`) and one claim (`/claims/{id}`) with its
//! reports side by side by stance, a chart of its numbers, what tied each report to it, and its
//! drift (where it changed as it was relayed).

use std::fmt::Write;

use dossier_claims::contract::{ClaimJson, ReportJson};
use dossier_claims::drift::{CiteHow, DriftKind};
use dossier_claims::ReportStance;
use dossier_store::{ClaimSummary, DriftReport, QuantityPoint};

use crate::chart;
use crate::html::{enc, esc, layout};

/// The article with a report's evidence marked and scrolled to.
pub fn evidence_href(doc: &str, start: u32, end: u32) -> String {
    format!("/documents/{}?hl={start}-{end}#hl", enc(doc))
}

pub fn claim_href(id: i64) -> String {
    format!("/claims/{id}")
}

/// The values of the claims page's filter form.
#[derive(Debug, Default)]
pub struct ClaimForm<'a> {
    pub about: &'a str,
    pub since: &'a str,
    pub min_documents: u32,
}

pub fn claims(form: &ClaimForm, rows: &[ClaimSummary], offset: u32, limit: u32) -> String {
    let mut b = String::from("<h1>Claims</h1>\n<p class=\"meta\">One proposition with every report of it across the stored articles, the most widely reported first.</p>\n");
    let _ = writeln!(
        b,
        "<form class=\"filters\" method=\"get\" action=\"/claims\">\
         <label>About <input name=\"about\" value=\"{}\" placeholder=\"entity name\"></label>\
         <label>First seen since <input name=\"since\" type=\"date\" value=\"{}\"></label>\
         <label>At least <input name=\"min_documents\" type=\"number\" min=\"1\" value=\"{}\"> documents</label>\
         <button type=\"submit\">Filter</button></form>",
        esc(form.about),
        esc(form.since),
        form.min_documents.max(1)
    );
    if rows.is_empty() {
        b.push_str("<p class=\"note\">No claims match.</p>\n");
        return layout("Claims", "", &b);
    }
    b.push_str("<div class=\"table-wrap\"><table class=\"claims\"><thead><tr><th>Claim</th><th>Documents</th><th>Reports</th><th>First seen</th></tr></thead><tbody>\n");
    for c in rows {
        let _ = writeln!(
            b,
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"date-cell\">{} {}</td></tr>",
            claim_href(c.id),
            esc(&c.text),
            c.documents,
            c.reports,
            esc(c.first_seen.date.as_deref().unwrap_or("undated")),
            esc(c.first_seen.outlet.as_deref().unwrap_or(""))
        );
    }
    b.push_str("</tbody></table></div>\n");
    let more = |o: u32| {
        format!(
            "/claims?about={}&since={}&min_documents={}&offset={o}&limit={limit}",
            enc(form.about),
            enc(form.since),
            form.min_documents.max(1)
        )
    };
    b.push_str("<nav class=\"pager\">");
    if offset > 0 {
        let _ = write!(b, "<a href=\"{}\">← Previous</a> ", esc(&more(offset.saturating_sub(limit))));
    }
    if rows.len() as u32 == limit {
        let _ = write!(b, "<a href=\"{}\">Next →</a>", esc(&more(offset + limit)));
    }
    b.push_str("</nav>\n");
    layout("Claims", "", &b)
}

fn who(r: &ReportJson) -> String {
    match &r.speaker {
        Some(s) => match s.entity {
            Some(_) => format!("<a class=\"who\" href=\"/entities/{}\">{}</a>", enc(&s.name), esc(&s.name)),
            None => esc(&s.name),
        },
        None => format!("<span class=\"outlet\">{}</span>", esc(r.outlet.as_deref().unwrap_or("the outlet"))),
    }
}

fn why(r: &ReportJson) -> String {
    let Some(m) = &r.why else { return "opened the claim".into() };
    let mut parts = vec![format!("score {:.2}, wording {:.2}", m.score, m.wording)];
    if !m.shared_terms.is_empty() {
        parts.push(format!("words: {}", m.shared_terms.join(", ")));
    }
    if !m.shared_entities.is_empty() {
        parts.push(format!(
            "{} shared entit{}",
            m.shared_entities.len(),
            if m.shared_entities.len() == 1 { "y" } else { "ies" }
        ));
    }
    if m.same_event {
        parts.push("same event type".into());
    }
    if m.same_counted {
        parts.push("same counted thing".into());
    }
    esc(&parts.join("; "))
}

/// One side of a drift: who, where, and the evidence linked into its article.
fn drift_side(label: &str, r: &ReportJson) -> String {
    format!(
        "<blockquote class=\"drift-{label}\"><p class=\"meta\">{label}: {} · {} · {} · {}</p><a href=\"{}\">{}</a>{}</blockquote>",
        esc(r.date.as_deref().unwrap_or("undated")),
        esc(r.outlet.as_deref().unwrap_or("no outlet")),
        who(r),
        esc(&r.kind),
        esc(&evidence_href(&r.document, r.evidence.start, r.evidence.end)),
        esc(&r.evidence.text),
        if r.hedged { " <span class=\"hedged-tag\">hedged</span>" } else { "" },
    )
}

/// The claim page's drift panel: each pair with its changes and both evidences.
fn drift_panel(d: &DriftReport) -> String {
    let mut b = String::from("<section class=\"drift\" id=\"drift\"><h2>Drift</h2>\n");
    let _ = writeln!(
        b,
        "<p class=\"meta\">Where the claim changed as it was relayed: an article citing another outlet against that outlet's report, and an outlet's own words against the sources it quotes. {} pair{} compared, {} unchanged.</p>",
        d.compared,
        if d.compared == 1 { "" } else { "s" },
        d.unchanged
    );
    if d.drifts.is_empty() {
        b.push_str("<p class=\"note\">No drift found.</p></section>\n");
        return b;
    }
    b.push_str("<ol class=\"drifts\">\n");
    for x in &d.drifts {
        let outlet = |r: &ReportJson| esc(r.outlet.as_deref().unwrap_or("no outlet"));
        let head = match x.kind {
            DriftKind::CitedSource => format!("{} relays {}", outlet(&x.relayer), outlet(&x.source)),
            DriftKind::OwnFraming => format!("{}: its own words against a source it quotes", outlet(&x.relayer)),
        };
        let _ = write!(b, "<li class=\"drift-{}\"><p><strong>{head}</strong>", x.kind.as_str());
        if let Some(c) = &x.citation {
            let how = match c.how {
                CiteHow::Url => "links to it",
                CiteHow::Attribution => "cites it",
                CiteHow::SourcesLine => "credits it",
            };
            let _ = write!(
                b,
                " — {how}: <a href=\"{}\">{}</a>",
                esc(&evidence_href(&x.relayer.document, c.start, c.end)),
                esc(&c.text)
            );
        }
        b.push_str("</p><ul class=\"changes\">");
        for ch in &x.changes {
            let _ = write!(b, "<li class=\"change-{}\">{}</li>", ch.name(), esc(&ch.describe()));
        }
        b.push_str("</ul>");
        b.push_str(&drift_side("source", &x.source));
        b.push_str(&drift_side("relayer", &x.relayer));
        b.push_str("</li>\n");
    }
    b.push_str("</ol></section>\n");
    b
}

/// The most reports a claim page lists under each stance (the rest a page at a time, with
/// `?stance=`), and the most numbers in its table (all of them in `GET /api/claims/ID`).
pub const SHOWN_PER_STANCE: usize = 100;

/// A claim with more reports than this gets no drift panel on its page: comparing its reports
/// pair by pair takes seconds to minutes (a wire story repeated by thousands of articles);
/// `dossier drift --claim ID` computes it.
pub const DRIFT_ON_PAGE_REPORTS: usize = 300;

/// Which reports a claim page lists: the first `limit` of each stance, or with `stance` a page of
/// that stance's from `offset` on.
#[derive(Debug, Clone, Copy)]
pub struct ReportPage {
    pub stance: Option<ReportStance>,
    pub offset: usize,
    pub limit: usize,
}

/// A claim's page: `c` holds the reports `page` lists and the numbers of all; `counts` how many
/// reports each stance has.
pub fn claim(c: &ClaimJson, counts: &[(ReportStance, u32)], page: &ReportPage, drift: Option<&DriftReport>) -> String {
    let all_reports: u32 = counts.iter().map(|(_, n)| n).sum();
    let mut b = crate::views::crumbs(&[("/", "Documents"), ("/claims", "Claims")], &format!("claim #{}", c.id));
    let _ = write!(b, "<h1 class=\"claim-text\">{}</h1>\n<p class=\"meta\">", esc(&c.text));
    let mut meta = vec![format!("claim #{}", c.id)];
    meta.push(format!(
        "first seen {} {}",
        esc(c.first_seen.date.as_deref().unwrap_or("undated")),
        esc(c.first_seen.outlet.as_deref().unwrap_or(""))
    ));
    meta.push(format!("{} documents · {} reports", c.documents, all_reports));
    if let Some(t) = &c.event_type {
        meta.push(format!("event {}", esc(t)));
    }
    b.push_str(&meta.join(" · "));
    b.push_str("</p>\n");
    if !c.about.is_empty() {
        b.push_str("<ul class=\"chips\">");
        for a in &c.about {
            let _ = write!(
                b,
                "<li><a class=\"ent ent-{k}\" href=\"/entities/{}\">{}</a></li>",
                enc(&a.name),
                esc(&a.name),
                k = esc(&a.kind)
            );
        }
        b.push_str("</ul>\n");
    }
    // A page of one stance's reports lists those alone: the numbers are on the claim's first page.
    if !c.numbers.is_empty() && page.stance.is_none() {
        b.push_str("<h2>Numbers over time</h2>\n");
        let points: Vec<QuantityPoint> = c
            .numbers
            .iter()
            .map(|n| QuantityPoint {
                doc_id: n.document.clone(),
                title: n.speaker.clone(),
                published: n.date.clone(),
                text: n.text.clone(),
                value: n.value,
                low: n.low,
                high: n.high,
                approx: n.approx,
                bound: String::new(),
                unit: None,
                counted: None,
                start: 0,
                end: 0,
                outlet: None,
            })
            .collect();
        b.push_str(&chart::numbers(&points));
        b.push_str("<div class=\"table-wrap\"><table class=\"numbers\"><thead><tr><th>Date</th><th>Number</th><th>Given by</th><th>Evidence</th></tr></thead><tbody>\n");
        for n in c.numbers.iter().take(SHOWN_PER_STANCE) {
            let _ = writeln!(
                b,
                "<tr><td class=\"date-cell\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(n.date.as_deref().unwrap_or("undated")),
                esc(&n.text),
                esc(n.speaker.as_deref().unwrap_or("—")),
                if n.changed { "<span class=\"changed\">changed</span>" } else { "" }
            );
        }
        b.push_str("</tbody></table></div>\n");
        more_numbers_note(&mut b, c.numbers.len(), c.id);
    }
    match page.stance {
        Some(s) => {
            let _ = writeln!(
                b,
                "<h2>Reports: {}</h2>\n<p><a href=\"{}\">← All stances</a></p>\n<div class=\"stances\">",
                s.as_str(),
                claim_href(c.id)
            );
        }
        None => b.push_str("<h2>Reports by stance</h2>\n<div class=\"stances\">\n"),
    }
    for &(stance, all) in counts.iter().filter(|(s, _)| page.stance.is_none_or(|p| p == *s)) {
        let rs: Vec<&ReportJson> = c.reports.iter().filter(|r| r.stance == stance).collect();
        let shown = rs.len();
        let _ = writeln!(
            b,
            "<section class=\"stance-col stance-{s}\"><h3>{s} <small>({})</small></h3><ol class=\"reports\">",
            all,
            s = stance.as_str()
        );
        for r in rs {
            let _ = writeln!(
                b,
                "<li><p class=\"meta\">{} · {} · {}</p><blockquote><a href=\"{}\">{}</a>{}</blockquote><p class=\"why\">{}</p></li>",
                esc(r.date.as_deref().unwrap_or("undated")),
                who(r),
                esc(r.title.as_deref().unwrap_or(&r.document)),
                esc(&evidence_href(&r.document, r.evidence.start, r.evidence.end)),
                esc(&r.evidence.text),
                if r.hedged { " <span class=\"hedged-tag\">hedged</span>" } else { "" },
                why(r)
            );
        }
        b.push_str("</ol>");
        if page.offset > 0 || shown < all as usize {
            let base = format!("{}?stance={}&", claim_href(c.id), stance.as_str());
            b.push_str(&crate::views::pager(&base, page.offset as u64, page.limit as u64, Some(all.into()), shown));
        }
        b.push_str("</section>\n");
    }
    b.push_str("</div>\n");
    match drift {
        Some(d) => b.push_str(&drift_panel(d)),
        // A page of one stance's reports has no drift section: the claim's first page has it.
        None if page.stance.is_some() => {}
        None => {
            let _ = writeln!(
                b,
                "<section class=\"drift\" id=\"drift\"><h2>Drift</h2>\n<p class=\"note\">{} reports are too many to compare \
                 here; <code>dossier drift --claim {}</code> lists where this claim changed.</p></section>",
                all_reports,
                c.id
            );
        }
    }
    layout(&c.text, "", &b)
}

/// Says how many numbers the table left out, and where they all are.
fn more_numbers_note(b: &mut String, all: usize, claim: i64) {
    if all > SHOWN_PER_STANCE {
        let _ = write!(
            b,
            "<p class=\"note\">The first {SHOWN_PER_STANCE} of {all}; all of them: \
             <a href=\"/api/claims/{claim}\">the claim as JSON</a> (<code>numbers</code>).</p>"
        );
    }
}

/// The article page's list of the claims it reports.
pub fn claims_of_document(claims: &[(i64, String)]) -> String {
    if claims.is_empty() {
        return String::new();
    }
    let mut b = format!("<h2 id=\"claims\">Claims it reports ({})</h2>\n<ul class=\"claims-of\">", claims.len());
    for (id, text) in claims {
        let _ = write!(b, "<li><a href=\"{}\">{}</a></li>", claim_href(*id), esc(text));
    }
    b.push_str("</ul>\n");
    b
}
