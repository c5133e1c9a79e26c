package org.fieldsafe.server.cli.xlsform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.expr.Expression;
import org.fieldsafe.core.expr.ExpressionException;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.DisclosureRule;
import org.fieldsafe.core.forms.Probe;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.forms.Urgency;

/**
 * The survey sheet as Fieldsafe questions. Groups are flattened: a group's {@code relevant} is joined with
 * {@code and} into the relevant of every question inside it, and its label is not kept. Everything that has no
 * place in a Fieldsafe form (repeats, other question types, calculations, choice filters, defaults, media...) is a
 * problem naming its row and column.
 */
final class SurveyReader {
    static final String ID = "[a-z][a-z0-9_]*";
    static final List<String> TEXT_COLUMNS = List.of("label", "hint", "constraint_message");
    static final Set<String> COLUMNS = Set.of("type", "name", "required", "relevant", "constraint", "appearance",
            "sensitivity", "disclosure_when", "disclosure_category", "disclosure_urgency");
    private static final Map<String, String> SIMPLE_TYPES = Map.of("integer", "integer", "decimal", "decimal",
            "date", "date", "note", "note", "audio", "audio");
    private static final Set<String> METADATA = Set.of("start", "end", "today", "deviceid", "username", "email",
            "phonenumber", "simserial", "subscriberid", "audit", "start-geopoint", "background-geopoint");
    private static final Map<String, String> COLUMN_REASONS = Map.of(
            "choice_filter", "is not supported: a Fieldsafe question offers the same choices to every respondent",
            "calculation", "is not supported: a Fieldsafe form keeps only the answers given",
            "default", "is not supported: every answer is given in the interview, none is filled in beforehand",
            "read_only", "is not supported: every Fieldsafe question is answered in the interview",
            "required_message", "is not supported: devices say in the interview's language that an answer is needed",
            "repeat_count", "is not supported: Fieldsafe forms have no repeats");

    private final LanguageColumns columns;
    private final List<XlsFormProblem> problems;
    private final Map<String, List<Choice>> lists;
    private final Map<String, List<Probe>> probes;
    private final Map<String, Integer> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** {@code lists}: the choices sheet by list name; {@code probes}: the probes sheet by question name. */
    SurveyReader(LanguageColumns columns, List<XlsFormProblem> problems, Map<String, List<Choice>> lists,
                 Map<String, List<Probe>> probes) {
        this.columns = columns;
        this.problems = problems;
        this.lists = lists;
        this.probes = probes;
    }

    /** Question name to its survey row, for naming rows in later problems. */
    Map<String, Integer> rows() {
        return rows;
    }

    /** What the import leaves out without it being an error (group labels), one line each. */
    List<String> notes() {
        return notes;
    }

    /** A group being read: its row, name and relevant (null when none). */
    private record Group(int row, String name, String relevant) {
    }

