package org.fieldsafe.core.wire;

import java.util.List;

/**
 * What a device receives on enrolment. The token is shown once; the server keeps only its hash. {@code keys}:
 * the study's public keys and the server's receipt key, whose fingerprints the device pins;
 * {@code respondentCodeKey}: the study's respondent-code key (base64 of 32 bytes), null while the study has
 * no keys.
 */
public record DeviceEnrolment(String deviceId, String deviceToken, String study, String site, String enumerator,
                              List<Manifest.StudyKey> keys, String respondentCodeKey) {

    @Override
    public String toString() {
        return "DeviceEnrolment[deviceId=" + deviceId + ", deviceToken=[REDACTED], study=" + study
                + ", site=" + site + ", enumerator=" + enumerator + ", keys=" + keys
                + ", respondentCodeKey=[REDACTED]]";
    }
}
