package org.fieldsafe.core.wire;

import java.time.Instant;

/** The one-time enrolment code, shown once to the coordinator who created it. */
public record EnrolmentCode(String id, String code, String study, String site, String enumerator, Instant expiresAt) {
}
