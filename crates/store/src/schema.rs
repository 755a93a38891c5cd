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
    CLAIM_PROFILES,
    include_str!("../migrations/0011_entity_page_indexes.sql"),
    TITLES_AND_COUNTED_KEYS,
    include_str!("../migrations/0013_events_by_date.sql"),
    include_str!("../migrations/0014_report_stance_and_alias_counts.sql"),
    PACKED_ANALYSES,
    include_str!("../migrations/0016_slimmer_mentions.sql"),
];

/// Titles from the text and counted-noun keys; the backfill needs [`after_migration`].
const TITLES_AND_COUNTED_KEYS: &str = include_str!("../migrations/0012_titles_and_counted_keys.sql");

/// Analyses compressed; the conversion needs [`after_migration`].
const PACKED_ANALYSES: &str = include_str!("../migrations/0015_packed_analyses.sql");

/// Alias evidence and person name parts (docs/ENTITIES.md); it needs [`after_migration`].
const ENTITY_EVIDENCE: &str = include_str!("../migrations/0006_entity_evidence.sql");

/// Claim terms as hashes; the claims are linked again ([`after_migration`]).
const CLAIM_TERM_IDS: &str = include_str!("../migrations/0009_claim_term_ids.sql");

/// Claim profiles apart from the claims, in a compact binary form; slimmer report indexes.
const CLAIM_PROFILES: &str = include_str!("../migrations/0010_claim_profiles.sql");

/// What a migration needs beyond its SQL, run in the same transaction: filling a new table from
/// rows that only Rust can read (a person's name parts, the claims' profiles). Keyed by the
/// migration's text, not its number, so that renumbering it changes nothing here. Answers
/// whether the claims must be linked again, which [`migrate`] does once the schema is final.
fn after_migration(tx: &rusqlite::Transaction, sql: &str) -> Result<bool> {
    if sql == ENTITY_EVIDENCE {
        crate::linking::backfill_person_names(tx)?;
    }
    if sql == TITLES_AND_COUNTED_KEYS {
        crate::insert::backfill_titles_and_counted_keys(tx)?;
    }
    if sql == CLAIM_PROFILES {
        crate::claims::convert_json_profiles(tx)?;
    }
    if sql == PACKED_ANALYSES {
        crate::packed::pack_stored_analyses(tx)?;
    }
    Ok(sql == CLAIM_TERM_IDS)
}

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies the migrations the file lacks, each in its own transaction together with its version
/// bump, so a failure leaves the file at the last complete version. A migration that empties the
/// claims shares its transaction with every one after it and the linking again at the end, which
/// runs the code of this build against the schema it was written for; a failure on the way
/// leaves the file as it was before that migration, with its claims.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    let mut next = found + 1;
    while next <= SCHEMA_VERSION {
        // IMMEDIATE: take the write lock first, so two processes opening a fresh file at once
        // do not both try to create the schema.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Re-read under the lock: another process may have migrated meanwhile.
        next = next.max(user_version(&tx)? + 1);
        let mut relink = false;
        while next <= SCHEMA_VERSION {
            let sql = MIGRATIONS[usize::try_from(next - 1).expect("versions count from 1")];
            tx.execute_batch(sql)?;
            relink |= after_migration(&tx, sql)?;
            tx.pragma_update(None, "user_version", next)?;
            next += 1;
            if !relink {
                break;
            }
        }
        if relink {
            crate::claims::relink_all(&tx)?;
        }
        tx.commit()?;
    }
    Ok(())
}
