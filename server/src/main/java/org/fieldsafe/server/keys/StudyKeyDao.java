package org.fieldsafe.server.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.server.storage.ChangesDefinitions;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Study keys and respondent-code keys. */
@RegisterConstructorMapper(StudyKeyRow.class)
public interface StudyKeyDao {
    String COLUMNS = "study_id, purpose, algorithm, public_key, fingerprint, wrapped_private_key, created_by, "
            + "created_at";

    @ChangesDefinitions
    @SqlUpdate("INSERT INTO study_keys (" + COLUMNS + ") VALUES (:studyId, :purpose, :algorithm, :publicKey, "
            + ":fingerprint, :wrappedPrivateKey, :createdBy, :createdAt)")
    void insert(@BindMethods StudyKeyRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM study_keys WHERE study_id = :studyId ORDER BY purpose")
    List<StudyKeyRow> list(@Bind("studyId") String studyId);

    @SqlQuery("SELECT " + COLUMNS + " FROM study_keys WHERE study_id = :studyId AND purpose = :purpose")
    Optional<StudyKeyRow> find(@Bind("studyId") String studyId, @Bind("purpose") String purpose);

    /** Replaces a wrapped private key if it is still {@code expected}; the number of rows changed (0 or 1). */
    @ChangesDefinitions
    @SqlUpdate("UPDATE study_keys SET wrapped_private_key = :wrapped WHERE study_id = :studyId AND purpose = :purpose "
            + "AND wrapped_private_key = :expected")
    int rewrap(@Bind("studyId") String studyId, @Bind("purpose") String purpose, @Bind("expected") String expected,
               @Bind("wrapped") String wrapped);

    @SqlQuery("SELECT COUNT(*) FROM study_keys WHERE fingerprint IN (<fingerprints>)")
    int countFingerprints(@BindList("fingerprints") List<String> fingerprints);

    /** Stores a study's code key, wrapped ({@link CodeKeyVault}); the plaintext column stays empty. */
    @SqlUpdate("INSERT INTO respondent_code_keys (study_id, code_key, wrapped_code_key, created_at) VALUES (:studyId, "
            + "'', :wrapped, :createdAt)")
    void insertCodeKey(@Bind("studyId") String studyId, @Bind("wrapped") String wrapped,
                       @Bind("createdAt") Instant createdAt);

    @SqlQuery("SELECT COUNT(*) FROM respondent_code_keys WHERE study_id = :studyId")
    int countCodeKeys(@Bind("studyId") String studyId);

    /** The study's wrapped code key. */
    @SqlQuery("SELECT wrapped_code_key FROM respondent_code_keys WHERE study_id = :studyId "
            + "AND wrapped_code_key IS NOT NULL")
    Optional<String> wrappedCodeKey(@Bind("studyId") String studyId);

    /** A code key an older version stored in plaintext (base64), not yet wrapped. */
    record PlaintextCodeKey(String studyId, String codeKey) {
    }

    @SqlQuery("SELECT study_id, code_key FROM respondent_code_keys WHERE wrapped_code_key IS NULL ORDER BY study_id")
    @RegisterConstructorMapper(PlaintextCodeKey.class)
    List<PlaintextCodeKey> plaintextCodeKeys();

    /** A study's wrapped code key. */
    record WrappedCodeKey(String studyId, String wrappedCodeKey) {
    }

    @SqlQuery("SELECT study_id, wrapped_code_key FROM respondent_code_keys WHERE wrapped_code_key IS NOT NULL "
            + "ORDER BY study_id")
    @RegisterConstructorMapper(WrappedCodeKey.class)
    List<WrappedCodeKey> wrappedCodeKeys();

    /** Replaces a plaintext code key by its wrapped form, once; the number of rows changed (0 or 1). */
    @SqlUpdate("UPDATE respondent_code_keys SET wrapped_code_key = :wrapped, code_key = '' WHERE study_id = :studyId "
            + "AND wrapped_code_key IS NULL")
    int wrapCodeKey(@Bind("studyId") String studyId, @Bind("wrapped") String wrapped);
}
