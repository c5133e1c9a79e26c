package org.fieldsafe.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.Me;
import org.fieldsafe.core.wire.PasswordChange;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.Database;
import org.jdbi.v3.core.Handle;

/** Login, logout, password changes and bearer-token lookup for people and devices. */
public final class AuthService {
    /** The shortest password a person may choose. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_LENGTH = 256;
    private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

    private final List<Consumer<String>> logoutListeners = new CopyOnWriteArrayList<>();
    private final Database database;
    private final PasswordHasher hasher;
    private final LoginLimits limits;
    private final HashingPermits hashing;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration tokenTtl;
    /** Unrevoked devices by token hash, until a revocation or for a short time (see {@link DeviceTokens}). */
    private final DeviceTokens devices;
    /** When this process last wrote each device's last-seen time (the cached rows keep the older value). */
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    public AuthService(Database database, PasswordHasher hasher, LoginLimits limits, HashingPermits hashing,
                       AuditLog audit, Clock clock, Duration tokenTtl, DeviceTokens devices) {
        this.database = database;
        this.hasher = hasher;
        this.limits = limits;
        this.hashing = hashing;
        this.audit = audit;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.devices = devices;
    }

    /**
     * Checks the password and issues a token; the same 401 for an unknown user and a wrong password. 429 when a
     * rate limit of {@link LoginLimits} is reached; 503 {@code login-busy} when no hashing turn comes in time.
     */
    public LoginResponse login(LoginRequest request, String address) {
        if (request.username() == null || request.username().isBlank() || request.password() == null) {
            throw ProblemException.invalid("username and password are required.");
        }
        String username = request.username();
        boolean plausible = UserService.USERNAME.matcher(username).matches();
        String limitName = plausible ? username : "(not a user name)";
        limits.check(limitName, address);
        Optional<UserRow> user = plausible
                ? database.read(h -> h.attach(UserDao.class).find(username)) : Optional.empty();
        boolean ok = hashing.run(() -> {
            if (user.isPresent()) {
                return hasher.verify(request.password(), user.get().passwordHash());
            }
            hasher.burn(request.password());
            return false;
        });
        boolean disabled = ok && user.get().disabledAt() != null;
        if (!ok || disabled) {
            limits.failed(limitName, address);
            audit.append(plausible ? username : "(not a user name)", "login.failed", "address:" + address
                    + (disabled ? " reason:disabled" : ""));
            throw new LoginFailedException();
        }
        limits.succeeded(limitName, address);
        UserRow row = user.get();
        return database.write(handle -> {
            handle.attach(SessionDao.class).deleteExpired(now());
            return newSession(handle, row, "login.succeeded", "address:" + address
                    + (row.mustChangePassword() ? " password.change.required" : ""));
        });
    }

    /**
     * A new session for {@code user} inside the caller's write transaction, audited as {@code event}; its token is
     * good only for changing the password while the user's password is one-time.
     */
    private LoginResponse newSession(Handle handle, UserRow user, String event, String subject) {
        String token = Secrets.newToken();
        Instant now = now();
        Instant expiresAt = now.plus(tokenTtl);
        handle.attach(SessionDao.class).insert(Digests.sha256Hex(token), user.username(), now, expiresAt);
        audit.append(handle, user.username(), event, subject);
        return new LoginResponse(token, expiresAt, user.username(), user.role(),
                handle.attach(UserDao.class).sites(user.username()), user.mustChangePassword());
    }

