package org.fieldsafe.server.auth;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.DeviceDao;
import org.fieldsafe.server.storage.SessionDao;
import org.fieldsafe.server.storage.UserDao;
import org.fieldsafe.server.storage.UserRow;
import org.fieldsafe.server.storage.UserSiteRow;

/** People: creation with a one-time password, listing, role changes, and the first admin. */
public final class UserService {
    public static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,63}$");
    public static final Pattern SITE = Pattern.compile("^[A-Z]{2}-[A-Z]{3}$");

    private final Database database;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public UserService(Database database, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a person with a generated one-time password, returned once. */
    public NewUser create(String actor, NewUserRequest request) {
        Valid valid = validate(request);
        String password = newPassword();
        String hash = hasher.hash(password);
        database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            if (users.find(valid.username()).isPresent()) {
                throw ProblemException.conflict("user-exists", "User exists",
                        "A user with this name already exists.");
            }
            users.insert(valid.username(), valid.role().wire(), hash, now());
            if (valid.email() != null) {
                users.updateEmail(valid.username(), valid.email());
            }
            valid.sites().forEach(site -> users.insertSite(valid.username(), site));
            audit.append(handle, actor, "user.created", "user:" + valid.username() + " role:" + valid.role().wire()
                    + (valid.email() != null ? " email:set" : ""));
            return null;
        });
        return new NewUser(valid.username(), valid.role().wire(), valid.sites(), password);
    }

    public List<UserInfo> list() {
        return database.read(handle -> {
            UserDao users = handle.attach(UserDao.class);
            Map<String, List<String>> sites = users.allSites().stream().collect(Collectors.groupingBy(
                    UserSiteRow::username, Collectors.mapping(UserSiteRow::site, Collectors.toList())));
            List<UserInfo> result = new ArrayList<>();
            for (UserRow row : users.list()) {
                result.add(new UserInfo(row.username(), row.role(), sites.getOrDefault(row.username(), List.of()),
                        row.createdAt(), row.email()));
            }
            return result;
        });
    }

    /**
     * On first start (no admin yet): creates {@code admin} with {@code initialPassword}, or a generated one.
     * Returns the generated password, to be shown once on the console.
     */
    public Optional<String> ensureAdmin(String initialPassword) {
        boolean hasAdmin = database.read(h -> h.attach(UserDao.class).countByRole(Role.ADMIN.wire()) > 0);
        if (hasAdmin) {
            return Optional.empty();
        }
        boolean generated = initialPassword == null || initialPassword.isBlank();
        String password = generated ? newPassword() : initialPassword;
        String hash = hasher.hash(password);
        database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            if (users.find("admin").isPresent()) {
                throw new IllegalStateException("A user named 'admin' exists but no user has the admin role");
            }
            users.insert("admin", Role.ADMIN.wire(), hash, now());
            audit.append(handle, "system", "user.created", "user:admin role:admin");
            return null;
        });
        return generated ? Optional.of(password) : Optional.empty();
    }

    /**
     * Gives a person another role (and sites), ends their open sessions, revokes their devices when they stop
     * being an enumerator, and audits {@code user.role.changed} with the old and new role, all in one transaction.
     * Asking for the role and sites the person has already changes nothing. 404 for an unknown person, 409 when
     * the last admin would lose the role.
     */
    public UserInfo changeRole(String actor, String username, RoleChange request) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.notFound("User");
        }
        Role role = role(request == null ? null : request.role());
        List<String> sites = sites(role, request.sites());
        return database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            UserRow user = users.find(username).orElseThrow(() -> ProblemException.notFound("User"));
            List<String> oldSites = users.sites(username);
            if (user.role().equals(role.wire()) && oldSites.equals(sites)) {
                return new UserInfo(username, user.role(), oldSites, user.createdAt(), user.email());
            }
            if (user.role().equals(Role.ADMIN.wire()) && role != Role.ADMIN
                    && users.countByRole(Role.ADMIN.wire()) <= 1) {
                throw ProblemException.conflict("last-admin", "Last admin",
                        "This is the only admin; make another person admin first.");
            }
            users.updateRole(username, role.wire());
            users.deleteSites(username);
            sites.forEach(site -> users.insertSite(username, site));
            int sessions = handle.attach(SessionDao.class).deleteForUser(username);
            int devices = user.role().equals(Role.ENUMERATOR.wire()) && role != Role.ENUMERATOR
                    ? handle.attach(DeviceDao.class).revokeForEnumerator(username, now()) : 0;
            audit.append(handle, actor, "user.role.changed", "user:" + username + " from:" + user.role() + " to:"
                    + role.wire() + " sites:" + String.join(",", sites) + " sessions.ended:" + sessions
                    + " devices.revoked:" + devices);
            return new UserInfo(username, role.wire(), sites, user.createdAt(), user.email());
        });
    }

    /**
     * Sets (or, with null or blank, removes) a person's work e-mail address for referral notifications, audited
     * {@code user.email.changed} (without the address). 404 for an unknown person, 400 for an invalid address.
     */
    public UserInfo changeEmail(String actor, String username, String email) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.notFound("User");
        }
        String address = email(email);
        return database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            UserRow user = users.find(username).orElseThrow(() -> ProblemException.notFound("User"));
            users.updateEmail(username, address);
            audit.append(handle, actor, "user.email.changed", "user:" + username + " email:"
                    + (address == null ? "removed" : "set"));
            return new UserInfo(username, user.role(), users.sites(username), user.createdAt(), address);
        });
    }

    /**
     * A single plain address ({@code name@example.org}, no display name), checked by Jakarta Mail's strict
     * RFC 822 parser; null or blank: none.
     */
    static String email(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        try {
            InternetAddress address = new InternetAddress(trimmed, true);
            address.validate();
            if (address.getPersonal() != null || !trimmed.equals(address.getAddress()) || trimmed.length() > 254
                    || !trimmed.contains("@")) {
                throw new AddressException("not a plain address");
            }
            return trimmed;
        } catch (AddressException e) {
            throw ProblemException.invalid("email must be one plain e-mail address, like name@example.org.");
        }
    }

    private Valid validate(NewUserRequest request) {
        if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw ProblemException.invalid("username must be 2-64 characters of a-z, 0-9, '.', '_', '-'.");
        }
        Role role = role(request.role());
        return new Valid(request.username(), role, sites(role, request.sites()), email(request.email()));
    }

    private static Role role(String value) {
        return Optional.ofNullable(value).flatMap(Role::parse).orElseThrow(() ->
                ProblemException.invalid("role must be one of admin, coordinator, enumerator, "
                        + "safeguarding_officer, data_manager, principal_investigator."));
    }

    /** Valid, distinct and sorted sites for {@code role}. */
    private static List<String> sites(Role role, List<String> requested) {
        List<String> sites = requested == null ? List.of() : requested;
        for (String site : sites) {
            if (site == null || !SITE.matcher(site).matches()) {
                throw ProblemException.invalid("sites must be site ids like KH-SVR.");
            }
        }
        if (role.siteScoped() && sites.isEmpty()) {
            throw ProblemException.invalid("role " + role.wire() + " needs at least one site.");
        }
        return List.copyOf(new TreeSet<>(sites));
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** A random password: 20 characters of base64url (120 bits). */
    static String newPassword() {
        return Secrets.newToken().substring(0, 20);
    }

    private record Valid(String username, Role role, List<String> sites, String email) {
    }
}
