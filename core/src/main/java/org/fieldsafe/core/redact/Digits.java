package org.fieldsafe.core.redact;

/**
 * Native decimal digits (Bengali, Devanagari, Khmer, Thai, ...) mapped to ASCII 0-9. Each digit is one UTF-16
 * unit in and out, so positions in the normalised text equal positions in the original.
 */
public final class Digits {
    /**
     * Every UTF-16 unit as {@link #toAscii} writes it, worked out once: a table look-up per unit instead of
     * {@link Character#isDigit} (the export scans every free text it writes).
     */
    private static final char[] ASCII = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            ASCII[c] = ascii((char) c);
        }
    }

    private Digits() {
    }

    public static String toAscii(String s) {
        char[] b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char a = ASCII[c];
            if (a != c) {
                if (b == null) {
                    b = s.toCharArray();
                }
                b[i] = a;
            }
        }
        return b == null ? s : new String(b);
    }

    /** One UTF-16 unit: a native decimal digit (not half of a surrogate pair) as ASCII, anything else as it is. */
    static char ascii(char c) {
        return c > '9' && Character.isDigit(c) && !Character.isSurrogate(c) ? (char) ('0' + Character.digit(c, 10)) : c;
    }
}
