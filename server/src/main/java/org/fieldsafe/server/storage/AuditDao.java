package org.fieldsafe.server.storage;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The append-only audit log. There is no update or delete. */
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
}
