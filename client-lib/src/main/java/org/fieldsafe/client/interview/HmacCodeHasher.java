package org.fieldsafe.client.interview;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of the UTF-8 code under the study's respondent-code key, in lower-case hex. */
public final class HmacCodeHasher implements CodeHasher {
    private final byte[] key;

    public HmacCodeHasher(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the respondent-code key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    @Override
    public String hash(String respondentCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(respondentCode.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "HmacCodeHasher[key=[REDACTED]]";
    }
}
