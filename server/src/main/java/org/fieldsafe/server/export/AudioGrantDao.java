package org.fieldsafe.server.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Grants of audio in QDPX exports (V44). */
@RegisterConstructorMapper(AudioGrantRow.class)
public interface AudioGrantDao {
    String COLUMNS = "id, study_id, grantee, reason, granted_by, granted_at, expires_at, revoked_by, revoked_at";

    @SqlUpdate("INSERT INTO audio_export_grants (" + COLUMNS + ") VALUES (:id, :studyId, :grantee, :reason, "
            + ":grantedBy, :grantedAt, :expiresAt, :revokedBy, :revokedAt)")
    void insert(@BindMethods AudioGrantRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM audio_export_grants WHERE id = :id")
    Optional<AudioGrantRow> find(@Bind("id") String id);

    /** A study's grants, newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM audio_export_grants WHERE study_id = :studyId "
            + "ORDER BY granted_at DESC, id")
    List<AudioGrantRow> forStudy(@Bind("studyId") String studyId);

    /** A user's grants for a study that are not revoked and expire after {@code now}, newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM audio_export_grants WHERE study_id = :studyId AND grantee = :grantee "
            + "AND revoked_at IS NULL AND expires_at > :now ORDER BY granted_at DESC, id")
    List<AudioGrantRow> live(@Bind("studyId") String studyId, @Bind("grantee") String grantee,
                             @Bind("now") Instant now);

    /** Revokes a grant not yet revoked; 0 when it was revoked already. */
    @SqlUpdate("UPDATE audio_export_grants SET revoked_by = :by, revoked_at = :at WHERE id = :id "
            + "AND revoked_at IS NULL")
    int revoke(@Bind("id") String id, @Bind("by") String by, @Bind("at") Instant at);
}
