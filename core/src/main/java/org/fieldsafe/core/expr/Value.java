package org.fieldsafe.core.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The result of evaluating an expression or one of its parts. */
public sealed interface Value {

    /** An unanswered question (or an empty answer). */
    record Empty() implements Value {
    }

    record Text(String value) implements Value {
    }

    record Number(BigDecimal value) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Date(LocalDate value) implements Value {
    }

    /** The choices of a select_multiple answer, in answer order. */
    record Choices(List<String> values) implements Value {
        public Choices {
            values = List.copyOf(values);
        }
    }

    /** An evaluation error; it makes the expression false. */
    record Error(String message) implements Value {
    }

    Empty EMPTY = new Empty();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    static Value bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Value number(BigDecimal n) {
        return new Number(n.stripTrailingZeros());
    }

    /**
     * Converts an answer as held by a device or server: {@code null}, a blank {@link String} or an empty list
     * are empty; a {@link String}, a {@link java.lang.Number}, a {@link List} of choice ids, a
     * {@link LocalDate} or a {@link Boolean}. Anything else is an error value.
     */
    static Value ofAnswer(Object answer) {
        if (answer == null) {
            return EMPTY;
        }
        if (answer instanceof Value v) {
            return v;
        }
        if (answer instanceof String s) {
            return s.isEmpty() ? EMPTY : new Text(s);
        }
        if (answer instanceof BigDecimal d) {
            return number(d);
        }
        if (answer instanceof java.lang.Number n) {
            return number(new BigDecimal(n.toString()));
        }
        if (answer instanceof LocalDate d) {
            return new Date(d);
        }
        if (answer instanceof Boolean b) {
            return bool(b);
        }
        if (answer instanceof List<?> list) {
            if (list.isEmpty()) {
                return EMPTY;
            }
            return new Choices(list.stream().map(String::valueOf).toList());
        }
        return new Error("unsupported answer type " + answer.getClass().getSimpleName());
    }

    /** This value as a number: a number, or a text that reads as a decimal number. */
    default Optional<BigDecimal> asNumber() {
        if (this instanceof Number n) {
            return Optional.of(n.value());
        }
        if (this instanceof Text t && t.value().strip().matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Optional.of(new BigDecimal(t.value().strip()));
        }
        return Optional.empty();
    }

    /** This value as text, as used for text comparison and string-length. */
    default String asText() {
        if (this instanceof Text t) {
            return t.value();
        }
        if (this instanceof Number n) {
            return n.value().toPlainString();
        }
        if (this instanceof Bool b) {
            return String.valueOf(b.value());
        }
        if (this instanceof Date d) {
            return d.value().toString();
        }
        if (this instanceof Choices c) {
            return String.join(" ", c.values());
        }
        return "";
    }
}
