package org.fieldsafe.server.export;

import java.time.Instant;

/**
 * A row of {@code audio_export_grants}: a principal investigator's permission for one user to include the study's
 * recordings in QDPX exports until {@code expiresAt}, unless revoked.
 */
public record AudioGrantRow(String id, String studyId, String grantee, String reason, String grantedBy,
                            Instant grantedAt, Instant expiresAt, String revokedBy, Instant revokedAt) {

    /** Usable at {@code now}: neither revoked nor expired. */
    boolean live(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
