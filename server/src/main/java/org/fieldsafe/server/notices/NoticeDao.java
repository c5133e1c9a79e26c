package org.fieldsafe.server.notices;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Coordinator notices (V16). */
@RegisterConstructorMapper(NoticeDao.Row.class)
public interface NoticeDao {
    /** A row of {@code coordinator_notices}: ids, site and time only. */
    record Row(String id, String studyId, String kind, String site, String submissionId, Instant createdAt) {
    }

    @SqlQuery("SELECT COUNT(*) > 0 FROM coordinator_notices WHERE kind = :kind AND submission_id = :submissionId")
    boolean exists(@Bind("kind") String kind, @Bind("submissionId") String submissionId);

    @SqlUpdate("INSERT INTO coordinator_notices (id, study_id, kind, site, submission_id, created_at) "
            + "VALUES (:id, :studyId, :kind, :site, :submissionId, :createdAt)")
    void insert(@BindMethods Row row);

    /** The study's notices, newest first. */
    @SqlQuery("SELECT id, study_id, kind, site, submission_id, created_at FROM coordinator_notices "
            + "WHERE study_id = :studyId ORDER BY created_at DESC, id")
    List<Row> list(@Bind("studyId") String studyId);
}
