package org.fieldsafe.server.keys;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The server's own keys. */
@RegisterConstructorMapper(ServerKeyRow.class)
public interface ServerKeyDao {
    String COLUMNS = "purpose, algorithm, public_key, private_key, fingerprint, created_at";

    /** Inserts unless a key of this purpose exists (another process may have created it first). */
    @SqlUpdate("INSERT INTO server_keys (" + COLUMNS + ") VALUES (:purpose, :algorithm, :publicKey, :privateKey, "
            + ":fingerprint, :createdAt) ON CONFLICT (purpose) DO NOTHING")
    int insertIfAbsent(@BindMethods ServerKeyRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM server_keys WHERE purpose = :purpose")
    Optional<ServerKeyRow> find(@Bind("purpose") String purpose);
}
