//! The web pages, rendered on the server from store results. Every piece of text goes through
//! [`esc`]; every URL part through [`enc`].

use std::fmt::Write;

use dossier_core::{AnalysisJson, Document, RegionKind};
use dossier_store::{
    CountedNoun, DocumentSummary, EntityDetail, EntityRow, HitKind, Page, QuantityPoint, SearchHit, StatementRow, Stats,
};

use crate::chart;
use crate::html::{enc, esc, highlight, layout, Mark};

/// Where a click on a speaker goes: its entity page when it was linked to one, otherwise the
/// statements of every speaker written the same way.
fn speaker_href(speaker: &str, entity: Option<&str>) -> String {
    match entity {
        Some(name) => format!("/entities/{}", enc(name)),
        None => format!("/statements?speaker={}", enc(speaker)),
    }
}

fn doc_href(id: &str) -> String {
    format!("/documents/{}", enc(id))
}

fn or_dash(s: Option<&str>) -> String {
    esc(s.unwrap_or("—"))
}

/// An article as a reader names it: its title (the hash only when it has none, and only ever in
/// the link), then its outlet and date.
fn doc_cite(id: &str, title: Option<&str>, outlet: Option<&str>, published: Option<&str>) -> String {
    let title = title.filter(|t| !t.trim().is_empty()).map_or_else(|| "(untitled)".to_string(), esc);
    let meta: Vec<String> = [outlet, published].into_iter().flatten().map(esc).collect();
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!(" <small class=\"doc-meta\">{}</small>", meta.join(" · "))
    };
    format!("<a href=\"{}\">{title}</a>{meta}", esc(&doc_href(id)))
}

/// The speaker of a statement: its entity's name when it was resolved to one, with the words the
/// article used beside it when they differ ("Donald Trump" ‹He›); otherwise the words.
fn speaker_cell(speaker: Option<&str>, entity: Option<&str>) -> String {
    let words = speaker.unwrap_or("—");
    match entity {
        Some(name) => {
            let said = if words.trim().eq_ignore_ascii_case(name.trim()) {
                String::new()
            } else {
                format!(" <small class=\"as-written\">“{}”</small>", esc(words))
            };
            format!("<a class=\"who\" href=\"{}\">{}</a>{said}", esc(&speaker_href(words, Some(name))), esc(name))
        }
        None => format!("<a class=\"who\" href=\"{}\">{}</a>", esc(&speaker_href(words, None)), esc(words)),
    }
}

/// A query string of the non-empty `pairs`, each value percent-encoded, without the `?`.
pub(crate) fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The link that downloads a table as CSV: the API route of the same list.
fn csv_link(api_path: &str, query: &str) -> String {
    let sep = if query.is_empty() { "" } else { "&" };
    format!(
        "<a class=\"csv\" href=\"{}\" download>Download CSV</a>",
        esc(&format!("/api{api_path}?{query}{sep}format=csv"))
    )
}

/// Where a page sits: links back up to the lists it belongs to.
pub(crate) fn crumbs(trail: &[(&str, &str)], here: &str) -> String {
    let mut b = String::from("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol>");
    for (href, label) in trail {
        let _ = write!(b, "<li><a href=\"{}\">{}</a></li>", esc(href), esc(label));
    }
    let _ = writeln!(b, "<li aria-current=\"page\">{}</li></ol></nav>", esc(here));
    b
}

/// The values of the documents page's filter form.
#[derive(Debug, Default)]
pub struct DocumentForm<'a> {
    pub outlet: &'a str,
    pub since: &'a str,
    pub until: &'a str,
    pub speaker: &'a str,
    pub verdict: &'a str,
    pub sort: &'a str,
}

impl DocumentForm<'_> {
    fn query(&self) -> String {
        query_string(&[
            ("outlet", self.outlet),
            ("since", self.since),
            ("until", self.until),
            ("speaker", self.speaker),
            ("verdict", self.verdict),
            ("sort", self.sort),
        ])
    }
}

fn select(b: &mut String, name: &str, label: &str, current: &str, options: &[(&str, &str)]) {
    let _ = write!(b, "<label>{label} <select name=\"{name}\">");
    for (value, text) in options {
        let sel = if current == *value { " selected" } else { "" };
        let _ = write!(b, "<option value=\"{}\"{sel}>{}</option>", esc(value), esc(text));
    }
    b.push_str("</select></label>");
}

