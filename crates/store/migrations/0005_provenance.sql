-- Schema version 5: which stages, data and switches made each stored analysis
-- (dossier_core::Provenance::key). Documents stored before carry '' and count as stale: the next
-- `dossier ingest` of the same document re-analyses it and replaces its rows.
ALTER TABLE documents ADD COLUMN provenance TEXT NOT NULL DEFAULT '';