    List<Question> read(SheetTable survey) {
        checkHeaders(survey);
        List<Question> questions = new ArrayList<>();
        Deque<Group> groups = new ArrayDeque<>();
        Set<String> names = new HashSet<>();
        Map<String, Integer> expressionRows = new LinkedHashMap<>();
        for (SheetTable.Line line : survey.lines()) {
            unsupportedCells(survey.name(), line);
            String type = line.get("type").strip().replaceAll("\\s+", " ");
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
                problem(line, "type", "a row with values needs a type");
            } else if (lower.equals("begin group") || lower.equals("begin_group")) {
                groups.push(new Group(line.row(), line.get("name").strip(), blankToNull(line.get("relevant"))));
                groupCells(line);
            } else if (lower.equals("end group") || lower.equals("end_group")) {
                if (groups.isEmpty()) {
                    problem(line, "type", "`" + type + "` without a `begin group` before it");
                } else {
                    groups.pop();
                }
            } else if (lower.startsWith("begin repeat") || lower.startsWith("begin_repeat")
                    || lower.startsWith("end repeat") || lower.startsWith("end_repeat")) {
                problem(line, "type", "`" + type + "` is not supported: Fieldsafe forms have no repeats (a joint"
                        + " interview holds a second respondent instead)");
            } else {
                Question q = question(line, type, groups, names);
                if (q != null) {
                    questions.add(q);
                    expressionRows.put(q.id(), line.row());
                }
            }
        }
        for (Group open : groups) {
            problems.add(new XlsFormProblem(survey.name(), open.row(), "type", "`begin group` without an"
                    + " `end group`"));
        }
        checkExpressions(survey.name(), questions, names);
        probes.keySet().stream().filter(q -> !names.contains(q)).forEach(q -> problems.add(new XlsFormProblem(
                "probes", 0, "question", "`" + q + "` is not a question of the survey sheet")));
        return questions;
    }

    private void checkHeaders(SheetTable survey) {
        for (String required : List.of("type", "name")) {
            if (!survey.headers().contains(required)) {
                problems.add(new XlsFormProblem(survey.name(), 1, required, "the column is missing"));
            }
        }
        for (String header : survey.headers()) {
            columns.parse(header, TEXT_COLUMNS).filter(p -> p.problem() != null).ifPresent(p ->
                    problems.add(new XlsFormProblem(survey.name(), 1, header, p.problem())));
        }
    }

    private void unsupportedCells(String sheet, SheetTable.Line line) {
        for (String header : line.cells().keySet()) {
            if (COLUMNS.contains(header) || columns.parse(header, TEXT_COLUMNS).isPresent()) {
                continue;
            }
            String base = header.contains(":") ? header.substring(0, header.indexOf(':')) : header;
            problems.add(new XlsFormProblem(sheet, line.row(), header, COLUMN_REASONS.getOrDefault(base,
                    "is not supported by Fieldsafe forms; clear the cell or remove the column")));
        }
    }

    /** A group keeps only its relevant: a label is noted as left out, anything else a problem. */
    private void groupCells(SheetTable.Line line) {
        List<String> texts = new ArrayList<>();
        for (String header : line.cells().keySet()) {
            if (header.equals("type") || header.equals("name") || header.equals("relevant")
                    || header.equals("appearance")) {
                continue;
            }
            if (columns.parse(header, List.of("label", "hint")).isPresent()) {
                texts.add(header);
            } else if (COLUMNS.contains(header) || columns.parse(header, TEXT_COLUMNS).isPresent()) {
                problem(line, header, "is not supported on a group");
            }
        }
        if (!texts.isEmpty()) {
            notes.add("survey row " + line.row() + ": the group's " + String.join(", ", texts) + " not kept"
                    + " (Fieldsafe forms have no groups; its questions are imported one after another)");
        }
    }

    private Question question(SheetTable.Line line, String type, Deque<Group> groups, Set<String> names) {
        String name = line.get("name").strip();
        if (name.isEmpty()) {
            problem(line, "name", "a question needs a name");
        } else if (!name.matches(ID)) {
            problem(line, "name", "`" + name + "` is not a Fieldsafe question id (lower-case letters, digits and"
                    + " _, starting with a letter)");
        } else if (!names.add(name)) {
            problem(line, "name", "`" + name + "` is the name of an earlier question too");
        }
        QuestionType qtype = type(line, type);
        List<Choice> choices = choices(line, type, qtype);
        Map<String, Map<String, String>> texts = texts(line);
        if (qtype != null && !texts.get("label").containsKey(columns.master())) {
            problem(line, columns.header("label", columns.master()), "a question needs a label in the master"
                    + " language");
        }
        boolean required = required(line);
        Sensitivity sensitivity = sensitivity(line);
        String relevant = relevant(blankToNull(line.get("relevant")), groups);
        String constraint = blankToNull(line.get("constraint"));
        DisclosureRule disclosure = disclosure(line);
        if (qtype == null || name.isEmpty()) {
            return null;
        }
        rows.put(name, line.row());
        return new Question(name, qtype, texts.get("label"), nullIfEmpty(texts.get("hint")), required, sensitivity,
                relevant, constraint, nullIfEmpty(texts.get("constraint_message")), choices,
                probes.getOrDefault(name, List.of()), disclosure);
    }

    private QuestionType type(SheetTable.Line line, String type) {
        String[] parts = type.split(" ");
        String head = parts[0].toLowerCase(Locale.ROOT);
        String appearance = line.get("appearance").strip();
        if (head.equals("text")) {
            if (!appearance.isEmpty() && !appearance.equals("multiline")) {
                problem(line, "appearance", "`" + appearance + "` is not supported (only `multiline`, a long"
                        + " answer, on text)");
            }
            return appearance.equals("multiline") ? QuestionType.TEXT : QuestionType.SHORT_TEXT;
        }
        if (!appearance.isEmpty()) {
            problem(line, "appearance", "`" + appearance + "` is not supported (Fieldsafe devices choose how a"
                    + " question is shown)");
        }
        if (SIMPLE_TYPES.containsKey(head) && parts.length == 1) {
            return QuestionType.of(SIMPLE_TYPES.get(head));
        }
        if ((head.equals("select_one") || head.equals("select_multiple")) && parts.length == 2) {
            return head.equals("select_one") ? QuestionType.SELECT_ONE : QuestionType.SELECT_MULTIPLE;
        }
        if ((head.equals("select_one") || head.equals("select_multiple")) && parts.length == 3
                && parts[2].equalsIgnoreCase("or_other")) {
            problem(line, "type", "`or_other` is not supported: add an `other` choice and a text question"
                    + " relevant when it is selected");
            return null;
        }
        String why = METADATA.contains(head) ? " (Fieldsafe records the interview's time and device in its own"
                + " sealed header; remove the row)" : "";
        problem(line, "type", "`" + type + "` is not supported" + why);
        return null;
    }

    private List<Choice> choices(SheetTable.Line line, String type, QuestionType qtype) {
        if (qtype != QuestionType.SELECT_ONE && qtype != QuestionType.SELECT_MULTIPLE) {
            return List.of();
        }
        String list = type.split(" ")[1];
        List<Choice> choices = lists.get(list);
        if (choices == null) {
            problem(line, "type", "choice list `" + list + "` is not in the choices sheet");
            return List.of();
        }
        return choices;
    }

    /** The text columns of a row: base name to (language to text). */
    private Map<String, Map<String, String>> texts(SheetTable.Line line) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        TEXT_COLUMNS.forEach(base -> out.put(base, new LinkedHashMap<>()));
        line.cells().forEach((header, value) -> columns.parse(header, TEXT_COLUMNS)
                .filter(p -> p.language() != null).ifPresent(p -> {
                    if (out.get(p.base()).putIfAbsent(p.language(), value) != null) {
                        problem(line, header, "a second " + p.base() + " in " + p.language());
                    }
                }));
        return out;
    }

    private boolean required(SheetTable.Line line) {
        String value = line.get("required").strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "", "no", "false", "false()":
                return false;
            case "yes", "true", "true()":
                return true;
            default:
                problem(line, "required", "`" + line.get("required").strip() + "` is not supported: Fieldsafe's"
                        + " required is yes or no, not an expression");
                return false;
        }
    }

    private Sensitivity sensitivity(SheetTable.Line line) {
        String value = line.get("sensitivity").strip();
        if (value.isEmpty()) {
            return Sensitivity.NONE;
        }
        try {
            return Sensitivity.of(value);
        } catch (IllegalArgumentException e) {
            problem(line, "sensitivity", "`" + value + "` is not one of direct_identifier, quasi_identifier,"
                    + " sensitive, none");
            return Sensitivity.NONE;
        }
    }

    private DisclosureRule disclosure(SheetTable.Line line) {
        String when = blankToNull(line.get("disclosure_when"));
        String category = blankToNull(line.get("disclosure_category"));
        String urgency = blankToNull(line.get("disclosure_urgency"));
        if (when == null && category == null && urgency == null) {
            return null;
        }
        for (String column : List.of("disclosure_when", "disclosure_category", "disclosure_urgency")) {
            if (line.get(column).isBlank()) {
                problem(line, column, "a disclosure rule needs disclosure_when, disclosure_category and"
                        + " disclosure_urgency");
            }
        }
        if (category != null && !category.strip().matches(ID)) {
            problem(line, "disclosure_category", "`" + category + "` is not a word of lower-case letters, digits"
                    + " and _");
        }
        Urgency u = null;
        if (urgency != null) {
            try {
                u = Urgency.of(urgency.strip());
            } catch (IllegalArgumentException e) {
                problem(line, "disclosure_urgency", "`" + urgency + "` is not one of immediate, urgent, routine");
            }
        }
        return new DisclosureRule(when, category == null ? null : category.strip(), u);
    }

    private static String relevant(String own, Deque<Group> groups) {
        List<String> parts = new ArrayList<>();
        groups.descendingIterator().forEachRemaining(g -> {
            if (g.relevant() != null) {
                parts.add(g.relevant());
            }
        });
        if (own != null) {
            parts.add(own);
        }
        if (parts.size() <= 1) {
            return parts.isEmpty() ? null : parts.get(0);
        }
        return String.join(" and ", parts.stream().map(p -> "(" + p + ")").toList());
    }

    /** Syntax, references and {@code .} of every expression, named by row and column. */
    private void checkExpressions(String sheet, List<Question> questions, Set<String> names) {
        for (Question q : questions) {
            int row = rows.get(q.id());
            check(sheet, row, "relevant", q.relevant(), names, false);
            check(sheet, row, "constraint", q.constraint(), names, true);
            if (q.disclosure() != null) {
                check(sheet, row, "disclosure_when", q.disclosure().when(), names, false);
            }
            if (q.constraint() != null && q.type() == QuestionType.NOTE) {
                problems.add(new XlsFormProblem(sheet, row, "constraint", "a note has no answer to constrain"));
            }
            if (q.constraintMessage() != null && q.constraint() == null) {
                problems.add(new XlsFormProblem(sheet, row, columns.header("constraint_message", columns.master()),
                        "a constraint message needs a constraint"));
            }
        }
    }

    private void check(String sheet, int row, String column, String src, Set<String> names, boolean selfAllowed) {
        if (src == null) {
            return;
        }
        try {
            Expression e = Expression.parse(src);
            for (String ref : e.references()) {
                if (!names.contains(ref)) {
                    problems.add(new XlsFormProblem(sheet, row, column, "`${" + ref + "}` names no question of"
                            + " this form"));
                }
            }
            if (e.usesSelf() && !selfAllowed) {
                problems.add(new XlsFormProblem(sheet, row, column, "`.` is only allowed in a constraint"));
            }
        } catch (ExpressionException ex) {
            problems.add(new XlsFormProblem(sheet, row, column, "`" + src + "` cannot be expressed in Fieldsafe's"
                    + " expression language: " + ex.detail() + " at column " + ex.column()
                    + " (docs/forms.md lists its operators and functions)"));
        }
    }

    private void problem(SheetTable.Line line, String column, String message) {
        problems.add(new XlsFormProblem("survey", line.row(), column, message));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, String> nullIfEmpty(Map<String, String> texts) {
        return texts.isEmpty() ? null : texts;
    }
}