fn text_field(b: &mut String, name: &str, label: &str, value: &str, kind: &str) {
    let _ = write!(b, "<label>{label} <input type=\"{kind}\" name=\"{name}\" value=\"{}\"></label>", esc(value));
}

pub fn home(stats: &Stats, form: &DocumentForm, outlets: &[(String, u64)], page: &Page<DocumentSummary>) -> String {
    let mut b = format!(
        "<h1>Documents</h1>
<p class=\"stats\">{} documents · {} statements · {} entities · {} numbers · {} dates</p>
<form class=\"filters\" method=\"get\" action=\"/\">",
        stats.documents, stats.statements, stats.entities, stats.quantities, stats.times
    );
    let mut outlet_options: Vec<(&str, &str)> = vec![("", "any")];
    outlet_options.extend(outlets.iter().map(|(o, _)| (o.as_str(), o.as_str())));
    if !form.outlet.is_empty() && !outlets.iter().any(|(o, _)| o.eq_ignore_ascii_case(form.outlet)) {
        outlet_options.push((form.outlet, form.outlet));
    }
    select(&mut b, "outlet", "Outlet", form.outlet, &outlet_options);
    text_field(&mut b, "since", "Since", form.since, "date");
    text_field(&mut b, "until", "Until", form.until, "date");
    text_field(&mut b, "speaker", "With statements by", form.speaker, "text");
    let mut verdicts = vec![("", "any")];
    verdicts.extend(crate::api::VERDICTS.iter().map(|v| (*v, *v)));
    select(&mut b, "verdict", "Headline", form.verdict, &verdicts);
    select(
        &mut b,
        "sort",
        "Sort by",
        form.sort,
        &[
            ("", "latest ingested"),
            ("published", "newest published"),
            ("published_asc", "oldest published"),
            ("statements", "most statements"),
            ("title", "title"),
        ],
    );
    b.push_str("<button type=\"submit\">Filter</button></form>\n");
    let query = form.query();
    let _ = writeln!(b, "<p class=\"count\">{} documents {}</p>", page.total, csv_link("/documents", &query));
    b.push_str(
        "<div class=\"table-wrap\"><table class=\"docs\">
<thead><tr><th scope=\"col\">Article</th><th scope=\"col\">Outlet</th><th scope=\"col\">Published</th><th scope=\"col\">Statements</th></tr></thead><tbody>\n",
    );
    for d in &page.items {
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td><td class=\"date-cell\">{}</td><td class=\"n\">{}</td></tr>",
            doc_cite(&d.id, d.title.as_deref(), None, None),
            or_dash(d.outlet.as_deref()),
            or_dash(d.published.as_deref()),
            d.statements,
        );
    }
    b.push_str("</tbody></table></div>\n");
    b.push_str(&pager(&format!("/?{}", with_amp(&query)), page.offset, page.limit, Some(page.total), page.items.len()));
    layout("Documents", "", &b)
}

/// `query` followed by `&` when it has anything, to append paging to.
fn with_amp(query: &str) -> String {
    if query.is_empty() {
        String::new()
    } else {
        format!("{query}&")
    }
}

/// Previous and next links of a paged list; `base` ends in `?` or `&`. With `total` unknown, a
/// full page means there may be more.
pub(crate) fn pager(base: &str, offset: u64, limit: u64, total: Option<u64>, shown: usize) -> String {
    let mut p = String::from("<nav class=\"pager\" aria-label=\"Pages\">");
    if offset > 0 {
        let _ = write!(
            p,
            "<a rel=\"prev\" href=\"{}offset={}&amp;limit={limit}\">← Previous</a>",
            esc(base),
            offset.saturating_sub(limit)
        );
    }
    let last = offset + shown as u64;
    let first = if shown == 0 { 0 } else { offset + 1 };
    match total {
        Some(total) => {
            let _ = write!(p, "<span>{first}–{last} of {total}</span>");
        }
        None => {
            let _ = write!(p, "<span>{first}–{last}</span>");
        }
    }
    let more = match total {
        Some(total) => last < total,
        None => shown as u64 >= limit,
    };
    if more {
        let _ = write!(p, "<a rel=\"next\" href=\"{}offset={last}&amp;limit={limit}\">Next →</a>", esc(base));
    }
    p.push_str("</nav>\n");
    p
}

