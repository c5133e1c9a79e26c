package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 as lower-case hex: the form of every hash in the Fieldsafe protocol (forms, studies, tokens). */
public final class Digests {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /**
     * Copied for each hash: {@code MessageDigest.getInstance} looks the algorithm up among the providers at every
     * call (half of the cost of hashing an upload's envelope, BENCHMARKS.md (t)); a copy of a fresh digest is the
     * same fresh digest.
     */
    private static final MessageDigest SHA256 = newSha256();

    private Digests() {
    }

    public static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(sha256().digest(data));
    }

    /** A fresh SHA-256 digest, for one hash. */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The SHA-256 of the UTF-8 bytes of {@code value}. */
    public static String sha256Hex(String value) {
        return sha256Hex(value.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code value} looks like a SHA-256 in hex (either case). */
    public static boolean isSha256Hex(String value) {
        return value != null && SHA256_HEX.matcher(value).matches();
    }
}
