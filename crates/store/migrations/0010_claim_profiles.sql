-- Schema version 10: cheaper claim linking (docs/claims.md, "Cost").
-- claim_reports kept three indexes beside its rows, two of them keyed on the 71-byte document
-- id: the UNIQUE (doc_id, kind, item) constraint already answers a document's reports, and the
-- reports of a claim need the claim id alone.
DROP INDEX claim_reports_doc;
DROP INDEX claim_reports_claim;
CREATE INDEX claim_reports_claim ON claim_reports(claim_id);

-- The profile linking compares with moves to its own table, as postcard bytes (the step after
-- this migration, schema.rs, converts the JSON ones and drops claims.profile): updating a
-- claim's report counts no longer rewrites kilobytes of JSON, nor reading a profile parses it.
CREATE TABLE claim_profiles (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id),
    profile  BLOB NOT NULL
);