/// The marks of an analysis: regions, statements (speaker, cue, content, hedges), entity
/// mentions, numbers and dates.
fn article_marks(a: &AnalysisJson) -> Vec<Mark> {
    let entity_name =
        |id: Option<u32>| id.and_then(|id| a.entities.iter().find(|e| e.id == id)).map(|e| e.name.as_str());
    let mut marks = Vec::new();
    let span = |start: u32, end: u32| (start as usize, end as usize);
    for r in &a.regions {
        let kind = r.kind.as_str();
        let class = if r.kind.is_boilerplate() { format!("region bp bp-{kind}") } else { format!("region r-{kind}") };
        let (start, end) = span(r.start, r.end);
        marks.push(Mark {
            start,
            end,
            rank: 0,
            open: format!("<span class=\"{class}\" title=\"{kind}\">"),
            close: "</span>",
        });
    }
    for (i, h) in a.headlines.iter().enumerate() {
        let verdict = serde_label(&h.verdict);
        if let Some(sp) = &h.span {
            let (start, end) = span(sp.start, sp.end);
            marks.push(Mark {
                start,
                end,
                rank: 1,
                open: format!(
                    "<span class=\"headline verdict-{v}\" data-headline=\"{i}\" title=\"{v}\">",
                    v = esc(&verdict)
                ),
                close: "</span>",
            });
        }
        for e in &h.evidence {
            let (start, end) = span(e.start, e.end);
            marks.push(Mark {
                start,
                end,
                rank: 0,
                open: format!(
                    "<span class=\"evidence\" data-headline=\"{i}\" title=\"{}\">",
                    esc(&format!("evidence for the {}: {verdict}", serde_label(&h.role)))
                ),
                close: "</span>",
            });
        }
    }
    // One link per speaker span, even when several statements share it (no nested links).
    let mut speakers: Vec<(u32, u32, Vec<usize>, String)> = Vec::new();
    for (i, at) in a.attributions.iter().enumerate() {
        let who = at.speaker.as_ref().map_or("(no speaker)", |s| s.text.as_str());
        let who_entity = at.speaker.as_ref().and_then(|s| entity_name(s.entity));
        let stance = esc(&serde_label(&at.stance));
        let hedged = if at.hedged { " hedged" } else { "" };
        let title = format!(
            "{} · {}{}",
            who_entity.unwrap_or(who),
            serde_label(&at.stance),
            if at.hedged { " · hedged" } else { "" }
        );
        let (start, end) = span(at.content.start, at.content.end);
        marks.push(Mark {
            start,
            end,
            rank: 1,
            open: format!(
                "<span class=\"content stance-{stance}{hedged}\" data-stmt=\"{i}\" title=\"{}\">",
                esc(&title)
            ),
            close: "</span>",
        });
        let (start, end) = span(at.cue.start, at.cue.end);
        marks.push(Mark {
            start,
            end,
            rank: 2,
            open: format!("<span class=\"cue\" data-stmt=\"{i}\">"),
            close: "</span>",
        });
        for h in &at.hedges {
            let (start, end) = span(h.start, h.end);
            marks.push(Mark {
                start,
                end,
                rank: 3,
                open: "<span class=\"hedge\" title=\"hedge\">".into(),
                close: "</span>",
            });
        }
        if let Some(s) = &at.speaker {
            match speakers.iter_mut().find(|x| x.0 == s.start && x.1 == s.end) {
                Some(x) => x.2.push(i),
                None => speakers.push((s.start, s.end, vec![i], speaker_href(&s.text, entity_name(s.entity)))),
            }
        }
    }
    for (start, end, stmts, href) in speakers {
        let ids: Vec<String> = stmts.iter().map(ToString::to_string).collect();
        let (start, end) = span(start, end);
        marks.push(Mark {
            start,
            end,
            rank: 2,
            open: format!("<a class=\"speaker\" data-stmt=\"{}\" href=\"{}\">", ids.join(" "), esc(&href)),
            close: "</a>",
        });
    }
    for m in &a.mentions {
        let kind = m.kind.as_str();
        let name = entity_name(m.entity).unwrap_or(&m.text);
        let (start, end) = span(m.start, m.end);
        marks.push(Mark {
            start,
            end,
            rank: 4,
            open: format!("<span class=\"ent ent-{kind}\" title=\"{} ({kind})\">", esc(name)),
            close: "</span>",
        });
    }
    for q in &a.quantities {
        let mut title = String::from("number");
        if let Some(v) = q.value {
            let _ = write!(title, " = {v}");
        }
        if let Some(c) = &q.counted {
            let _ = write!(title, " · counts {}", c.text);
        }
        let (start, end) = span(q.start, q.end);
        marks.push(Mark {
            start,
            end,
            rank: 5,
            open: format!("<span class=\"num\" title=\"{}\">", esc(&title)),
            close: "</span>",
        });
    }
    for t in &a.times {
        let title = format!("date{}", t.value.as_deref().map(|v| format!(" = {v}")).unwrap_or_default());
        let (start, end) = span(t.start, t.end);
        marks.push(Mark {
            start,
            end,
            rank: 5,
            open: format!("<span class=\"date\" title=\"{}\">", esc(&title)),
            close: "</span>",
        });
    }
    marks
}

