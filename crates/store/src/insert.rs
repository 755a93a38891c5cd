//! Writing documents and everything their analyses found.

use std::collections::{HashMap, HashSet};

use dossier_claims::items::PreparedItem;
use dossier_claims::IdfTable;
use dossier_core::{AnalysisJson, AttributionJson, Document, Entity, EntityKind, RegionJson, RegionKind};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

pub(crate) use crate::linking::normalise_name;
use crate::{linking, Result, Store};

/// A document, its analysis and its claim-stating items, ready to store. Making one
/// ([`Analysed::new`]) is pure work that needs no store: `dossier ingest` does it on its analysis
/// workers, so that the one writer only joins the items to claims ([`Store::insert_analysed`]).
#[derive(Debug, Clone)]
pub struct Analysed {
    pub doc: Document,
    pub analysis: AnalysisJson,
    claim_items: Vec<PreparedItem>,
}

impl Analysed {
    pub fn new(doc: Document, analysis: AnalysisJson) -> Analysed {
        let claim_items = dossier_claims::items::prepare(&doc.text, &analysis, IdfTable::builtin());
        Analysed { doc, analysis, claim_items }
    }
}

/// One document to store, with its claim items when they were prepared beforehand.
type ToStore<'a> = (&'a Document, &'a AnalysisJson, Option<&'a [PreparedItem]>);

/// What [`Store::insert_batch`] did with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inserted {
    New,
    /// A document with the same id (content hash) was already stored by the same stages, data
    /// and switches; nothing changed.
    Duplicate,
    /// The document was stored by other stage versions, data or switches: its analysis and every
    /// row drawn from it were replaced by the new one.
    Refreshed,
}

impl Store {
    /// Stores a batch of documents with their analyses in one transaction: either all of the
    /// batch is stored or, on error, none of it. Returns one [`Inserted`] per input, in order.
    pub fn insert_batch(&mut self, docs: &[(Document, AnalysisJson)]) -> Result<Vec<Inserted>> {
        let docs: Vec<ToStore> = docs.iter().map(|(d, a)| (d, a, None)).collect();
        self.store_batch(&docs)
    }

    /// As [`Store::insert_batch`], with the claim items prepared beforehand.
    pub fn insert_analysed(&mut self, docs: &[Analysed]) -> Result<Vec<Inserted>> {
        let docs: Vec<ToStore> = docs.iter().map(|d| (&d.doc, &d.analysis, Some(d.claim_items.as_slice()))).collect();
        self.store_batch(&docs)
    }

    fn store_batch(&mut self, docs: &[ToStore]) -> Result<Vec<Inserted>> {
        // IMMEDIATE takes the write lock up front; a deferred transaction that upgrades later
        // can fail with SQLITE_BUSY without waiting for the busy timeout.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let claims = self.link_claims.then_some(&mut self.claim_cache);
        let stored = store_in(tx, claims, docs);
        if stored.is_err() {
            // Rolled back: what the cache learnt in this batch is not in the file.
            self.claim_cache.forget();
        }
        stored
    }
}

/// [`Store::insert_batch`] inside its transaction.
fn store_in(
    tx: Transaction,
    mut claims: Option<&mut crate::claims::ClaimCache>,
    docs: &[ToStore],
) -> Result<Vec<Inserted>> {
    if let Some(c) = claims.as_mut() {
        c.begin(&tx)?;
    }
    // Rows are appended with growing keys: what lies past these was inserted by this batch.
    let last_doc: i64 = tx.query_row("SELECT COALESCE(MAX(pk), 0) FROM documents", [], |r| r.get(0))?;
    let last_statement: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM statements", [], |r| r.get(0))?;
    let mut out = Vec::with_capacity(docs.len());
    for &(doc, analysis, items) in docs {
        out.push(insert_one(&tx, claims.as_deref_mut(), doc, analysis, items)?);
    }
    if let Some(c) = claims.as_mut() {
        c.flush(&tx)?;
    }
    if out.contains(&Inserted::Refreshed) {
        crate::claims::purge_emptied_claims(&tx)?;
        // What the cache holds may name a claim just dropped.
        if let Some(c) = claims.as_mut() {
            c.flush_and_clear(&tx)?;
        }
    }
    // The full-text indexes, in one bulk insert per batch (migration 0004 dropped the per-row triggers).
    tx.execute(
        "INSERT INTO documents_fts(rowid, title, text) SELECT pk, title, text FROM documents WHERE pk > ?1",
        [last_doc],
    )?;
    tx.execute(
        "INSERT INTO statements_fts(rowid, speaker, speaker_entity, content)
         SELECT id, speaker, speaker_entity, content FROM statements WHERE id > ?1",
        [last_statement],
    )?;
    tx.commit()?;
    Ok(out)
}