    /**
     * A person changes their own password: the current one (one-time or not) must match, the new one must be
     * {@value #MIN_PASSWORD_LENGTH} to 256 characters, differ from the current one and from the user name. Every
     * session of theirs ends, the one-time mark goes, and a fresh full session is returned; audited
     * {@code user.password.changed}. A wrong current password is 400 and counts as a failed login attempt.
     */
    public LoginResponse changePassword(FieldsafePrincipal principal, PasswordChange change, String address) {
        if (change == null || change.currentPassword() == null || change.newPassword() == null) {
            throw ProblemException.invalid("currentPassword and newPassword are required.");
        }
        String fresh = change.newPassword();
        if (fresh.length() < MIN_PASSWORD_LENGTH || fresh.length() > MAX_PASSWORD_LENGTH || fresh.isBlank()) {
            throw ProblemException.unprocessable("password-too-weak", "Password too weak", "The new password must be "
                    + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters long.");
        }
        if (fresh.equals(change.currentPassword()) || fresh.equalsIgnoreCase(principal.name())) {
            throw ProblemException.unprocessable("password-too-weak", "Password too weak",
                    "The new password must differ from the current password and from the user name.");
        }
        limits.check(principal.name(), address);
        UserRow user = database.read(h -> h.attach(UserDao.class).find(principal.name())).orElseThrow(() ->
                ProblemException.notFound("User"));
        if (!hashing.run(() -> hasher.verify(change.currentPassword(), user.passwordHash()))) {
            limits.failed(principal.name(), address);
            audit.append(principal.actor(), "user.password.change.failed", "user:" + principal.name());
            throw ProblemException.invalid("current-password-wrong", "Wrong current password",
                    "The current password is not right.");
        }
        limits.succeeded(principal.name(), address);
        String hash = hashing.run(() -> hasher.hash(fresh));
        return database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            users.updatePassword(user.username(), hash, 0);
            int sessions = handle.attach(SessionDao.class).deleteForUser(user.username());
            UserRow changed = users.find(user.username()).orElseThrow();
            return newSession(handle, changed, "user.password.changed", "user:" + user.username()
                    + (user.mustChangePassword() ? " one-time:replaced" : "") + " sessions.ended:" + sessions);
        });
    }

    public void logout(FieldsafePrincipal principal) {
        database.write(handle -> {
            handle.attach(SessionDao.class).delete(principal.tokenHash());
            audit.append(handle, principal.actor(), "logout", "user:" + principal.name());
            return null;
        });
        logoutListeners.forEach(l -> l.accept(principal.tokenHash()));
    }

    /** Called with a session's token hash when it logs out (what is held for a session in memory is forgotten). */
    public void onLogout(Consumer<String> listener) {
        logoutListeners.add(listener);
    }

    /** When a person's session ends (empty for a device or a session that is gone). */
    public Optional<Instant> sessionExpiry(FieldsafePrincipal principal) {
        if (principal.isDevice()) {
            return Optional.empty();
        }
        return database.read(h -> h.attach(SessionDao.class).find(principal.tokenHash())).map(SessionRow::expiresAt);
    }

    public Me me(FieldsafePrincipal principal) {
        return new Me(principal.name(), principal.role().wire(), principal.sites());
    }

    /** The principal a bearer token stands for, if it is a live session or an unrevoked device. */
    public Optional<FieldsafePrincipal> authenticate(String token) {
        String hash = Digests.sha256Hex(token);
        Instant now = now();
        // A device token seen lately and not revoked since (DeviceTokens) is answered from memory, whatever else was
        // written meanwhile; a device token is never also a session token.
        DeviceRow cached = devices.get(hash, now);
        if (cached != null) {
            return device(cached, hash, now);
        }
        long epoch = devices.epoch();
        // Session and device are looked up through one pooled connection.
        Lookup found = database.read(handle -> {
            Optional<SessionRow> session = handle.attach(SessionDao.class).find(hash);
            if (session.isPresent() && session.get().expiresAt().isAfter(now)) {
                UserDao users = handle.attach(UserDao.class);
                return new Lookup(users.find(session.get().username()).filter(user -> user.disabledAt() == null)
                        .flatMap(user -> Role.parse(user.role()).map(role -> new FieldsafePrincipal(user.username(),
                                role, users.sites(user.username()), hash, null, user.mustChangePassword()))),
                        Optional.empty());
            }
            return new Lookup(Optional.empty(), handle.attach(DeviceDao.class).findByTokenHash(hash));
        });
        if (found.person().isPresent()) {
            return found.person();
        }
        Optional<DeviceRow> device = found.device().filter(d -> d.revokedAt() == null);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        devices.put(hash, epoch, device.get(), now);
        return device(device.get(), hash, now);
    }

    private Optional<FieldsafePrincipal> device(DeviceRow d, String hash, Instant now) {
        Instant lastSeen = latest(d.lastSeenAt(), touched.get(d.id()));
        if (lastSeen == null || lastSeen.plus(LAST_SEEN_RESOLUTION).isBefore(now)) {
            touched.put(d.id(), now);
            // Last-seen is no part of what any cache holds: this write leaves the caches current.
            database.writeUncached(h -> h.attach(DeviceDao.class).touch(d.id(), now));
        }
        return Optional.of(new FieldsafePrincipal(d.enumerator(), Role.ENUMERATOR, List.of(d.site()),
                hash, new FieldsafePrincipal.Device(d.id(), d.studyId(), d.site(), d.enrolledAt())));
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private record Lookup(Optional<FieldsafePrincipal> person, Optional<DeviceRow> device) {
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
