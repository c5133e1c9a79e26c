package org.fieldsafe.core.expr;

/** A syntax error in an expression; {@link #column()} is 1-based. */
public class ExpressionException extends Exception {
    private final int column;
    private final String detail;

    public ExpressionException(String detail, int column) {
        super(detail + " at column " + column);
        this.detail = detail;
        this.column = column;
    }

    public int column() {
        return column;
    }

    /** The message without the column. */
    public String detail() {
        return detail;
    }
}
