package org.fieldsafe.server.auth;

import java.time.Instant;

/**
 * A row of {@code users}. The password hash is an encoded Argon2id hash; {@code email} null when none;
 * {@code mustChangePassword} while the password is a one-time password; {@code disabledAt} null while enabled.
 */
public record UserRow(String username, String role, String passwordHash, Instant createdAt, String email,
                      boolean mustChangePassword, Instant disabledAt) {
    @Override
    public String toString() {
        return "UserRow[username=" + username + ", role=" + role + ", passwordHash=[REDACTED], createdAt="
                + createdAt + ", email=" + (email == null ? "none" : "[set]") + ", mustChangePassword=" + mustChangePassword
                + ", disabledAt=" + disabledAt + "]";
    }
}
