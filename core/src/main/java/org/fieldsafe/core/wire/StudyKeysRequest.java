package org.fieldsafe.core.wire;

import java.util.List;

/**
 * {@code POST /api/v1/studies/{study}/keys}: the study's three public keys (research, safeguarding, identity),
 * each with its private key wrapped under its holder's passphrase, and the respondent-code key (base64 of 32
 * bytes). Generated on the admin's machine (docs/sealing.md); the server never sees a passphrase.
 */
public record StudyKeysRequest(List<Key> keys, String respondentCodeKey) {

    /**
     * One study key: {@code publicKey} base64 of the raw 32 bytes, {@code fingerprint} the SHA-256 (hex) of
     * those bytes, {@code wrappedPrivateKey} the wrapped private key's JSON text.
     */
    public record Key(String purpose, String algorithm, String publicKey, String fingerprint,
                      String wrappedPrivateKey) {
        @Override
        public String toString() {
            return "Key[purpose=" + purpose + ", algorithm=" + algorithm + ", fingerprint=" + fingerprint
                    + ", wrappedPrivateKey=[REDACTED]]";
        }
    }

    @Override
    public String toString() {
        return "StudyKeysRequest[keys=" + keys + ", respondentCodeKey=[REDACTED]]";
    }
}
