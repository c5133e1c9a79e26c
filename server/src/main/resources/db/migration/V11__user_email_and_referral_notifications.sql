-- Referral deadlines and notifications (issue 5, DESIGN.md section 8).
--
-- A person's optional work e-mail address, where referral notifications go (safeguarding officers of a site on a
-- new case, the study lead on an escalation). Staff only: respondents have no address anywhere.
ALTER TABLE users ADD COLUMN email TEXT;

-- The notification outbox: one row per referral case and kind, written in the transaction that makes it due
-- (the escalation) or by the notifier when it first sees a new case; sent after the commit, off the request
-- thread, with retries. Only codes: no address, no case detail (the mail is built when sent, from site and
-- urgency alone).
--   kind:            new (a case was opened) or overdue (it was escalated for missing its deadline)
--   state:           pending, sent, failed (gave up after the last attempt), skipped (nobody to tell)
--   attempts:        sends tried so far
--   next_attempt_at: when a pending row is tried (again)
CREATE TABLE referral_notifications (
    case_id         TEXT    NOT NULL REFERENCES referral_cases (id),
    kind            TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    created_at      BIGINT  NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    done_at         BIGINT,
    PRIMARY KEY (case_id, kind)
);

CREATE INDEX referral_notifications_due ON referral_notifications (state, next_attempt_at);
