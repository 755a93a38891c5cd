//! Claims in the store: each stored document's claim-stating items (dossier_claims::items)
//! joined to the claims already here, or opening new ones, inside the document's own insert
//! transaction. Finding candidates is an index look-up on the item's heaviest terms, each
//! capped at the most recent claims holding it, so linking a document costs the same at a
//! thousand stored documents as at fifty thousand (docs/CLAIMS.md).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dossier_claims::contract::{
    AboutJson, ClaimJson, EvidenceJson, FirstSeenJson, NumberJson, NumberPointJson, ReportJson, SpeakerJson,
};
use dossier_claims::group::{
    best, shortlist, Item, Match, Profile, ATTACH_AT, LOOKUP_TERMS, PER_TERM, PROFILE_SETTLES_AFTER,
};
use dossier_claims::items::{DocItem, PreparedItem};
use dossier_claims::terms::TermId;
use dossier_claims::{IdfTable, ReportStance};
use dossier_core::fnv::FnvBuild;
use dossier_core::{AnalysisJson, Document};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Result, Store};

/// How many reports of each stance a claim has, in [`ReportStance::ALL`]'s order, stances without
/// reports left out.
pub type ReportCounts = Vec<(ReportStance, u32)>;

/// Which of a claim's reports to read.
#[derive(Debug, Clone, Copy)]
enum Reports {
    /// A page of them in date order.
    ByDate { offset: usize, limit: usize },
    /// A page of one stance's, in date order.
    OfStance { stance: ReportStance, offset: usize, limit: usize },
    /// The first this many of each stance, in date order.
    PerStance(usize),
}

/// What linking has read of the claim tables, kept in step with what it writes: documents share
/// their claims' profiles and index entries instead of reading them again, and a profile that
/// several of a batch's reports move is written once, by [`ClaimCache::flush`]. It outlives a
/// batch only while no other connection writes the file ([`ClaimCache::begin`]), so it never
/// holds rows another writer has made stale.
#[derive(Default)]
pub(crate) struct ClaimCache {
    claims: HashMap<i64, Cached, FnvBuild>,
    /// term → the most recent claims holding it (newest first, at most [`PER_TERM`]).
    postings: HashMap<TermId, Vec<i64>, FnvBuild>,
    /// Claims whose profile changed since it was written.
    dirty: BTreeSet<i64>,
    /// Index rows to write: (term, claim) pairs new to a claim's profile. Every term here has
    /// its entry in `postings` ([`ClaimCache::update`]), which already counts the row.
    unindexed: Vec<(TermId, i64)>,
    /// Reports and documents to add to `claims.reports` and `claims.documents`.
    counts: BTreeMap<i64, (u32, u32)>,
    /// The file's `PRAGMA data_version` when the last batch began.
    data_version: Option<i64>,
    /// Whether `postings` holds the whole term index: the cache began on an empty index and
    /// has written every row since, so a term it does not hold is in no claim (no look-up).
    complete: bool,
}

/// What the cache holds of one claim.
struct Cached {
    profile: Profile,
    first_date: Option<String>,
    /// Entities known to be in `claim_entities` for it (some may be there unlisted).
    entities: Vec<i64>,
}

impl Cached {
    /// A claim read from the store: every stored report's entities are recorded, those of the
    /// profile's first reports among them.
    fn stored(profile: Profile, first_date: Option<String>) -> Cached {
        let entities = profile.entities.iter().map(|e| e.0).collect();
        Cached { profile, first_date, entities }
    }
}

/// How many claim profiles (a few KB each) and terms the cache keeps from batch to batch before
/// starting over.
const REMEMBERED_CLAIMS: usize = 50_000;
const REMEMBERED_TERMS: usize = 500_000;

/// A term id as SQLite's signed integer (the same 64 bits).
fn sql_term(t: TermId) -> i64 {
    t as i64
}

/// A profile as stored in `claim_profiles` (postcard: a few hundred bytes where JSON took
/// kilobytes, and no float or number text to format and parse).
fn encode_profile(profile: &Profile) -> Result<Vec<u8>> {
    Ok(postcard::to_allocvec(profile)?)
}

