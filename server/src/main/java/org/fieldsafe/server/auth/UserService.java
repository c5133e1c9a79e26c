package org.fieldsafe.server.auth;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.EnrolmentDao;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * People: creation with a one-time password, listing, role and site changes (sites checked against the studies the
 * server knows), disabling and enabling, password resets, and the first admin. Who may manage which account is
 * {@link AccountScope}'s rule (admins: all; coordinators: enumerators at their sites), checked here for every call.
 */
public final class UserService {
    public static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,63}$");
    public static final Pattern SITE = Pattern.compile("^[A-Z]{2}-[A-Z]{3}$");
    public static final Pattern LANGUAGE = org.fieldsafe.core.crypto.TranscriptSealing.LANGUAGE;

    private final Database database;
    private final StudyStore studies;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final DeviceTokens deviceTokens;

    public UserService(Database database, StudyStore studies, PasswordHasher hasher, AuditLog audit, Clock clock,
                       DeviceTokens deviceTokens) {
        this.database = database;
        this.studies = studies;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.deviceTokens = deviceTokens;
    }

    /** Creates a person with a generated one-time password, returned once. */
    public NewUser create(FieldsafePrincipal who, NewUserRequest request) {
        Valid valid = validate(request);
        AccountScope scope = scope(who);
        if (!scope.covers(valid.role().wire(), valid.sites())) {
            throw denied(who, valid.username(), "create");
        }
        String actor = who.actor();
        String password = newPassword();
        String hash = hasher.hash(password);
        database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            if (users.find(valid.username()).isPresent()) {
                throw ProblemException.conflict("user-exists", "User exists",
                        "A user with this name already exists.");
            }
            users.insert(valid.username(), valid.role().wire(), hash, now(), 1);
            if (valid.email() != null) {
                users.updateEmail(valid.username(), valid.email());
            }
            valid.sites().forEach(site -> users.insertSite(valid.username(), site));
            valid.languages().forEach(language -> users.insertLanguage(valid.username(), language));
            audit.append(handle, actor, "user.created", "user:" + valid.username() + " role:" + valid.role().wire()
                    + (valid.email() != null ? " email:set" : "")
                    + (valid.languages().isEmpty() ? "" : " languages:" + String.join(",", valid.languages())));
            return null;
        });
        return new NewUser(valid.username(), valid.role().wire(), valid.sites(), password);
    }

    /** The accounts {@code who} may manage (an admin: everyone). */
    public List<UserInfo> list(FieldsafePrincipal who) {
        AccountScope scope = scope(who);
        return list().stream().filter(user -> scope.covers(user.role(), user.sites())).toList();
    }

    public List<UserInfo> list() {
        return database.read(handle -> {
            UserDao users = handle.attach(UserDao.class);
            Map<String, List<String>> sites = users.allSites().stream().collect(Collectors.groupingBy(
                    UserSiteRow::username, Collectors.mapping(UserSiteRow::site, Collectors.toList())));
            Map<String, List<String>> languages = users.allLanguages().stream().collect(Collectors.groupingBy(
                    UserLanguageRow::username, Collectors.mapping(UserLanguageRow::language, Collectors.toList())));
            List<UserInfo> result = new ArrayList<>();
            for (UserRow row : users.list()) {
                result.add(info(row, sites.getOrDefault(row.username(), List.of()),
                        languages.getOrDefault(row.username(), List.of())));
            }
            return result;
        });
    }

    /**
     * On first start (no admin yet): creates {@code admin} with {@code initialPassword} (the operator's choice, kept),
     * or a generated one-time password that must be changed at first login. Returns the generated password, to be
     * shown once on the console.
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
            users.insert("admin", Role.ADMIN.wire(), hash, now(), generated ? 1 : 0);
            audit.append(handle, "system", "user.created", "user:admin role:admin");
            return null;
        });
        return generated ? Optional.of(password) : Optional.empty();
    }

    /**
     * Gives a person another role and sites ({@link RoleChange#REPLACE}, the default) or adds sites to their role
     * ({@link RoleChange#ADD}); ends their open sessions, revokes their devices when they stop being an enumerator,
     * and audits {@code user.role.changed} with the old and new role and the mode, all in one transaction. Asking
     * for what the person has already changes nothing. 404 for an unknown person, 409 when the last admin would
     * lose the role or {@code add} names another role, 422 for a site no study has.
     */
    public UserInfo changeRole(FieldsafePrincipal who, String username, RoleChange request) {
        boolean add = mode(request.mode());
        Role asked = add && request.role() == null ? null : role(request.role());
        List<String> requested = request.sites() == null ? List.of() : request.sites();
        Set<String> known = knownSites();
        AccountScope scope = scope(who);
        String actor = who.actor();
        return withUser(who, "role", username, (handle, users, user) -> {
            List<String> oldSites = users.sites(username);
            Role role = asked != null ? asked : Role.parse(user.role()).orElseThrow();
            if (add && !user.role().equals(role.wire())) {
                throw ProblemException.conflict("role-differs", "Another role",
                        username + " is " + user.role() + "; a person has one role, so adding can only add sites "
                                + "to it. Leave out add (replace) to give them the role " + role.wire() + ".");
            }
            List<String> combined = new ArrayList<>(requested);
            if (add) {
                combined.addAll(oldSites);
            }
            List<String> sites = sites(role, combined, known);
            if (!scope.covers(role.wire(), sites)) {
                throw AccountScope.refused();
            }
            List<String> oldLanguages = users.languages(username);
            List<String> askedLanguages = new ArrayList<>(request.languages() == null ? List.of()
                    : request.languages());
            if (add) {
                askedLanguages.addAll(oldLanguages);
            }
            List<String> languages = languages(role, askedLanguages);
            if (user.role().equals(role.wire()) && oldSites.equals(sites) && oldLanguages.equals(languages)) {
                return info(user, oldSites, oldLanguages);
            }
            if (user.role().equals(Role.ADMIN.wire()) && role != Role.ADMIN
                    && users.countEnabledByRole(Role.ADMIN.wire()) <= 1) {
                throw ProblemException.conflict("last-admin", "Last admin",
                        "This is the only admin; make another person admin first.");
            }
            users.updateRole(username, role.wire());
            users.deleteSites(username);
            sites.forEach(site -> users.insertSite(username, site));
            users.deleteLanguages(username);
            languages.forEach(language -> users.insertLanguage(username, language));
            int sessions = handle.attach(SessionDao.class).deleteForUser(username);
            int devices = user.role().equals(Role.ENUMERATOR.wire()) && role != Role.ENUMERATOR
                    ? handle.attach(DeviceDao.class).revokeForEnumerator(username, now()) : 0;
            // a code issued under the old role or sites would enrol a laptop the new ones do not allow
            int codes = handle.attach(EnrolmentDao.class).revokeUnusedFor(username, now());
            audit.append(handle, actor, "user.role.changed", "user:" + username + " from:" + user.role() + " to:"
                    + role.wire() + " sites:" + String.join(",", sites) + " sessions.ended:" + sessions
                    + " devices.revoked:" + devices + " codes.revoked:" + codes + (add ? " mode:add" : "")
                    + (languages.isEmpty() ? "" : " languages:" + String.join(",", languages)));
            return new UserInfo(username, role.wire(), sites, user.createdAt(), user.email(),
                    user.disabledAt() != null, languages);
        });
    }

    /**
     * Disables a person: they cannot log in, their sessions end and an enumerator's devices are revoked; audited
     * {@code user.disabled}. Disabling a disabled person changes nothing. 404 for an unknown person, 409 for
     * oneself or the last enabled admin.
     */
    public UserInfo disable(FieldsafePrincipal who, String username) {
        String actor = who.actor();
        return withUser(who, "disable", username, (handle, users, user) -> {
            if (user.disabledAt() != null) {
                return info(user, users.sites(username), users.languages(username));
            }
            if (username.equals(actor)) {
                throw ProblemException.conflict("disable-self", "Cannot disable yourself",
                        "Another admin has to disable this account.");
            }
            if (user.role().equals(Role.ADMIN.wire()) && users.countEnabledByRole(Role.ADMIN.wire()) <= 1) {
                throw ProblemException.conflict("last-admin", "Last admin",
                        "This is the only enabled admin; make another person admin first.");
            }
            Instant now = now();
            users.updateDisabled(username, now);
            int sessions = handle.attach(SessionDao.class).deleteForUser(username);
            int devices = user.role().equals(Role.ENUMERATOR.wire())
                    ? handle.attach(DeviceDao.class).revokeForEnumerator(username, now) : 0;
            int codes = handle.attach(EnrolmentDao.class).revokeUnusedFor(username, now);
            audit.append(handle, actor, "user.disabled", "user:" + username + " sessions.ended:" + sessions
                    + " devices.revoked:" + devices + " codes.revoked:" + codes);
            return new UserInfo(username, user.role(), users.sites(username), user.createdAt(), user.email(), true,
                    users.languages(username));
        });
    }

    /**
     * Enables a disabled person again (their revoked devices stay revoked: enrol again); audited
     * {@code user.enabled}. 404 for an unknown person.
     */
    public UserInfo enable(FieldsafePrincipal who, String username) {
        String actor = who.actor();
        return withUser(who, "enable", username, (handle, users, user) -> {
            if (user.disabledAt() != null) {
                users.updateDisabled(username, null);
                audit.append(handle, actor, "user.enabled", "user:" + username);
            }
            return new UserInfo(username, user.role(), users.sites(username), user.createdAt(), user.email(), false,
                    users.languages(username));
        });
    }

    /**
     * A change to an existing person in one write transaction, when {@code who} may manage them; 404 for a bad or
     * unknown name (to a coordinator the same 403 as for an account that is not theirs, so names cannot be probed;
     * refusals audited {@code user.change.denied}).
     */
    private <T> T withUser(FieldsafePrincipal who, String action, String username, UserChange<T> change) {
        AccountScope scope = scope(who);
        boolean valid = username != null && USERNAME.matcher(username).matches();
        if (!valid && !scope.isAdmin()) {
            throw denied(who, null, action);
        }
        if (!valid) {
            throw ProblemException.notFound("User");
        }
        try {
            return database.write(handle -> {
                UserDao users = handle.attach(UserDao.class);
                Optional<UserRow> user = users.find(username);
                if (!scope.isAdmin() && (user.isEmpty() || !scope.covers(user.get().role(), users.sites(username)))) {
                    throw AccountScope.refused();
                }
                return change.apply(handle, users, user.orElseThrow(() -> ProblemException.notFound("User")));
            });
        } catch (ProblemException e) {
            if (e.problem().type().endsWith(":account-not-manageable")) {
                audit.append(who.actor(), "user.change.denied", "user:" + username + " action:" + action);
            }
            throw e;
        } finally {
            // a role change or a disable revokes the person's devices: their tokens are refused from now on
            deviceTokens.revoked();
        }
    }

    private interface UserChange<T> {
        T apply(Handle handle, UserDao users, UserRow user);
    }

    /**
     * Gives a person a new one-time password (returned once): every session of theirs ends and they must change it
     * at their next login; audited {@code user.password.reset}. Not one's own (409 {@code reset-self}: change it
     * with {@code POST /auth/password}). An enumerator's devices keep working (they use device tokens).
     */
    public NewUser resetPassword(FieldsafePrincipal who, String username) {
        String password = newPassword();
        String hash = hasher.hash(password);
        return withUser(who, "password-reset", username, (handle, users, user) -> {
            if (username.equals(who.name())) {
                throw ProblemException.conflict("reset-self", "Cannot reset your own password",
                        "Change your own password with your current one instead.");
            }
            users.updatePassword(username, hash, 1);
            int sessions = handle.attach(SessionDao.class).deleteForUser(username);
            audit.append(handle, who.actor(), "user.password.reset", "user:" + username + " sessions.ended:"
                    + sessions);
            return new NewUser(username, user.role(), users.sites(username), password);
        });
    }

    private AccountScope scope(FieldsafePrincipal who) {
        return AccountScope.of(who, who.role() == Role.ADMIN ? Set.of() : knownSites());
    }

    /** A refusal by {@link AccountScope}, audited {@code user.change.denied} (a bad name written as invalid). */
    private ProblemException denied(FieldsafePrincipal who, String username, String action) {
        audit.append(who.actor(), "user.change.denied", "user:" + (username == null ? "(invalid)" : username)
                + " action:" + action);
        return AccountScope.refused();
    }

    /**
     * Sets (or, with null or blank, removes) a person's work e-mail address for referral notifications, audited
     * {@code user.email.changed} (without the address). 404 for an unknown person, 400 for an invalid address.
     */
    public UserInfo changeEmail(FieldsafePrincipal who, String username, String email) {
        String address = email(email);
        String actor = who.actor();
        return withUser(who, "email", username, (handle, users, user) -> {
            users.updateEmail(username, address);
            audit.append(handle, actor, "user.email.changed", "user:" + username + " email:"
                    + (address == null ? "removed" : "set"));
            return new UserInfo(username, user.role(), users.sites(username), user.createdAt(), address,
                    user.disabledAt() != null, users.languages(username));
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
        return new Valid(request.username(), role, sites(role, request.sites() == null ? List.of()
                : request.sites(), knownSites()), email(request.email()), languages(role, request.languages()));
    }

    /** Valid, distinct, sorted language codes: required for a language-scoped role, refused for the others. */
    private static List<String> languages(Role role, List<String> languages) {
        List<String> given = languages == null ? List.of() : languages;
        for (String language : given) {
            if (language == null || !LANGUAGE.matcher(language).matches()) {
                throw ProblemException.invalid("languages must be language codes like km or en.");
            }
        }
        if (role.languageScoped() && given.isEmpty()) {
            throw ProblemException.invalid("role " + role.wire() + " needs at least one language.");
        }
        if (!role.languageScoped() && !given.isEmpty()) {
            throw ProblemException.invalid("only a transcriber has languages.");
        }
        return List.copyOf(new TreeSet<>(given));
    }

    private static UserInfo info(UserRow row, List<String> sites, List<String> languages) {
        return new UserInfo(row.username(), row.role(), sites, row.createdAt(), row.email(), row.disabledAt() != null,
                languages);
    }

    /** True for {@link RoleChange#ADD}, false for {@link RoleChange#REPLACE} or null. */
    private static boolean mode(String mode) {
        if (mode == null || RoleChange.REPLACE.equals(mode)) {
            return false;
        }
        if (RoleChange.ADD.equals(mode)) {
            return true;
        }
        throw ProblemException.invalid("mode must be replace or add.");
    }

    private static Role role(String value) {
        return Optional.ofNullable(value).flatMap(Role::parse).orElseThrow(() ->
                ProblemException.invalid("role must be one of admin, coordinator, enumerator, "
                        + "safeguarding_officer, data_manager, principal_investigator, transcriber."));
    }

    /**
     * Valid, distinct and sorted sites for {@code role}: each a site of a study the server knows (422 naming the
     * unknown ones and the valid ones otherwise; site ids are not sensitive).
     */
    private static List<String> sites(Role role, List<String> sites, Set<String> known) {
        for (String site : sites) {
            if (site == null || !SITE.matcher(site).matches()) {
                throw ProblemException.invalid("sites must be site ids like KH-SVR.");
            }
        }
        if (role.siteScoped() && sites.isEmpty()) {
            throw ProblemException.invalid("role " + role.wire() + " needs at least one site.");
        }
        TreeSet<String> distinct = new TreeSet<>(sites);
        if (!distinct.isEmpty()) {
            TreeSet<String> unknown = new TreeSet<>(distinct);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw ProblemException.unprocessable("unknown-site", "Unknown site", "No study has the site "
                        + String.join(", ", unknown) + "; the sites are "
                        + (known.isEmpty() ? "(none: no study is loaded)" : String.join(", ", known)) + ".");
            }
        }
        return List.copyOf(distinct);
    }

    /** The sites of every study the server loaded, sorted (read before a write transaction, not inside it). */
    private Set<String> knownSites() {
        TreeSet<String> known = new TreeSet<>();
        studies.list().forEach(study -> study.sites().forEach(site -> known.add(site.site())));
        return known;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** A random password: 20 characters of base64url (120 bits). */
    static String newPassword() {
        return Secrets.newToken().substring(0, 20);
    }

    private record Valid(String username, Role role, List<String> sites, String email, List<String> languages) {
    }
}
