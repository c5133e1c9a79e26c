package org.fieldsafe.server.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.server.storage.AuditDao;
import org.fieldsafe.server.storage.AuditRow;
import org.fieldsafe.server.storage.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The append-only, hash-chained audit log. Each entry's hash covers the previous entry's hash, so removing
 * or changing an entry breaks the chain. Entries name who did what to which subject; never answers,
 * passwords, tokens or codes.
 */
public final class AuditLog {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends an entry inside the caller's write transaction. */
    public AuditRow append(Handle handle, String actor, String event, String subject) {
        AuditDao dao = handle.attach(AuditDao.class);
        AuditRow last = dao.last().orElse(null);
        long seq = last == null ? 1 : last.seq() + 1;
        String prev = last == null ? GENESIS : last.hash();
        Instant at = Instant.ofEpochMilli(clock.millis());
        AuditRow row = new AuditRow(seq, at, actor, event, subject, prev, hash(seq, at, actor, event, subject, prev));
        dao.insert(row);
        dao.moveHead(row);
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
            AuditRow row = new AuditRow(seq, at, e.actor(), e.event(), e.subject(), prev,
                    hash(seq, at, e.actor(), e.event(), e.subject(), prev));
            batch.bindMethods(row).add();
            rows.add(row);
            prev = row.hash();
        }
        batch.execute();
        dao.moveHead(rows.get(rows.size() - 1));
        return rows;
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
    public Verification verify() {
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
                        return new Verification(false, count, row.seq());
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
    private static Verification againstHead(AuditDao.Head head, long lastSeq, String lastHash, long count) {
        long headSeq = head == null ? 0 : head.seq();
        if (headSeq > lastSeq) {
            return new Verification(false, count, lastSeq + 1);
        }
        if (headSeq < lastSeq) {
            return new Verification(false, headSeq, headSeq + 1);
        }
        if (head != null && !Secrets.equal(head.hash(), lastHash)) {
            return new Verification(false, count - 1, lastSeq);
        }
        return new Verification(true, count, null);
    }

    static String hash(long seq, Instant at, String actor, String event, String subject, String prev) {
        return Digests.sha256Hex(String.join("\n", prev, Long.toString(seq), Long.toString(at.toEpochMilli()),
                actor, event, subject));
    }

    /** The result of {@link #verify()}: intact, entries checked, and the first broken entry if any. */
    public record Verification(boolean intact, long entries, Long brokenAt) {
    }
}
