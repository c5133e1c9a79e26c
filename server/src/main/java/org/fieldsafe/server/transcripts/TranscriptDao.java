package org.fieldsafe.server.transcripts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Transcript and translation versions ({@code transcript_parts}) and a transcriber's languages. */
@RegisterConstructorMapper(TranscriptRow.class)
@RegisterConstructorMapper(TranscriptDao.Subject.class)
public interface TranscriptDao {
    String COLUMNS = "submission_id, kind, language, version, status, author, checker, created_at, updated_at, "
            + "checked_at, sealed_part";

    /** What a transcript is about: a received, not withdrawn submission (no answer, no code). */
    record Subject(String id, String studyId, String site, String formId, int formVersion, Instant finalisedAt,
                   Instant receivedAt, int recordings) {
    }

    String SUBJECT = "SELECT s.id, s.study_id, s.site, s.form_id, s.form_version, s.finalised_at, s.received_at, "
            + "(SELECT COUNT(*) FROM attachments a WHERE a.submission_id = s.id) AS recordings FROM submissions s ";

    @SqlQuery(SUBJECT + "WHERE s.id = :id AND s.withdrawn_at IS NULL")
    Optional<Subject> subject(@Bind("id") String id);

    @SqlQuery(SUBJECT + "WHERE s.study_id = :studyId AND s.site IN (<sites>) AND s.withdrawn_at IS NULL "
            + "ORDER BY s.received_at, s.id")
    List<Subject> queue(@Bind("studyId") String studyId, @BindList("sites") List<String> sites);

    @SqlQuery("SELECT language FROM user_languages WHERE username = :username ORDER BY language")
    List<String> languages(@Bind("username") String username);

    @SqlUpdate("INSERT INTO transcript_parts (" + COLUMNS + ") VALUES (:submissionId, :kind, :language, :version, "
            + ":status, :author, :checker, :createdAt, :updatedAt, :checkedAt, :sealedPart)")
    void insert(@BindMethods TranscriptRow row);

    /** An autosave or the finishing save of the author's own open draft; rows changed (0 or 1). */
    @SqlUpdate("UPDATE transcript_parts SET sealed_part = :sealedPart, status = :status, updated_at = :updatedAt "
            + "WHERE submission_id = :submissionId AND kind = :kind AND language = :language AND version = :version "
            + "AND status = 'draft' AND author = :author")
    int replaceDraft(@BindMethods TranscriptRow row);

    @SqlUpdate("UPDATE transcript_parts SET status = 'checked', checker = :checker, checked_at = :at "
            + "WHERE submission_id = :submissionId AND kind = :kind AND language = :language AND version = :version "
            + "AND status = 'done' AND author <> :checker")
    int check(@Bind("submissionId") String submissionId, @Bind("kind") String kind,
              @Bind("language") String language, @Bind("version") int version, @Bind("checker") String checker,
              @Bind("at") Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM transcript_parts WHERE submission_id = :submissionId AND kind = :kind "
            + "AND language = :language ORDER BY version DESC LIMIT 1")
    Optional<TranscriptRow> latest(@Bind("submissionId") String submissionId, @Bind("kind") String kind,
                                   @Bind("language") String language);

    @SqlQuery("SELECT " + COLUMNS + " FROM transcript_parts WHERE submission_id = :submissionId AND kind = :kind "
            + "AND language = :language AND version = :version")
    Optional<TranscriptRow> find(@Bind("submissionId") String submissionId, @Bind("kind") String kind,
                                 @Bind("language") String language, @Bind("version") int version);

    @SqlQuery("SELECT " + COLUMNS + " FROM transcript_parts WHERE submission_id = :submissionId "
            + "ORDER BY kind, language, version")
    List<TranscriptRow> list(@Bind("submissionId") String submissionId);

    /** Every version of the submissions {@code ids}, for the queue and the export. */
    @SqlQuery("SELECT " + COLUMNS + " FROM transcript_parts WHERE submission_id IN (<ids>) "
            + "ORDER BY submission_id, kind, language, version")
    List<TranscriptRow> listAll(@BindList("ids") List<String> ids);
}
