package org.fieldsafe.server.submissions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sealed submissions, their respondents' code hashes, and withdrawals. */
@RegisterConstructorMapper(SubmissionRow.class)
@RegisterConstructorMapper(SubmissionDao.Count.class)
public interface SubmissionDao {
    String COLUMNS = "id, envelope_sha256, study_id, site, form_id, form_version, category, device_id, "
            + "finalised_at, received_at, triage_urgency, triage_choice";

    /**
     * The condition that leaves out tombstones: submissions a respondent of which withdrew (V8), their sealed parts
     * shredded. Progress and exports count and read only rows matching it.
     */
    String NOT_WITHDRAWN = "withdrawn_at IS NULL";

    /** Interviews received at a site in a category. */
    record Count(String site, String category, int received) {
    }

    String INSERT = "INSERT INTO submissions (" + COLUMNS + ", envelope, envelope_file, envelope_offset, "
            + "envelope_length) VALUES (:id, :envelopeSha256, :studyId, :site, :formId, :formVersion, :category, "
            + ":deviceId, :finalisedAt, :receivedAt, :triageUrgency, :triageChoice, :storedEnvelope, :envelopeFile, "
            + ":envelopeOffset, :envelopeLength)";

    /**
     * Where a stored envelope is: in {@code envelope}, or (when {@code envelopeFile} is not null) in the envelope
     * files ({@code org.fieldsafe.server.storage.EnvelopeFiles}).
     */
    record EnvelopeLocation(String envelope, Integer envelopeFile, Long envelopeOffset, Integer envelopeLength) {
    }
    String INSERT_RESPONDENT = "INSERT INTO submission_respondents (submission_id, position, code_hash) "
            + "VALUES (:submissionId, :position, :codeHash)";

    /** Stores the envelope in its row. */
    @SqlUpdate(INSERT)
    void insert(@BindMethods NewSubmission submission, @Bind("receivedAt") Instant receivedAt,
                @Bind("storedEnvelope") String envelope, @Bind("envelopeFile") Integer file,
                @Bind("envelopeOffset") Long offset, @Bind("envelopeLength") Integer length);

    @SqlUpdate(INSERT_RESPONDENT)
    void insertRespondent(@Bind("submissionId") String submissionId, @Bind("position") int position,
                          @Bind("codeHash") String codeHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM submissions WHERE id = :id")
    Optional<SubmissionRow> find(@Bind("id") String id);

    @SqlQuery("SELECT envelope, envelope_file, envelope_offset, envelope_length FROM submissions WHERE id = :id")
    @RegisterConstructorMapper(EnvelopeLocation.class)
    Optional<EnvelopeLocation> envelope(@Bind("id") String id);

    @SqlQuery("SELECT code_hash FROM submission_respondents WHERE submission_id = :id ORDER BY position")
    List<String> codeHashes(@Bind("id") String id);

    @SqlQuery("SELECT site, category, COUNT(*) AS received FROM submissions WHERE study_id = :studyId AND "
            + NOT_WITHDRAWN + " GROUP BY site, category ORDER BY site, category")
    List<Count> countBySiteAndCategory(@Bind("studyId") String studyId);

    /** True when the submission is a tombstone: a respondent of it withdrew and its sealed parts were shredded. */
    @SqlQuery("SELECT COUNT(*) > 0 FROM submissions WHERE id = :id AND NOT (" + NOT_WITHDRAWN + ")")
    boolean isWithdrawn(@Bind("id") String id);

    @SqlQuery("SELECT COUNT(*) FROM withdrawals WHERE study_id = :studyId AND code_hash IN (<codeHashes>)")
    int countWithdrawn(@Bind("studyId") String studyId, @BindList("codeHashes") List<String> codeHashes);

    /** Withdrawals among {@code codeHashes} recorded as "not yet received" (V16): a hit is reported. */
    @SqlQuery("SELECT COUNT(*) FROM withdrawals WHERE study_id = :studyId AND code_hash IN (<codeHashes>) "
            + "AND not_yet_received = 1")
    int countNotYetReceived(@Bind("studyId") String studyId, @BindList("codeHashes") List<String> codeHashes);

    @SqlUpdate("INSERT INTO withdrawals (study_id, code_hash, withdrawn_at, recorded_by, not_yet_received) "
            + "VALUES (:studyId, :codeHash, :withdrawnAt, :recordedBy, :notYetReceived)")
    void insertWithdrawal(@Bind("studyId") String studyId, @Bind("codeHash") String codeHash,
                          @Bind("withdrawnAt") Instant withdrawnAt, @Bind("recordedBy") String recordedBy,
                          @Bind("notYetReceived") int notYetReceived);

    /** A withdrawal of a respondent whose submissions were received (the usual case). */
    default void insertWithdrawal(String studyId, String codeHash, Instant withdrawnAt, String recordedBy) {
        insertWithdrawal(studyId, codeHash, withdrawnAt, recordedBy, 0);
    }
}
