package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 (RFC 2104) over UTF-8 text, lower-case hex: the keyed checks that are not respondent codes. */
public final class Macs {
    /** Length of a fresh key. */
    public static final int KEY_BYTES = 32;

    private Macs() {
    }

    /** HMAC-SHA256 of the UTF-8 of {@code message} under {@code key}, lower-case hex. */
    public static String hmacSha256Hex(byte[] key, String message) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an HMAC key is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every JVM", e);
        }
    }
}
