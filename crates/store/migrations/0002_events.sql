-- Schema version 2: events (who did what to whom), one row per event of a document's analysis.
-- Documents stored before this version have no rows here (their analyses predate events).

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    doc_id            TEXT NOT NULL REFERENCES documents(id),
    idx               INTEGER NOT NULL,          -- index in the analysis' "events"
    type              TEXT NOT NULL,             -- PLOVER type: AGREE … FIGHT
    mode              TEXT,
    trigger           TEXT NOT NULL,
    start             INTEGER NOT NULL,          -- trigger span
    end               INTEGER NOT NULL CHECK (start <= end),
    source            TEXT,
    source_start      INTEGER,
    source_end        INTEGER,
    source_entity     TEXT,
    source_entity_id  INTEGER REFERENCES entities(id),
    source_country    TEXT,
    source_sector     TEXT,
    target            TEXT,
    target_start      INTEGER,
    target_end        INTEGER,
    target_entity     TEXT,
    target_entity_id  INTEGER REFERENCES entities(id),
    target_country    TEXT,
    target_sector     TEXT,
    place             TEXT,
    place_entity      TEXT,
    time_text         TEXT,
    time_value        TEXT,
    quantity_text     TEXT,
    quantity_value    REAL,
    negated           INTEGER NOT NULL,
    hedged            INTEGER NOT NULL,
    reported_by       INTEGER,                   -- statements.idx of the reporting statement
    actor_search      TEXT NOT NULL,             -- lowercased source/target words and entity names
    UNIQUE (doc_id, idx)
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_source_entity ON events(source_entity_id);
CREATE INDEX events_target_entity ON events(target_entity_id);