/// A label enum as its JSON string (`assert`, `direct` …).
fn serde_label<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

const LEGEND: &str = "<p class=\"legend\"><span class=\"speaker\">speaker</span> <span class=\"cue\">cue</span> \
<span class=\"content stance-assert\">statement</span> <span class=\"content stance-deny\">denial</span> \
<span class=\"hedge\">hedge</span> <span class=\"ent ent-person\">person</span> <span class=\"ent ent-organization\">organisation</span> \
<span class=\"ent ent-place\">place</span> <span class=\"num\">number</span> <span class=\"date\">date</span> \
<span class=\"bp\">boilerplate</span></p>\n";

/// An article with its analysis drawn in; `evidence` (a byte range) marked, and `claims` (the
/// claims it reports, as HTML) after its statements.
pub fn article(
    doc: &Document,
    analysis: Option<&AnalysisJson>,
    evidence: Option<(usize, usize)>,
    claims: &str,
) -> String {
    let m = &doc.meta;
    // Plain-text articles carry their title as the first line, which the analysis marks.
    let title_region = analysis
        .and_then(|a| a.regions.iter().find(|r| r.kind == RegionKind::Title))
        .and_then(|r| doc.text.get(r.start as usize..r.end as usize))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let title = m.title.clone().or(title_region).unwrap_or_else(|| doc.id.clone());
    let mut b = format!("<article class=\"doc\">\n<h1>{}</h1>\n<p class=\"meta\">", esc(&title));
    let mut meta = Vec::new();
    if let Some(p) = m.published {
        meta.push(format!("published {}", esc(&p.to_string())));
    }
    if let Some(o) = &m.outlet {
        meta.push(esc(o));
    }
    if let Some(a) = &m.author {
        meta.push(format!("by {}", esc(a)));
    }
    if let Some(u) = &m.url {
        meta.push(format!("<span class=\"src\">{}</span>", esc(u)));
    } else if let Some(s) = &m.source {
        meta.push(format!("<span class=\"src\">{}</span>", esc(s)));
    }
    meta.push(format!("<code>{}</code>", esc(&doc.id)));
    b.push_str(&meta.join(" · "));
    b.push_str("</p>\n");
    let Some(a) = analysis else {
        b.push_str("<p class=\"note\">This document's stored analysis uses another contract version; the text is shown without highlights.</p>\n");
        let _ = writeln!(b, "<div class=\"text\">{}</div>\n</article>", esc(&doc.text));
        return layout(&title, "", &b);
    };
    b.push_str(LEGEND);
    let mut marks = article_marks(a);
    if let Some((start, end)) = evidence {
        marks.push(Mark { start, end, rank: 9, open: "<mark class=\"evidence\">".into(), close: "</mark>" });
    }
    let _ = writeln!(b, "<div class=\"text\" id=\"text\">{}</div>", highlight(&doc.text, marks));
    headline_table(&mut b, a);
    let _ = writeln!(b, "<h2 id=\"statements\">Statements ({})</h2>", a.attributions.len());
    b.push_str("<div class=\"table-wrap\"><table class=\"statements\"><thead><tr><th>#</th><th>Speaker</th><th>Cue</th><th>Stance</th><th>Statement</th></tr></thead><tbody>\n");
    let entity_name =
        |id: Option<u32>| id.and_then(|id| a.entities.iter().find(|e| e.id == id)).map(|e| e.name.as_str());
    for (i, at) in a.attributions.iter().enumerate() {
        let speaker = match &at.speaker {
            Some(s) => {
                let ent = entity_name(s.entity);
                let shown = match ent {
                    Some(e) if e != s.text => format!("{} <small>[{}]</small>", esc(&s.text), esc(e)),
                    _ => esc(&s.text),
                };
                format!("<a class=\"who\" href=\"{}\">{shown}</a>", esc(&speaker_href(&s.text, ent)))
            }
            None => "—".to_string(),
        };
        let _ = writeln!(
            b,
            "<tr data-stmt=\"{i}\"><td class=\"n\">{i}</td><td>{speaker}</td><td>{}</td><td><span class=\"stance stance-{st}\">{st}</span>{}</td><td>{} <small class=\"quote\">{}</small></td></tr>",
            esc(&at.cue.text),
            if at.hedged { " <span class=\"hedged-tag\">hedged</span>" } else { "" },
            esc(&at.content.text),
            esc(&serde_label(&at.quote)),
            st = esc(&serde_label(&at.stance)),
        );
    }
    b.push_str("</tbody></table></div>\n");
    b.push_str(claims);
    if !a.entities.is_empty() {
        b.push_str("<h2>Entities</h2>\n<ul class=\"chips\">");
        for e in &a.entities {
            let _ = write!(
                b,
                "<li><a class=\"ent ent-{k}\" href=\"/entities/{}\">{}</a> <small>{k}</small></li>",
                enc(&e.name),
                esc(&e.name),
                k = e.kind.as_str()
            );
        }
        b.push_str("</ul>\n");
    }
    b.push_str("</article>\n");
    layout(&title, "", &b)
}

