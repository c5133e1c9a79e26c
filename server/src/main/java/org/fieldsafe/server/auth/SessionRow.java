package org.fieldsafe.server.auth;

import java.time.Instant;

/** A row of {@code sessions}: a person's login token, by its SHA-256. */
public record SessionRow(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
}
