package org.fieldsafe.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** One-time enrolment codes (hashes only). */
@RegisterConstructorMapper(EnrolmentRow.class)
public interface EnrolmentDao {
    String COLUMNS = "id, code_hash, study_id, site, enumerator, created_by, created_at, expires_at, used_at, "
            + "revoked_at, device_id";

    @SqlUpdate("INSERT INTO enrolment_codes (" + COLUMNS + ") VALUES (:id, :codeHash, :studyId, :site, "
            + ":enumerator, :createdBy, :createdAt, :expiresAt, :usedAt, :revokedAt, :deviceId)")
    void insert(@BindMethods EnrolmentRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM enrolment_codes WHERE code_hash = :codeHash")
    Optional<EnrolmentRow> findByCodeHash(@Bind("codeHash") String codeHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM enrolment_codes WHERE id = :id")
    Optional<EnrolmentRow> find(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM enrolment_codes ORDER BY created_at, id")
    List<EnrolmentRow> list();

    /** Marks an unused, unrevoked, unexpired code used; 0 when it was not usable. */
    @SqlUpdate("UPDATE enrolment_codes SET used_at = :now, device_id = :deviceId WHERE id = :id "
            + "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now")
    int markUsed(@Bind("id") String id, @Bind("deviceId") String deviceId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE enrolment_codes SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL "
            + "AND used_at IS NULL")
    int revoke(@Bind("id") String id, @Bind("now") Instant now);

    /** Revokes every unused code issued for {@code enumerator}; the number revoked. */
    @SqlUpdate("UPDATE enrolment_codes SET revoked_at = :now WHERE enumerator = :enumerator AND revoked_at IS NULL "
            + "AND used_at IS NULL")
    int revokeUnusedFor(@Bind("enumerator") String enumerator, @Bind("now") Instant now);
}