fn insert_one(
    tx: &Transaction,
    mut claims: Option<&mut crate::claims::ClaimCache>,
    doc: &Document,
    a: &AnalysisJson,
    claim_items: Option<&[PreparedItem]>,
) -> Result<Inserted> {
    let m = &doc.meta;
    let provenance = a.provenance.key();
    let stored: Option<String> = tx
        .prepare_cached("SELECT provenance FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    let inserted = match stored {
        Some(p) if p == provenance => return Ok(Inserted::Duplicate),
        Some(_) => {
            if let Some(c) = claims.as_mut() {
                c.flush_and_clear(tx)?;
            }
            delete_derived_rows(tx, &doc.id)?;
            tx.prepare_cached("UPDATE documents SET analysis = ?2, provenance = ?3 WHERE id = ?1")?
                .execute(params![doc.id, crate::packed::pack(&serde_json::to_string(a)?), provenance])?;
            Inserted::Refreshed
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO documents (id, source, url, title, published, outlet, author, text, analysis,
                     provenance, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            )?
            .execute(params![
                doc.id,
                m.source,
                m.url,
                m.title.clone().or_else(|| title_in_text(&doc.text, &a.regions)),
                m.published.map(|d| d.to_string()),
                m.outlet,
                m.author,
                doc.text,
                crate::packed::pack(&serde_json::to_string(a)?),
                provenance,
            ])?;
            Inserted::New
        }
    };
    let ids = insert_entities(tx, &doc.id, &a.entities)?;
    insert_mentions(tx, &doc.id, a, &ids)?;
    for (idx, at) in a.attributions.iter().enumerate() {
        insert_statement(tx, &doc.id, idx, at, &a.entities, &ids)?;
    }
    tx.prepare_cached("UPDATE documents SET statement_count = ?2 WHERE id = ?1")?
        .execute(params![doc.id, i64::try_from(a.attributions.len()).unwrap_or(i64::MAX)])?;
    count_entities(tx, &doc.id)?;
    insert_quantities(tx, &doc.id, a)?;
    insert_times(tx, &doc.id, a)?;
    crate::events::insert_events(tx, &doc.id, a, &a.entities, &ids)?;
    // The document's date beside its statements, events and numbers: they list in date order
    // by index.
    for table in ["statements", "events", "quantities"] {
        tx.prepare_cached(&format!(
            "UPDATE {table} SET published = (SELECT published FROM documents WHERE id = ?1) WHERE doc_id = ?1"
        ))?
        .execute([&doc.id])?;
    }
    insert_headlines(tx, &doc.id, a)?;
    move_row_totals(tx, &doc.id, 1)?;
    if let Some(c) = claims {
        match claim_items {
            Some(items) => crate::claims::link_document(tx, c, doc, items, &ids)?,
            None => {
                let items = dossier_claims::items::prepare(&doc.text, a, IdfTable::builtin());
                crate::claims::link_document(tx, c, doc, &items, &ids)?;
            }
        }
    }
    Ok(inserted)
}

fn insert_headlines(tx: &Transaction, doc_id: &str, a: &AnalysisJson) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO headlines (doc_id, idx, role, start, \"end\", text, verdict, stance, score, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (idx, h) in a.headlines.iter().enumerate() {
        let evidence: Vec<[u32; 2]> = h.evidence.iter().map(|e| [e.start, e.end]).collect();
        stmt.execute(params![
            doc_id,
            idx as i64,
            label(&h.role)?,
            h.span.as_ref().map(|s| s.start),
            h.span.as_ref().map(|s| s.end),
            h.text,
            h.verdict.as_str(),
            label(&h.stance)?,
            h.score,
            serde_json::to_string(&evidence)?,
        ])?;
    }
    Ok(())
}

