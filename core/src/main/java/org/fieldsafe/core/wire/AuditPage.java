package org.fieldsafe.core.wire;

import java.time.Instant;
import java.util.List;

/**
 * A page of the audit log ({@code GET /audit}), newest first; {@code nextBefore}: the {@code before} of the next
 * (older) page, null on the last. Entries name people, devices, studies, forms and addresses; never answers, names of
 * respondents or respondent codes.
 */
public record AuditPage(List<Entry> entries, Long nextBefore) {
    /** One entry of the log. */
    public record Entry(long seq, Instant at, String actor, String event, String subject) {
    }
}
