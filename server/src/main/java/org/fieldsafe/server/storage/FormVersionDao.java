package org.fieldsafe.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Form versions: every distinct form definition, by hash. */
@RegisterConstructorMapper(FormVersionRow.class)
public interface FormVersionDao {
    String COLUMNS = "study_id, form_id, version, sha256, canonical_json, kind, languages_json, state, source, "
            + "created_at, updated_at";

    @ChangesDefinitions
    @SqlUpdate("INSERT INTO form_versions (" + COLUMNS + ") VALUES (:studyId, :formId, :version, :sha256, "
            + ":canonicalJson, :kind, :languagesJson, :state, :source, :createdAt, :updatedAt)")
    void insert(@BindMethods FormVersionRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM form_versions WHERE study_id = :studyId AND form_id = :formId "
            + "AND version = :version")
    Optional<FormVersionRow> find(@Bind("studyId") String studyId, @Bind("formId") String formId,
                                  @Bind("version") int version);

    /** Every column but the definition itself (read as ''), for checks that need only hash, kind and state. */
    String COLUMNS_WITHOUT_DEFINITION = "study_id, form_id, version, sha256, '' AS canonical_json, kind, "
            + "languages_json, state, source, created_at, updated_at";

    /** {@link #find} without the (large) canonical JSON: its {@code canonicalJson} is empty. */
    @SqlQuery("SELECT " + COLUMNS_WITHOUT_DEFINITION + " FROM form_versions WHERE study_id = :studyId "
            + "AND form_id = :formId AND version = :version")
    Optional<FormVersionRow> findWithoutDefinition(@Bind("studyId") String studyId, @Bind("formId") String formId,
                                                   @Bind("version") int version);

    @SqlQuery("SELECT " + COLUMNS + " FROM form_versions WHERE study_id = :studyId AND form_id = :formId "
            + "AND sha256 = :sha256")
    Optional<FormVersionRow> findByHash(@Bind("studyId") String studyId, @Bind("formId") String formId,
                                        @Bind("sha256") String sha256);

    @SqlQuery("SELECT COALESCE(MAX(version), 0) FROM form_versions WHERE study_id = :studyId AND form_id = :formId")
    int maxVersion(@Bind("studyId") String studyId, @Bind("formId") String formId);

    @SqlQuery("SELECT " + COLUMNS + " FROM form_versions WHERE study_id = :studyId ORDER BY form_id, version")
    List<FormVersionRow> list(@Bind("studyId") String studyId);

    @SqlQuery("SELECT f.study_id, f.form_id, f.version, f.sha256, f.canonical_json, f.kind, f.languages_json, "
            + "f.state, f.source, f.created_at, f.updated_at FROM form_versions f "
            + "WHERE f.study_id = :studyId AND f.state = 'published' AND f.version = (SELECT MAX(g.version) "
            + "FROM form_versions g WHERE g.study_id = f.study_id AND g.form_id = f.form_id "
            + "AND g.state = 'published') ORDER BY f.form_id")
    List<FormVersionRow> latestPublished(@Bind("studyId") String studyId);

    @ChangesDefinitions
    @SqlUpdate("UPDATE form_versions SET state = :state, updated_at = :now WHERE study_id = :studyId "
            + "AND form_id = :formId AND version = :version")
    int setState(@Bind("studyId") String studyId, @Bind("formId") String formId, @Bind("version") int version,
                 @Bind("state") String state, @Bind("now") Instant now);
}