impl ClaimCache {
    /// Starts a batch: what was read stays valid unless another connection has written the
    /// file since the last batch (`PRAGMA data_version` moves only for other connections'
    /// commits), and the cache is let go when it has grown large.
    pub(crate) fn begin(&mut self, tx: &Transaction) -> Result<()> {
        let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let large = self.claims.len() > REMEMBERED_CLAIMS || self.postings.len() > REMEMBERED_TERMS;
        if self.data_version != Some(version) || large {
            self.forget();
        }
        if self.data_version.is_none() {
            self.complete = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM claim_terms)", [], |r| r.get(0))?;
        }
        self.data_version = Some(version);
        Ok(())
    }

    /// Forgets everything, written or not (after a rolled-back batch).
    pub(crate) fn forget(&mut self) {
        *self = ClaimCache::default();
    }

    /// Writes what the batch changed, then forgets everything read: after a document's reports
    /// are removed, claims may be gone.
    pub(crate) fn flush_and_clear(&mut self, tx: &Transaction) -> Result<()> {
        self.flush(tx)?;
        self.claims.clear();
        self.postings.clear();
        self.complete = false;
        Ok(())
    }

    /// Writes the changed profiles, the new index rows and the report counts.
    pub(crate) fn flush(&mut self, tx: &Transaction) -> Result<()> {
        let mut write = tx.prepare_cached(
            "INSERT INTO claim_profiles (claim_id, profile) VALUES (?1, ?2)
             ON CONFLICT (claim_id) DO UPDATE SET profile = excluded.profile",
        )?;
        for id in std::mem::take(&mut self.dirty) {
            write.execute(params![id, encode_profile(&self.claims[&id].profile)?])?;
        }
        let mut count =
            tx.prepare_cached("UPDATE claims SET reports = reports + ?2, documents = documents + ?3 WHERE id = ?1")?;
        for (id, (reports, documents)) in std::mem::take(&mut self.counts) {
            count.execute(params![id, reports, documents])?;
        }
        let mut add = tx.prepare_cached("INSERT OR IGNORE INTO claim_terms (term, claim_id) VALUES (?1, ?2)")?;
        for (term, claim) in std::mem::take(&mut self.unindexed) {
            add.execute(params![sql_term(term), claim])?;
        }
        Ok(())
    }

    fn holders(&mut self, tx: &Transaction, term: TermId) -> Result<&[i64]> {
        match self.postings.entry(term) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) if self.complete => Ok(e.insert(Vec::new())),
            std::collections::hash_map::Entry::Vacant(e) => {
                let mut lookup = tx.prepare_cached(
                    "SELECT claim_id FROM claim_terms WHERE term = ?1 ORDER BY claim_id DESC LIMIT ?2",
                )?;
                let ids = lookup.query_map(params![sql_term(term), PER_TERM as i64], |r| r.get::<_, i64>(0))?;
                Ok(e.insert(ids.collect::<rusqlite::Result<Vec<_>>>()?))
            }
        }
    }

    fn cached(&mut self, tx: &Transaction, claim: i64) -> Result<&mut Cached> {
        match self.claims.entry(claim) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) => {
                let (bytes, first_date): (Vec<u8>, Option<String>) = tx
                    .prepare_cached(
                        "SELECT p.profile, c.first_date FROM claims c JOIN claim_profiles p ON p.claim_id = c.id
                         WHERE c.id = ?1",
                    )?
                    .query_row([claim], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(e.insert(Cached::stored(postcard::from_bytes(&bytes)?, first_date)))
            }
        }
    }

    fn profile(&mut self, tx: &Transaction, claim: i64) -> Result<&Profile> {
        Ok(&self.cached(tx, claim)?.profile)
    }

    /// Keeps a claim's new or changed profile, to be written by [`ClaimCache::flush`], and
    /// indexes the terms it did not hold before.
    fn update(&mut self, tx: &Transaction, claim: i64, profile: Profile, first_date: Option<String>) -> Result<()> {
        let before = self.claims.get(&claim).map(|c| c.profile.indexed_terms()).unwrap_or_default();
        for term in profile.indexed_terms() {
            if before.binary_search(&term).is_ok() {
                continue;
            }
            self.holders(tx, term)?;
            let ids = self.postings.get_mut(&term).expect("holders() loaded it");
            if !ids.contains(&claim) {
                self.unindexed.push((term, claim));
                // Claim ids grow: the newest goes first.
                ids.insert(0, claim);
                ids.truncate(PER_TERM);
            }
        }
        self.dirty.insert(claim);
        match self.claims.get_mut(&claim) {
            Some(c) => {
                c.profile = profile;
                c.first_date = first_date;
            }
            None => {
                // Just opened: nothing recorded yet.
                self.claims.insert(claim, Cached { profile, first_date, entities: Vec::new() });
            }
        }
        Ok(())
    }
}

