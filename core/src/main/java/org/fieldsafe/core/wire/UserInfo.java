package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A person as {@code GET /api/v1/users} lists them; {@code email} is null when they have none. */
public record UserInfo(String username, String role, List<String> sites, Instant createdAt, String email) {
    @JsonCreator
    public UserInfo(@JsonProperty("username") String username, @JsonProperty("role") String role,
                    @JsonProperty("sites") List<String> sites, @JsonProperty("createdAt") Instant createdAt,
                    @JsonProperty("email") String email) {
        this.username = username;
        this.role = role;
        this.sites = sites;
        this.createdAt = createdAt;
        this.email = email;
    }

    /** Without an e-mail address. */
    public UserInfo(String username, String role, List<String> sites, Instant createdAt) {
        this(username, role, sites, createdAt, null);
    }
}
