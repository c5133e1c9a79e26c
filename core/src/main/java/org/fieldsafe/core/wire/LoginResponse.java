package org.fieldsafe.core.wire;

import java.time.Instant;
import java.util.List;

/** A person's bearer token and who it stands for. */
public record LoginResponse(String token, Instant expiresAt, String username, String role, List<String> sites) {
    @Override
    public String toString() {
        return "LoginResponse[token=[REDACTED], expiresAt=" + expiresAt + ", username=" + username
                + ", role=" + role + ", sites=" + sites + "]";
    }
}
