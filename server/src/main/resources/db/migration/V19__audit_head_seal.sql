-- The audit head's seal: HMAC-SHA256 of its sequence number and hash under the audit key, a file outside the
-- database (AuditKey). Null while the server runs without an audit key, and for heads written before this.
ALTER TABLE audit_head ADD COLUMN seal TEXT;
