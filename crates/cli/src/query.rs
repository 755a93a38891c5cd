//! The read-only commands over a store: `search`, `statements`, `entities`, `entity`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use dossier_store::{AliasEvidence, EntityRow, HeadlineFilter, StatementFilter, Store};
use serde::Serialize;

use crate::args::{DocumentsArgs, EntitiesArgs, EntityArgs, SearchArgs, StatementsArgs};
use crate::{emit, report, Exit};

/// Opens an existing store; reading commands never create one.
fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!("no database at {} (run `dossier ingest` first, or pass --db)", db.display());
    }
    Store::open(db).with_context(|| format!("cannot open database {}", db.display()))
}

fn print_json<T: Serialize>(rows: &T) -> Result<()> {
    emit(&format!("{}\n", serde_json::to_string_pretty(rows)?))?;
    Ok(())
}

pub fn search(args: &SearchArgs) -> Result<Exit> {
    let mut store = open(&args.db.db)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    if args.json {
        print_json(&hits)?;
    } else {
        emit(&report::search_hits(&hits))?;
    }
    Ok(Exit::Success)
}

pub fn statements(args: &StatementsArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let filter =
        StatementFilter { speaker: args.speaker.clone(), stance: args.stance.clone(), doc_id: None, limit: args.limit };
    let rows = store.statements(&filter)?;
    if args.json {
        print_json(&rows)?;
    } else {
        emit(&report::statements(&rows))?;
    }
    Ok(Exit::Success)
}

/// A row of `dossier entities --why`: the entity and the evidence of each of its aliases.
#[derive(Serialize)]
pub struct EntityWhy<'a> {
    #[serde(flatten)]
    pub entity: &'a EntityRow,
    pub alias_evidence: Vec<AliasEvidence>,
}

/// `dossier documents [--headline VERDICT]`: with a verdict, the documents that have a heading of
/// that verdict, each with all its headline checks.
pub fn documents(args: &DocumentsArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let rows = match &args.headline {
        None => store.headlines(&HeadlineFilter { limit: args.limit, ..HeadlineFilter::default() })?,
        Some(v) => {
            let hits =
                store.headlines(&HeadlineFilter { verdict: Some(v.clone()), limit: args.limit, doc_id: None })?;
            let mut docs: Vec<&str> = hits.iter().map(|h| h.doc_id.as_str()).collect();
            docs.dedup();
            let mut rows = Vec::new();
            for d in docs {
                rows.extend(store.headlines(&HeadlineFilter {
                    doc_id: Some(d.to_string()),
                    limit: args.limit,
                    verdict: None,
                })?);
            }
            rows
        }
    };
    if args.json {
        print_json(&rows)?;
    } else {
        emit(&report::headline_rows(&rows))?;
    }
    Ok(Exit::Success)
}

pub fn entities(args: &EntitiesArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let rows = store.entities(args.limit)?;
    if args.why {
        let why = rows
            .iter()
            .map(|e| Ok(EntityWhy { entity: e, alias_evidence: store.alias_evidence(e.id)? }))
            .collect::<Result<Vec<_>>>()?;
        if args.json {
            print_json(&why)?;
        } else {
            emit(&report::entities_why(&why))?;
        }
    } else if args.json {
        print_json(&rows)?;
    } else {
        emit(&report::entities(&rows))?;
    }
    Ok(Exit::Success)
}

/// One entity, found and gathered by the same query as the web page and
/// `GET /api/entities/{name}` ([`Store::entity`]).
pub fn entity(args: &EntityArgs) -> Result<Exit> {
    let store = open(&args.db.db)?;
    let name = args.name.join(" ");
    let Some(detail) = store.entity(&name, args.limit)? else {
        eprintln!("error: no entity named {name:?} in {} (see `dossier entities`)", args.db.db.display());
        return Ok(Exit::NotFound);
    };
    if args.json {
        print_json(&detail)?;
    } else {
        emit(&report::entity(&detail))?;
    }
    Ok(Exit::Success)
}
