package org.fieldsafe.core.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Evaluates an AST; never throws, errors are {@link Value.Error} values. */
final class Evaluator {
    private final EvaluationContext ctx;

    Evaluator(EvaluationContext ctx) {
        this.ctx = ctx;
    }

    Value eval(Node node) {
        try {
            return evalNode(node);
        } catch (RuntimeException e) {
            return new Value.Error("evaluation failed: " + e);
        }
    }

    private Value evalNode(Node node) {
        if (node instanceof Node.Literal l) {
            return l.value();
        }
        if (node instanceof Node.Reference r) {
            return Value.ofAnswer(ctx.answer(r.questionId()));
        }
        if (node instanceof Node.Self) {
            return Value.ofAnswer(ctx.self());
        }
        if (node instanceof Node.Negate n) {
            Value v = evalNode(n.operand());
            return arithmetic("-", Value.number(BigDecimal.ZERO), v);
        }
        if (node instanceof Node.Binary b) {
            return binary(b);
        }
        return call((Node.Call) node);
    }

    private Value binary(Node.Binary b) {
        switch (b.op()) {
            case "and": {
                Value l = truth(evalNode(b.left()));
                if (!(l instanceof Value.Bool lb) || !lb.value()) {
                    return l;
                }
                return truth(evalNode(b.right()));
            }
            case "or": {
                Value l = truth(evalNode(b.left()));
                if (!(l instanceof Value.Bool lb) || lb.value()) {
                    return l;
                }
                return truth(evalNode(b.right()));
            }
            case "+": case "-": case "*": case "div": case "mod":
                return arithmetic(b.op(), evalNode(b.left()), evalNode(b.right()));
            default:
                return compare(b.op(), evalNode(b.left()), evalNode(b.right()));
        }
    }

    /** A value in a logical position: true/false as is, empty is false, anything else an error. */
    private static Value truth(Value v) {
        if (v instanceof Value.Bool || v instanceof Value.Error) {
            return v;
        }
        if (v instanceof Value.Empty) {
            return Value.FALSE;
        }
        return new Value.Error("expected true or false, got '" + v.asText() + "'");
    }

    private static Value arithmetic(String op, Value l, Value r) {
        if (l instanceof Value.Error) {
            return l;
        }
        if (r instanceof Value.Error) {
            return r;
        }
        if (l instanceof Value.Empty || r instanceof Value.Empty) {
            return Value.EMPTY;
        }
        Optional<BigDecimal> a = l.asNumber();
        Optional<BigDecimal> b = r.asNumber();
        if (a.isEmpty() || b.isEmpty()) {
            Value bad = a.isEmpty() ? l : r;
            return new Value.Error("'" + op + "' needs numbers, got '" + bad.asText() + "'");
        }
        BigDecimal x = a.get();
        BigDecimal y = b.get();
        switch (op) {
            case "+":
                return Value.number(x.add(y));
            case "-":
                return Value.number(x.subtract(y));
            case "*":
                return Value.number(x.multiply(y));
            default:
                if (y.signum() == 0) {
                    return new Value.Error("division by zero");
                }
                return Value.number(op.equals("div") ? x.divide(y, MathContext.DECIMAL64) : x.remainder(y));
        }
    }

    private static Value compare(String op, Value l, Value r) {
        if (l instanceof Value.Error) {
            return l;
        }
        if (r instanceof Value.Error) {
            return r;
        }
        if (l instanceof Value.Empty || r instanceof Value.Empty) {
            return Value.FALSE;
        }
        if (l instanceof Value.Choices || r instanceof Value.Choices) {
            return new Value.Error("a select_multiple answer cannot be compared; use selected()");
        }
        int c;
        boolean numeric = l instanceof Value.Number || r instanceof Value.Number;
        Optional<BigDecimal> a = l.asNumber();
        Optional<BigDecimal> b = r.asNumber();
        if (numeric && a.isPresent() && b.isPresent()) {
            c = a.get().compareTo(b.get());
        } else {
            c = l.asText().compareTo(r.asText());
        }
        switch (op) {
            case "=":
                return Value.bool(c == 0);
            case "!=":
                return Value.bool(c != 0);
            case "<":
                return Value.bool(c < 0);
            case "<=":
                return Value.bool(c <= 0);
            case ">":
                return Value.bool(c > 0);
            default:
                return Value.bool(c >= 0);
        }
    }

    private Value call(Node.Call call) {
        if (call.function().equals("today")) {
            return new Value.Date(ctx.today());
        }
        Value a = evalNode(call.args().get(0));
        if (a instanceof Value.Error) {
            return a;
        }
        switch (call.function()) {
            case "if": {
                Value t = truth(a);
                return t instanceof Value.Bool b ? evalNode(call.args().get(b.value() ? 1 : 2)) : t;
            }
            case "coalesce":
                return a instanceof Value.Empty ? evalNode(call.args().get(1)) : a;
            case "regex": {
                Value pattern = evalNode(call.args().get(1));
                return pattern instanceof Value.Error ? pattern : Regex.find(a, pattern);
            }
            case "selected-at":
                return selectedAt(a, evalNode(call.args().get(1)));
            case "not": {
                Value t = truth(a);
                return t instanceof Value.Bool b ? Value.bool(!b.value()) : t;
            }
            case "selected": {
                Value choice = evalNode(call.args().get(1));
                if (choice instanceof Value.Error) {
                    return choice;
                }
                if (a instanceof Value.Choices c) {
                    return Value.bool(c.values().contains(choice.asText()));
                }
                return Value.bool(!(a instanceof Value.Empty) && a.asText().equals(choice.asText()));
            }
            case "count-selected":
                if (a instanceof Value.Choices c) {
                    return Value.number(BigDecimal.valueOf(c.values().size()));
                }
                return Value.number(a instanceof Value.Empty ? BigDecimal.ZERO : BigDecimal.ONE);
            case "string-length":
                String s = a.asText();
                return Value.number(BigDecimal.valueOf(s.codePointCount(0, s.length())));
            default:
                return ageInYears(a);
        }
    }

    /** The choice at a 0-based position of a select answer (a select_one answer is at 0); empty past the end. */
    private static Value selectedAt(Value a, Value index) {
        if (index instanceof Value.Error) {
            return index;
        }
        Optional<BigDecimal> n = index.asNumber();
        if (n.isEmpty() || n.get().signum() < 0 || n.get().stripTrailingZeros().scale() > 0) {
            return new Value.Error("selected-at() needs a whole number >= 0, got '" + index.asText() + "'");
        }
        List<String> choices = a instanceof Value.Choices c ? c.values()
                : a instanceof Value.Empty ? List.of() : List.of(a.asText());
        int i = n.get().min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
        return i < choices.size() ? new Value.Text(choices.get(i)) : Value.EMPTY;
    }

    private Value ageInYears(Value a) {
        if (a instanceof Value.Empty) {
            return Value.EMPTY;
        }
        LocalDate birth;
        if (a instanceof Value.Date d) {
            birth = d.value();
        } else if (a instanceof Value.Text t) {
            try {
                birth = LocalDate.parse(t.value().strip());
            } catch (DateTimeParseException e) {
                return new Value.Error("age-in-years() needs a date, got '" + t.value() + "'");
            }
        } else {
            return new Value.Error("age-in-years() needs a date, got '" + a.asText() + "'");
        }
        return Value.number(BigDecimal.valueOf(Period.between(birth, ctx.today()).getYears()));
    }
}