/// Every row drawn from a document's analysis (not the document, its raw HTML or the canonical
/// entities, which other documents share), its aliases and claim reports included. The statements' delete trigger
/// keeps their full-text index in step; the persons it linked count one document fewer.
fn delete_derived_rows(tx: &Transaction, doc_id: &str) -> Result<()> {
    crate::claims::unlink_document(tx, doc_id)?;
    tx.prepare_cached(
        "UPDATE person_names SET documents = documents - 1
         WHERE entity_id IN (SELECT DISTINCT entity_id FROM document_entities WHERE doc_id = ?1)",
    )?
    .execute([doc_id])?;
    uncount_entities(tx, doc_id)?;
    move_row_totals(tx, doc_id, -1)?;
    for table in
        ["events", "statements", "mentions", "quantities", "times", "document_entities", "entity_aliases", "headlines"]
    {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc_id = ?1"))?.execute([doc_id])?;
    }
    Ok(())
}

/// The tables whose totals (`store_totals`, schema 14) move once per document rather than by a
/// trigger per row: a document has dozens of their rows.
const ROW_COUNTED: [&str; 4] = ["statements", "mentions", "quantities", "times"];

/// Adds (`sign` 1) the document's rows of the [`ROW_COUNTED`] tables to their totals, or takes
/// them out (-1, before they are deleted).
fn move_row_totals(tx: &Transaction, doc_id: &str, sign: i64) -> Result<()> {
    for table in ROW_COUNTED {
        tx.prepare_cached(&format!(
            "UPDATE store_totals SET n = n + ?2 * (SELECT count(*) FROM {table} WHERE doc_id = ?1) WHERE name = '{table}'"
        ))?
        .execute(params![doc_id, sign])?;
    }
    Ok(())
}

/// Adds the document's entities to the counts the entity pages show (schema 12): one
/// `entity_documents` row per entity, its mentions and statements here, and the entity's totals.
fn count_entities(tx: &Transaction, doc_id: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO entity_documents (entity_id, doc_id, published, mentions, statements)
         SELECT x.entity_id, ?1, (SELECT published FROM documents WHERE id = ?1), sum(x.m), sum(x.s)
         FROM (SELECT entity_id, 1 AS m, 0 AS s FROM mentions WHERE doc_id = ?1 AND entity_id IS NOT NULL
               UNION ALL SELECT speaker_entity_id, 0, 1 FROM statements
                         WHERE doc_id = ?1 AND speaker_entity_id IS NOT NULL
               UNION ALL SELECT entity_id, 0, 0 FROM document_entities WHERE doc_id = ?1) x
         GROUP BY x.entity_id",
    )?
    .execute([doc_id])?;
    tx.prepare_cached(
        "UPDATE entities SET mention_count = mention_count + ed.mentions, document_count = document_count + 1,
                             statement_count = statement_count + ed.statements
         FROM entity_documents ed WHERE ed.doc_id = ?1 AND ed.entity_id = entities.id",
    )?
    .execute([doc_id])?;
    Ok(())
}

/// Takes the document's entities out of the counts, before its rows are deleted.
fn uncount_entities(tx: &Transaction, doc_id: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE entities SET mention_count = mention_count - ed.mentions, document_count = document_count - 1,
                             statement_count = statement_count - ed.statements
         FROM entity_documents ed WHERE ed.doc_id = ?1 AND ed.entity_id = entities.id",
    )?
    .execute([doc_id])?;
    tx.prepare_cached("DELETE FROM entity_documents WHERE doc_id = ?1")?.execute([doc_id])?;
    Ok(())
}

