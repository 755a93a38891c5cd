-- Schema version 15: analyses stored compressed (zstd BLOBs, crates/store/src/packed.rs); the
-- conversion of stored TEXT analyses is done in Rust (schema.rs, after_migration).
SELECT 1;
