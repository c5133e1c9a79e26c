-- Withdrawals of respondents whose interview had not synced yet, and the notices coordinators get (issue 11).
-- Portable between SQLite and PostgreSQL like V1: TEXT, INTEGER and BIGINT only, timestamps as epoch milliseconds.
--   not_yet_received: 1 when the principal investigator said on purpose that no interview of the respondent had
--                     arrived yet (a code with no submission is refused otherwise); an upload that later hits the
--                     withdrawal is refused with 410 as always, and also reported to the coordinators.
ALTER TABLE withdrawals ADD COLUMN not_yet_received INTEGER NOT NULL DEFAULT 0;

-- Notices for a study's coordinators: ids, site and time only, never a respondent code or its hash.
--   kind:          withdrawn-upload (an upload hit a withdrawal recorded as not yet received)
--   submission_id: the refused upload's id (one notice per kind and submission: retries add none)
CREATE TABLE coordinator_notices (
    id            TEXT   NOT NULL PRIMARY KEY,
    study_id      TEXT   NOT NULL REFERENCES studies (id),
    kind          TEXT   NOT NULL,
    site          TEXT   NOT NULL,
    submission_id TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (kind, submission_id)
);

CREATE INDEX coordinator_notices_study ON coordinator_notices (study_id, created_at);
