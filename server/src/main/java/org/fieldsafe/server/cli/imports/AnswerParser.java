package org.fieldsafe.server.cli.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;

/**
 * An export's cell as the answer a device would seal for the question: text as is, whole and decimal numbers as
 * {@code BigDecimal} (as the device holds them, so the consent rules read an age; written without exponent), dates as {@code YYYY-MM-DD}, a select_one's choice id, a select_multiple's choice ids
 * (space-separated in both exports). What does not fit is refused with the reason, never quoting the cell.
 */
final class AnswerParser {
    private AnswerParser() {
    }

    /** The refusal of a cell, in words (no value from it). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The answer for a non-blank {@code cell}. */
    static Object parse(Question q, String cell) throws Refused {
        String value = cell.strip();
        return switch (q.type()) {
            case TEXT, SHORT_TEXT -> value;
            case INTEGER -> integer(value);
            case DECIMAL -> decimal(value);
            case DATE -> date(value);
            case SELECT_ONE -> choice(q, value);
            case SELECT_MULTIPLE -> choices(q, value);
            case NOTE, AUDIO -> throw new Refused("a " + q.type() + " question takes no answer from an export");
        };
    }

    private static Object integer(String value) throws Refused {
        try {
            return new BigDecimal(new BigDecimal(value).toBigIntegerExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Refused("not a whole number (integer)");
        }
    }

    private static Object decimal(String value) throws Refused {
        try {
            BigDecimal n = new BigDecimal(value);
            return n.stripTrailingZeros().scale() <= 0 ? new BigDecimal(n.toBigInteger()) : n;
        } catch (NumberFormatException e) {
            throw new Refused("not a number (decimal)");
        }
    }

    private static String date(String value) throws Refused {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new Refused("not a date (YYYY-MM-DD)");
        }
    }

    private static String choice(Question q, String value) throws Refused {
        if (q.choice(value).isEmpty()) {
            throw new Refused("not one of the choices of " + q.id() + " (" + choiceIds(q) + ")");
        }
        return value;
    }

    private static List<String> choices(Question q, String value) throws Refused {
        List<String> out = new ArrayList<>();
        for (String id : Arrays.stream(value.split("\\s+")).filter(s -> !s.isEmpty()).distinct().toList()) {
            out.add(choice(q, id));
        }
        return List.copyOf(out);
    }

    private static String choiceIds(Question q) {
        return q.choices().stream().map(Choice::id).collect(Collectors.joining(", "));
    }

    /** The XLSForm types whose answers fit a Fieldsafe question of {@code type}. */
    static boolean fits(String xlsType, QuestionType type) {
        return switch (type) {
            case TEXT, SHORT_TEXT -> xlsType.equals("text");
            case INTEGER -> xlsType.equals("integer");
            case DECIMAL -> xlsType.equals("decimal") || xlsType.equals("integer");
            case DATE -> xlsType.equals("date");
            case SELECT_ONE -> xlsType.equals("select_one");
            case SELECT_MULTIPLE -> xlsType.equals("select_multiple");
            case NOTE, AUDIO -> false;
        };
    }
}
