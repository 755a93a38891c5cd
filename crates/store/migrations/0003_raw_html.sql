-- Raw pages kept for provenance: the HTML a document's text was extracted from, gzipped.
CREATE TABLE raw_html (
    doc_id   TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    encoding TEXT NOT NULL DEFAULT 'gzip',   -- how `content` is compressed
    bytes    INTEGER NOT NULL,               -- size of the raw page, uncompressed
    content  BLOB NOT NULL
);
