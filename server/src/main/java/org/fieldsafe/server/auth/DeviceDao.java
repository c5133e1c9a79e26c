package org.fieldsafe.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Enrolled devices (token hashes only). */
@RegisterConstructorMapper(DeviceRow.class)
public interface DeviceDao {
    String COLUMNS = "id, token_hash, name, study_id, site, enumerator, enrolment_id, enrolled_at, revoked_at, "
            + "last_seen_at";

    @SqlUpdate("INSERT INTO devices (" + COLUMNS + ") VALUES (:id, :tokenHash, :name, :studyId, :site, "
            + ":enumerator, :enrolmentId, :enrolledAt, :revokedAt, :lastSeenAt)")
    void insert(@BindMethods DeviceRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE token_hash = :tokenHash")
    Optional<DeviceRow> findByTokenHash(@Bind("tokenHash") String tokenHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices WHERE id = :id")
    Optional<DeviceRow> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM devices ORDER BY enrolled_at, id")
    List<DeviceRow> list();

    @SqlUpdate("UPDATE devices SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") String id, @Bind("now") Instant now);

    /** Revokes every unrevoked device of an enumerator; the number revoked. */
    @SqlUpdate("UPDATE devices SET revoked_at = :now WHERE enumerator = :enumerator AND revoked_at IS NULL")
    int revokeForEnumerator(@Bind("enumerator") String enumerator, @Bind("now") Instant now);

    @SqlUpdate("UPDATE devices SET last_seen_at = :now WHERE id = :id")
    int touch(@Bind("id") String id, @Bind("now") Instant now);
}
