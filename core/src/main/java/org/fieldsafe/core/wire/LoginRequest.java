package org.fieldsafe.core.wire;

/** {@code POST /api/v1/auth/login}. The password is never logged; {@link #toString()} redacts it. */
public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=[REDACTED]]";
    }
}
