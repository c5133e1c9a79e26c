package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A person's bearer token and who it stands for. {@code passwordChangeRequired}: the password was a one-time
 * password, and the token is good only for {@code POST /api/v1/auth/password} (and logout, me) until it is changed.
 */
public record LoginResponse(String token, Instant expiresAt, String username, String role, List<String> sites,
                            boolean passwordChangeRequired) {
    @JsonCreator
    public LoginResponse(@JsonProperty("token") String token, @JsonProperty("expiresAt") Instant expiresAt,
                         @JsonProperty("username") String username, @JsonProperty("role") String role,
                         @JsonProperty("sites") List<String> sites,
                         @JsonProperty("passwordChangeRequired") boolean passwordChangeRequired) {
        this.token = token;
        this.expiresAt = expiresAt;
        this.username = username;
        this.role = role;
        this.sites = sites;
        this.passwordChangeRequired = passwordChangeRequired;
    }

    /** A full session. */
    public LoginResponse(String token, Instant expiresAt, String username, String role, List<String> sites) {
        this(token, expiresAt, username, role, sites, false);
    }

    @Override
    public String toString() {
        return "LoginResponse[token=[REDACTED], expiresAt=" + expiresAt + ", username=" + username
                + ", role=" + role + ", sites=" + sites + ", passwordChangeRequired=" + passwordChangeRequired + "]";
    }
}
