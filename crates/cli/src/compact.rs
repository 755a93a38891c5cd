//! `dossier compact`: the store file rewritten without its unused pages (SQLite's VACUUM), and
//! how much smaller it became. A store migrated to a smaller schema keeps the pages it freed for
//! later writes; this gives them back (docs/PERFORMANCE.md, "Store size").

use std::path::Path;

use anyhow::{Context, Result};
use dossier_store::Store;

use crate::args::CompactArgs;
use crate::{emit, Exit};

/// The bytes of the store file and its write-ahead log.
fn size_on_disk(db: &Path) -> u64 {
    let wal = db.with_file_name(format!("{}-wal", db.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    [db.to_path_buf(), wal].iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

pub fn run(args: &CompactArgs) -> Result<Exit> {
    let db = &args.db.db;
    if !db.exists() {
        anyhow::bail!("no store at {}", db.display());
    }
    let mut store = Store::open(db).with_context(|| format!("cannot open database {}", db.display()))?;
    let before = size_on_disk(db);
    store.compact().with_context(|| format!("cannot compact {}", db.display()))?;
    drop(store);
    let after = size_on_disk(db);
    emit(&format!("compacted {}: {} -> {}\n", db.display(), megabytes(before), megabytes(after)))?;
    Ok(Exit::Success)
}
