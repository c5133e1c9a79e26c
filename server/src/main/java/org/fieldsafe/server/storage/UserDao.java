package org.fieldsafe.server.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** People and the sites they work at. */
@RegisterConstructorMapper(UserRow.class)
@RegisterConstructorMapper(UserSiteRow.class)
public interface UserDao {
    @SqlUpdate("INSERT INTO users (username, role, password_hash, created_at) "
            + "VALUES (:username, :role, :passwordHash, :createdAt)")
    void insert(@Bind("username") String username, @Bind("role") String role,
                @Bind("passwordHash") String passwordHash, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("UPDATE users SET email = :email WHERE username = :username")
    int updateEmail(@Bind("username") String username, @Bind("email") String email);

    /** The e-mail addresses of the people with {@code role} (those without one are left out). */
    @SqlQuery("SELECT email FROM users WHERE role = :role AND email IS NOT NULL ORDER BY username")
    List<String> emailsByRole(@Bind("role") String role);

    /** The e-mail addresses of the people with {@code role} at {@code site} (those without one are left out). */
    @SqlQuery("SELECT u.email FROM users u JOIN user_sites s ON s.username = u.username "
            + "WHERE u.role = :role AND s.site = :site AND u.email IS NOT NULL ORDER BY u.username")
    List<String> emailsByRoleAndSite(@Bind("role") String role, @Bind("site") String site);

    @SqlUpdate("INSERT INTO user_sites (username, site) VALUES (:username, :site)")
    void insertSite(@Bind("username") String username, @Bind("site") String site);

    @SqlUpdate("UPDATE users SET role = :role WHERE username = :username")
    int updateRole(@Bind("username") String username, @Bind("role") String role);

    @SqlUpdate("DELETE FROM user_sites WHERE username = :username")
    int deleteSites(@Bind("username") String username);

    @SqlQuery("SELECT username, role, password_hash, created_at, email FROM users WHERE username = :username")
    Optional<UserRow> find(@Bind("username") String username);

    @SqlQuery("SELECT username, role, password_hash, created_at, email FROM users ORDER BY username")
    List<UserRow> list();

    @SqlQuery("SELECT site FROM user_sites WHERE username = :username ORDER BY site")
    List<String> sites(@Bind("username") String username);

    @SqlQuery("SELECT username, site FROM user_sites ORDER BY username, site")
    List<UserSiteRow> allSites();

    @SqlQuery("SELECT COUNT(*) FROM users WHERE role = :role")
    int countByRole(@Bind("role") String role);
}
