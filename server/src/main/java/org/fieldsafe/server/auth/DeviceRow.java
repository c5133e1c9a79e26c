package org.fieldsafe.server.auth;

import java.time.Instant;

/** A row of {@code devices}: an enrolled field device, its token by SHA-256. */
public record DeviceRow(String id, String tokenHash, String name, String studyId, String site, String enumerator,
                        String enrolmentId, Instant enrolledAt, Instant revokedAt, Instant lastSeenAt) {
}
