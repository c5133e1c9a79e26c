package org.fieldsafe.core.wire;

/** What a device receives on enrolment. The token is shown once; the server keeps only its hash. */
public record DeviceEnrolment(String deviceId, String deviceToken, String study, String site, String enumerator) {
    @Override
    public String toString() {
        return "DeviceEnrolment[deviceId=" + deviceId + ", deviceToken=[REDACTED], study=" + study
                + ", site=" + site + ", enumerator=" + enumerator + "]";
    }
}
