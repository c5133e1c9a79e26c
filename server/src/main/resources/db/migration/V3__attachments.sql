-- Sealed attachments (audio recordings) uploaded in chunks after their envelope. Portable like V1/V2: TEXT,
-- INTEGER and BIGINT only; chunk bytes are base64 text. The bytes are opaque (sealed on the device).

-- The chunks received so far, each starting where the previous one ended (end_offset exclusive).
CREATE TABLE attachment_chunks (
    submission_id TEXT   NOT NULL REFERENCES submissions (id),
    name          TEXT   NOT NULL,
    start_offset  BIGINT NOT NULL,
    end_offset    BIGINT NOT NULL,
    data          TEXT   NOT NULL,
    PRIMARY KEY (submission_id, name, start_offset)
);

-- Completed attachments: every byte stored and the SHA-256 of the stored bytes equal to the descriptor's.
CREATE TABLE attachments (
    submission_id TEXT   NOT NULL REFERENCES submissions (id),
    name          TEXT   NOT NULL,
    sealed_sha256 TEXT   NOT NULL,
    sealed_bytes  BIGINT NOT NULL,
    received_at   BIGINT NOT NULL,
    PRIMARY KEY (submission_id, name)
);
