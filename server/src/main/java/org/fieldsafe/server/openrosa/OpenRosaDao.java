package org.fieldsafe.server.openrosa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** OpenRosa submissions and their encrypted files. */
@RegisterConstructorMapper(OpenRosaSubmissionRow.class)
@RegisterConstructorMapper(OpenRosaFileRow.class)
public interface OpenRosaDao {
    String COLUMNS = "id, study_id, form_id, form_version, instance_id, device_id, site, enumerator, manifest, "
            + "manifest_sha256, lacks, state, received_at, completed_at, code_hash, withdrawn_at";
    String FILE_COLUMNS = "submission_id, name, sha256, size_bytes, content, received_at";

    @SqlUpdate("INSERT INTO openrosa_submissions (" + COLUMNS + ") VALUES (:id, :studyId, :formId, :formVersion, "
            + ":instanceId, :deviceId, :site, :enumerator, :manifest, :manifestSha256, :lacks, :state, :receivedAt, "
            + ":completedAt, :codeHash, :withdrawnAt)")
    void insert(@BindMethods OpenRosaSubmissionRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM openrosa_submissions WHERE study_id = :studyId AND instance_id = :instanceId")
    Optional<OpenRosaSubmissionRow> findByInstance(@Bind("studyId") String studyId,
                                                   @Bind("instanceId") String instanceId);

    @SqlQuery("SELECT " + COLUMNS + " FROM openrosa_submissions WHERE study_id = :studyId ORDER BY received_at, id")
    List<OpenRosaSubmissionRow> list(@Bind("studyId") String studyId);

    @SqlUpdate("UPDATE openrosa_submissions SET state = 'complete', completed_at = :now WHERE id = :id "
            + "AND state = 'incomplete'")
    int complete(@Bind("id") String id, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO openrosa_files (" + FILE_COLUMNS + ") VALUES (:submissionId, :name, :sha256, :sizeBytes, "
            + ":content, :receivedAt)")
    void insertFile(@BindMethods OpenRosaFileRow row);

    /** The files' names and hashes, without their content. */
    @SqlQuery("SELECT submission_id, name, sha256, size_bytes, '' AS content, received_at FROM openrosa_files "
            + "WHERE submission_id = :id ORDER BY name")
    List<OpenRosaFileRow> fileHashes(@Bind("id") String submissionId);

    /** Whether a respondent (by the keyed hash of their code) withdrew from the study. */
    @SqlQuery("SELECT COUNT(*) FROM withdrawals WHERE study_id = :studyId AND code_hash = :codeHash")
    int countWithdrawn(@Bind("studyId") String studyId, @Bind("codeHash") String codeHash);

    /** Records the respondent code's keyed hash of an opened submission (once: a recorded one is kept). */
    @SqlUpdate("UPDATE openrosa_submissions SET code_hash = :codeHash WHERE id = :id AND code_hash IS NULL")
    int index(@Bind("id") String submissionId, @Bind("codeHash") String codeHash);

    /** Complete submissions not withdrawn whose respondent code no key holder has indexed yet. */
    @SqlQuery("SELECT COUNT(*) FROM openrosa_submissions WHERE study_id = :studyId AND state = 'complete' "
            + "AND code_hash IS NULL AND withdrawn_at IS NULL")
    int countUnindexed(@Bind("studyId") String studyId);

    @SqlQuery("SELECT " + COLUMNS + " FROM openrosa_submissions WHERE study_id = :studyId AND code_hash = :codeHash "
            + "ORDER BY received_at, id")
    List<OpenRosaSubmissionRow> ofRespondent(@Bind("studyId") String studyId, @Bind("codeHash") String codeHash);

    /**
     * Up to {@code limit} OpenRosa submissions of a study not yet shredded (withdrawal or research retention), received
     * before {@code cutoff} by the server's clock.
     */
    @SqlQuery("SELECT id FROM openrosa_submissions WHERE study_id = :studyId AND withdrawn_at IS NULL "
            + "AND received_at < :cutoff ORDER BY id LIMIT :limit")
    List<String> researchRetentionDue(@Bind("studyId") String studyId, @Bind("cutoff") Instant cutoff,
                                      @Bind("limit") int limit);

    /** Deletes a submission's encrypted files (secure_delete zeroes them on SQLite). */
    @SqlUpdate("DELETE FROM openrosa_files WHERE submission_id = :id")
    int deleteFiles(@Bind("id") String submissionId);

    /** Leaves a tombstone: the manifest (with its RSA-wrapped AES key) emptied, the withdrawal's time set. */
    @SqlUpdate("UPDATE openrosa_submissions SET manifest = '', withdrawn_at = :at WHERE id = :id")
    int markWithdrawn(@Bind("id") String submissionId, @Bind("at") Instant at);

    @SqlQuery("SELECT " + FILE_COLUMNS + " FROM openrosa_files WHERE submission_id = :id AND name = :name")
    Optional<OpenRosaFileRow> file(@Bind("id") String submissionId, @Bind("name") String name);
}
