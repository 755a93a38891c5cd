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
    include_str!("../migrations/0006_headlines.sql"),
];

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
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
