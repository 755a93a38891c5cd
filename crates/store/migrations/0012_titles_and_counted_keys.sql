-- Schema version 12 (issue: "An analyst's workbench at 100,000 articles").
-- A document without a title in its metadata (a plain-text file) takes the title the repair
-- stage found in its text; the backfill for stored documents runs in Rust (schema.rs,
-- `after_migration`), as only Rust reads the stored analysis.
-- A number's counted noun gets a grouping key (numbers.rs, `counted_key`): lower-case, without
-- words that count nothing, singular ("registered voter"), and its head, the last word
-- ("voter"). The numbers page groups by them; a search for "voters" is a lookup of the head.
ALTER TABLE quantities ADD COLUMN counted_key TEXT;
ALTER TABLE quantities ADD COLUMN counted_head TEXT;
CREATE INDEX quantities_counted_head ON quantities(counted_head, counted_key) WHERE counted_head IS NOT NULL;

-- A document's statement count, kept at insert, so that the documents list sorts by it without
-- counting every document's statements; and the orders the list offers, as indexes.
ALTER TABLE documents ADD COLUMN statement_count INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET statement_count = (SELECT count(*) FROM statements s WHERE s.doc_id = documents.id);
DROP INDEX documents_published;
CREATE INDEX documents_published ON documents(published, pk);
CREATE INDEX documents_newest ON documents(published IS NULL, published DESC, pk DESC);
CREATE INDEX documents_oldest ON documents(published IS NULL, published, pk);
CREATE INDEX documents_by_title ON documents(title IS NULL, title COLLATE NOCASE, pk);
CREATE INDEX documents_statement_count ON documents(statement_count, pk);
CREATE INDEX documents_outlet ON documents(outlet COLLATE NOCASE, pk) WHERE outlet IS NOT NULL;

-- What the entity pages count, kept at insert (insert.rs, `count_entities`): per entity and
-- document its mentions and the statements it made, with the document's date; per entity the
-- totals. Counting them on each page view was proportional to the entity's size in the store.
CREATE TABLE entity_documents (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    doc_id     TEXT NOT NULL REFERENCES documents(id),
    published  TEXT,
    mentions   INTEGER NOT NULL,
    statements INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_id)
) WITHOUT ROWID;
-- In date order, undated last, as the entity page lists them (an index on the expression, so that
-- a page of a large entity is read in order, not sorted).
CREATE INDEX entity_documents_published
    ON entity_documents(entity_id, published IS NULL, published, doc_id, mentions, statements);
CREATE INDEX entity_documents_doc ON entity_documents(doc_id);
INSERT INTO entity_documents (entity_id, doc_id, published, mentions, statements)
SELECT x.entity_id, x.doc_id, d.published, sum(x.m), sum(x.s)
FROM (SELECT entity_id, doc_id, 1 AS m, 0 AS s FROM mentions WHERE entity_id IS NOT NULL
      UNION ALL SELECT speaker_entity_id, doc_id, 0, 1 FROM statements WHERE speaker_entity_id IS NOT NULL
      UNION ALL SELECT entity_id, doc_id, 0, 0 FROM document_entities) x
JOIN documents d ON d.id = x.doc_id
GROUP BY x.entity_id, x.doc_id;
ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN document_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN statement_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET (mention_count, document_count, statement_count) =
    (SELECT coalesce(sum(mentions), 0), count(*), coalesce(sum(statements), 0)
     FROM entity_documents WHERE entity_id = entities.id);
CREATE INDEX entities_by_mentions ON entities(mention_count DESC, name, id);

-- A statement's publication date (its document's), so that statements list in date order from
-- an index: the statements page and an entity's statements read one page, not sort them all.
ALTER TABLE statements ADD COLUMN published TEXT;
UPDATE statements SET published = (SELECT published FROM documents d WHERE d.id = statements.doc_id);
CREATE INDEX statements_by_date ON statements(published IS NULL, published, doc_id, idx);
CREATE INDEX statements_entity_by_date
    ON statements(speaker_entity_id, published IS NULL, published, doc_id, idx) WHERE speaker_entity_id IS NOT NULL;