/// Each heading's verdict with the body sentences that decided it.
fn headline_table(b: &mut String, a: &AnalysisJson) {
    let _ = writeln!(b, "<h2 id=\"headlines\">Headlines ({})</h2>", a.headlines.len());
    if a.headlines.is_empty() {
        b.push_str("<p class=\"note\">No title or sub-heading was checked.</p>\n");
        return;
    }
    b.push_str("<div class=\"table-wrap\"><table class=\"headlines\"><thead><tr><th>Heading</th><th>Verdict</th><th>Evidence in the body</th></tr></thead><tbody>\n");
    for (i, h) in a.headlines.iter().enumerate() {
        let evidence: Vec<String> = h
            .evidence
            .iter()
            .map(|e| format!("<li><a href=\"#text\" data-headline=\"{i}\">{}</a></li>", esc(&e.text)))
            .collect();
        let qualifiers: Vec<String> = h.qualifiers.iter().map(|q| esc(&q.text)).collect();
        let _ = writeln!(
            b,
            "<tr data-headline=\"{i}\"><td><small>{role}</small> {text}</td><td><span class=\"verdict verdict-{v}\">{v}</span> <small>{stance} {score:.2}</small>{q}</td><td><ul class=\"evidence-list\">{ev}</ul></td></tr>",
            role = esc(&serde_label(&h.role)),
            text = esc(&h.text),
            v = esc(&serde_label(&h.verdict)),
            stance = esc(&serde_label(&h.stance)),
            score = h.score,
            q = if qualifiers.is_empty() { String::new() } else { format!("<br><small>the body says: {}</small>", qualifiers.join(", ")) },
            ev = if evidence.is_empty() { "<li>—</li>".to_string() } else { evidence.join("") },
        );
    }
    b.push_str("</tbody></table></div>\n");
}

