package org.fieldsafe.core.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed expression of the forms language (see docs/forms.md): {@code relevant}, {@code constraint} and
 * {@code disclosure.when}. Immutable and thread-safe; evaluation never throws.
 */
public final class Expression {
    private final String source;
    private final Node root;
    private final Set<String> references;
    private final boolean usesSelf;

    private Expression(String source, Node root) {
        this.source = source;
        this.root = root;
        Set<String> refs = new LinkedHashSet<>();
        this.usesSelf = collect(root, refs);
        this.references = Collections.unmodifiableSet(refs);
    }

    /** Parses an expression; the exception names the 1-based column of the problem. */
    public static Expression parse(String source) throws ExpressionException {
        return new Expression(source, Parser.parse(source));
    }

    public String source() {
        return source;
    }

    /** The syntax tree, for {@link XPathTranslator}. */
    Node root() {
        return root;
    }

    /** The question ids referenced as {@code ${id}}, in order of first appearance. */
    public Set<String> references() {
        return references;
    }

    /** Whether the expression uses {@code .}, which only a constraint may. */
    public boolean usesSelf() {
        return usesSelf;
    }

    /** Evaluates; an error is returned as a {@link Value.Error}, never thrown. */
    public Value evaluate(EvaluationContext ctx) {
        return new Evaluator(Objects.requireNonNull(ctx, "ctx")).eval(root);
    }

    /** True only when the expression evaluates to {@code true}; empty, non-boolean and errors are false. */
    public boolean test(EvaluationContext ctx) {
        return evaluate(ctx) instanceof Value.Bool b && b.value();
    }

    private static boolean collect(Node n, Set<String> refs) {
        if (n instanceof Node.Reference r) {
            refs.add(r.questionId());
            return false;
        }
        if (n instanceof Node.Self) {
            return true;
        }
        if (n instanceof Node.Negate neg) {
            return collect(neg.operand(), refs);
        }
        if (n instanceof Node.Binary b) {
            boolean l = collect(b.left(), refs);
            return collect(b.right(), refs) || l;
        }
        if (n instanceof Node.Call c) {
            boolean self = false;
            for (Node arg : c.args()) {
                self |= collect(arg, refs);
            }
            return self;
        }
        return false;
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && e.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }
}
