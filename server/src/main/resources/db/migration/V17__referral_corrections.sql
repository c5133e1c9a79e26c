-- Corrections of referral cases (issue 11): an erroneous referral is never edited in place; a safeguarding officer
-- takes it back with a new, audited state change (referred -> acknowledged, the case's version +1) and a reason code,
-- and this append-only table keeps what was corrected. Codes only, like V10: no free text, no respondent codes.
--   version:      the case version the correction made
--   reason:       wrong_service, wrong_date, recorded_in_error, service_unavailable or other
--   from_service: the service id the case had been referred to; from_date its referral date (ISO yyyy-mm-dd)
CREATE TABLE referral_corrections (
    case_id      TEXT    NOT NULL REFERENCES referral_cases (id),
    version      INTEGER NOT NULL,
    corrected_at BIGINT  NOT NULL,
    corrected_by TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    from_state   TEXT    NOT NULL,
    from_service TEXT,
    from_date    TEXT,
    PRIMARY KEY (case_id, version)
);
