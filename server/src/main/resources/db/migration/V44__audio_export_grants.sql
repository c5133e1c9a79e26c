-- Audio in QDPX exports (docs/export.md, "Audio"): a principal investigator's grant lets one named user (a data
-- manager, or the principal investigator herself) include the study's recordings in QDPX exports until it expires
-- or is revoked. The reason is a code from a fixed list (never free text). Usable any number of times while live;
-- revoked_at/revoked_by are set once. Portable between SQLite and PostgreSQL like V1.
CREATE TABLE audio_export_grants (
    id         TEXT   NOT NULL PRIMARY KEY,
    study_id   TEXT   NOT NULL REFERENCES studies (id),
    grantee    TEXT   NOT NULL,
    reason     TEXT   NOT NULL,
    granted_by TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_by TEXT,
    revoked_at BIGINT
);
CREATE INDEX audio_export_grants_study ON audio_export_grants (study_id, grantee);
