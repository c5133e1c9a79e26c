-- Submissions of an earlier wave imported from an ODK Central or KoboToolbox export (admin submissions import-odk):
-- sealed on import by the data manager's command line, not on a device. A row here makes a submission's origin
-- "imported" (no row: "device"). The export's instance id (a UUID, no answer) makes a second import of the same
-- export store nothing new. Portable between SQLite and PostgreSQL like V1.
CREATE TABLE imported_submissions (
    submission_id TEXT   NOT NULL PRIMARY KEY REFERENCES submissions (id),
    study_id      TEXT   NOT NULL REFERENCES studies (id),
    form_id       TEXT   NOT NULL,
    source        TEXT   NOT NULL,
    instance_id   TEXT   NOT NULL,
    imported_by   TEXT   NOT NULL,
    imported_at   BIGINT NOT NULL,
    UNIQUE (study_id, form_id, instance_id)
);
