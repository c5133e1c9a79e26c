package org.fieldsafe.core.wire;

import java.time.Instant;

/** An enrolled device as coordinators see it. */
public record DeviceInfo(String deviceId, String study, String site, String enumerator, Instant enrolledAt,
                         Instant revokedAt, Instant lastSeenAt) {
}
