package org.fieldsafe.server.shredding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Finding and marking the submissions whose sealed parts are shredded (withdrawal, retention; V8 columns). */
@RegisterConstructorMapper(ShreddingDao.RespondentSubmission.class)
public interface ShreddingDao {
    /** A submission of a respondent: its id, when it became a tombstone (null: not yet), and how many respondents. */
    record RespondentSubmission(String id, Instant withdrawnAt, int respondents) {
    }

    /**
     * The submissions of the respondent with this code hash in a study. There is no index on the code hash (V7:
     * uploads would pay for it); this scans the respondents, which a rare admin action can afford.
     */
    @SqlQuery("SELECT s.id, s.withdrawn_at, (SELECT COUNT(*) FROM submission_respondents o "
            + "WHERE o.submission_id = s.id) AS respondents FROM submissions s WHERE s.study_id = :studyId "
            + "AND s.id IN (SELECT r.submission_id FROM submission_respondents r WHERE r.code_hash = :codeHash) "
            + "ORDER BY s.id")
    List<RespondentSubmission> ofRespondent(@Bind("studyId") String studyId, @Bind("codeHash") String codeHash);

    @SqlQuery("SELECT withdrawn_at FROM withdrawals WHERE study_id = :studyId AND code_hash = :codeHash")
    Optional<Instant> withdrawnAt(@Bind("studyId") String studyId, @Bind("codeHash") String codeHash);

    /** Replaces an envelope kept in its row (PostgreSQL, SQLite rows from before V4) by its shredded bytes. */
    @SqlUpdate("UPDATE submissions SET envelope = :envelope WHERE id = :id")
    void updateEnvelope(@Bind("id") String id, @Bind("envelope") String envelope);

    @SqlUpdate("UPDATE submissions SET withdrawn_at = :at WHERE id IN (<ids>) AND withdrawn_at IS NULL")
    int markWithdrawn(@BindList("ids") List<String> ids, @Bind("at") Instant at);

    @SqlUpdate("UPDATE submissions SET identity_shredded_at = :at WHERE id IN (<ids>)")
    int markIdentityShredded(@BindList("ids") List<String> ids, @Bind("at") Instant at);

    /** Deletes the stored chunks of every attachment of a submission; the number of chunks deleted. */
    @SqlUpdate("DELETE FROM attachment_chunks WHERE submission_id = :id")
    int deleteAttachmentChunks(@Bind("id") String submissionId);

    /** Deletes the grants of a submission's recordings to the transcription key (V40). */
    @SqlUpdate("DELETE FROM attachment_key_grants WHERE submission_id = :id")
    int deleteAttachmentKeyGrants(@Bind("id") String submissionId);

    /** Deletes every transcript and translation version of a submission (its sealed bytes with it). */
    @SqlUpdate("DELETE FROM transcript_parts WHERE submission_id = :id")
    int deleteTranscriptParts(@Bind("id") String submissionId);

    /** How many transcript and translation versions the submissions have. */
    @SqlQuery("SELECT COUNT(*) FROM transcript_parts WHERE submission_id IN (<ids>)")
    int countTranscriptParts(@BindList("ids") List<String> submissionIds);

    /**
     * Up to {@code limit} submissions of a study that are not tombstones yet (withdrawn, or shredded whole by
     * research retention: both set {@code withdrawn_at}), received by the server before {@code cutoff}.
     */
    @SqlQuery("SELECT id FROM submissions WHERE study_id = :studyId AND withdrawn_at IS NULL "
            + "AND received_at < :cutoff ORDER BY id LIMIT :limit")
    List<String> researchRetentionDue(@Bind("studyId") String studyId, @Bind("cutoff") Instant cutoff,
                                      @Bind("limit") int limit);

    /**
     * Up to {@code limit} submissions of a study, not withdrawn and not yet looked at by retention, older than
     * {@code cutoff} by the time the server received them: the server's clock, never the laptop's (a device clock
     * set back must not shred an identity part early, nor one set ahead keep it longer).
     */
    @SqlQuery("SELECT id FROM submissions WHERE study_id = :studyId AND withdrawn_at IS NULL "
            + "AND identity_shredded_at IS NULL AND received_at < :cutoff "
            + "ORDER BY id LIMIT :limit")
    List<String> retentionDue(@Bind("studyId") String studyId, @Bind("cutoff") Instant cutoff,
                              @Bind("limit") int limit);
}
