package org.fieldsafe.core.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code PUT /api/v1/users/{username}/role}: a person's role and sites (site-scoped roles need one).
 * {@code mode} {@code replace} (the default, also when null) sets the role and replaces the sites; {@code add}
 * keeps the person's role (a person has one; {@code role} may be null or must name it) and adds the sites.
 * {@code languages}: a transcriber's languages (needs one; refused for the other roles), replaced or, with
 * {@code add}, added like the sites.
 */
public record RoleChange(String role, List<String> sites, String mode, List<String> languages) {
    public static final String REPLACE = "replace";
    public static final String ADD = "add";

    @JsonCreator
    public RoleChange(@JsonProperty("role") String role, @JsonProperty("sites") List<String> sites,
                      @JsonProperty("mode") String mode, @JsonProperty("languages") List<String> languages) {
        this.role = role;
        this.sites = sites;
        this.mode = mode;
        this.languages = languages;
    }

    /** A change without languages. */
    public RoleChange(String role, List<String> sites, String mode) {
        this(role, sites, mode, null);
    }

    /** Replacing role and sites. */
    public RoleChange(String role, List<String> sites) {
        this(role, sites, null);
    }
}
