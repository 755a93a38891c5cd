//! Drift in the store (docs/claims.md, "Drift"): the pairs of reports of one claim worth
//! comparing, found at query time from the stored claims, documents and statements, then
//! compared by `dossier_claims::drift`. Nothing is written.
//!
//! - **cited source**: document A relays document B when both report the claim, B is not dated
//!   after A, and A cites B: it contains B's URL, or an attribution or a credit line of A names
//!   B's outlet. The candidate pairs are an index join of `claim_reports` on the claim; each
//!   relaying document's text and statements are read once, and each (document, outlet) checked
//!   once.
//! - **own framing**: within one document, a report without a speaker (a headline, an
//!   unattributed sentence) against the reports of the same claim that have one.

use std::collections::HashMap;

use dossier_claims::contract::{ClaimJson, ReportJson};
use dossier_claims::drift::{self, Change, Citation, CitingStatement, Drift, DriftKind};
use dossier_claims::ReportStance;
use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

/// What [`Store::drift`] found: the drifts, and how many pairs were compared to find them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DriftReport {
    pub drifts: Vec<Drift>,
    /// Pairs of reports compared (a dropped denial counts as one pair).
    pub compared: u32,
    /// Of those, the pairs with no change: not drift.
    pub unchanged: u32,
}

/// A relaying document as drift needs it, read once.
struct Relaying {
    text: String,
    statements: Vec<(Option<String>, String, u32, u32)>,
}

/// Candidate (claim, relayer, source) document triples: both report the claim and the source is
/// not dated after the relayer; the source has a URL, or an outlet other than the relayer's.
const CROSS_PAIRS: &str = "SELECT DISTINCT ra.claim_id, ra.doc_id, rb.doc_id, db.outlet, db.url, da.outlet
     FROM claim_reports ra
     JOIN claim_reports rb ON rb.claim_id = ra.claim_id AND rb.doc_id <> ra.doc_id
     JOIN documents da ON da.id = ra.doc_id
     JOIN documents db ON db.id = rb.doc_id
     WHERE {claim}
       AND (da.published IS NULL OR db.published IS NULL OR db.published <= da.published)
       AND (db.url IS NOT NULL
            OR (trim(coalesce(db.outlet, '')) <> '' AND lower(coalesce(da.outlet, '')) <> lower(db.outlet)))
     ORDER BY ra.claim_id, ra.doc_id, rb.doc_id";

/// Claims with a document holding both a report with a speaker and one without.
const FRAMED: &str = "SELECT DISTINCT claim_id FROM claim_reports WHERE {claim}
     GROUP BY claim_id, doc_id HAVING COUNT(speaker) > 0 AND COUNT(speaker) < COUNT(*)
     ORDER BY claim_id";

impl Store {
    /// The drift of one claim (`Some(id)`; `None` when no claim has the id) or of every claim.
    pub fn drift(&self, claim: Option<i64>) -> Result<Option<DriftReport>> {
        if let Some(id) = claim {
            let known = self.conn.prepare_cached("SELECT 1 FROM claims WHERE id = ?1")?.query_row([id], |_| Ok(()));
            if known.optional()?.is_none() {
                return Ok(None);
            }
        }
        let filter = if claim.is_some() { "ra.claim_id = ?1" } else { "?1 IS NULL" };
        let mut out = DriftReport { drifts: Vec::new(), compared: 0, unchanged: 0 };
        let mut claims: HashMap<i64, ClaimJson> = HashMap::new();
        let mut relaying: HashMap<String, Relaying> = HashMap::new();
        let mut cites: HashMap<(String, String), Option<Citation>> = HashMap::new();

        type Triple = (i64, String, String, Option<String>, Option<String>, Option<String>);
        let triples: Vec<Triple> = self
            .conn
            .prepare(&CROSS_PAIRS.replace("{claim}", filter))?
            .query_map([claim], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (claim_id, a, b, outlet, url, a_outlet) in triples {
            // An outlet naming itself ("(Reuters) -") cites nothing.
            let outlet = outlet.filter(|o| a_outlet.as_ref().is_none_or(|x| !x.eq_ignore_ascii_case(o)));
            if !relaying.contains_key(&a) {
                relaying.insert(a.clone(), self.relaying(&a)?);
            }
            let doc = &relaying[&a];
            let statements: Vec<CitingStatement> = doc
                .statements
                .iter()
                .map(|(speaker, content, start, end)| CitingStatement {
                    speaker: speaker.as_deref(),
                    content,
                    start: *start,
                    end: *end,
                })
                .collect();
            // By URL: this pair only. By outlet: once per (document, outlet).
            let mut citation = drift::citation(&doc.text, None, url.as_deref(), &[]);
            if citation.is_none() {
                if let Some(o) = &outlet {
                    citation = cites
                        .entry((a.clone(), o.to_lowercase()))
                        .or_insert_with(|| drift::citation(&doc.text, Some(o), None, &statements))
                        .clone();
                }
            }
            let Some(citation) = citation else { continue };
            let c = self.cached_claim(&mut claims, claim_id)?;
            let Some(c) = c else { continue };
            cross_article(c, &a, &b, outlet.as_deref(), url, citation, &doc.text, &mut out);
        }

        let filter = if claim.is_some() { "claim_id = ?1" } else { "?1 IS NULL" };
        let framed: Vec<i64> = self
            .conn
            .prepare(&FRAMED.replace("{claim}", filter))?
            .query_map([claim], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for claim_id in framed {
            if let Some(c) = self.cached_claim(&mut claims, claim_id)? {
                own_framing(c, &mut out);
            }
        }
        out.drifts.sort_by(|x, y| {
            (x.claim, x.kind.as_str(), &x.relayer.date, &x.relayer.document, x.relayer.evidence.start).cmp(&(
                y.claim,
                y.kind.as_str(),
                &y.relayer.date,
                &y.relayer.document,
                y.relayer.evidence.start,
            ))
        });
        Ok(Some(out))
    }

    fn cached_claim<'a>(&self, claims: &'a mut HashMap<i64, ClaimJson>, id: i64) -> Result<Option<&'a ClaimJson>> {
        if let std::collections::hash_map::Entry::Vacant(e) = claims.entry(id) {
            let Some(mut c) = self.claim(id)? else { return Ok(None) };
            for r in &mut c.reports {
                r.why = None;
            }
            e.insert(c);
        }
        Ok(claims.get(&id))
    }

