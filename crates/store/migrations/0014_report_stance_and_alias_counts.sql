-- Schema version 14: the last slow views of the workbench at 100,000 articles
-- (docs/PERFORMANCE-server.md).

-- A claim's reports in date order, with their stance: a page of them, or the first of each
-- stance, is chosen from the index alone before any report row is read (a wire story has
-- thousands). It replaces the index on the claim id, its prefix.
DROP INDEX claim_reports_claim;
CREATE INDEX claim_reports_by_date ON claim_reports(claim_id, date IS NULL, date, id, stance);

-- The entities a claim is about, by claim (its key leads with the entity).
CREATE INDEX claim_entities_claim ON claim_entities(claim_id, entity_id);

-- The statements of one stance in date order: a stance filter walks only its statements.
CREATE INDEX statements_stance_by_date ON statements(stance, published IS NULL, published, doc_id, idx);

-- Each entity's aliases counted per evidence, kept by triggers on entity_aliases (one row per
-- entity, alias and document; its only writes are INSERT OR IGNORE and DELETE): the listed
-- aliases of an entity, and which entities an alias names, read a few rows here instead of one
-- per document there (an entity in most of the store has hundreds of thousands).
CREATE TABLE alias_totals (
    entity_id INTEGER NOT NULL,
    alias     TEXT NOT NULL,
    evidence  TEXT NOT NULL,
    rows      INTEGER NOT NULL,   -- entity_aliases rows
    documents INTEGER NOT NULL,   -- of them, with a document: distinct documents
    PRIMARY KEY (entity_id, alias, evidence)
) WITHOUT ROWID;
INSERT INTO alias_totals (entity_id, alias, evidence, rows, documents)
    SELECT entity_id, alias, evidence, count(*), count(doc_id) FROM entity_aliases
    GROUP BY entity_id, alias, evidence;
CREATE INDEX alias_totals_alias ON alias_totals(alias COLLATE NOCASE, entity_id);
CREATE TRIGGER alias_totals_insert AFTER INSERT ON entity_aliases BEGIN
    INSERT INTO alias_totals (entity_id, alias, evidence, rows, documents)
    VALUES (NEW.entity_id, NEW.alias, NEW.evidence, 1, NEW.doc_id IS NOT NULL)
    ON CONFLICT (entity_id, alias, evidence)
    DO UPDATE SET rows = rows + 1, documents = documents + excluded.documents;
END;
CREATE TRIGGER alias_totals_delete AFTER DELETE ON entity_aliases BEGIN
    UPDATE alias_totals SET rows = rows - 1, documents = documents - (OLD.doc_id IS NOT NULL)
    WHERE entity_id = OLD.entity_id AND alias = OLD.alias AND evidence = OLD.evidence;
    DELETE FROM alias_totals
    WHERE entity_id = OLD.entity_id AND alias = OLD.alias AND evidence = OLD.evidence AND rows = 0;
END;
-- Rows are inserted and deleted, never updated: an update would move counts the two triggers
-- above do not, so it is refused rather than counted a third way.
CREATE TRIGGER alias_totals_update BEFORE UPDATE ON entity_aliases BEGIN
    SELECT RAISE(ABORT, 'entity_aliases rows are inserted and deleted, never updated (alias_totals counts them)');
END;

-- The row counts of the tables the store's summary gives (GET /api/stats, the front page):
-- counting 7.6 million mentions took 0.2 s on each connection after every write. Documents and
-- entities are counted by triggers; statements, mentions, numbers and dates, thousands per
-- batch, once per document by insert.rs (`move_row_totals`).
CREATE TABLE store_totals (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_totals (name, n) SELECT 'documents', count(*) FROM documents;
INSERT INTO store_totals (name, n) SELECT 'statements', count(*) FROM statements;
INSERT INTO store_totals (name, n) SELECT 'entities', count(*) FROM entities;
INSERT INTO store_totals (name, n) SELECT 'mentions', count(*) FROM mentions;
INSERT INTO store_totals (name, n) SELECT 'quantities', count(*) FROM quantities;
INSERT INTO store_totals (name, n) SELECT 'times', count(*) FROM times;
CREATE TRIGGER store_totals_documents_insert AFTER INSERT ON documents BEGIN
    UPDATE store_totals SET n = n + 1 WHERE name = 'documents';
END;
CREATE TRIGGER store_totals_documents_delete AFTER DELETE ON documents BEGIN
    UPDATE store_totals SET n = n - 1 WHERE name = 'documents';
END;
CREATE TRIGGER store_totals_entities_insert AFTER INSERT ON entities BEGIN
    UPDATE store_totals SET n = n + 1 WHERE name = 'entities';
END;
CREATE TRIGGER store_totals_entities_delete AFTER DELETE ON entities BEGIN
    UPDATE store_totals SET n = n - 1 WHERE name = 'entities';
END;
