package org.fieldsafe.core.wire;

/** {@code POST /api/v1/devices/enrol}: a device exchanges a one-time code for a device token. */
public record DeviceEnrolRequest(String code, String deviceName) {
    @Override
    public String toString() {
        return "DeviceEnrolRequest[code=[REDACTED], deviceName=" + deviceName + "]";
    }
}