    fn relaying(&self, doc: &str) -> Result<Relaying> {
        let text: String =
            self.conn.prepare_cached("SELECT text FROM documents WHERE id = ?1")?.query_row([doc], |r| r.get(0))?;
        let statements = self
            .conn
            .prepare_cached("SELECT speaker, content, start, end FROM statements WHERE doc_id = ?1 ORDER BY idx")?
            .query_map(params![doc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Relaying { text, statements })
    }
}

/// Compares what relayer `a` reports of the claim with what source `b` reported. A's reports
/// compared: those that relay B's outlet by name, those in A's own voice, and those whose
/// sentence names B's outlet ("Umerov said, Reuters reported").
#[allow(clippy::too_many_arguments)]
fn cross_article(
    c: &ClaimJson,
    a: &str,
    b: &str,
    outlet: Option<&str>,
    url: Option<String>,
    citation: Citation,
    a_text: &str,
    out: &mut DriftReport,
) {
    fn of<'c>(c: &'c ClaimJson, doc: &'c str) -> impl Iterator<Item = &'c ReportJson> {
        c.reports.iter().filter(move |r| r.document == doc)
    }
    let sources: Vec<&ReportJson> = of(c, b).collect();
    let relayed: Vec<&ReportJson> = of(c, a)
        .filter(|r| match (&r.speaker, outlet) {
            (None, _) => true,
            (Some(s), Some(o)) => {
                drift::names(&s.name, o) || drift::sentence_names(a_text, r.evidence.start, r.evidence.end, o)
            }
            (Some(_), None) => false,
        })
        .collect();
    let drift_of = |source: &ReportJson, relayer: &ReportJson, changes| Drift {
        claim: c.id,
        claim_text: c.text.clone(),
        kind: DriftKind::CitedSource,
        source: source.clone(),
        relayer: relayer.clone(),
        source_url: url.clone(),
        citation: Some(citation.clone()),
        changes,
    };
    for r in &relayed {
        let Some((source, changes)) = drift::nearest(r, sources.iter().copied(), DriftKind::CitedSource) else {
            continue;
        };
        out.compared += 1;
        if changes.is_empty() {
            out.unchanged += 1;
        } else {
            out.drifts.push(drift_of(source, r, changes));
        }
    }
    // A denial the source carried and the relaying document does not.
    let denial = sources.iter().find(|r| r.stance == ReportStance::Denies);
    // Shown against the report that relays the outlet by name, else the first one.
    let relay = relayed
        .iter()
        .find(|r| r.speaker.as_ref().zip(outlet).is_some_and(|(s, o)| drift::names(&s.name, o)))
        .or(relayed.first());
    if let (Some(denial), Some(first)) = (denial, relay) {
        out.compared += 1;
        if of(c, a).any(|r| r.stance == ReportStance::Denies) {
            out.unchanged += 1;
        } else {
            let speaker = denial.speaker.as_ref().map(|s| s.name.clone());
            out.drifts.push(drift_of(denial, first, vec![Change::DenialDropped { speaker }]));
        }
    }
}

/// Within each document: each report without a speaker against the nearest report of the same
/// claim with one.
fn own_framing(c: &ClaimJson, out: &mut DriftReport) {
    let mut docs: Vec<&str> = c.reports.iter().map(|r| r.document.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    for doc in docs {
        let (quoted, framing): (Vec<&ReportJson>, Vec<&ReportJson>) =
            c.reports.iter().filter(|r| r.document == doc).partition(|r| r.speaker.is_some());
        for r in framing {
            let Some((source, changes)) = drift::nearest(r, quoted.iter().copied(), DriftKind::OwnFraming) else {
                continue;
            };
            out.compared += 1;
            if changes.is_empty() {
                out.unchanged += 1;
                continue;
            }
            out.drifts.push(Drift {
                claim: c.id,
                claim_text: c.text.clone(),
                kind: DriftKind::OwnFraming,
                source: source.clone(),
                relayer: r.clone(),
                source_url: None,
                citation: None,
                changes,
            });
        }
    }
}
