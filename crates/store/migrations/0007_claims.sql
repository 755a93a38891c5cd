-- Schema version 7: claims across documents (crates/claims; docs/CLAIMS.md). Written as each
-- document is stored, in the same transaction, so a claim never points at a missing report.

-- AUTOINCREMENT: a claim id is never reused, even after its last report is gone.
CREATE TABLE claims (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    text         TEXT NOT NULL,   -- canonical wording: the earliest clear report
    event_type   TEXT,
    counted      TEXT,            -- stem of the counted thing, for number claims
    first_doc    TEXT NOT NULL REFERENCES documents(id),
    first_date   TEXT,
    first_outlet TEXT,
    reports      INTEGER NOT NULL DEFAULT 0,
    documents    INTEGER NOT NULL DEFAULT 0,   -- distinct documents among the reports
    profile      TEXT NOT NULL    -- JSON dossier_claims::Profile: what grouping compares with
);
CREATE INDEX claims_widest ON claims(documents DESC, reports DESC, id);
CREATE INDEX claims_first_date ON claims(first_date);

-- The term index: which claims a stem is among the profile terms of.
CREATE TABLE claim_terms (
    term     TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    PRIMARY KEY (term, claim_id)
) WITHOUT ROWID;

CREATE TABLE claim_entities (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    claim_id  INTEGER NOT NULL REFERENCES claims(id),
    PRIMARY KEY (entity_id, claim_id)
) WITHOUT ROWID;

-- One row per statement, headline or event that states a claim.
CREATE TABLE claim_reports (
    id                INTEGER PRIMARY KEY,
    claim_id          INTEGER NOT NULL REFERENCES claims(id),
    doc_id            TEXT NOT NULL REFERENCES documents(id),
    kind              TEXT NOT NULL,      -- headline | statement | event
    item              INTEGER NOT NULL,   -- index among the document's headlines / attributions / events
    text              TEXT NOT NULL,
    start             INTEGER NOT NULL,
    end               INTEGER NOT NULL CHECK (start <= end),
    speaker           TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id),
    stance            TEXT NOT NULL,      -- asserts | confirms | denies | repeats | questions
    hedged            INTEGER NOT NULL,
    number_value      REAL,
    number_low        REAL,
    number_high       REAL,
    number_approx     INTEGER,
    number_text       TEXT,
    date              TEXT,               -- the document's publication date
    outlet            TEXT,
    why               TEXT,               -- JSON dossier_claims::Match; NULL for the report that opened the claim
    UNIQUE (doc_id, kind, item)
);
-- (claim, document): a report's claim already counting its document is one index probe.
CREATE INDEX claim_reports_claim ON claim_reports(claim_id, doc_id);
CREATE INDEX claim_reports_doc ON claim_reports(doc_id);
