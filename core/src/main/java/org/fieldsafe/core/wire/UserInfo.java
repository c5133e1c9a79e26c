package org.fieldsafe.core.wire;

import java.time.Instant;
import java.util.List;

/** A person as {@code GET /api/v1/users} lists them. */
public record UserInfo(String username, String role, List<String> sites, Instant createdAt) {
}
