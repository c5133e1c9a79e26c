package org.fieldsafe.core.expr;

/** A lexical token; {@code column} is 1-based. */
record Token(Kind kind, String text, int column) {

    enum Kind { NUMBER, STRING, REFERENCE, SELF, WORD, OPERATOR, LPAREN, RPAREN, COMMA, END }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }
}
