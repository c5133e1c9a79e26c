-- The audit log without the UNIQUE index on `hash`. The chain already makes every hash distinct (each covers its
-- sequence number and the previous hash), `verify` walks the log by `seq`, and nothing looks entries up by hash;
-- the index only cost a write to a page at a random place for every entry (one per stored upload). Rebuilt as a
-- new table, the portable way to drop a column constraint (SQLite cannot alter one in place).
CREATE TABLE audit_log_v5 (
    seq       BIGINT NOT NULL PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT   NOT NULL,
    event     TEXT   NOT NULL,
    subject   TEXT   NOT NULL,
    prev_hash TEXT   NOT NULL,
    hash      TEXT   NOT NULL
);
INSERT INTO audit_log_v5 (seq, at, actor, event, subject, prev_hash, hash)
    SELECT seq, at, actor, event, subject, prev_hash, hash FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v5 RENAME TO audit_log;
