package org.fieldsafe.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.AuditVerification;
import org.fieldsafe.server.storage.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The append-only, hash-chained audit log. Each entry's hash covers the previous entry's hash, so removing
 * or changing an entry breaks the chain. Entries name who did what to which subject; never answers,
 * passwords, tokens or codes. Every field is escaped before it is stored ({@link #clean}): a line break or other
 * control character from a path segment or a user's input cannot forge a line of a printed log or blur where one
 * field of the hashed text ends. With an {@link AuditKey} the head is sealed at every append, so that a writer of the
 * database alone cannot rebuild a chain that verifies.
 */
public final class AuditLog {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** The longest field kept; longer ones are cut (and marked). */
    static final int MAX_FIELD = 512;

    private final Database database;
    private final Clock clock;
    private final AuditKey key;

    /** A log whose head is not sealed (tests of other things; verify reports it unkeyed). */
    public AuditLog(Database database, Clock clock) {
        this(database, clock, null);
    }

    public AuditLog(Database database, Clock clock, AuditKey key) {
        this.database = database;
        this.clock = clock;
        this.key = key;
    }

    /**
     * The field as stored: backslashes doubled, control characters (line breaks included) and the Unicode line and
     * paragraph separators as backslash-u escapes (four hex digits), cut to {@value #MAX_FIELD} characters. Text
     * without those is kept as it is, so entries written before this hash the same.
     */
    static String clean(String field) {
        if (field == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            boolean escape = c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (escape && out == null) {
                out = new StringBuilder(field.length() + 16).append(field, 0, i);
            }
            if (out != null) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (escape) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        String cleaned = out == null ? field : out.toString();
        return cleaned.length() <= MAX_FIELD ? cleaned : cleaned.substring(0, MAX_FIELD - 3) + "...";
    }

    private String seal(AuditRow head) {
        return key == null ? null : key.seal(head.seq(), head.hash());
    }

    /**
     * With a key, seals the head as it stands if it is not sealed yet (a log kept before the key was configured);
     * run once at start, before any append.
     */
    public void sealHeadIfUnsealed() {
        if (key == null) {
            return;
        }
        database.write(handle -> {
            AuditDao dao = handle.attach(AuditDao.class);
            dao.head().filter(h -> h.seal() == null).ifPresent(h -> dao.updateHead(h.seq(), h.hash(),
                    key.seal(h.seq(), h.hash())));
            return null;
        });
    }

    /** Appends an entry inside the caller's write transaction. */
    public AuditRow append(Handle handle, String actor, String event, String subject) {
        actor = clean(actor);
        event = clean(event);
        subject = clean(subject);
        AuditDao dao = handle.attach(AuditDao.class);
        AuditRow last = dao.last().orElse(null);
        long seq = last == null ? 1 : last.seq() + 1;
        String prev = last == null ? GENESIS : last.hash();
        Instant at = Instant.ofEpochMilli(clock.millis());
        AuditRow row = new AuditRow(seq, at, actor, event, subject, prev, hash(seq, at, actor, event, subject, prev));
        dao.insert(row);
        dao.moveHead(row, seal(row));
        return row;
    }

    /** One entry to append: who did what to which subject. */
    public record Entry(String actor, String event, String subject) {
    }

    /**
     * Appends entries, in order, inside the caller's write transaction: the chain's last entry is read once and
     * the rows are inserted as one prepared batch (the same chain as appending them one by one).
     */
    public List<AuditRow> appendAll(Handle handle, List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        AuditDao dao = handle.attach(AuditDao.class);
        AuditRow last = dao.last().orElse(null);
        long seq = last == null ? 0 : last.seq();
        String prev = last == null ? GENESIS : last.hash();
        Instant at = Instant.ofEpochMilli(clock.millis());
        List<AuditRow> rows = new ArrayList<>(entries.size());
        PreparedBatch batch = handle.prepareBatch(AuditDao.INSERT);
        for (Entry e : entries) {
            seq++;
            String actor = clean(e.actor());
            String event = clean(e.event());
            String subject = clean(e.subject());
            AuditRow row = new AuditRow(seq, at, actor, event, subject, prev, hash(seq, at, actor, event, subject,
                    prev));
            batch.bindMethods(row).add();
            rows.add(row);
            prev = row.hash();
        }
        batch.execute();
        AuditRow head = rows.get(rows.size() - 1);
        dao.moveHead(head, seal(head));
        return rows;
    }

    /** The entries about one referral case (subject {@code case:ID ...}), oldest first. */
    public List<AuditRow> aboutCase(String caseId) {
        String prefix = "case:" + caseId + " ";
        if (prefix.length() != AuditDao.CASE_PREFIX) {
            throw new IllegalArgumentException("not a case id");
        }
        return database.read(handle -> handle.attach(AuditDao.class).aboutCase(prefix));
    }

    /** Appends an entry in its own write transaction. */
    public AuditRow append(String actor, String event, String subject) {
        return database.write(handle -> append(handle, actor, event, subject));
    }

    /**
     * Walks the whole chain in sequence order, then compares its end with the head recorded at every append
     * (entries removed from the end leave an intact, shorter chain, which only the head shows); the number of
     * entries when intact, else the first entry that does not follow from the one before, or the first missing.
     */
    public AuditVerification verify() {
        return database.read(handle -> {
            AuditDao dao = handle.attach(AuditDao.class);
            String prev = GENESIS;
            long after = 0;
            long count = 0;
            while (true) {
                List<AuditRow> page = dao.page(after, 500);
                if (page.isEmpty()) {
                    return againstHead(dao.head().orElse(null), after, prev, count);
                }
                for (AuditRow row : page) {
                    String expected = hash(row.seq(), row.at(), row.actor(), row.event(), row.subject(), prev);
                    // Entries are numbered 1, 2, 3, ...: a gap is an entry removed (with the links around it
                    // recomputed), a changed field or a moved entry breaks its own hash or the next one's link.
                    if (row.seq() != after + 1 || !Objects.equals(row.prevHash(), prev)
                            || !Secrets.equal(expected, row.hash())) {
                        return new AuditVerification(false, count, row.seq(), key == null ? UNKEYED : KEYED);
                    }
                    prev = row.hash();
                    after = row.seq();
                    count++;
                }
            }
        });
    }

    /**
     * The walk's end against the recorded head: entries removed from the end (the head names a later entry), a
     * last entry replaced (another hash), or the head itself removed while entries remain.
     */
    private AuditVerification againstHead(AuditDao.Head head, long lastSeq, String lastHash, long count) {
        String protection = key == null ? UNKEYED : KEYED;
        long headSeq = head == null ? 0 : head.seq();
        if (headSeq > lastSeq) {
            return new AuditVerification(false, count, lastSeq + 1, protection);
        }
        if (headSeq < lastSeq) {
            return new AuditVerification(false, headSeq, headSeq + 1, protection);
        }
        if (head != null && !Secrets.equal(head.hash(), lastHash)) {
            return new AuditVerification(false, count - 1, lastSeq, protection);
        }
        if (key != null && head != null && (head.seal() == null
                || !Secrets.equal(key.seal(head.seq(), head.hash()), head.seal()))) {
            // the chain is whole but its end is not the one this server sealed: rebuilt by a database writer
            return new AuditVerification(false, count - 1, lastSeq, protection);
        }
        return new AuditVerification(true, count, null, protection);
    }

    /** What {@link AuditVerification#protection()} says of a log whose head is sealed under the audit key. */
    public static final String KEYED = "keyed: the head is sealed (HMAC-SHA256) under the audit key file, outside the"
            + " database; a database writer cannot rebuild the chain unseen";
    /** What {@link AuditVerification#protection()} says without an audit key. */
    public static final String UNKEYED = "unkeyed: hash chain only; whoever can write to the database could rebuild"
            + " it (set audit.keyFile)";

    static String hash(long seq, Instant at, String actor, String event, String subject, String prev) {
        return Digests.sha256Hex(String.join("\n", prev, Long.toString(seq), Long.toString(at.toEpochMilli()),
                actor, event, subject));
    }

}