/// Links the document's entities to the canonical ones ([`linking::find_canonical`]: exact
/// name, then a person's first and last name, then a bare surname the store can only read one
/// way), creating those it cannot link; returns local id → store id. Every other spelling is
/// stored as an alias with this document and its evidence.
fn insert_entities(tx: &Transaction, doc_id: &str, entities: &[Entity]) -> Result<HashMap<u32, i64>> {
    let mut create = tx.prepare_cached("INSERT INTO entities (norm, kind, name) VALUES (?1, ?2, ?3)")?;
    let mut alias = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_aliases (entity_id, alias, doc_id, evidence) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut link = tx.prepare_cached(
        "INSERT OR IGNORE INTO document_entities (doc_id, local_id, entity_id, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut counted = tx.prepare_cached("UPDATE person_names SET documents = documents + 1 WHERE entity_id = ?1")?;
    let surname = |e: &Entity| {
        (e.kind == EntityKind::Person).then(|| linking::person_name(&e.name)).flatten().filter(|p| p.first.is_empty())
    };
    // Surnames the article itself gives a full name for: a bare one it left apart had several
    // readings there (Hillary and Bill Clinton), so it is read after the full names, among them.
    let full_surnames: HashSet<String> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter_map(|e| linking::person_name(&e.name))
        .filter(|p| !p.first.is_empty())
        .map(|p| p.last)
        .collect();
    let in_doubt = |e: &Entity| surname(e).is_some_and(|p| full_surnames.contains(&p.last));
    let mut ids = HashMap::with_capacity(entities.len());
    let mut linked: HashSet<i64> = HashSet::new();
    // Store ids of the article's full-name persons, by surname.
    let mut full_names: HashMap<String, Vec<i64>> = HashMap::new();
    let order = entities.iter().filter(|e| !in_doubt(e)).chain(entities.iter().filter(|e| in_doubt(e)));
    for e in order {
        let found = match surname(e) {
            Some(p) if full_surnames.contains(&p.last) => {
                let among = full_names.get(&p.last).map_or(&[][..], Vec::as_slice);
                match linking::dominant_among(tx, among)? {
                    Some((id, name)) => Some((id, name, Some(linking::Evidence::SurnameOfFullName))),
                    None => linking::find_exact(tx, e)?,
                }
            }
            _ => linking::find_canonical(tx, e)?,
        };
        let (id, canonical, how) = match found {
            Some(row) => row,
            None => {
                create.execute(params![normalise_name(&e.name), e.kind.as_str(), e.name])?;
                let id = tx.last_insert_rowid();
                if e.kind == EntityKind::Person {
                    linking::index_person(tx, id, &e.name)?;
                }
                (id, e.name.clone(), None)
            }
        };
        if e.kind == EntityKind::Person {
            if let Some(p) = linking::person_name(&e.name).filter(|p| !p.first.is_empty()) {
                let v = full_names.entry(p.last).or_default();
                if !v.contains(&id) {
                    v.push(id);
                }
            }
        }
        // This document's name when it differs, on the evidence it was linked by; its other
        // spellings on the evidence each one has.
        if e.name != canonical {
            let ev = how.unwrap_or_else(|| linking::evidence_for(&e.name, e, &canonical));
            alias.execute(params![id, e.name, doc_id, ev.as_str()])?;
        }
        for a in &e.aliases {
            if !a.trim().is_empty() && *a != canonical {
                // A spelling of the article's own name shares the evidence the name was linked on.
                let ev = match how {
                    Some(how) if normalise_name(a) == normalise_name(&e.name) => how,
                    _ => linking::evidence_for(a, e, &canonical),
                };
                alias.execute(params![id, a, doc_id, ev.as_str()])?;
            }
        }
        link.execute(params![doc_id, e.id, id, e.name])?;
        if linked.insert(id) {
            counted.execute([id])?;
        }
        ids.insert(e.id, id);
    }
    Ok(ids)
}

fn insert_mentions(tx: &Transaction, doc_id: &str, a: &AnalysisJson, ids: &HashMap<u32, i64>) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO mentions (doc_id, idx, entity_id, kind, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (idx, m) in a.mentions.iter().enumerate() {
        let entity = m.entity.and_then(|e| ids.get(&e));
        stmt.execute(params![doc_id, idx as i64, entity, m.kind.as_str(), m.start, m.end])?;
    }
    Ok(())
}

fn insert_statement(
    tx: &Transaction,
    doc_id: &str,
    idx: usize,
    at: &AttributionJson,
    entities: &[Entity],
    ids: &HashMap<u32, i64>,
) -> Result<()> {
    let speaker = at.speaker.as_ref();
    let local = speaker.and_then(|s| s.entity);
    let entity_name = local.and_then(|id| entities.iter().find(|e| e.id == id)).map(|e| e.name.as_str());
    let entity_id = local.and_then(|id| ids.get(&id));
    let search = format!("{}\n{}", speaker.map_or("", |s| &s.text), entity_name.unwrap_or("")).to_lowercase();
    let source_type = speaker.map(|s| label(&s.source_type)).transpose()?;
    tx.prepare_cached(
        "INSERT INTO statements (doc_id, idx, speaker, speaker_entity, speaker_entity_id, speaker_search,
             source_type, cue, content, quote, stance, hedged, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc_id,
        i64::try_from(idx).unwrap_or(i64::MAX),
        speaker.map(|s| &s.text),
        entity_name,
        entity_id,
        search,
        source_type,
        at.cue.text,
        at.content.text,
        label(&at.quote)?,
        at.stance.as_str(),
        at.hedged,
        at.content.start,
        at.content.end,
    ])?;
    Ok(())
}

