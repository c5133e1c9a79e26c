package org.fieldsafe.core.expr;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regex(value, pattern)} as ODK's engine evaluates it: true when the pattern (a Java regular expression)
 * is found in the value as text, so a whole-value match is written with {@code ^...$}. The pattern comes from the
 * form and the value from a respondent, so a match may read the value at most {@value #MAX_STEPS} times: a pattern
 * that backtracks catastrophically gives an error value instead of hanging the device.
 */
final class Regex {
    static final int MAX_STEPS = 1_000_000;

    private Regex() {
    }

    /** A pattern given as a literal is compiled when the expression is parsed, so a form with a bad one is refused. */
    static void checkPattern(String pattern, int column) throws ExpressionException {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ExpressionException("regex() pattern is not a regular expression: " + e.getDescription(),
                    column);
        }
    }

    static Value find(Value value, Value pattern) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern.asText());
        } catch (PatternSyntaxException e) {
            return new Value.Error("regex() pattern is not a regular expression: " + e.getDescription());
        }
        try {
            return Value.bool(compiled.matcher(new Budgeted(value.asText())).find());
        } catch (StepsExceeded e) {
            return new Value.Error("regex() gave up after " + MAX_STEPS + " steps");
        }
    }

    private static final class StepsExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepsExceeded() {
            super(null, null, false, false);
        }
    }

    /** The value as the matcher reads it, counting every character read. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final int[] steps;

        Budgeted(String text) {
            this(text, new int[1]);
        }

        private Budgeted(String text, int[] steps) {
            this.text = text;
            this.steps = steps;
        }

        @Override
        public char charAt(int index) {
            if (++steps[0] > MAX_STEPS) {
                throw new StepsExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), steps);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
