-- Transcripts (source language) and translations (target language) of a submission's recording or typed answers,
-- as sealed text parts (docs/sealing.md, "Transcripts and translations"): one row per (submission, kind, language,
-- version). sealed_part is the JSON of the sealed part (nonce, ciphertext, wrapped content keys; base64); the text
-- is never stored in plaintext. status: draft (the author's open draft, replaced in place by autosaves), done
-- (fixed; a correction is a new version), checked (a second transcriber checked it). Rows are deleted when the
-- submission is shredded by a withdrawal. Portable like V1.
CREATE TABLE transcript_parts (
    submission_id TEXT    NOT NULL REFERENCES submissions (id),
    kind          TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    author        TEXT    NOT NULL,
    checker       TEXT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    checked_at    BIGINT,
    sealed_part   TEXT    NOT NULL,
    PRIMARY KEY (submission_id, kind, language, version)
);
