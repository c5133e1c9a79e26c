package org.fieldsafe.core.wire;

import java.time.Instant;

/**
 * A principal investigator's grant of audio in QDPX exports (docs/api.md, "Audio grants"), as
 * {@code POST /studies/{s}/exports/audio-grants} answers it and {@code GET} lists it: user ids and a reason code,
 * never names. {@code state}: {@code live}, {@code expired} or {@code revoked}.
 */
public record AudioGrant(String id, String study, String user, String reason, String grantedBy, Instant grantedAt,
                         Instant expiresAt, String state, String revokedBy, Instant revokedAt) {

    /** The body of {@code POST /studies/{s}/exports/audio-grants}: the grantee's user id, a reason code, days. */
    public record Request(String user, String reason, Integer days) {
    }
}
