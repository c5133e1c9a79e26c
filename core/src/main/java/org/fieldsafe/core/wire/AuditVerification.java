package org.fieldsafe.core.wire;

/**
 * The result of verifying the audit log ({@code GET /audit/verify}): intact, entries checked, the first broken entry
 * if any, and how the log is protected (keyed: the head sealed under the audit key; unkeyed: a hash chain only).
 */
public record AuditVerification(boolean intact, long entries, Long brokenAt, String protection) {
}