fn insert_quantities(tx: &Transaction, doc_id: &str, a: &AnalysisJson) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO quantities (doc_id, start, end, text, value, low, high, approx, bound, change, unit,
             counted, counted_start, counted_end, counted_key, counted_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for q in &a.quantities {
        let counted = q.counted.as_ref();
        let key = counted.and_then(|c| crate::numbers::counted_key(&c.text));
        stmt.execute(params![
            doc_id,
            q.start,
            q.end,
            q.text,
            q.value,
            q.low,
            q.high,
            q.approx,
            label(&q.bound)?,
            q.change.as_ref().map(label).transpose()?,
            q.unit,
            counted.map(|c| &c.text),
            counted.map(|c| c.start),
            counted.map(|c| c.end),
            key,
            key.as_deref().map(crate::numbers::counted_head),
        ])?;
    }
    Ok(())
}

/// The title the repair stage found in the text (its first title region), for a document whose
/// metadata has none: a plain-text file's headline line. Spaces run together; at most 300 bytes.
pub(crate) fn title_in_text(text: &str, regions: &[RegionJson]) -> Option<String> {
    let r = regions.iter().find(|r| r.kind == RegionKind::Title)?;
    let words = text.get(r.start as usize..r.end as usize)?.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = words.len().min(300);
    while !words.is_char_boundary(end) {
        end -= 1;
    }
    Some(words[..end].to_string()).filter(|t| !t.is_empty())
}

fn insert_times(tx: &Transaction, doc_id: &str, a: &AnalysisJson) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT INTO times (doc_id, start, end, text, type, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for t in &a.times {
        stmt.execute(params![doc_id, t.start, t.end, t.text, label(&t.kind)?, t.value])?;
    }
    Ok(())
}

/// The string a label enum has in the JSON contract, so the store and `analyze --json` agree.
fn label<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// Schema 12's backfill: titles from the text for stored documents without one (their full-text
/// entry rewritten to match), and the grouping key of every counted noun.
pub(crate) fn backfill_titles_and_counted_keys(tx: &Transaction) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Regions {
        regions: Vec<RegionJson>,
    }
    let untitled: Vec<(i64, String, String)> = tx
        .prepare("SELECT pk, text, analysis FROM documents WHERE title IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, crate::packed::unpack(r.get_ref(2)?)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set_title = tx.prepare("UPDATE documents SET title = ?2 WHERE pk = ?1")?;
    let mut unindex =
        tx.prepare("INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', ?1, NULL, ?2)")?;
    let mut index = tx.prepare("INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?;
    for (pk, text, analysis) in untitled {
        // An analysis this build cannot read keeps its document untitled.
        let Ok(Regions { regions }) = serde_json::from_str::<Regions>(&analysis) else { continue };
        if let Some(title) = title_in_text(&text, &regions) {
            set_title.execute(params![pk, title])?;
            unindex.execute(params![pk, text])?;
            index.execute(params![pk, title, text])?;
        }
    }
    let counted: Vec<(i64, String)> = tx
        .prepare("SELECT rowid, counted FROM quantities WHERE counted IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set_key = tx.prepare("UPDATE quantities SET counted_key = ?2, counted_head = ?3 WHERE rowid = ?1")?;
    for (rowid, text) in counted {
        let key = crate::numbers::counted_key(&text);
        set_key.execute(params![rowid, key, key.as_deref().map(crate::numbers::counted_head)])?;
    }
    Ok(())
}
