package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /api/v1/users}: an admin creates a person with one role and, for site-scoped roles, sites; optionally
 * a work e-mail address for referral notifications (null: none); for a transcriber, the language codes they work in
 * ({@code languages}, required for that role, null or empty otherwise).
 */
public record NewUserRequest(String username, String role, List<String> sites, String email, List<String> languages) {
    @JsonCreator
    public NewUserRequest(@JsonProperty("username") String username, @JsonProperty("role") String role,
                          @JsonProperty("sites") List<String> sites, @JsonProperty("email") String email,
                          @JsonProperty("languages") List<String> languages) {
        this.username = username;
        this.role = role;
        this.sites = sites;
        this.email = email;
        this.languages = languages;
    }

    /** Without languages. */
    public NewUserRequest(String username, String role, List<String> sites, String email) {
        this(username, role, sites, email, null);
    }

    /** Without an e-mail address. */
    public NewUserRequest(String username, String role, List<String> sites) {
        this(username, role, sites, null);
    }
}
