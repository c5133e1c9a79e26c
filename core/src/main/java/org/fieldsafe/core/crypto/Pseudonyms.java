package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-export pseudonyms: {@code prefix + first 12 hex digits of HMAC-SHA256(secret, kind + ":" + value)} under a
 * fresh random 32-byte secret that is never stored or written. The same value gets the same pseudonym within
 * one export (one instance); two exports share nothing. Thread-safe: each call uses its own {@link Mac}.
 */
public final class Pseudonyms implements AutoCloseable {
    private static final int SECRET_BYTES = 32;
    private static final int HEX_DIGITS = 12;

    private final byte[] secret;

    public Pseudonyms() {
        this.secret = Secrets.randomBytes(SECRET_BYTES);
    }

    /** The pseudonym of {@code value} of the given {@code kind} (e.g. respondent, interview), with a prefix. */
    public String of(String prefix, String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(tag).substring(0, HEX_DIGITS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Zeroes the secret; no pseudonym can be computed (or recomputed) afterwards. */
    @Override
    public void close() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "Pseudonyms[REDACTED]";
    }
}
