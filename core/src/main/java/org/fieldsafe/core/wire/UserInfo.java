package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A person as {@code GET /api/v1/users} lists them; {@code email} is null when they have none; {@code disabled}
 * when an admin disabled them (they cannot log in).
 */
public record UserInfo(String username, String role, List<String> sites, Instant createdAt, String email,
                       boolean disabled) {
    @JsonCreator
    public UserInfo(@JsonProperty("username") String username, @JsonProperty("role") String role,
                    @JsonProperty("sites") List<String> sites, @JsonProperty("createdAt") Instant createdAt,
                    @JsonProperty("email") String email, @JsonProperty("disabled") boolean disabled) {
        this.username = username;
        this.role = role;
        this.sites = sites;
        this.createdAt = createdAt;
        this.email = email;
        this.disabled = disabled;
    }

    /** An enabled person. */
    public UserInfo(String username, String role, List<String> sites, Instant createdAt, String email) {
        this(username, role, sites, createdAt, email, false);
    }

    /** An enabled person without an e-mail address. */
    public UserInfo(String username, String role, List<String> sites, Instant createdAt) {
        this(username, role, sites, createdAt, null, false);
    }
}
