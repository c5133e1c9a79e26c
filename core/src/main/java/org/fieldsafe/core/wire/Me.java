package org.fieldsafe.core.wire;

import java.util.List;

/** {@code GET /api/v1/auth/me}: who the bearer token stands for. */
public record Me(String username, String role, List<String> sites) {
}
