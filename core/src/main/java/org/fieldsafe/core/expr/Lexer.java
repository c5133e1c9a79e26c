package org.fieldsafe.core.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. */
final class Lexer {
    private final String src;
    private int pos;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) throws ExpressionException {
        return new Lexer(src).run();
    }

    private List<Token> run() throws ExpressionException {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.END, "", pos + 1));
                return out;
            }
            out.add(next());
        }
    }

    private Token next() throws ExpressionException {
        int start = pos;
        char c = src.charAt(pos);
        int col = start + 1;
        if (c == '$') {
            return reference(col);
        }
        if (c == '\'' || c == '"') {
            return string(c, col);
        }
        if (Character.isDigit(c)) {
            return number(col);
        }
        if (isWordStart(c)) {
            while (pos < src.length() && isWordPart(src.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.WORD, src.substring(start, pos), col);
        }
        pos++;
        switch (c) {
            case '.':
                return new Token(Token.Kind.SELF, ".", col);
            case '(':
                return new Token(Token.Kind.LPAREN, "(", col);
            case ')':
                return new Token(Token.Kind.RPAREN, ")", col);
            case ',':
                return new Token(Token.Kind.COMMA, ",", col);
            case '=': case '+': case '-': case '*':
                return new Token(Token.Kind.OPERATOR, String.valueOf(c), col);
            case '!':
                if (pos < src.length() && src.charAt(pos) == '=') {
                    pos++;
                    return new Token(Token.Kind.OPERATOR, "!=", col);
                }
                throw new ExpressionException("'!' must be followed by '='", col);
            case '<': case '>':
                if (pos < src.length() && src.charAt(pos) == '=') {
                    pos++;
                    return new Token(Token.Kind.OPERATOR, c + "=", col);
                }
                return new Token(Token.Kind.OPERATOR, String.valueOf(c), col);
            default:
                throw new ExpressionException("unexpected character '" + c + "'", col);
        }
    }

    private Token reference(int col) throws ExpressionException {
        if (pos + 1 >= src.length() || src.charAt(pos + 1) != '{') {
            throw new ExpressionException("'$' must be followed by '{'", col);
        }
        int close = src.indexOf('}', pos + 2);
        if (close < 0) {
            throw new ExpressionException("missing '}' after '${'", col);
        }
        String id = src.substring(pos + 2, close).strip();
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new ExpressionException("invalid question id '" + id + "'", col);
        }
        pos = close + 1;
        return new Token(Token.Kind.REFERENCE, id, col);
    }

    private Token string(char quote, int col) throws ExpressionException {
        int close = src.indexOf(quote, pos + 1);
        if (close < 0) {
            throw new ExpressionException("unterminated text literal", col);
        }
        String text = src.substring(pos + 1, close);
        pos = close + 1;
        return new Token(Token.Kind.STRING, text, col);
    }

    private Token number(int col) throws ExpressionException {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            if (pos >= src.length() || !Character.isDigit(src.charAt(pos))) {
                throw new ExpressionException("a digit must follow the decimal point", pos + 1);
            }
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && isWordStart(src.charAt(pos))) {
            throw new ExpressionException("unexpected character '" + src.charAt(pos) + "' after number", pos + 1);
        }
        return new Token(Token.Kind.NUMBER, src.substring(start, pos), col);
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || Character.isDigit(c) || c == '-';
    }
}
