package org.fieldsafe.core.wire;

/**
 * An ODK Collect "app user" made at enrolment (POST /openrosa/app-users): an enrolled device whose username is its
 * device id and whose password is its device token, shown once. {@code settings} is ODK Collect's settings payload
 * (base64 of zlib-compressed JSON with the server URL, username and password) and {@code qrSvg} its QR code.
 */
public record OdkAppUser(String deviceId, String study, String site, String enumerator, String serverUrl,
                         String username, String password, String settings, String qrSvg) {
    @Override
    public String toString() {
        return "OdkAppUser[deviceId=" + deviceId + ", study=" + study + ", site=" + site + ", enumerator=" + enumerator
                + ", serverUrl=" + serverUrl + ", password=[REDACTED], settings=[REDACTED]]";
    }
}
