-- Schema version 9: the claim term index holds 64-bit hashes of stems (TermId,
-- crates/claims/src/terms.rs), not the stems: looking up and comparing integers is what keeps
-- linking claims inside its share of ingest time (docs/claims.md, "Cost").
-- The profiles schema 8 wrote hold stems, so the claims are grouped again: the step after this
-- migration (schema.rs) links every stored document once more, in the order they were stored.
-- Claim ids go on from the last one given out (AUTOINCREMENT): an old id never names a new claim.
DELETE FROM claim_reports;
DELETE FROM claim_entities;
DROP TABLE claim_terms;
CREATE TABLE claim_terms (
    term     INTEGER NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    PRIMARY KEY (term, claim_id)
) WITHOUT ROWID;
DELETE FROM claims;
