-- Stable respondent codes in an export: a principal investigator's single-use grant, valid for a day, that one
-- data manager's export names. Portable between SQLite and PostgreSQL like V1. The reason is a code from a fixed
-- list (never free text); used_at/used_by/export_id are set once, by the export that spends the grant.
CREATE TABLE stable_code_grants (
    id         TEXT   NOT NULL PRIMARY KEY,
    study_id   TEXT   NOT NULL REFERENCES studies (id),
    reason     TEXT   NOT NULL,
    granted_by TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    TEXT,
    used_at    BIGINT,
    export_id  TEXT
);