/// The rows of a statements table, shared by the statements page and the entity page.
fn statement_rows(b: &mut String, rows: &[StatementRow], with_speaker: bool) {
    b.push_str("<div class=\"table-wrap\"><table class=\"statements\"><thead><tr><th>Date</th>");
    if with_speaker {
        b.push_str("<th>Speaker</th>");
    }
    b.push_str("<th>Cue</th><th>Stance</th><th>Statement</th><th>Article</th><th>Claim</th></tr></thead><tbody>\n");
    for s in rows {
        let _ = write!(b, "<tr><td class=\"date-cell\">{}</td>", or_dash(s.published.as_deref()));
        if with_speaker {
            let _ = write!(b, "<td>{}</td>", speaker_cell(s.speaker.as_deref(), s.speaker_entity.as_deref()));
        }
        let _ = writeln!(
            b,
            "<td>{}</td><td><span class=\"stance stance-{st}\">{st}</span>{}</td><td class=\"said\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.cue),
            if s.hedged { " <span class=\"hedged-tag\">hedged</span>" } else { "" },
            esc(&s.content),
            doc_cite(&s.doc_id, s.title.as_deref(), s.outlet.as_deref(), None),
            s.claim.map_or_else(|| "—".to_string(), |c| format!("<a href=\"/claims/{c}\">#{c}</a>")),
            st = esc(&s.stance),
        );
    }
    b.push_str("</tbody></table></div>\n");
}

/// The values of the statements page's filter form.
#[derive(Debug, Default)]
pub struct StatementForm<'a> {
    pub speaker: &'a str,
    pub outlet: &'a str,
    pub entity: &'a str,
    pub stance: &'a str,
    pub hedged: &'a str,
    pub since: &'a str,
    pub until: &'a str,
}

pub const STANCES: [&str; 6] = ["assert", "deny", "confirm", "warn", "urge", "agree"];

impl StatementForm<'_> {
    fn query(&self) -> String {
        query_string(&[
            ("speaker", self.speaker),
            ("entity", self.entity),
            ("stance", self.stance),
            ("hedged", self.hedged),
            ("since", self.since),
            ("until", self.until),
            ("outlet", self.outlet),
        ])
    }
}

pub fn statements(form: &StatementForm, rows: &[StatementRow], offset: usize, limit: usize) -> String {
    let mut b = String::from("<h1>Statements</h1>\n<form class=\"filters\" method=\"get\" action=\"/statements\">");
    text_field(&mut b, "speaker", "Speaker", form.speaker, "text");
    text_field(&mut b, "entity", "About entity", form.entity, "text");
    text_field(&mut b, "outlet", "Outlet", form.outlet, "text");
    let mut stances = vec![("", "any")];
    stances.extend(STANCES.iter().map(|s| (*s, *s)));
    select(&mut b, "stance", "Stance", form.stance, &stances);
    select(&mut b, "hedged", "Hedged", form.hedged, &[("", "any"), ("true", "hedged"), ("false", "not hedged")]);
    text_field(&mut b, "since", "Since", form.since, "date");
    text_field(&mut b, "until", "Until", form.until, "date");
    b.push_str("<button type=\"submit\">Filter</button></form>\n");
    let query = form.query();
    let _ = writeln!(b, "<p class=\"count\">{}</p>", csv_link("/statements", &with_paging(&query, offset, limit)));
    statement_rows(&mut b, rows, true);
    b.push_str(&pager(&format!("/statements?{}", with_amp(&query)), offset as u64, limit as u64, None, rows.len()));
    layout("Statements", "", &b)
}

/// `query` with this page's offset and limit, so that a CSV link exports what is shown.
fn with_paging(query: &str, offset: usize, limit: usize) -> String {
    format!("{}offset={offset}&limit={limit}", with_amp(query))
}

