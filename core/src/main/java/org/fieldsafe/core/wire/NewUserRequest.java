package org.fieldsafe.core.wire;

import java.util.List;

/** {@code POST /api/v1/users}: an admin creates a person with one role and, for site-scoped roles, sites. */
public record NewUserRequest(String username, String role, List<String> sites) {
}
