package org.fieldsafe.server.keys;

import java.time.Instant;

/** A row of {@code server_keys}: one of the server's own key pairs, raw keys as base64. */
public record ServerKeyRow(String purpose, String algorithm, String publicKey, String privateKey, String fingerprint,
                           Instant createdAt) {
    @Override
    public String toString() {
        return "ServerKeyRow[purpose=" + purpose + ", algorithm=" + algorithm + ", fingerprint=" + fingerprint
                + ", privateKey=[REDACTED]]";
    }
}