pub fn entities(kind: &str, page: &Page<EntityRow>) -> String {
    let mut b = String::from("<h1>Entities</h1>\n<form class=\"filters\" method=\"get\" action=\"/entities\">");
    select(
        &mut b,
        "kind",
        "Kind",
        kind,
        &[
            ("", "any"),
            ("person", "person"),
            ("organization", "organization"),
            ("location", "location"),
            ("group", "group"),
        ],
    );
    b.push_str("<button type=\"submit\">Show</button></form>\n");
    let query = query_string(&[("kind", kind)]);
    let _ = writeln!(
        b,
        "<p class=\"count\">{} entities {}</p>",
        page.total,
        csv_link("/entities", &with_paging(&query, page.offset as usize, page.limit as usize))
    );
    b.push_str("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th><th scope=\"col\">Mentions</th><th scope=\"col\">Documents</th><th scope=\"col\">Statements</th><th scope=\"col\">Also called</th></tr></thead><tbody>\n");
    for e in &page.items {
        let _ = writeln!(
            b,
            "<tr><td><a class=\"ent ent-{k}\" href=\"/entities/{}\">{}</a></td><td>{k}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            enc(&e.name),
            esc(&e.name),
            e.mentions,
            e.documents,
            e.statement_count,
            esc(&e.aliases.join(", ")),
            k = esc(&e.kind),
        );
    }
    b.push_str("</tbody></table></div>\n");
    b.push_str(&pager(
        &format!("/entities?{}", with_amp(&query)),
        page.offset,
        page.limit,
        Some(page.total),
        page.items.len(),
    ));
    layout("Entities", "", &b)
}

pub fn entity(e: &EntityDetail, offset: usize, limit: usize) -> String {
    let r = &e.entity;
    let mut b = crumbs(&[("/", "Documents"), ("/entities", "Entities")], &r.name);
    let _ = write!(
        b,
        "<h1 class=\"entity-name\">{}</h1>\n<p class=\"meta\"><span class=\"ent ent-{k}\">{k}</span> · {} mentions in {} documents · {} statements",
        esc(&r.name),
        r.mentions,
        r.documents,
        r.statement_count,
        k = esc(&r.kind),
    );
    if !r.aliases.is_empty() {
        let _ = write!(b, " · also called {}", esc(&r.aliases.join(", ")));
    }
    b.push_str("</p>\n<h2>Over time</h2>\n");
    b.push_str(&chart::entity_timeline(&e.timeline, &e.statements));
    if !e.quantities.is_empty() {
        b.push_str("<h2>Numbers in its statements</h2>\n");
        b.push_str(&chart::numbers(&e.quantities));
    }
    let _ = writeln!(b, "<h2 id=\"statements\">Statements ({})</h2>", r.statement_count);
    if e.statements.is_empty() {
        b.push_str("<p class=\"note\">No statements attributed to this entity here.</p>\n");
    } else {
        let path = format!("/entities/{}", enc(&r.name));
        let _ = writeln!(b, "<p class=\"count\">{}</p>", csv_link(&path, &with_paging("", offset, limit)));
        statement_rows(&mut b, &e.statements, true);
        b.push_str(&pager(
            &format!("{path}?"),
            offset as u64,
            limit as u64,
            Some(r.statement_count),
            e.statements.len(),
        ));
    }
    let _ = writeln!(
        b,
        "<p><a href=\"/statements?entity={}\">Statements that mention {}</a> · <a href=\"/claims?about={}\">Claims about {}</a></p>",
        enc(&r.name),
        esc(&r.name),
        enc(&r.name),
        esc(&r.name)
    );
    layout(&r.name, "", &b)
}

pub fn search(query: &str, hits: &[SearchHit], offset: usize, limit: usize) -> String {
    let q = query_string(&[("q", query)]);
    let mut b = format!(
        "<h1>Search</h1>\n<p class=\"count\">Results for <q>{}</q> {}</p>\n<ol class=\"hits\" start=\"{}\">\n",
        esc(query),
        if query.trim().is_empty() { String::new() } else { csv_link("/search", &with_paging(&q, offset, limit)) },
        offset + 1
    );
    for h in hits {
        let what = match h.kind {
            HitKind::Document => "article".to_string(),
            HitKind::Statement => match &h.speaker {
                Some(s) => {
                    format!("statement by <a class=\"who\" href=\"{}\">{}</a>", esc(&speaker_href(s, None)), esc(s))
                }
                None => "statement".to_string(),
            },
        };
        let _ = writeln!(
            b,
            "<li>{} <small>{what}</small><p class=\"snippet\">{}</p></li>",
            doc_cite(&h.doc_id, h.title.as_deref(), h.outlet.as_deref(), h.published.as_deref()),
            snippet(&h.snippet),
        );
    }
    b.push_str("</ol>\n");
    if hits.is_empty() {
        b.push_str("<p class=\"note\">Nothing found.</p>\n");
    }
    b.push_str(&pager(&format!("/search?{}", with_amp(&q)), offset as u64, limit as u64, None, hits.len()));
    layout(&format!("Search: {query}"), query, &b)
}

