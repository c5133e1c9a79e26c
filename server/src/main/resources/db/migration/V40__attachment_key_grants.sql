-- A recording's content key re-wrapped by a research key holder to the study's transcription key (docs/sealing.md,
-- "Listening"), so that transcribers of the submission's site can listen with their transcription key; one row per
-- (submission, attachment, purpose). recipients is the JSON list of wrapped keys ({keyId, enc, wrappedKey}; base64),
-- bound to the submission's header and the attachment's descriptor like the device's own wrapping. Deleted when the
-- submission is shredded by a withdrawal (with the attachment's chunks). Portable like V1.
CREATE TABLE attachment_key_grants (
    submission_id TEXT   NOT NULL REFERENCES submissions (id),
    name          TEXT   NOT NULL,
    purpose       TEXT   NOT NULL,
    recipients    TEXT   NOT NULL,
    granted_by    TEXT   NOT NULL,
    granted_at    BIGINT NOT NULL,
    PRIMARY KEY (submission_id, name, purpose)
);
