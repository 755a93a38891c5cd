-- Schema version 6: every alias says which document gave it and on what evidence, and persons
-- are indexed by their name parts so that the store can link "Donald J. Trump" to "Donald Trump"
-- and a bare "Trump" to the one person it can only mean (docs/ENTITIES.md).

-- entity_aliases, now one row per (entity, alias, document). `evidence` is one of the kinds in
-- crates/store/src/linking.rs (Evidence). `doc_id` lets a refreshed document take its aliases
-- with it (delete_derived_rows); aliases stored before this version are carried forward with
-- the documents they can be traced to (a mention or a document entity spelled so), and with no
-- document where none can, under the evidence `carried`.
CREATE TABLE entity_aliases_v6 (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    doc_id    TEXT REFERENCES documents(id),
    evidence  TEXT NOT NULL,
    UNIQUE (entity_id, alias, doc_id)
);
INSERT INTO entity_aliases_v6 (entity_id, alias, doc_id, evidence)
    SELECT a.entity_id, a.alias, de.doc_id, 'carried'
    FROM entity_aliases a JOIN document_entities de ON de.entity_id = a.entity_id AND de.name = a.alias
    UNION
    SELECT a.entity_id, a.alias, m.doc_id, 'carried'
    FROM entity_aliases a JOIN mentions m ON m.entity_id = a.entity_id AND m.text = a.alias;
INSERT INTO entity_aliases_v6 (entity_id, alias, doc_id, evidence)
    SELECT a.entity_id, a.alias, NULL, 'carried' FROM entity_aliases a
    WHERE NOT EXISTS (SELECT 1 FROM entity_aliases_v6 n WHERE n.entity_id = a.entity_id AND n.alias = a.alias);
DROP TABLE entity_aliases;
ALTER TABLE entity_aliases_v6 RENAME TO entity_aliases;
CREATE INDEX entity_aliases_doc ON entity_aliases(doc_id);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

-- The name parts of every canonical person: first and last word (lower-cased, suffixes such as
-- "Jr." dropped), the words between them, and the number of documents linked to it (kept by
-- insert_entities and delete_derived_rows), so that linking is an index look-up whatever the
-- size of the store. A bare surname has first = ''. Filled for older stores by schema.rs.
CREATE TABLE person_names (
    entity_id INTEGER PRIMARY KEY REFERENCES entities(id),
    first     TEXT NOT NULL,
    middle    TEXT NOT NULL,
    last      TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_names_full ON person_names(last, first);
CREATE INDEX person_names_surname ON person_names(last, documents);
