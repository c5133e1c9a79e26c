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

    /**
     * Characters decoded at a time by {@link #decodedLength}: whole quads, so every chunk but the last is
     * padding-free.
     */
    private static final int CHUNK_CHARS = 1024;

    /**
     * How many bytes a standard base64 field decodes to, or -1 when it is missing or not base64 (the same fields
     * {@link #decodeOrNull} refuses), without keeping the decoded bytes: the field goes through the JDK's decoder a
     * kilobyte at a time, into one small buffer. For a field checked only for its size (an upload's ciphertext:
     * kilobytes per upload, BENCHMARKS.md sections (n) and (t)). The decoder's block method, not its stream
     * ({@link Base64.Decoder#wrap}), which took a character at a time and cost 0.15-0.25 ms for 12 KB of field.
     */
    public static long decodedLength(String base64) {
        if (base64 == null || !paddingOnlyAtTheEnd(base64)) {
            return -1;
        }
        Base64.Decoder decoder = Base64.getDecoder();
        byte[] chunk = new byte[CHUNK_CHARS];
        byte[] decoded = new byte[CHUNK_CHARS / 4 * 3];
        long length = 0;
        int at = 0;
        try {
            // whole chunks: no padding inside (checked above), so each decodes to exactly 3/4 of its characters
            for (; base64.length() - at > CHUNK_CHARS; at += CHUNK_CHARS) {
                ascii(base64, at, chunk);
                length += decoder.decode(chunk, decoded);
            }
            byte[] last = new byte[base64.length() - at];
            ascii(base64, at, last);
            length += decoder.decode(last, decoded);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return length;
    }

    /**
     * The decoder's stream stops at the padding and leaves what follows unread, where {@link Base64.Decoder#decode}
     * refuses it: padding, if any, must end the field, and then the field is whole quads.
     */
    private static boolean paddingOnlyAtTheEnd(String base64) {
        int padding = base64.indexOf('=');
        if (padding < 0) {
            return true;
        }
        if (base64.length() % 4 != 0 || padding < base64.length() - 2) {
            return false;
        }
        return padding == base64.length() - 1 || base64.charAt(padding + 1) == '=';
    }

    /**
     * {@code out.length} characters of {@code text} from {@code from} as bytes; one beyond ASCII becomes a byte
     * base64 refuses.
     */
    private static void ascii(String text, int from, byte[] out) {
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(from + i);
            out[i] = (byte) (c < 128 ? c : '!');
        }
    }
}
