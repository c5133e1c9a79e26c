-- Referral cases (DESIGN.md section 8): one per submission whose triage choice is refer or information_only,
-- opened in the transaction that stores the submission, routed to the safeguarding officers of its site.
-- Portable between SQLite and PostgreSQL like V1: TEXT, INTEGER and BIGINT only, timestamps as epoch
-- milliseconds. Only codes: category, urgency, choice and state are words from fixed lists, the service is an id
-- from the site's referral directory, the outcome a code; no free text, no names, no respondent codes. What the
-- officer needs about the respondent stays in the submission's sealed referral part.
--   raised_by:         enumerator (raised by hand) or rule (a form's disclosure rule)
--   state:             new, acknowledged, referred, closed, information_given, declined
--   referred_on:       the referral's date, ISO yyyy-mm-dd
--   escalated_at:      set once, when the case was escalated for missing its acknowledgement deadline
--   version:           1 when opened, +1 on every change: the client sends the version it saw (optimistic lock)
CREATE TABLE referral_cases (
    id               TEXT    NOT NULL PRIMARY KEY,
    study_id         TEXT    NOT NULL REFERENCES studies (id),
    site             TEXT    NOT NULL,
    submission_id    TEXT    NOT NULL UNIQUE REFERENCES submissions (id),
    category         TEXT    NOT NULL,
    urgency          TEXT    NOT NULL,
    choice           TEXT    NOT NULL,
    raised_by        TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    opened_at        BIGINT  NOT NULL,
    acknowledged_at  BIGINT,
    acknowledged_by  TEXT,
    referred_service TEXT,
    referred_on      TEXT,
    referred_by      TEXT,
    closed_at        BIGINT,
    closed_by        TEXT,
    outcome          TEXT,
    escalated_at     BIGINT,
    version          INTEGER NOT NULL,
    updated_at       BIGINT  NOT NULL
);

CREATE INDEX referral_cases_site ON referral_cases (study_id, site, state);
CREATE INDEX referral_cases_unacknowledged ON referral_cases (acknowledged_at, escalated_at);
