-- The full-text indexes are filled once per inserted batch (insert.rs) instead of by a trigger per
-- row: one bulk insert per transaction costs far less than thousands of single-row index updates.
-- The delete triggers stay.
DROP TRIGGER documents_fts_insert;
DROP TRIGGER statements_fts_insert;
