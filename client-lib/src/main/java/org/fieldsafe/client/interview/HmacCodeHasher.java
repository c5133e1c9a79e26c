package org.fieldsafe.client.interview;

import org.fieldsafe.core.crypto.RespondentCodes;

/** HMAC-SHA256 of the (trimmed) code under the study's respondent-code key, in hex: core's {@link RespondentCodes}. */
public final class HmacCodeHasher implements CodeHasher {
    private final byte[] key;

    public HmacCodeHasher(byte[] key) {
        if (key == null || key.length != RespondentCodes.KEY_BYTES) {
            throw new IllegalArgumentException("the respondent-code key must have " + RespondentCodes.KEY_BYTES
                    + " bytes");
        }
        this.key = key.clone();
    }

    @Override
    public String hash(String respondentCode) {
        return RespondentCodes.hash(key, respondentCode);
    }

    @Override
    public String toString() {
        return "HmacCodeHasher[key=[REDACTED]]";
    }
}
