package org.fieldsafe.core.wire;

import java.util.List;

/** {@code PUT /api/v1/users/{username}/role}: a person's new role and sites (site-scoped roles need one). */
public record RoleChange(String role, List<String> sites) {
}
