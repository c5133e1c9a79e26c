package org.fieldsafe.server.auth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** People's login tokens (hashes only). */
@RegisterConstructorMapper(SessionRow.class)
public interface SessionDao {
    @SqlUpdate("INSERT INTO sessions (token_hash, username, created_at, expires_at) "
            + "VALUES (:tokenHash, :username, :createdAt, :expiresAt)")
    void insert(@Bind("tokenHash") String tokenHash, @Bind("username") String username,
                @Bind("createdAt") Instant createdAt, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("SELECT token_hash, username, created_at, expires_at FROM sessions WHERE token_hash = :tokenHash")
    Optional<SessionRow> find(@Bind("tokenHash") String tokenHash);

    @SqlUpdate("DELETE FROM sessions WHERE token_hash = :tokenHash")
    int delete(@Bind("tokenHash") String tokenHash);

    /** Ends every session of a person; the number ended. */
    @SqlUpdate("DELETE FROM sessions WHERE username = :username")
    int deleteForUser(@Bind("username") String username);

    @SqlUpdate("DELETE FROM sessions WHERE expires_at <= :now")
    int deleteExpired(@Bind("now") Instant now);
}
