//! Versioned migrations, tracked in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, StoreError};

/// Migration `i` brings the schema from version `i` to `i + 1`. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_events.sql"),
    include_str!("../migrations/0003_raw_html.sql"),
    include_str!("../migrations/0004_fts_per_batch.sql"),
    include_str!("../migrations/0005_provenance.sql"),
    ENTITY_EVIDENCE,
    include_str!("../migrations/0007_claims.sql"),
    include_str!("../migrations/0008_headlines.sql"),
    CLAIM_TERM_IDS,
];

/// Alias evidence and person name parts (docs/ENTITIES.md); it needs [`after_migration`].
const ENTITY_EVIDENCE: &str = include_str!("../migrations/0006_entity_evidence.sql");

/// Claim terms as hashes; the claims are linked again ([`after_migration`]).
const CLAIM_TERM_IDS: &str = include_str!("../migrations/0009_claim_term_ids.sql");

/// What a migration needs beyond its SQL, run in the same transaction: filling a new table from
/// rows that only Rust can read (a person's name parts, the claims of stored analyses).
/// Keyed by the migration's text, not its number, so that renumbering it changes nothing here.
fn after_migration(tx: &rusqlite::Transaction, sql: &str) -> Result<()> {
    if sql == ENTITY_EVIDENCE {
        crate::linking::backfill_person_names(tx)?;
    }
    if sql == CLAIM_TERM_IDS {
        crate::claims::relink_all(tx)?;
    }
    Ok(())
}

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies the migrations the file lacks, each in its own transaction together with its version
/// bump, so a failure leaves the file at the last complete version.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    for (version, sql) in (1..).zip(MIGRATIONS).skip(usize::try_from(found).unwrap_or(0)) {
        // IMMEDIATE: take the write lock first, so two processes opening a fresh file at once
        // do not both try to create the schema.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Re-read under the lock: another process may have migrated meanwhile.
        if user_version(&tx)? >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        after_migration(&tx, sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