/// A search snippet, escaped, with the store's `[` … `]` match markers drawn as `<mark>`.
fn snippet(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut open = false;
    for c in s.chars() {
        match c {
            '[' if !open => {
                out.push_str("<mark>");
                open = true;
            }
            ']' if open => {
                out.push_str("</mark>");
                open = false;
            }
            c => crate::html::esc_into(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

pub fn quantities(
    counted: Option<&str>,
    rows: &[QuantityPoint],
    nouns: &[CountedNoun],
    offset: usize,
    limit: usize,
) -> String {
    let mut b = String::new();
    if let Some(c) = counted {
        b.push_str(&crumbs(&[("/", "Documents"), ("/quantities", "Numbers")], c));
    }
    b.push_str("<h1>Numbers</h1>\n<form class=\"filters\" method=\"get\" action=\"/quantities\">");
    let _ = writeln!(
        b,
        "<label>Counting <input type=\"text\" name=\"counted\" value=\"{}\" placeholder=\"troops\"></label><button type=\"submit\">Show</button></form>",
        esc(counted.unwrap_or(""))
    );
    match counted {
        Some(c) => {
            let q = query_string(&[("counted", c)]);
            let _ = writeln!(b, "<h2>{} over time</h2>", esc(c));
            b.push_str(&chart::numbers(rows));
            let _ = writeln!(b, "<p class=\"count\">{}</p>", csv_link("/quantities", &with_paging(&q, offset, limit)));
            b.push_str("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Number</th><th scope=\"col\">Value</th><th scope=\"col\">Counted</th><th scope=\"col\">Article</th></tr></thead><tbody>\n");
            for q in rows {
                let _ = writeln!(
                    b,
                    "<tr><td class=\"date-cell\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
                    or_dash(q.published.as_deref()),
                    esc(&q.text),
                    q.value.map(|v| v.to_string()).unwrap_or_default(),
                    or_dash(q.counted.as_deref()),
                    doc_cite(&q.doc_id, q.title.as_deref(), q.outlet.as_deref(), None),
                );
            }
            b.push_str("</tbody></table></div>\n");
            b.push_str(&pager(&format!("/quantities?{}", with_amp(&q)), offset as u64, limit as u64, None, rows.len()));
        }
        None => {
            let _ =
                writeln!(b, "<h2>What is counted most</h2>\n<p class=\"count\">{}</p>", csv_link("/quantities", ""));
            b.push_str("<dl class=\"counted\">\n");
            for (head, group) in group_by_head(nouns) {
                let total = group.first().map_or(0, |n| n.head_quantities);
                let _ = write!(
                    b,
                    "<dt><a href=\"/quantities?counted={}\">{}</a> <small>{total}</small></dt><dd><ul class=\"chips\">",
                    enc(head),
                    esc(head)
                );
                for n in group.iter().filter(|n| n.counted != head) {
                    let _ = write!(
                        b,
                        "<li><a href=\"/quantities?counted={}\">{}</a> <small>{}</small></li>",
                        enc(&n.counted),
                        esc(&n.counted),
                        n.quantities
                    );
                }
                b.push_str("</ul></dd>\n");
            }
            b.push_str("</dl>\n");
        }
    }
    layout("Numbers", "", &b)
}

/// Counted nouns grouped by what they count ("voter": "registered voter", "likely voter"), in
/// the store's order (the heads with the most numbers first).
fn group_by_head(nouns: &[CountedNoun]) -> Vec<(&str, Vec<&CountedNoun>)> {
    let mut groups: Vec<(&str, Vec<&CountedNoun>)> = Vec::new();
    for n in nouns {
        match groups.last_mut() {
            Some((h, g)) if *h == n.head => g.push(n),
            _ => groups.push((&n.head, vec![n])),
        }
    }
    groups
}

pub fn error_page(status: u16, message: &str) -> String {
    layout(
        "Error",
        "",
        &format!(
            "<h1>{status}</h1>\n<p class=\"note\">{}</p>\n<p><a href=\"/\">Back to the documents</a></p>",
            esc(message)
        ),
    )
}
