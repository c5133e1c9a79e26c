-- The console's case history (GET /referrals/{id}/history) reads a referral case's audit entries: their subject
-- starts with "case:<uuid> " (42 characters). This index on that prefix keeps the read from walking the whole log.
-- The same expression must be used by the query (AuditDao.aboutCase) for SQLite to use it.
CREATE INDEX audit_log_case_prefix ON audit_log (substr(subject, 1, 42));
