package org.fieldsafe.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldsafe.core.wire.AuditPage;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.storage.Database;

/**
 * Reads the audit log a page at a time for the admin (the console's audit screen), newest first, filtered by event
 * (exactly, or a family: {@code login} matches {@code login.failed}) and by time.
 */
public final class AuditEntries {
    /** The largest page. */
    public static final int MAX_LIMIT = 200;
    private static final Pattern EVENT = Pattern.compile("[a-z0-9_.-]{1,64}");

    private final Database database;

    public AuditEntries(Database database) {
        this.database = database;
    }

    /** What to read: all of it null but {@code limit}. */
    public record Query(String event, Instant from, Instant to, Long before, int limit) {
    }

    public AuditPage page(Query q) {
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw ProblemException.invalid("limit must be 1 to " + MAX_LIMIT + ".");
        }
        String event = q.event() == null ? "" : q.event().strip();
        if (!event.isEmpty() && !EVENT.matcher(event).matches()) {
            throw ProblemException.invalid("event must be an event name such as login.failed.");
        }
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            throw ProblemException.invalid("from must be before to.");
        }
        long before = q.before() == null ? Long.MAX_VALUE : q.before();
        long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
        long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli();
        String prefix = event.replace("_", "!_") + ".%"; // LIKE, escaped by !
        List<AuditRow> rows = database.read(h -> h.attach(AuditDao.class)
                .search(before, from, to, event, prefix, q.limit() + 1));
        List<AuditPage.Entry> entries = rows.stream().limit(q.limit())
                .map(r -> new AuditPage.Entry(r.seq(), r.at(), r.actor(), r.event(), r.subject())).toList();
        Long next = rows.size() > q.limit() ? entries.get(entries.size() - 1).seq() : null;
        return new AuditPage(entries, next);
    }
}
