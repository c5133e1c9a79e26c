package org.fieldsafe.core.wire;

import java.time.Instant;

/** An enrolment code as listed (never the code itself). {@code state}: active, used, revoked or expired. */
public record EnrolmentInfo(String id, String study, String site, String enumerator, Instant expiresAt,
                            String state) {
}
