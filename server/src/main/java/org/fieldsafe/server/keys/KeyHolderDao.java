package org.fieldsafe.server.keys;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Key holders' own wrapped copies of study private keys ({@code study_key_holders}). */
@RegisterConstructorMapper(KeyHolderRow.class)
public interface KeyHolderDao {
    String COLUMNS = "study_id, purpose, username, state, wrapped_private_key, granted_by, created_at";

    @SqlUpdate("INSERT INTO study_key_holders (" + COLUMNS + ") VALUES (:studyId, :purpose, :username, :state, "
            + ":wrappedPrivateKey, :grantedBy, :createdAt)")
    void insert(@BindMethods KeyHolderRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM study_key_holders WHERE study_id = :studyId AND purpose = :purpose "
            + "AND username = :username")
    Optional<KeyHolderRow> find(@Bind("studyId") String studyId, @Bind("purpose") String purpose,
                                @Bind("username") String username);

    @SqlQuery("SELECT " + COLUMNS + " FROM study_key_holders WHERE study_id = :studyId ORDER BY purpose, username")
    List<KeyHolderRow> list(@Bind("studyId") String studyId);

    @SqlQuery("SELECT COUNT(*) FROM study_key_holders WHERE study_id = :studyId AND purpose = :purpose "
            + "AND state = 'active'")
    int countActive(@Bind("studyId") String studyId, @Bind("purpose") String purpose);

    /** Replaces a copy's wrapping if it is still {@code expected}, making it active; rows changed (0 or 1). */
    @SqlUpdate("UPDATE study_key_holders SET wrapped_private_key = :wrapped, state = 'active' WHERE study_id = :studyId "
            + "AND purpose = :purpose AND username = :username AND wrapped_private_key = :expected")
    int rewrap(@Bind("studyId") String studyId, @Bind("purpose") String purpose, @Bind("username") String username,
               @Bind("expected") String expected, @Bind("wrapped") String wrapped);

    @SqlUpdate("DELETE FROM study_key_holders WHERE study_id = :studyId AND purpose = :purpose "
            + "AND username = :username")
    int delete(@Bind("studyId") String studyId, @Bind("purpose") String purpose, @Bind("username") String username);
}
