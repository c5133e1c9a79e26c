package org.fieldsafe.core.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser. Grammar, lowest precedence first:
 * <pre>
 * or      := and ('or' and)*
 * and     := compare ('and' compare)*
 * compare := sum (('=' | '!=' | '<' | '<=' | '>' | '>=') sum)?
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | 'div' | 'mod') unary)*
 * unary   := '-' unary | primary
 * primary := number | text | 'true' | 'false' | '${' id '}' | '.' | '(' or ')' | function '(' args ')'
 * </pre>
 * An expression has at most {@value #MAX_TOKENS} tokens and nests parentheses, function calls and minus signs at most
 * {@value #MAX_NESTING} deep, so that neither parsing nor evaluating it can exhaust the stack.
 */
final class Parser {
    private static final Map<String, Integer> ARITY = Map.ofEntries(Map.entry("not", 1), Map.entry("selected", 2),
            Map.entry("count-selected", 1), Map.entry("string-length", 1), Map.entry("today", 0),
            Map.entry("age-in-years", 1), Map.entry("regex", 2), Map.entry("selected-at", 2),
            Map.entry("coalesce", 2), Map.entry("if", 3));
    private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", "<=", ">", ">=");
    static final int MAX_TOKENS = 1000;
    static final int MAX_NESTING = 100;

    private final List<Token> tokens;
    private int pos;
    private int nesting;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Node parse(String source) throws ExpressionException {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("empty expression", 1);
        }
        List<Token> tokens = Lexer.tokens(source);
        if (tokens.size() > MAX_TOKENS + 1) {
            throw new ExpressionException("expression too long (more than " + MAX_TOKENS + " tokens)",
                    tokens.get(MAX_TOKENS).column());
        }
        Parser p = new Parser(tokens);
        Node n = p.or();
        Token t = p.peek();
        if (t.kind() != Token.Kind.END) {
            throw new ExpressionException("unexpected '" + t.text() + "'", t.column());
        }
        return n;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token take() {
        return tokens.get(pos++);
    }

    private boolean word(String w) {
        if (peek().is(Token.Kind.WORD, w)) {
            pos++;
            return true;
        }
        return false;
    }

    private Node or() throws ExpressionException {
        Node left = and();
        while (word("or")) {
            left = new Node.Binary("or", left, and());
        }
        return left;
    }

    private Node and() throws ExpressionException {
        Node left = compare();
        while (word("and")) {
            left = new Node.Binary("and", left, compare());
        }
        return left;
    }

    private Node compare() throws ExpressionException {
        Node left = sum();
        Token t = peek();
        if (t.kind() == Token.Kind.OPERATOR && COMPARISONS.contains(t.text())) {
            pos++;
            Node right = sum();
            Token after = peek();
            if (after.kind() == Token.Kind.OPERATOR && COMPARISONS.contains(after.text())) {
                throw new ExpressionException("comparisons cannot be chained; use 'and'", after.column());
            }
            return new Node.Binary(t.text(), left, right);
        }
        return left;
    }

    private Node sum() throws ExpressionException {
        Node left = product();
        while (peek().is(Token.Kind.OPERATOR, "+") || peek().is(Token.Kind.OPERATOR, "-")) {
            String op = take().text();
            left = new Node.Binary(op, left, product());
        }
        return left;
    }

    private Node product() throws ExpressionException {
        Node left = unary();
        while (true) {
            Token t = peek();
            if (t.is(Token.Kind.OPERATOR, "*") || t.is(Token.Kind.WORD, "div") || t.is(Token.Kind.WORD, "mod")) {
                pos++;
                left = new Node.Binary(t.text(), left, unary());
            } else {
                return left;
            }
        }
    }

    private Node unary() throws ExpressionException {
        if (peek().is(Token.Kind.OPERATOR, "-")) {
            enter(take());
            Node operand = unary();
            nesting--;
            return new Node.Negate(operand);
        }
        return primary();
    }

    private Node primary() throws ExpressionException {
        Token t = take();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Literal(Value.number(new BigDecimal(t.text())));
            case STRING:
                return new Node.Literal(new Value.Text(t.text()));
            case REFERENCE:
                return new Node.Reference(t.text());
            case SELF:
                return new Node.Self();
            case LPAREN:
                enter(t);
                Node inner = or();
                expect(Token.Kind.RPAREN, "')'");
                nesting--;
                return inner;
            case WORD:
                return word(t);
            case END:
                throw new ExpressionException("unexpected end of expression", t.column());
            default:
                throw new ExpressionException("unexpected '" + t.text() + "'", t.column());
        }
    }

    private Node word(Token t) throws ExpressionException {
        if (t.text().equals("true") || t.text().equals("false")) {
            return new Node.Literal(Value.bool(t.text().equals("true")));
        }
        Integer arity = ARITY.get(t.text());
        if (arity == null) {
            throw new ExpressionException("unknown name '" + t.text() + "'", t.column());
        }
        expect(Token.Kind.LPAREN, "'(' after " + t.text());
        enter(t);
        List<Node> args = new ArrayList<>();
        if (peek().kind() != Token.Kind.RPAREN) {
            args.add(or());
            while (peek().kind() == Token.Kind.COMMA) {
                pos++;
                args.add(or());
            }
        }
        expect(Token.Kind.RPAREN, "')'");
        nesting--;
        if (args.size() != arity) {
            throw new ExpressionException(t.text() + "() takes " + arity + " argument" + (arity == 1 ? "" : "s")
                    + ", got " + args.size(), t.column());
        }
        if (t.text().equals("regex") && args.get(1) instanceof Node.Literal pattern) {
            Regex.checkPattern(pattern.value().asText(), t.column());
        }
        return new Node.Call(t.text(), args);
    }

    /** One level deeper, at {@code t}: a parenthesis, a function call or a minus sign. */
    private void enter(Token t) throws ExpressionException {
        if (++nesting > MAX_NESTING) {
            throw new ExpressionException("nested too deeply (more than " + MAX_NESTING + " levels)", t.column());
        }
    }

    private void expect(Token.Kind kind, String what) throws ExpressionException {
        Token t = peek();
        if (t.kind() != kind) {
            String found = t.kind() == Token.Kind.END ? "end of expression" : "'" + t.text() + "'";
            throw new ExpressionException("expected " + what + ", found " + found, t.column());
        }
        pos++;
    }
}
