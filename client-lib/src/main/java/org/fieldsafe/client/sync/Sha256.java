package org.fieldsafe.client.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, the form of every hash in the Fieldsafe protocol. */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** True when {@code value} looks like a SHA-256 in hex (either case). */
    public static boolean isHex(String value) {
        return value != null && value.matches("[0-9a-fA-F]{64}");
    }
}
