package org.fieldsafe.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Studies and their versions. */
@RegisterConstructorMapper(StudyVersionRow.class)
public interface StudyDao {
    String COLUMNS = "study_id, version, sha256, canonical_json, summary_json, created_at";

    @ChangesDefinitions
    @SqlUpdate("INSERT INTO studies (id, created_at) VALUES (:id, :createdAt)")
    void insertStudy(@Bind("id") String id, @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT COUNT(*) FROM studies WHERE id = :id")
    int countStudy(@Bind("id") String id);

    @ChangesDefinitions
    @SqlUpdate("INSERT INTO study_versions (" + COLUMNS + ") VALUES (:studyId, :version, :sha256, "
            + ":canonicalJson, :summaryJson, :createdAt)")
    void insertVersion(@BindMethods StudyVersionRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM study_versions WHERE study_id = :studyId "
            + "ORDER BY version DESC LIMIT 1")
    Optional<StudyVersionRow> latest(@Bind("studyId") String studyId);

    /** {@link #latest} without the (large) canonical JSON: its {@code canonicalJson} is empty. */
    @SqlQuery("SELECT study_id, version, sha256, '' AS canonical_json, summary_json, created_at FROM study_versions "
            + "WHERE study_id = :studyId ORDER BY version DESC LIMIT 1")
    Optional<StudyVersionRow> latestWithoutDefinition(@Bind("studyId") String studyId);

    @SqlQuery("SELECT v.study_id, v.version, v.sha256, v.canonical_json, v.summary_json, v.created_at "
            + "FROM study_versions v WHERE v.version = "
            + "(SELECT MAX(w.version) FROM study_versions w WHERE w.study_id = v.study_id) ORDER BY v.study_id")
    List<StudyVersionRow> listLatest();
}
