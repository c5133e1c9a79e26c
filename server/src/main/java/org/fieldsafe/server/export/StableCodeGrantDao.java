package org.fieldsafe.server.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Stable-code grants. */
@RegisterConstructorMapper(StableCodeGrantRow.class)
public interface StableCodeGrantDao {
    String COLUMNS = "id, study_id, reason, granted_by, granted_at, expires_at, used_by, used_at, export_id";

    @SqlUpdate("INSERT INTO stable_code_grants (" + COLUMNS + ") VALUES (:id, :studyId, :reason, :grantedBy, "
            + ":grantedAt, :expiresAt, :usedBy, :usedAt, :exportId)")
    void insert(@BindMethods StableCodeGrantRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM stable_code_grants WHERE id = :id")
    Optional<StableCodeGrantRow> find(@Bind("id") String id);

    /** A study's grants, newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM stable_code_grants WHERE study_id = :studyId "
            + "ORDER BY granted_at DESC, id")
    List<StableCodeGrantRow> forStudy(@Bind("studyId") String studyId);

    /** Marks an unused grant used; 0 when it was used already. */
    @SqlUpdate("UPDATE stable_code_grants SET used_by = :usedBy, used_at = :usedAt, export_id = :exportId "
            + "WHERE id = :id AND used_at IS NULL")
    int use(@Bind("id") String id, @Bind("usedBy") String usedBy, @Bind("usedAt") Instant usedAt,
            @Bind("exportId") String exportId);
}
