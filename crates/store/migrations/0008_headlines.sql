-- Schema version 8: the title and sub-headings of each document checked against its body
-- (contract 1.4, docs/headlines.md). role: title | subheading; start/end: byte span of the heading
-- in the text (NULL for a title known only from the metadata); verdict: supported | contradicted |
-- unsupported | overstated; stance: the stance model's label; score: its probability; evidence:
-- JSON array of [start, end] byte spans of the body sentences that decided it. Documents stored
-- before have no rows here until their next ingest refreshes them (their provenance is stale).
CREATE TABLE headlines (
    id       INTEGER PRIMARY KEY,
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    role     TEXT NOT NULL,
    start    INTEGER,
    "end"    INTEGER,
    text     TEXT NOT NULL,
    verdict  TEXT NOT NULL,
    stance   TEXT NOT NULL,
    score    REAL NOT NULL,
    evidence TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE INDEX headlines_verdict ON headlines(verdict, doc_id);
