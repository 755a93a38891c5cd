-- Schema version 16: a smaller store (docs/PERFORMANCE.md, "Store size").
--
-- Mentions are the most numerous rows. They are kept clustered by document (WITHOUT ROWID, keyed
-- by the document and the mention's index in its analysis), so the separate index on the
-- document goes, and without their text, which is the document's bytes at start..end (the
-- stored analysis and the text have it; no query read it).
CREATE TABLE mentions_by_doc (
    doc_id    TEXT NOT NULL REFERENCES documents(id),
    idx       INTEGER NOT NULL,                  -- index in the analysis' "mentions"
    entity_id INTEGER REFERENCES entities(id),   -- NULL when the mention was not linked
    kind      TEXT NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL CHECK (start <= end),
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
INSERT INTO mentions_by_doc (doc_id, idx, entity_id, kind, start, end)
    SELECT doc_id, row_number() OVER (PARTITION BY doc_id ORDER BY rowid) - 1, entity_id, kind, start, end
    FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_by_doc RENAME TO mentions;
CREATE INDEX mentions_entity ON mentions(entity_id, doc_id);

-- Indexes that a longer one already serves (its leading columns are theirs).
DROP INDEX events_doc;            -- UNIQUE (doc_id, idx)
DROP INDEX statements_stance;     -- statements_stance_by_date (stance, …)
