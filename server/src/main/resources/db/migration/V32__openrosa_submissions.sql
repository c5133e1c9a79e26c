-- OpenRosa submissions from ODK Collect (issue 18, point 3; docs/api.md "OpenRosa"). Only ODK-encrypted ones are
-- accepted: the server stores the plaintext manifest (no answers: form id and version, the RSA-wrapped AES key, the
-- instance id, file names) and the encrypted files exactly as received; only the holders of the study's ODK key
-- (research key holders) open them, in an export. Portable between SQLite and PostgreSQL like V1.
--   instance_id:     the device's meta/instanceID (a UUID Collect makes); one submission per study and instance
--   manifest_sha256: SHA-256 of the manifest bytes: a retry with other bytes for the same instance is 409
--   lacks:           what such a submission lacks against a Fieldsafe envelope, comma-separated:
--                    device-consent-gate, aead-header, forgeable-md5-signature
--   state:           incomplete (files still missing: Collect splits large submissions over several POSTs) or
--                    complete (every file the manifest names is stored)
CREATE TABLE openrosa_submissions (
    id              TEXT   NOT NULL PRIMARY KEY,
    study_id        TEXT   NOT NULL REFERENCES studies (id),
    form_id         TEXT   NOT NULL,
    form_version    TEXT,
    instance_id     TEXT   NOT NULL,
    device_id       TEXT   NOT NULL,
    site            TEXT   NOT NULL,
    enumerator      TEXT   NOT NULL,
    manifest        TEXT   NOT NULL,
    manifest_sha256 TEXT   NOT NULL,
    lacks           TEXT   NOT NULL,
    state           TEXT   NOT NULL,
    received_at     BIGINT NOT NULL,
    completed_at    BIGINT,
    UNIQUE (study_id, instance_id)
);

-- The encrypted files of an OpenRosa submission as received (base64 of the bytes; never plaintext).
CREATE TABLE openrosa_files (
    submission_id TEXT   NOT NULL REFERENCES openrosa_submissions (id),
    name          TEXT   NOT NULL,
    sha256        TEXT   NOT NULL,
    size_bytes    BIGINT NOT NULL,
    content       TEXT   NOT NULL,
    received_at   BIGINT NOT NULL,
    PRIMARY KEY (submission_id, name)
);
