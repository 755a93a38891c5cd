//! Paths of the tests that read ../shared: a missing path panics with what is missing, never
//! skips.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A path under ../shared (beside the repository); panics when it is not there.
pub fn shared(rel: &str) -> PathBuf {
    let p = root().join("../shared").join(rel);
    assert!(
        p.exists(),
        "{} is missing: the `shared-data` tests need ../shared beside the repository (run without the feature to skip them)",
        p.display()
    );
    p
}
