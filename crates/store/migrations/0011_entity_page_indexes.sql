-- Schema version 11: an entity's page counts its mentions and statements per document (browse.rs,
-- `Store::entity`). With the entity id alone in these indexes, each count scanned every mention or
-- statement of the entity, once per document: quadratic in the entity's size (issue: "entity pages
-- are quadratic in the store"). With the document beside it, each count is one index range.
DROP INDEX mentions_entity;
CREATE INDEX mentions_entity ON mentions(entity_id, doc_id);
DROP INDEX statements_entity;
CREATE INDEX statements_entity ON statements(speaker_entity_id, doc_id);
