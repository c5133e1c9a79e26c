package org.fieldsafe.server.submissions;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Imported submissions (V37) and the placeholder device each importer's submissions of a site are stored under: a
 * device row that was never enrolled and is revoked from the start, so no token ever authenticates as it.
 */
public interface ImportDao {
    @SqlQuery("SELECT instance_id FROM imported_submissions WHERE study_id = :studyId AND form_id = :formId "
            + "AND instance_id IN (<instanceIds>)")
    List<String> importedAlready(@Bind("studyId") String studyId, @Bind("formId") String formId,
                                 @BindList("instanceIds") List<String> instanceIds);

    @SqlUpdate("INSERT INTO imported_submissions (submission_id, study_id, form_id, source, instance_id, imported_by, "
            + "imported_at) VALUES (:submissionId, :studyId, :formId, :source, :instanceId, :importedBy, :importedAt)")
    void insert(@Bind("submissionId") String submissionId, @Bind("studyId") String studyId,
                @Bind("formId") String formId, @Bind("source") String source, @Bind("instanceId") String instanceId,
                @Bind("importedBy") String importedBy, @Bind("importedAt") Instant importedAt);

    @SqlQuery("SELECT COUNT(*) FROM devices WHERE id = :id")
    int deviceExists(@Bind("id") String id);

    @SqlUpdate("INSERT INTO enrolment_codes (id, code_hash, study_id, site, enumerator, created_by, created_at, "
            + "expires_at, used_at, revoked_at, device_id) VALUES (:id, :unusable, :studyId, :site, :user, :user, :now, "
            + ":now, :now, :now, :deviceId)")
    void insertSpentEnrolment(@Bind("id") String id, @Bind("unusable") String unusable, @Bind("studyId") String studyId,
                              @Bind("site") String site, @Bind("user") String user, @Bind("now") Instant now,
                              @Bind("deviceId") String deviceId);

    @SqlUpdate("INSERT INTO devices (id, token_hash, name, study_id, site, enumerator, enrolment_id, enrolled_at, "
            + "revoked_at) VALUES (:id, :unusable, :name, :studyId, :site, :user, :enrolmentId, :now, :now)")
    void insertRevokedDevice(@Bind("id") String id, @Bind("unusable") String unusable, @Bind("name") String name,
                             @Bind("studyId") String studyId, @Bind("site") String site, @Bind("user") String user,
                             @Bind("enrolmentId") String enrolmentId, @Bind("now") Instant now);

    /** Imported submissions per site and category, withdrawn ones left out (progress marks them). */
    @SqlQuery("SELECT s.site, s.category, COUNT(*) AS received FROM submissions s JOIN imported_submissions i "
            + "ON i.submission_id = s.id WHERE s.study_id = :studyId AND s." + SubmissionDao.NOT_WITHDRAWN
            + " GROUP BY s.site, s.category ORDER BY s.site, s.category")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(SubmissionDao.Count.class)
    List<SubmissionDao.Count> countImported(@Bind("studyId") String studyId);
}
