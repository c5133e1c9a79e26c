package org.fieldsafe.server.audit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The append-only audit log (no update or delete of entries) and its head. */
@RegisterConstructorMapper(AuditRow.class)
public interface AuditDao {
    String COLUMNS = "seq, at, actor, event, subject, prev_hash, hash";

    String INSERT = "INSERT INTO audit_log (" + COLUMNS + ") VALUES (:seq, :at, :actor, :event, :subject, "
            + ":prevHash, :hash)";

    @SqlUpdate(INSERT)
    void insert(@BindMethods AuditRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq DESC LIMIT 1")
    Optional<AuditRow> last();

    @SqlQuery("SELECT " + COLUMNS + " FROM audit_log WHERE seq > :after ORDER BY seq LIMIT :limit")
    List<AuditRow> page(@Bind("after") long after, @Bind("limit") int limit);

    /**
     * Entries older than {@code before}, at or after {@code from} and before {@code to} (epoch milliseconds), of the
     * event {@code event} or its family ({@code prefix}: the event, a dot and anything), all events when it is empty;
     * newest first.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM audit_log WHERE seq < :before AND at >= :from AND at < :to"
            + " AND (:event = '' OR event = :event OR event LIKE :prefix ESCAPE '!') ORDER BY seq DESC LIMIT :limit")
    List<AuditRow> search(@Bind("before") long before, @Bind("from") long from, @Bind("to") long to,
                          @Bind("event") String event, @Bind("prefix") String prefix, @Bind("limit") int limit);

    /**
     * The log's last entry as recorded with every append: sequence number and hash, and their seal under the audit
     * key (null without one).
     */
    record Head(long seq, String hash, String seal) {
    }

    @SqlQuery("SELECT seq, hash, seal FROM audit_head WHERE id = 1")
    @RegisterConstructorMapper(Head.class)
    Optional<Head> head();

    @SqlUpdate("UPDATE audit_head SET seq = :seq, hash = :hash, seal = :seal WHERE id = 1")
    int updateHead(@Bind("seq") long seq, @Bind("hash") String hash, @Bind("seal") String seal);

    @SqlUpdate("INSERT INTO audit_head (id, seq, hash, seal) VALUES (1, :seq, :hash, :seal)")
    void insertHead(@Bind("seq") long seq, @Bind("hash") String hash, @Bind("seal") String seal);

    /** Records {@code row} as the log's head with its seal (inside the append's transaction). */
    default void moveHead(AuditRow row, String seal) {
        if (updateHead(row.seq(), row.hash(), seal) == 0) {
            insertHead(row.seq(), row.hash(), seal);
        }
    }
}