/// Links a stored document's items to claims. `ids` maps its local entity ids to canonical ones.
pub(crate) fn link_document(
    tx: &Transaction,
    cache: &mut ClaimCache,
    doc: &Document,
    prepared: &[PreparedItem],
    ids: &HashMap<u32, i64>,
) -> Result<()> {
    let date = doc.meta.published.map(|d| d.to_string());
    // The claims this document already reports: `claims.documents` counts it once.
    let mut reported: Vec<i64> = Vec::new();
    for prepared in prepared {
        let di = &prepared.item;
        let item = prepared.grouping_item(|e| ids.get(&e).copied());
        let (candidates, item) = candidates(tx, cache, item)?;
        for id in &candidates {
            cache.profile(tx, *id)?;
        }
        let chosen = best(&item, candidates.iter().map(|id| (*id, &cache.claims[id].profile)), ATTACH_AT);
        let (claim, why) = match chosen {
            Some((id, m)) => {
                attach(tx, cache, id, &item, di, doc, date.as_deref())?;
                (id, Some(m))
            }
            None => (open(tx, cache, &item, di, doc, date.as_deref())?, None),
        };
        let first_report_here = !reported.contains(&claim);
        if first_report_here {
            reported.push(claim);
        }
        insert_report(tx, cache, claim, di, doc, date.as_deref(), why.as_ref(), ids, first_report_here)?;
        let mut add_entity =
            tx.prepare_cached("INSERT OR IGNORE INTO claim_entities (entity_id, claim_id) VALUES (?1, ?2)")?;
        let recorded = &mut cache.cached(tx, claim)?.entities;
        for &e in &item.entities {
            if !recorded.contains(&e) {
                add_entity.execute(params![e, claim])?;
                recorded.push(e);
            }
        }
    }
    Ok(())
}

/// Moves the JSON profiles of `claims.profile` (schema 9) to `claim_profiles`, then drops the
/// column.
pub(crate) fn convert_json_profiles(tx: &Transaction) -> Result<()> {
    {
        let mut read = tx.prepare("SELECT id, profile FROM claims")?;
        let mut write = tx.prepare("INSERT INTO claim_profiles (claim_id, profile) VALUES (?1, ?2)")?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let (id, json): (i64, String) = (r.get(0)?, r.get(1)?);
            let profile: Profile = serde_json::from_str(&json)?;
            write.execute(params![id, encode_profile(&profile)?])?;
        }
    }
    tx.execute_batch("ALTER TABLE claims DROP COLUMN profile")?;
    Ok(())
}

