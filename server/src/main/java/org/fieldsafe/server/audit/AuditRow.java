package org.fieldsafe.server.audit;

import java.time.Instant;

/** A row of {@code audit_log}. Subjects name users, devices, studies or forms; never answers or secrets. */
public record AuditRow(long seq, Instant at, String actor, String event, String subject, String prevHash,
                       String hash) {
}
