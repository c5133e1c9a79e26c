-- The audit log's head: its last entry's sequence number and hash, updated in the same transaction as every
-- append. Entries removed from the end of the log leave an intact, shorter chain; against the head they show.
CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
    SELECT 1, seq, hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);
