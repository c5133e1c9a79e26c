package org.fieldsafe.client.interview;

import java.util.Arrays;

/**
 * The rule for a new draft passphrase: typed twice, the same both times, at least {@value #MIN_LENGTH} characters,
 * and not of one kind only (at least two of: letters, digits, other characters such as spaces or punctuation).
 * A forgotten passphrase loses the draft, so a typo in it must be caught before the first answer is saved.
 */
public final class DraftPassphrase {
    public static final int MIN_LENGTH = 10;
    public static final String RULE = "at least " + MIN_LENGTH + " characters, mixing at least two of: letters,"
            + " digits, other characters (spaces, punctuation)";

    private DraftPassphrase() {
    }

    /** Checks a new passphrase and its confirmation; {@link IllegalArgumentException} names the rule broken. */
    public static void check(char[] first, char[] again) {
        if (first == null || first.length == 0) {
            throw new IllegalArgumentException("no draft passphrase given");
        }
        if (again != null && !Arrays.equals(first, again)) {
            throw new IllegalArgumentException("the two draft passphrases differ");
        }
        checkStrength(first);
    }

    /** Checks the strength alone (a passphrase given once, e.g. from the environment). */
    public static void checkStrength(char[] p) {
        int length = (int) new String(p).codePoints().count();
        boolean letters = false;
        boolean digits = false;
        boolean other = false;
        for (int i = 0; i < p.length; i++) {
            char c = p[i];
            if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                letters = true;
            } else if (Character.isDigit(c)) {
                digits = true;
            } else {
                other = true;
            }
        }
        int kinds = (letters ? 1 : 0) + (digits ? 1 : 0) + (other ? 1 : 0);
        if (length < MIN_LENGTH || kinds < 2) {
            throw new IllegalArgumentException("the draft passphrase is too weak: it needs " + RULE);
        }
    }
}
