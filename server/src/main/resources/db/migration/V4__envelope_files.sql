-- Envelopes kept in append-only files beside an SQLite database (EnvelopeFiles) instead of in the row: where each
-- one is. `envelope` is then ''. NULL: the envelope is in `envelope` (PostgreSQL, and rows stored before V4).
ALTER TABLE submissions ADD COLUMN envelope_file INTEGER;
ALTER TABLE submissions ADD COLUMN envelope_offset BIGINT;
ALTER TABLE submissions ADD COLUMN envelope_length INTEGER;
