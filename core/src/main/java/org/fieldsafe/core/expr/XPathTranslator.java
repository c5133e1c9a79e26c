package org.fieldsafe.core.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression of the forms language written as an ODK XPath expression (ODK XForms 1.0, as JavaRosa evaluates it)
 * that gives the same verdict: a relevant or constraint that holds here holds there (docs/forms.md, "XForms").
 * Where the two languages differ, the XPath is written to follow Fieldsafe's rules:
 * <ul>
 *   <li>a comparison with an empty value is false here, also for {@code !=}; in XPath {@code '' != 'yes'} is true,
 *       so a comparison whose operand may be empty is guarded by {@code string(x) != ''};</li>
 *   <li>{@code regex()} finds the pattern here, JavaRosa matches the whole value, so the pattern is wrapped in
 *       {@code (?s:.*)(?:...)(?s:.*)};</li>
 *   <li>a date question compared with a {@code 'YYYY-MM-DD'} text compares dates: the text becomes {@code date()};</li>
 *   <li>{@code age-in-years(d)} has no ODK function: whole years from {@code format-date()} parts;</li>
 *   <li>{@code true}/{@code false} are XPath's {@code true()}/{@code false()}.</li>
 * </ul>
 * Every operation is parenthesised, so XPath's precedence never regroups it.
 */
public final class XPathTranslator {

    /** Where the answer of a question lives in the XForm instance, and whether it is a date. */
    public interface References {
        /** The absolute path of a question's node, e.g. {@code /data/interview/age}. */
        String path(String questionId);

        /** Whether the question's answer is a date (so a text it is compared with is read as a date). */
        boolean isDate(String questionId);
    }

    private final References refs;
    private final boolean selfIsDate;

    private XPathTranslator(References refs, boolean selfIsDate) {
        this.refs = refs;
        this.selfIsDate = selfIsDate;
    }

    /**
     * The XPath for {@code expression}; {@code selfIsDate}: whether {@code .} (in a constraint) is a date question.
     */
    public static String translate(Expression expression, References refs, boolean selfIsDate) {
        return new XPathTranslator(refs, selfIsDate).xpath(expression.root());
    }

    private String xpath(Node n) {
        if (n instanceof Node.Literal l) {
            return literal(l.value());
        }
        if (n instanceof Node.Reference r) {
            return refs.path(r.questionId());
        }
        if (n instanceof Node.Self) {
            return ".";
        }
        if (n instanceof Node.Negate neg) {
            return "(-" + xpath(neg.operand()) + ")";
        }
        if (n instanceof Node.Binary b) {
            return binary(b);
        }
        return call((Node.Call) n);
    }

    private String binary(Node.Binary b) {
        String op = b.op();
        switch (op) {
            case "and": case "or": case "+": case "-": case "*": case "div": case "mod":
                return "(" + xpath(b.left()) + " " + op + " " + xpath(b.right()) + ")";
            default:
                return compare(op, b.left(), b.right());
        }
    }

    private String compare(String op, Node left, Node right) {
        String l = operand(left, right);
        String r = operand(right, left);
        List<String> guards = new ArrayList<>();
        nonEmpty(left, guards);
        nonEmpty(right, guards);
        String cmp = "(" + l + " " + op + " " + r + ")";
        if (guards.isEmpty()) {
            return cmp;
        }
        return "(" + String.join(" and ", guards) + " and " + cmp + ")";
    }

    /** An operand of a comparison: a text literal compared with a date question reads as a date. */
    private String operand(Node n, Node other) {
        if (n instanceof Node.Literal l && l.value() instanceof Value.Text t && isDate(other)
                && t.value().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return "date(" + quote(t.value()) + ")";
        }
        return xpath(n);
    }

    private boolean isDate(Node n) {
        if (n instanceof Node.Reference r) {
            return refs.isDate(r.questionId());
        }
        if (n instanceof Node.Self) {
            return selfIsDate;
        }
        return n instanceof Node.Call c && c.function().equals("today");
    }

    /** The conditions under which {@code n} is not empty (none when it never is). */
    private void nonEmpty(Node n, List<String> guards) {
        if (n instanceof Node.Reference || n instanceof Node.Self) {
            guards.add("(string(" + xpath(n) + ") != '')");
        } else if (n instanceof Node.Negate neg) {
            nonEmpty(neg.operand(), guards);
        } else if (n instanceof Node.Binary b && List.of("+", "-", "*", "div", "mod").contains(b.op())) {
            nonEmpty(b.left(), guards);
            nonEmpty(b.right(), guards);
        } else if (n instanceof Node.Call c && List.of("coalesce", "if", "selected-at", "age-in-years")
                .contains(c.function())) {
            guards.add("(string(" + xpath(n) + ") != '')");
        }
    }

    private String call(Node.Call c) {
        List<Node> args = c.args();
        switch (c.function()) {
            case "today":
                return "today()";
            case "regex":
                return "regex(" + xpath(args.get(0)) + ", " + findPattern(args.get(1)) + ")";
            case "age-in-years":
                return ageInYears(xpath(args.get(0)));
            default:
                List<String> out = new ArrayList<>();
                for (Node arg : args) {
                    out.add(xpath(arg));
                }
                return c.function() + "(" + String.join(", ", out) + ")";
        }
    }

    /** Fieldsafe's regex() finds the pattern; JavaRosa's matches the whole value: let the pattern float. */
    private String findPattern(Node pattern) {
        if (pattern instanceof Node.Literal l) {
            return quote("(?s:.*)(?:" + l.value().asText() + ")(?s:.*)");
        }
        return "concat('(?s:.*)(?:', " + xpath(pattern) + ", ')(?s:.*)')";
    }

    /** Whole years from {@code d} to today, from the year and the month-day of each (empty stays empty). */
    private static String ageInYears(String d) {
        return "if(string(" + d + ") = '', '', (format-date(today(), '%Y') - format-date(" + d + ", '%Y')"
                + " - if(format-date(today(), '%m%d') < format-date(" + d + ", '%m%d'), 1, 0)))";
    }

    private static String literal(Value v) {
        if (v instanceof Value.Bool b) {
            return b.value() ? "true()" : "false()";
        }
        if (v instanceof Value.Number n) {
            BigDecimal d = n.value();
            return d.toPlainString();
        }
        return quote(v.asText());
    }

    /** An XPath string literal; XPath 1.0 has no escapes, so a text holding both quotes is a concat(). */
    public static String quote(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        List<String> parts = new ArrayList<>();
        for (String piece : s.split("'", -1)) {
            parts.add("'" + piece + "'");
        }
        return "concat(" + String.join(", \"'\", ", parts) + ")";
    }
}
