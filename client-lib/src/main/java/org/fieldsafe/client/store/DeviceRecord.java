package org.fieldsafe.client.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The enrolled device as stored locally, including its secret token. {@link #toString()} redacts the
 * token; never print or log {@link #deviceToken()}.
 */
public record DeviceRecord(URI server, String deviceId, String deviceToken, String study, String site,
                           String enumerator, String deviceName, Instant enrolledAt) {
    public DeviceRecord {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceToken, "deviceToken");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
    }

    @Override
    public String toString() {
        return "DeviceRecord[server=" + server + ", deviceId=" + deviceId + ", deviceToken=[REDACTED], study="
                + study + ", site=" + site + ", enumerator=" + enumerator + ", deviceName=" + deviceName
                + ", enrolledAt=" + enrolledAt + "]";
    }
}
