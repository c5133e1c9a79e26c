package org.fieldsafe.server.export;

import java.time.Instant;

/** A row of {@code stable_code_grants}: a principal investigator's single-use permission for stable codes. */
public record StableCodeGrantRow(String id, String studyId, String reason, String grantedBy, Instant grantedAt,
                                 Instant expiresAt, String usedBy, Instant usedAt, String exportId) {
}
