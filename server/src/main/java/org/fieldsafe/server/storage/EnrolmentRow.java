package org.fieldsafe.server.storage;

import java.time.Instant;

/** A row of {@code enrolment_codes}: a one-time code, by its SHA-256. */
public record EnrolmentRow(String id, String codeHash, String studyId, String site, String enumerator,
                           String createdBy, Instant createdAt, Instant expiresAt, Instant usedAt,
                           Instant revokedAt, String deviceId) {

    /** {@code active}, {@code used}, {@code revoked} or {@code expired} at {@code now}. */
    public String state(Instant now) {
        if (usedAt != null) {
            return "used";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(expiresAt) ? "active" : "expired";
    }
}
