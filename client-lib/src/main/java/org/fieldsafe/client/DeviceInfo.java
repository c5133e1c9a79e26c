package org.fieldsafe.client;

import java.net.URI;
import java.time.Instant;

/** The enrolled device as callers see it. It holds no secret: the device token stays in the store. */
public record DeviceInfo(URI server, String deviceId, String study, String site, String enumerator,
                         String deviceName, Instant enrolledAt) {
}
