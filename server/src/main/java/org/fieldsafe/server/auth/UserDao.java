package org.fieldsafe.server.auth;

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
@RegisterConstructorMapper(UserLanguageRow.class)
public interface UserDao {
    String COLUMNS = "username, role, password_hash, created_at, email, must_change_password, disabled_at";

    /** A person; {@code oneTime}: the password must be changed at first login. */
    @SqlUpdate("INSERT INTO users (username, role, password_hash, created_at, must_change_password) "
            + "VALUES (:username, :role, :passwordHash, :createdAt, :oneTime)")
    void insert(@Bind("username") String username, @Bind("role") String role,
                @Bind("passwordHash") String passwordHash, @Bind("createdAt") Instant createdAt,
                @Bind("oneTime") int oneTime);

    /** A person whose password is their own (not one-time). */
    default void insert(String username, String role, String passwordHash, Instant createdAt) {
        insert(username, role, passwordHash, createdAt, 0);
    }

    /** A new password hash; {@code oneTime} 0 once the person chose it. */
    @SqlUpdate("UPDATE users SET password_hash = :passwordHash, must_change_password = :oneTime "
            + "WHERE username = :username")
    int updatePassword(@Bind("username") String username, @Bind("passwordHash") String passwordHash,
                       @Bind("oneTime") int oneTime);

    /** Disables (a time) or enables (null) a person. */
    @SqlUpdate("UPDATE users SET disabled_at = :disabledAt WHERE username = :username")
    int updateDisabled(@Bind("username") String username, @Bind("disabledAt") Instant disabledAt);

    @SqlUpdate("UPDATE users SET email = :email WHERE username = :username")
    int updateEmail(@Bind("username") String username, @Bind("email") String email);

    /** The e-mail addresses of the people with {@code role} (those without one are left out). */
    @SqlQuery("SELECT email FROM users WHERE role = :role AND email IS NOT NULL ORDER BY username")
    List<String> emailsByRole(@Bind("role") String role);

    /** The e-mail addresses of the people with {@code role} at {@code site} (those without one are left out). */
    @SqlQuery("SELECT u.email FROM users u JOIN user_sites s ON s.username = u.username "
            + "WHERE u.role = :role AND s.site = :site AND u.email IS NOT NULL ORDER BY u.username")
    List<String> emailsByRoleAndSite(@Bind("role") String role, @Bind("site") String site);

    @SqlUpdate("INSERT INTO user_languages (username, language) VALUES (:username, :language)")
    void insertLanguage(@Bind("username") String username, @Bind("language") String language);

    @SqlUpdate("DELETE FROM user_languages WHERE username = :username")
    int deleteLanguages(@Bind("username") String username);

    @SqlQuery("SELECT language FROM user_languages WHERE username = :username ORDER BY language")
    List<String> languages(@Bind("username") String username);

    @SqlQuery("SELECT username, language FROM user_languages ORDER BY username, language")
    List<UserLanguageRow> allLanguages();

    @SqlUpdate("INSERT INTO user_sites (username, site) VALUES (:username, :site)")
    void insertSite(@Bind("username") String username, @Bind("site") String site);

    @SqlUpdate("UPDATE users SET role = :role WHERE username = :username")
    int updateRole(@Bind("username") String username, @Bind("role") String role);

    @SqlUpdate("DELETE FROM user_sites WHERE username = :username")
    int deleteSites(@Bind("username") String username);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE username = :username")
    Optional<UserRow> find(@Bind("username") String username);

    @SqlQuery("SELECT " + COLUMNS + " FROM users ORDER BY username")
    List<UserRow> list();

    @SqlQuery("SELECT site FROM user_sites WHERE username = :username ORDER BY site")
    List<String> sites(@Bind("username") String username);

    @SqlQuery("SELECT username, site FROM user_sites ORDER BY username, site")
    List<UserSiteRow> allSites();

    /** The user ids of the enabled people with {@code role}, sorted. */
    @SqlQuery("SELECT username FROM users WHERE role = :role AND disabled_at IS NULL ORDER BY username")
    List<String> enabledByRole(@Bind("role") String role);

    @SqlQuery("SELECT COUNT(*) FROM users WHERE role = :role AND disabled_at IS NULL")
    int countEnabledByRole(@Bind("role") String role);

    @SqlQuery("SELECT COUNT(*) FROM users WHERE role = :role")
    int countByRole(@Bind("role") String role);
}
