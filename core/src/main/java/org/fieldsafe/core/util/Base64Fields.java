package org.fieldsafe.core.util;

import java.io.IOException;
import java.io.InputStream;
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
     * How many bytes a standard base64 field decodes to, or -1 when it is missing or not base64 (the same fields
     * {@link #decodeOrNull} refuses), without keeping the decoded bytes: the JDK's decoder reads the field's
     * characters as a stream and its output goes through a small buffer. For a field checked only for its size
     * (an upload's ciphertext: kilobytes per upload, BENCHMARKS.md section (n)).
     */
    public static long decodedLength(String base64) {
        if (base64 == null || !paddingOnlyAtTheEnd(base64)) {
            return -1;
        }
        byte[] buffer = new byte[256];
        long length = 0;
        try (InputStream decoded = Base64.getDecoder().wrap(new Chars(base64))) {
            int n;
            while ((n = decoded.read(buffer)) >= 0) {
                length += n;
            }
        } catch (IOException e) {
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

    /** The characters of a string as bytes, one each; a character beyond ASCII becomes a byte base64 refuses. */
    private static final class Chars extends InputStream {
        private static final int NOT_BASE64 = '!';
        private final String text;
        private int position;

        Chars(String text) {
            this.text = text;
        }

        @Override
        public int read() {
            return position < text.length() ? ascii(text.charAt(position++)) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= text.length()) {
                return -1;
            }
            int n = Math.min(len, text.length() - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ascii(text.charAt(position++));
            }
            return n;
        }

        private static int ascii(char c) {
            return c < 128 ? c : NOT_BASE64;
        }
    }
}
