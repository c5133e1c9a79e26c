package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of respondent codes (docs/sealing.md): a header carries {@code HMAC-SHA256(key, UTF-8(code))} in
 * lower-case hex under the study's 32-byte respondent-code key, so a withdrawal can find every submission of a
 * code without the server storing codes. The code is trimmed of surrounding white space; its case is kept.
 */
public final class RespondentCodes {
    /** Length of a respondent-code key. */
    public static final int KEY_BYTES = 32;

    private RespondentCodes() {
    }

    /** A fresh random respondent-code key. */
    public static byte[] newKey() {
        return Secrets.randomBytes(KEY_BYTES);
    }

    /** The keyed hash of {@code code}: HMAC-SHA256 over the UTF-8 of the trimmed code, lower-case hex. */
    public static String hash(byte[] key, String code) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("a respondent-code key is required");
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a respondent code is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(code.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every JVM", e);
        }
    }

    /** True when {@code codeHash} is the hash of {@code code} under {@code key}; compared in constant time. */
    public static boolean matches(byte[] key, String code, String codeHash) {
        return codeHash != null && MessageDigest.isEqual(hash(key, code).getBytes(StandardCharsets.US_ASCII),
                codeHash.getBytes(StandardCharsets.US_ASCII));
    }
}
