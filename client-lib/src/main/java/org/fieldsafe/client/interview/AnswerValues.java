package org.fieldsafe.client.interview;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.redact.Digits;

/**
 * Parses and checks an answer for its question type. Raw answers come from JSON (text, number, list) or from
 * the console (text; a select_multiple as ids separated by commas or spaces). Parsed values are
 * {@code String} (text, short_text, select_one, audio), {@code BigDecimal} (integer, decimal),
 * {@code LocalDate} (date) or {@code List<String>} (select_multiple). Native digits are read as digits.
 * Problems never quote the value.
 */
final class AnswerValues {
    private AnswerValues() {
    }

    /** The parsed answer, or null for an empty one (null, blank text, empty list). */
    static Object parse(int respondent, Question q, Object raw) throws InterviewException {
        if (raw == null || raw instanceof String s && s.isBlank() || raw instanceof List<?> l && l.isEmpty()) {
            return null;
        }
        return switch (q.type()) {
            case TEXT, SHORT_TEXT, AUDIO -> text(respondent, q, raw);
            case INTEGER -> integer(respondent, q, raw);
            case DECIMAL -> number(respondent, q, raw);
            case DATE -> date(respondent, q, raw);
            case SELECT_ONE -> choice(respondent, q, text(respondent, q, raw).strip());
            case SELECT_MULTIPLE -> choices(respondent, q, raw);
            case NOTE -> throw new InterviewException(respondent, q.id(), "a note takes no answer");
        };
    }

    /** The answer as JSON writes it: dates as YYYY-MM-DD, numbers without exponent. */
    static Object wire(Object value) {
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof BigDecimal n) {
            return n.stripTrailingZeros().scale() <= 0 ? n.toBigInteger() : n;
        }
        return value;
    }

    private static String text(int respondent, Question q, Object raw) throws InterviewException {
        if (raw instanceof String s) {
            return s.strip();
        }
        throw new InterviewException(respondent, q.id(), "expected text (" + q.type() + ")");
    }

    private static BigDecimal number(int respondent, Question q, Object raw) throws InterviewException {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            return new BigDecimal(raw.toString());
        }
        if (raw instanceof Double || raw instanceof Float) {
            return new BigDecimal(raw.toString());
        }
        if (raw instanceof String s) {
            try {
                return new BigDecimal(Digits.toAscii(s.strip()));
            } catch (NumberFormatException e) {
                throw new InterviewException(respondent, q.id(), "expected a number (" + q.type() + ")");
            }
        }
        throw new InterviewException(respondent, q.id(), "expected a number (" + q.type() + ")");
    }

    private static BigDecimal integer(int respondent, Question q, Object raw) throws InterviewException {
        BigDecimal n = number(respondent, q, raw);
        if (n.stripTrailingZeros().scale() > 0) {
            throw new InterviewException(respondent, q.id(), "expected a whole number (integer)");
        }
        return new BigDecimal(n.toBigIntegerExact());
    }

    private static LocalDate date(int respondent, Question q, Object raw) throws InterviewException {
        try {
            return LocalDate.parse(Digits.toAscii(text(respondent, q, raw)));
        } catch (DateTimeParseException | InterviewException e) {
            throw new InterviewException(respondent, q.id(), "expected a date YYYY-MM-DD (date)");
        }
    }

    private static String choice(int respondent, Question q, String id) throws InterviewException {
        if (q.choice(id).isEmpty()) {
            throw new InterviewException(respondent, q.id(), "not one of the choices " + ids(q));
        }
        return id;
    }

    private static List<String> choices(int respondent, Question q, Object raw) throws InterviewException {
        List<String> given = new ArrayList<>();
        if (raw instanceof String s) {
            for (String part : s.strip().split("[,\\s]+")) {
                given.add(part);
            }
        } else if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new InterviewException(respondent, q.id(), "expected a list of choice ids (select_multiple)");
                }
                given.add(s.strip());
            }
        } else {
            throw new InterviewException(respondent, q.id(), "expected a list of choice ids (select_multiple)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : given) {
            distinct.add(choice(respondent, q, id));
        }
        return List.copyOf(distinct);
    }

    private static List<String> ids(Question q) {
        return q.choices().stream().map(c -> c.id()).toList();
    }
}
