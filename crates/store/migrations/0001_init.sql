-- Schema version 1. Applied once, inside a transaction, by Store::open; never edit it after
-- release: add 0002_*.sql instead.

-- `pk` is an explicit INTEGER PRIMARY KEY because the FTS index points at rows by rowid, and an
-- implicit rowid may change on VACUUM. `id` is the content hash the rest of the world uses.
CREATE TABLE documents (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source      TEXT,
    url         TEXT,
    title       TEXT,
    published   TEXT,            -- ISO date, YYYY-MM-DD
    outlet      TEXT,
    author      TEXT,
    text        TEXT NOT NULL,
    analysis    TEXT NOT NULL,   -- the AnalysisJson contract, verbatim
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);

-- One row per canonical entity across all documents.
CREATE TABLE entities (
    id   INTEGER PRIMARY KEY,
    norm TEXT NOT NULL,          -- normalised name: the merge key together with kind
    kind TEXT NOT NULL,
    name TEXT NOT NULL,          -- the first spelling seen
    UNIQUE (norm, kind)
);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

-- Which canonical entity each document-local entity id became.
CREATE TABLE document_entities (
    doc_id    TEXT NOT NULL REFERENCES documents(id),
    local_id  INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    name      TEXT NOT NULL,
    PRIMARY KEY (doc_id, local_id)
) WITHOUT ROWID;
CREATE INDEX document_entities_entity ON document_entities(entity_id);

CREATE TABLE mentions (
    doc_id    TEXT NOT NULL REFERENCES documents(id),
    entity_id INTEGER REFERENCES entities(id),   -- NULL when the mention was not linked
    kind      TEXT NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL CHECK (start <= end),
    text      TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

-- One row per attribution. start/end are the content span.
CREATE TABLE statements (
    id                INTEGER PRIMARY KEY,
    doc_id            TEXT NOT NULL REFERENCES documents(id),
    idx               INTEGER NOT NULL,
    speaker           TEXT,
    speaker_entity    TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id),
    speaker_search    TEXT NOT NULL,   -- Unicode-lowercased speaker + entity name, for filters
    source_type       TEXT,
    cue               TEXT NOT NULL,
    content           TEXT NOT NULL,
    quote             TEXT NOT NULL,
    stance            TEXT NOT NULL,
    hedged            INTEGER NOT NULL,
    start             INTEGER NOT NULL,
    end               INTEGER NOT NULL CHECK (start <= end),
    UNIQUE (doc_id, idx)
);
CREATE INDEX statements_entity ON statements(speaker_entity_id);
CREATE INDEX statements_stance ON statements(stance);

CREATE TABLE quantities (
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL CHECK (start <= end),
    text          TEXT NOT NULL,
    value         REAL,
    low           REAL,
    high          REAL,
    approx        INTEGER NOT NULL,
    bound         TEXT NOT NULL,
    change        TEXT,
    unit          TEXT,
    counted       TEXT,
    counted_start INTEGER,
    counted_end   INTEGER
);
CREATE INDEX quantities_doc ON quantities(doc_id);
CREATE INDEX quantities_counted ON quantities(counted COLLATE NOCASE);

CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL CHECK (start <= end),
    text   TEXT NOT NULL,
    type   TEXT NOT NULL,
    value  TEXT
);
CREATE INDEX times_doc ON times(doc_id);

-- Full-text indexes over external content: the text is stored once, in the tables above, and
-- triggers keep the indexes in step. Porter stemming so "troop" finds "troops".
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;

CREATE VIRTUAL TABLE statements_fts USING fts5(
    speaker, speaker_entity, content,
    content = 'statements', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, speaker, speaker_entity, content)
    VALUES (new.id, new.speaker, new.speaker_entity, new.content);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, speaker, speaker_entity, content)
    VALUES ('delete', old.id, old.speaker, old.speaker_entity, old.content);
END;
