package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A person as {@code GET /api/v1/users} lists them; {@code email} is null when they have none; {@code disabled}
 * when an admin disabled them (they cannot log in); {@code languages} those a transcriber works in (empty for the
 * other roles).
 */
public record UserInfo(String username, String role, List<String> sites, Instant createdAt, String email,
                       boolean disabled, List<String> languages) {
    @JsonCreator
    public UserInfo(@JsonProperty("username") String username, @JsonProperty("role") String role,
                    @JsonProperty("sites") List<String> sites, @JsonProperty("createdAt") Instant createdAt,
                    @JsonProperty("email") String email, @JsonProperty("disabled") boolean disabled,
                    @JsonProperty("languages") List<String> languages) {
        this.username = username;
        this.role = role;
        this.sites = sites;
        this.createdAt = createdAt;
        this.email = email;
        this.disabled = disabled;
        this.languages = languages == null ? List.of() : languages;
    }

    /** A person without languages. */
    public UserInfo(String username, String role, List<String> sites, Instant createdAt, String email,
                    boolean disabled) {
        this(username, role, sites, createdAt, email, disabled, List.of());
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
