package org.fieldsafe.core.util;

import java.util.Base64;

/** Base64 fields of request bodies, read by validators that answer a bad field with a problem of their own. */
public final class Base64Fields {
    private Base64Fields() {
    }

    /** The bytes of a standard base64 field, or null when it is missing or not base64. */
    public static byte[] decodeOrNull(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The standard base64 alphabet (RFC 4648 table 1), by character. */
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            ALPHABET[c] = true;
        }
    }

    /**
     * How many bytes a standard base64 field decodes to, or -1 when it is missing or not base64 (the same fields
     * {@link #decodeOrNull} refuses), without decoding it: one pass over its characters against the alphabet, then
     * the JDK decoder's rules for the end - padding is optional, ends the field, and completes the last unit
     * ({@code xx==}, {@code xxx=}); a last unit of one character is refused. For a field checked only for its size
     * (an upload's ciphertext: kilobytes per upload). Decoding it a kilobyte at a time (BENCHMARKS.md (t)) made the
     * parts' check 15 % of the server's samples once uploads no longer went through Jersey (BENCHMARKS.md (x)).
     */
    public static long decodedLength(String base64) {
        if (base64 == null) {
            return -1;
        }
        int data = base64.length();
        while (data > 0 && base64.charAt(data - 1) == '=') {
            data--;
        }
        for (int i = 0; i < data; i++) {
            char c = base64.charAt(i);
            if (c >= ALPHABET.length || !ALPHABET[c]) {
                return -1;
            }
        }
        int last = data % 4;
        boolean whole = switch (base64.length() - data) {
            case 0 -> last != 1;
            case 1 -> last == 3;
            case 2 -> last == 2;
            default -> false;
        };
        return whole ? (long) data / 4 * 3 + Math.max(0, last - 1) : -1;
    }
}
