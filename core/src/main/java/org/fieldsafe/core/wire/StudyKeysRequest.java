package org.fieldsafe.core.wire;

import java.util.List;

/**
 * {@code POST /api/v1/studies/{study}/keys}: the study's three public keys (research, safeguarding, identity),
 * each with its private key wrapped for its first holder under a one-time secret (a pending copy that the holder
 * turns into their own by setting their passphrase), and the respondent-code key (base64 of 32 bytes). Generated on
 * the admin's machine (docs/sealing.md); no holder's passphrase is set or sent here.
 */
public record StudyKeysRequest(List<Key> keys, String respondentCodeKey) {

    /**
     * One study key: {@code publicKey} base64 of the raw 32 bytes, {@code fingerprint} the SHA-256 (hex) of
     * those bytes, {@code wrappedPrivateKey} the private key's JSON text wrapped under a one-time secret,
     * {@code holder} the username of the first holder (whose role study.yaml's {@code key_holders} names for the
     * purpose) whose pending copy it becomes.
     */
    public record Key(String purpose, String algorithm, String publicKey, String fingerprint,
                      String wrappedPrivateKey, String holder) {
        @Override
        public String toString() {
            return "Key[purpose=" + purpose + ", algorithm=" + algorithm + ", fingerprint=" + fingerprint
                    + ", holder=" + holder + ", wrappedPrivateKey=[REDACTED]]";
        }
    }

    @Override
    public String toString() {
        return "StudyKeysRequest[keys=" + keys + ", respondentCodeKey=[REDACTED]]";
    }
}