/// Links every stored document to claims again, in the order they were stored (after a
/// migration that emptied the claim tables). Each document's canonical entities are the ones
/// stored with it.
pub(crate) fn relink_all(tx: &Transaction) -> Result<()> {
    let mut cache = ClaimCache::default();
    cache.begin(tx)?;
    let mut docs = tx.prepare(&format!("SELECT {} FROM documents ORDER BY pk", crate::query::DOCUMENT_COLUMNS))?;
    let mut entities = tx.prepare("SELECT local_id, entity_id FROM document_entities WHERE doc_id = ?1")?;
    let mut rows = docs.query([])?;
    let mut linked = 0usize;
    while let Some(r) = rows.next()? {
        let (doc, analysis) = crate::query::document_row(r)?;
        // An analysis an older contract wrote that this one cannot read gets its claims when
        // the document is ingested again (its provenance differs, so it is refreshed).
        let Ok(analysis) = serde_json::from_str::<AnalysisJson>(&analysis) else { continue };
        let ids = entities
            .query_map([&doc.id], |e| Ok((e.get::<_, u32>(0)?, e.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<HashMap<u32, i64>>>()?;
        let prepared = dossier_claims::items::prepare(&doc.text, &analysis, IdfTable::builtin());
        link_document(tx, &mut cache, &doc, &prepared, &ids)?;
        linked += 1;
        // Bounded memory on a large store: what was read is let go now and then.
        if linked.is_multiple_of(1000) {
            cache.flush_and_clear(tx)?;
        }
    }
    cache.flush(tx)
}

/// The claims sharing most of the item's heaviest terms (at most [`SCORED`]), and the item
/// reweighed by how many claims hold each of its terms (counted up to [`PER_TERM`], so the
/// look-up stays bounded).
fn candidates(tx: &Transaction, cache: &mut ClaimCache, item: Item) -> Result<(Vec<i64>, Item)> {
    // The vector is sorted by term: the counts line up with it.
    let mut counts: Vec<(TermId, usize)> = Vec::with_capacity(item.vector.terms().len());
    for &(term, _) in item.vector.terms() {
        counts.push((term, cache.holders(tx, term)?.len()));
    }
    let item = item.reweighed(|s| counts.binary_search_by_key(&s, |c| c.0).map_or(0, |i| counts[i].1));
    let mut hits: Vec<(i64, f32)> = Vec::with_capacity(LOOKUP_TERMS * PER_TERM);
    for (term, weight) in item.vector.top(LOOKUP_TERMS) {
        hits.extend(cache.holders(tx, term)?.iter().map(|&id| (id, weight)));
    }
    Ok((shortlist(hits), item))
}

fn open(
    tx: &Transaction,
    cache: &mut ClaimCache,
    item: &Item,
    di: &DocItem,
    doc: &Document,
    date: Option<&str>,
) -> Result<i64> {
    let profile = Profile::of(item);
    tx.prepare_cached(
        "INSERT INTO claims (text, event_type, counted, first_doc, first_date, first_outlet, reports)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
    )?
    .execute(params![di.text, di.event_type, di.counted, doc.id, date, doc.meta.outlet])?;
    let id = tx.last_insert_rowid();
    // Its profile is written with the batch's others (dirty), once whatever later reports do.
    cache.update(tx, id, profile, date.map(str::to_string))?;
    Ok(id)
}

/// A clear statement of the claim: one that asserts or confirms it, unhedged.
fn is_clear(di: &DocItem) -> bool {
    matches!(di.stance, ReportStance::Asserts | ReportStance::Confirms) && !di.hedged
}

fn attach(
    tx: &Transaction,
    cache: &mut ClaimCache,
    claim: i64,
    item: &Item,
    di: &DocItem,
    doc: &Document,
    date: Option<&str>,
) -> Result<()> {
    // A settled profile no longer changes: nothing to write (the report count is `claims.reports`).
    let cached = cache.cached(tx, claim)?;
    // An earlier dated report becomes the first seen, and, when it states the claim clearly, its wording.
    let earlier = match (date, cached.first_date.as_deref()) {
        (Some(d), Some(f)) => d < f,
        (Some(_), None) => true,
        _ => false,
    };
    if earlier {
        cached.first_date = date.map(str::to_string);
    }
    if cached.profile.reports < PROFILE_SETTLES_AFTER {
        let mut profile = cached.profile.clone();
        let first_date = cached.first_date.clone();
        profile.add(item);
        cache.update(tx, claim, profile, first_date)?;
    }
    if earlier {
        tx.prepare_cached("UPDATE claims SET first_doc = ?2, first_date = ?3, first_outlet = ?4 WHERE id = ?1")?
            .execute(params![claim, doc.id, date, doc.meta.outlet])?;
        if is_clear(di) {
            tx.prepare_cached("UPDATE claims SET text = ?2 WHERE id = ?1")?.execute(params![claim, di.text])?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_report(
    tx: &Transaction,
    cache: &mut ClaimCache,
    claim: i64,
    di: &DocItem,
    doc: &Document,
    date: Option<&str>,
    why: Option<&Match>,
    ids: &HashMap<u32, i64>,
    first_report_here: bool,
) -> Result<()> {
    let n = di.number.as_ref();
    tx.prepare_cached(
        "INSERT INTO claim_reports (claim_id, doc_id, kind, item, text, start, end, speaker, speaker_entity_id,
             stance, hedged, number_value, number_low, number_high, number_approx, number_text, date, outlet, why)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        claim,
        doc.id,
        di.kind.as_str(),
        di.index,
        di.text,
        di.start,
        di.end,
        di.speaker,
        di.speaker_entity.and_then(|e| ids.get(&e)),
        di.stance.as_str(),
        di.hedged,
        n.and_then(|n| n.value),
        n.and_then(|n| n.low),
        n.and_then(|n| n.high),
        n.map(|n| n.approx),
        n.map(|n| &n.text),
        date,
        doc.meta.outlet,
        why.map(serde_json::to_string).transpose()?,
    ])?;
    // `documents` counts this document once, however many of its items report the claim.
    let counts = cache.counts.entry(claim).or_default();
    counts.0 += 1;
    counts.1 += u32::from(first_report_here);
    Ok(())
}

/// Removes a document's reports (before its analysis is replaced); a claim left without
/// reports goes with its index rows at the end of the batch ([`purge_emptied_claims`]). Its id
/// is never given out again.
pub(crate) fn unlink_document(tx: &Transaction, doc_id: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE claims SET reports = reports - (SELECT COUNT(*) FROM claim_reports r WHERE r.claim_id = claims.id AND r.doc_id = ?1),
             documents = documents - 1
         WHERE id IN (SELECT claim_id FROM claim_reports WHERE doc_id = ?1)",
    )?
    .execute([doc_id])?;
    tx.prepare_cached("DELETE FROM claim_reports WHERE doc_id = ?1")?.execute([doc_id])?;
    Ok(())
}

/// Drops the claims left without a report by [`unlink_document`], with their terms, entities and
/// profiles. Once per batch, not per document: the terms and entities are keyed by term and
/// entity, so finding a claim's rows reads the whole table.
pub(crate) fn purge_emptied_claims(tx: &Transaction) -> Result<()> {
    for sql in [
        "DELETE FROM claim_terms WHERE claim_id IN (SELECT id FROM claims WHERE reports <= 0)",
        "DELETE FROM claim_profiles WHERE claim_id IN (SELECT id FROM claims WHERE reports <= 0)",
        "DELETE FROM claim_entities WHERE claim_id IN (SELECT id FROM claims WHERE reports <= 0)",
        "DELETE FROM claims WHERE reports <= 0",
    ] {
        tx.prepare_cached(sql)?.execute([])?;
    }
    Ok(())
}

/// Which claims `dossier claims` lists.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    /// Only claims about an entity with this name or alias (case-insensitive).
    pub about: Option<String>,
    /// Only claims first seen on or after this date (YYYY-MM-DD).
    pub since: Option<String>,
    /// Only claims reported by at least this many documents.
    pub min_documents: u32,
    pub limit: u32,
    pub offset: u32,
}

/// A claim in a list: its wording, what it is about, when first seen, how widely reported.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClaimSummary {
    pub id: i64,
    pub text: String,
    pub event_type: Option<String>,
    pub first_seen: FirstSeenJson,
    pub documents: u32,
    pub reports: u32,
}

impl Store {
    /// Claims, the most widely reported first; `None` when `about` names no stored entity.
    pub fn claims(&self, f: &ClaimFilter) -> Result<Option<Vec<ClaimSummary>>> {
        let about = match &f.about {
            Some(name) => {
                let ids = self.entity_ids(name)?;
                if ids.is_empty() {
                    return Ok(None);
                }
                Some(serde_json::to_string(&ids)?)
            }
            None => None,
        };
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.text, c.event_type, c.first_date, c.first_doc, c.first_outlet, c.documents, c.reports
             FROM claims c
             WHERE (?1 IS NULL OR c.id IN (
                     SELECT claim_id FROM claim_entities WHERE entity_id IN (SELECT value FROM json_each(?1))))
               AND (?2 IS NULL OR c.first_date >= ?2)
               AND c.documents >= ?3
             ORDER BY c.documents DESC, c.reports DESC, c.id
             LIMIT ?4 OFFSET ?5",
        )?;
        let rows = stmt.query_map(
            params![about, f.since, f.min_documents, if f.limit == 0 { 50 } else { f.limit }, f.offset],
            |r| {
                Ok(ClaimSummary {
                    id: r.get(0)?,
                    text: r.get(1)?,
                    event_type: r.get(2)?,
                    first_seen: FirstSeenJson { date: r.get(3)?, document: r.get(4)?, outlet: r.get(5)? },
                    documents: r.get(6)?,
                    reports: r.get(7)?,
                })
            },
        )?;
        Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// The claims a filter selects, each in full (reports and numbers); `None` when `about`
    /// names no stored entity.
    pub fn claims_in_full(&self, f: &ClaimFilter) -> Result<Option<Vec<ClaimJson>>> {
        self.claims_reading(f, usize::MAX)
    }

    /// [`Store::claims_in_full`] with each claim's first `reports` reports (by date) and the
    /// numbers of those; `documents` still counts all of its documents.
    /// Kept until the next write.
    pub fn claims_with_reports(&self, f: &ClaimFilter, reports: usize) -> Result<Option<Vec<ClaimJson>>> {
        let key = format!("{f:?}\u{0}{reports}");
        if let Some(list) = self.aggregates()?.claim_lists.get(&key) {
            return Ok(list.clone());
        }
        let found = self.claims_reading(f, reports)?;
        crate::remember(&mut self.aggregates()?.claim_lists, key, found.clone());
        Ok(found)
    }

    fn claims_reading(&self, f: &ClaimFilter, reports: usize) -> Result<Option<Vec<ClaimJson>>> {
        let Some(list) = self.claims(f)? else { return Ok(None) };
        let mut out = Vec::with_capacity(list.len());
        for c in list {
            out.extend(self.claim_with_reports(c.id, reports)?);
        }
        Ok(Some(out))
    }

    /// One claim with all its reports (in date order) and its number series; `None` when no
    /// claim has the id.
    pub fn claim(&self, id: i64) -> Result<Option<ClaimJson>> {
        self.claim_with_reports(id, usize::MAX)
    }

    /// [`Store::claim`] with its first `shown` reports only (and their numbers).
    pub fn claim_with_reports(&self, id: i64, shown: usize) -> Result<Option<ClaimJson>> {
        let all = shown == usize::MAX;
        let Some(mut claim) = self.claim_reading(id, Reports::ByDate { offset: 0, limit: shown })? else {
            return Ok(None);
        };
        claim.numbers = NumberPointJson::series(&claim.reports);
        if all {
            // Counted from what was read, as `dossier claim` always has.
            let mut docs: Vec<&str> = claim.reports.iter().map(|r| r.document.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            claim.documents = docs.len() as u32;
        }
        Ok(Some(claim))
    }

    /// One page of a claim's reports in date order (`GET /api/claims/ID`), with the number
    /// series of all its reports and how many reports it has.
    /// Kept until the next write.
    pub fn claim_page(&self, id: i64, offset: usize, limit: usize) -> Result<Option<(ClaimJson, u32)>> {
        let key = (id, offset, limit);
        if let Some(page) = self.aggregates()?.claim_pages.get(&key) {
            return Ok(Some(page.clone()));
        }
        let Some(mut claim) = self.claim_reading(id, Reports::ByDate { offset, limit })? else {
            return Ok(None);
        };
        claim.numbers = self.claim_numbers(id)?;
        let total = self.claim_report_counts(id)?.iter().map(|(_, n)| n).sum();
        crate::remember(&mut self.aggregates()?.claim_pages, key, (claim.clone(), total));
        Ok(Some((claim, total)))
    }

    /// A claim as its page shows it: the first `per_stance` reports of each stance (in date
    /// order), the number series of all its reports, and how many reports each stance has.
    /// Kept until the next write.
    pub fn claim_by_stance(&self, id: i64, per_stance: usize) -> Result<Option<(ClaimJson, ReportCounts)>> {
        self.claim_view(id, Reports::PerStance(per_stance))
    }

    /// [`Store::claim_by_stance`] with one stance's reports only, a page of them in date order:
    /// the page after the claim page's first of that stance.
    pub fn claim_stance_page(
        &self,
        id: i64,
        stance: ReportStance,
        offset: usize,
        limit: usize,
    ) -> Result<Option<(ClaimJson, ReportCounts)>> {
        self.claim_view(id, Reports::OfStance { stance, offset, limit })
    }

    fn claim_view(&self, id: i64, which: Reports) -> Result<Option<(ClaimJson, ReportCounts)>> {
        let key = (id, format!("{which:?}"));
        if let Some(page) = self.aggregates()?.claim_stances.get(&key) {
            return Ok(Some(page.clone()));
        }
        let Some(mut claim) = self.claim_reading(id, which)? else {
            return Ok(None);
        };
        claim.numbers = self.claim_numbers(id)?;
        let counts = self.claim_report_counts(id)?;
        crate::remember(&mut self.aggregates()?.claim_stances, key, (claim.clone(), counts.clone()));
        Ok(Some((claim, counts)))
    }

    /// A claim's head, entities and the reports `which` selects; `numbers` is left empty.
    fn claim_reading(&self, id: i64, which: Reports) -> Result<Option<ClaimJson>> {
        let head = self
            .conn
            .prepare_cached(
                "SELECT text, event_type, first_date, first_doc, first_outlet, documents FROM claims WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    FirstSeenJson { date: r.get(2)?, document: r.get(3)?, outlet: r.get(4)? },
                    r.get::<_, u32>(5)?,
                ))
            })
            .optional()?;
        let Some((text, event_type, first_seen, documents)) = head else { return Ok(None) };
        let about = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.name, e.kind FROM claim_entities ce JOIN entities e ON e.id = ce.entity_id
                 WHERE ce.claim_id = ?1 ORDER BY e.id",
            )?
            .query_map([id], |r| Ok(AboutJson { entity: r.get(0)?, name: r.get(1)?, kind: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let reports = self.reports(id, which)?;
        Ok(Some(ClaimJson { id, text, about, event_type, first_seen, documents, reports, numbers: Vec::new() }))
    }

    /// How many reports of each stance a claim has (stances without reports left out), from the
    /// report index alone.
    fn claim_report_counts(&self, claim: i64) -> Result<ReportCounts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT stance, count(*) FROM claim_reports
             WHERE claim_id = ?1 GROUP BY stance",
        )?;
        let rows = stmt.query_map([claim], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
        let counted: Vec<(String, u32)> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(ReportStance::ALL
            .into_iter()
            .filter_map(|s| counted.iter().find(|(name, _)| name == s.as_str()).map(|(_, n)| (s, *n)))
            .collect())
    }

    /// The number series of all a claim's reports ([`NumberPointJson::series`]), read without
    /// the reports' texts or documents.
    fn claim_numbers(&self, claim: i64) -> Result<Vec<NumberPointJson>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, number_value, number_low, number_high, number_approx, number_text, speaker, doc_id
             FROM claim_reports WHERE claim_id = ?1 AND number_text IS NOT NULL
             ORDER BY date IS NULL, date, id",
        )?;
        let rows = stmt.query_map([claim], |r| {
            Ok(NumberPointJson {
                date: r.get(0)?,
                value: r.get(1)?,
                low: r.get(2)?,
                high: r.get(3)?,
                approx: r.get::<_, Option<bool>>(4)?.unwrap_or(false),
                text: r.get(5)?,
                speaker: r.get(6)?,
                document: r.get(7)?,
                changed: false,
            })
        })?;
        Ok(NumberPointJson::in_order(rows.collect::<rusqlite::Result<_>>()?))
    }

    fn reports(&self, claim: i64, which: Reports) -> Result<Vec<ReportJson>> {
        // The reports are chosen by id from the index (date, id, stance) first; only their rows
        // and documents are read.
        let chosen = match which {
            Reports::ByDate { .. } => {
                "SELECT id FROM claim_reports WHERE claim_id = ?1
                 ORDER BY date IS NULL, date, id LIMIT ?2 OFFSET ?3"
            }
            Reports::OfStance { .. } => {
                "SELECT id FROM claim_reports WHERE claim_id = ?1 AND stance = ?4
                 ORDER BY date IS NULL, date, id LIMIT ?2 OFFSET ?3"
            }
            Reports::PerStance(_) => {
                "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY stance ORDER BY date IS NULL, date, id) AS k
                                 FROM claim_reports WHERE claim_id = ?1)
                 WHERE k <= ?2"
            }
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.doc_id, d.title, r.date, r.outlet, r.kind, r.speaker, r.speaker_entity_id, r.stance, r.hedged,
                    r.start, r.end, r.text, r.number_value, r.number_low, r.number_high, r.number_approx,
                    r.number_text, r.why
             FROM claim_reports r JOIN documents d ON d.id = r.doc_id
             WHERE r.id IN ({chosen})
             ORDER BY r.date IS NULL, r.date, r.id"
        ))?;
        let row = |r: &rusqlite::Row| {
            let speaker: Option<String> = r.get(5)?;
            let speaker_entity: Option<i64> = r.get(6)?;
            let number_text: Option<String> = r.get(16)?;
            let stance: String = r.get(7)?;
            let why: Option<String> = r.get(17)?;
            Ok(ReportJson {
                document: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                outlet: r.get(3)?,
                kind: r.get(4)?,
                speaker: speaker.map(|name| SpeakerJson { name, entity: speaker_entity }),
                stance: ReportStance::parse(&stance).unwrap_or(ReportStance::Asserts),
                hedged: r.get(8)?,
                evidence: EvidenceJson { start: r.get(9)?, end: r.get(10)?, text: r.get(11)? },
                number: match number_text {
                    Some(text) => Some(NumberJson {
                        value: r.get(12)?,
                        low: r.get(13)?,
                        high: r.get(14)?,
                        approx: r.get::<_, Option<bool>>(15)?.unwrap_or(false),
                        text,
                    }),
                    None => None,
                },
                why: why.and_then(|w| serde_json::from_str(&w).ok()),
            })
        };
        let rows = match which {
            Reports::ByDate { offset, limit } => {
                stmt.query_map(params![claim, crate::query::sql_limit(limit), crate::browse::sql_offset(offset)], row)?
            }
            Reports::OfStance { stance, offset, limit } => stmt.query_map(
                params![claim, crate::query::sql_limit(limit), crate::browse::sql_offset(offset), stance.as_str()],
                row,
            )?,
            Reports::PerStance(n) => stmt.query_map(params![claim, crate::query::sql_limit(n)], row)?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The claims a document reports, by id, in the order it reports them.
    pub fn claims_of_document(&self, doc_id: &str) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.text FROM claim_reports r JOIN claims c ON c.id = r.claim_id
             WHERE r.doc_id = ?1 GROUP BY c.id ORDER BY MIN(r.start)",
        )?;
        let rows = stmt.query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many claims the store holds.
    pub fn claim_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))?)
    }
}
