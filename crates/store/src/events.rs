//! Events: writing a document's events and reading them back by type, actor and date.

use std::collections::HashMap;

use dossier_core::{AnalysisJson, Entity, EventArgJson};
use rusqlite::{params, Row, Transaction};
use serde::Serialize;

use crate::query::sql_limit;
use crate::{Result, Store};

/// Which events [`Store::events`] returns. `None` fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFilter {
    /// A PLOVER type as in the JSON contract (`MOBILIZE`); case ignored.
    pub kind: Option<String>,
    /// Case-insensitive substring of the source or target as written or of its entity's name.
    pub actor: Option<String>,
    /// Only documents published on or after this ISO date (undated documents are left out).
    pub since: Option<String>,
    /// Rows to skip (paging).
    pub offset: usize,
    pub limit: usize,
}

impl Default for EventFilter {
    /// No filter, at most 1000 rows.
    fn default() -> Self {
        EventFilter { kind: None, actor: None, since: None, offset: 0, limit: 1000 }
    }
}

/// One stored event with its document's date and URL, for listing and export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// ISO date, `YYYY-MM-DD`, of the document.
    pub published: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub trigger: String,
    /// The trigger's byte span in the document.
    pub start: i64,
    pub end: i64,
    pub source: Option<String>,
    pub source_entity: Option<String>,
    pub source_country: Option<String>,
    pub source_sector: Option<String>,
    pub source_start: Option<i64>,
    pub source_end: Option<i64>,
    pub target: Option<String>,
    pub target_entity: Option<String>,
    pub target_country: Option<String>,
    pub target_sector: Option<String>,
    pub target_start: Option<i64>,
    pub target_end: Option<i64>,
    pub place: Option<String>,
    pub place_entity: Option<String>,
    pub time: Option<String>,
    pub time_value: Option<String>,
    pub quantity: Option<String>,
    pub quantity_value: Option<f64>,
    pub negated: bool,
    pub hedged: bool,
    /// The statement (index in the document's attributions) that reports the event.
    pub reported_by: Option<i64>,
    /// Its speaker as written.
    pub reporter: Option<String>,
}

pub(crate) fn insert_events(
    tx: &Transaction,
    doc_id: &str,
    a: &AnalysisJson,
    entities: &[Entity],
    ids: &HashMap<u32, i64>,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (doc_id, idx, type, mode, trigger, start, end,
             source, source_start, source_end, source_entity, source_entity_id, source_country, source_sector,
             target, target_start, target_end, target_entity, target_entity_id, target_country, target_sector,
             place, place_entity, time_text, time_value, quantity_text, quantity_value,
             negated, hedged, reported_by, actor_search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
             ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
    )?;
    let name = |x: Option<&EventArgJson>| {
        x.and_then(|x| x.entity).and_then(|id| entities.iter().find(|e| e.id == id)).map(|e| e.name.clone())
    };
    let store_id = |x: Option<&EventArgJson>| x.and_then(|x| x.entity).and_then(|id| ids.get(&id)).copied();
    for (idx, e) in a.events.iter().enumerate() {
        let (src, tgt) = (e.source.as_ref(), e.target.as_ref());
        let (src_name, tgt_name) = (name(src), name(tgt));
        let search =
            [src.map(|x| x.text.as_str()), src_name.as_deref(), tgt.map(|x| x.text.as_str()), tgt_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n")
                .to_lowercase();
        let sector = |x: Option<&EventArgJson>| x.and_then(|x| x.sector).map(|s| s.as_str());
        stmt.execute(params![
            doc_id,
            i64::try_from(idx).unwrap_or(i64::MAX),
            e.kind.as_str(),
            e.mode,
            e.trigger.text,
            e.trigger.start,
            e.trigger.end,
            src.map(|x| &x.text),
            src.map(|x| x.start),
            src.map(|x| x.end),
            src_name,
            store_id(src),
            src.and_then(|x| x.country.as_ref()),
            sector(src),
            tgt.map(|x| &x.text),
            tgt.map(|x| x.start),
            tgt.map(|x| x.end),
            tgt_name,
            store_id(tgt),
            tgt.and_then(|x| x.country.as_ref()),
            sector(tgt),
            e.place.as_ref().map(|x| &x.text),
            name(e.place.as_ref()),
            e.time.as_ref().map(|t| &t.text),
            e.time.as_ref().and_then(|t| t.value.as_ref()),
            e.quantity.as_ref().map(|q| &q.text),
            e.quantity.as_ref().and_then(|q| q.value),
            e.negated,
            e.hedged,
            e.reported_by,
            search,
        ])?;
    }
    Ok(())
}

fn row(r: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        doc_id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        kind: r.get(4)?,
        mode: r.get(5)?,
        trigger: r.get(6)?,
        start: r.get(7)?,
        end: r.get(8)?,
        source: r.get(9)?,
        source_entity: r.get(10)?,
        source_country: r.get(11)?,
        source_sector: r.get(12)?,
        source_start: r.get(13)?,
        source_end: r.get(14)?,
        target: r.get(15)?,
        target_entity: r.get(16)?,
        target_country: r.get(17)?,
        target_sector: r.get(18)?,
        target_start: r.get(19)?,
        target_end: r.get(20)?,
        place: r.get(21)?,
        place_entity: r.get(22)?,
        time: r.get(23)?,
        time_value: r.get(24)?,
        quantity: r.get(25)?,
        quantity_value: r.get(26)?,
        negated: r.get(27)?,
        hedged: r.get(28)?,
        reported_by: r.get(29)?,
        reporter: r.get(30)?,
    })
}

impl Store {
    /// Stored events matching `filter`, in publication order (undated documents last), then by
    /// document id, within a document in text order: the `events_by_date` index's order.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let kind = filter.kind.as_deref().map(|k| k.trim().to_uppercase());
        let actor = filter.actor.as_deref().map(|a| a.trim().to_lowercase());
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.doc_id, d.url, d.title, d.published, e.type, e.mode, e.trigger, e.start, e.end,
                    e.source, e.source_entity, e.source_country, e.source_sector, e.source_start, e.source_end,
                    e.target, e.target_entity, e.target_country, e.target_sector, e.target_start, e.target_end,
                    e.place, e.place_entity, e.time_text, e.time_value, e.quantity_text, e.quantity_value,
                    e.negated, e.hedged, e.reported_by, s.speaker
             FROM events e JOIN documents d ON d.id = e.doc_id
             LEFT JOIN statements s ON s.doc_id = e.doc_id AND s.idx = e.reported_by
             WHERE (?1 IS NULL OR e.type = ?1)
               AND (?2 IS NULL OR instr(e.actor_search, ?2) > 0)
               AND (?3 IS NULL OR (d.published IS NOT NULL AND d.published >= ?3))
             ORDER BY e.published IS NULL, e.published, e.doc_id, e.start
             LIMIT ?4 OFFSET ?5",
        )?;
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![kind, actor, filter.since, sql_limit(filter.limit), offset], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
