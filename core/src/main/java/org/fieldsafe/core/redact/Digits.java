package org.fieldsafe.core.redact;

/**
 * Native decimal digits (Bengali, Devanagari, Khmer, Thai, ...) mapped to ASCII 0-9. Each digit is one UTF-16
 * unit in and out, so positions in the normalised text equal positions in the original.
 */
public final class Digits {
    private Digits() {
    }

    public static String toAscii(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > '9' && Character.isDigit(c) && !Character.isSurrogate(c)) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) ('0' + Character.digit(c, 10)));
            }
        }
        return b == null ? s : b.toString();
    }
}
