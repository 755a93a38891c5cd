-- Schema version 13: documents of an outlet in a date range counted from an index alone; and an
-- event's publication date (its document's), so that events list in date
-- order from an index, a page at a time, not sorted whole (issue: "An analyst's workbench at
-- 100,000 articles"; `GET /api/events` took seconds there).
ALTER TABLE events ADD COLUMN published TEXT;
UPDATE events SET published = (SELECT published FROM documents d WHERE d.id = events.doc_id);
CREATE INDEX events_by_date ON events(published IS NULL, published, doc_id, start);
CREATE INDEX documents_outlet_published ON documents(outlet COLLATE NOCASE, published) WHERE outlet IS NOT NULL;
-- Numbers likewise: a counted noun's numbers in date order from an index.
ALTER TABLE quantities ADD COLUMN published TEXT;
UPDATE quantities SET published = (SELECT published FROM documents d WHERE d.id = quantities.doc_id);
CREATE INDEX quantities_head_by_date
    ON quantities(counted_head, published IS NULL, published, doc_id, start) WHERE counted_head IS NOT NULL;
