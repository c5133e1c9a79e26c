package org.fieldsafe.core.expr;

import java.util.List;

/** The abstract syntax tree of an expression. */
sealed interface Node {

    record Literal(Value value) implements Node {
    }

    record Reference(String questionId) implements Node {
    }

    record Self() implements Node {
    }

    record Negate(Node operand) implements Node {
    }

    /** {@code op} is one of {@code or and = != < <= > >= + - * div mod}. */
    record Binary(String op, Node left, Node right) implements Node {
    }

    record Call(String function, List<Node> args) implements Node {
        public Call {
            args = List.copyOf(args);
        }
    }
}
