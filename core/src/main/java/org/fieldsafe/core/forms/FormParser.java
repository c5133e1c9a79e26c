package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.expr.Expression;
import org.fieldsafe.core.expr.ExpressionException;

/** Reads and validates one form file against its study; language states are filled in by the caller. */
final class FormParser {
    static final String ID = "[a-z][a-z0-9_]*";
    static final String CHOICE_ID = "[A-Za-z0-9_]+";
    private static final Set<String> FORM_KEYS = Set.of("id", "kind", "consent_form", "title", "questions");
    private static final Set<String> QUESTION_KEYS = Set.of("id", "type", "label", "hint", "required",
            "sensitivity", "relevant", "constraint", "constraint_message", "choices", "probes", "disclosure");
    private static final Set<String> CHOICE_KEYS = Set.of("id", "label");
    private static final Set<String> PROBE_KEYS = Set.of("id", "text");
    private static final Set<String> DISCLOSURE_KEYS = Set.of("when", "category", "urgency");

    private final NodeReader r;
    private final TextReader texts;
    private final List<Runnable> expressionChecks = new ArrayList<>();
    private final Set<String> questionIds = new HashSet<>();

    FormParser(NodeReader reader, TextReader texts) {
        this.r = reader;
        this.texts = texts;
    }

    /** The form (with empty language states), or {@code null} when the top level is not a mapping. */
    FormDefinition parse(JsonNode root) {
        JsonNode form = r.object(root, "", FORM_KEYS);
        if (form == null) {
            return null;
        }
        String id = r.id(form, "", "id", ID);
        FormKind kind = r.enumValue(form, "", "kind", FormKind::of, FormKind.values(), null);
        String consentForm = r.text(form, "", "consent_form", kind == FormKind.INTERVIEW);
        if (consentForm != null && kind == FormKind.CONSENT) {
            r.problem("consent_form", "a consent form has no consent_form");
            consentForm = null;
        }
        Map<String, String> title = texts.read(form, "", "title", true);
        List<Question> questions = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> items = r.list(form, "", "questions", true);
        if (items.isEmpty() && form.has("questions")) {
            r.problem("questions", "a form needs at least one question");
        }
        for (Map.Entry<String, JsonNode> item : items) {
            Question q = question(item.getKey(), item.getValue());
            if (q != null) {
                questions.add(q);
            }
        }
        expressionChecks.forEach(Runnable::run);
        return new FormDefinition(id, kind, consentForm, texts.master(), title, questions, new LinkedHashMap<>());
    }

    private Question question(String path, JsonNode node) {
        JsonNode q = r.object(node, path, QUESTION_KEYS);
        if (q == null) {
            return null;
        }
        String id = r.id(q, path, "id", ID);
        if (id != null && !questionIds.add(id)) {
            r.problem(YamlDocument.child(path, "id"), "duplicate question id '" + id + "'");
        }
        QuestionType type = r.enumValue(q, path, "type", QuestionType::of, QuestionType.values(), null);
        boolean select = type == QuestionType.SELECT_ONE || type == QuestionType.SELECT_MULTIPLE;
        Map<String, String> label = texts.read(q, path, "label", true);
        Map<String, String> hint = texts.read(q, path, "hint", false);
        boolean required = r.bool(q, path, "required", false);
        Sensitivity sensitivity = r.enumValue(q, path, "sensitivity", Sensitivity::of, Sensitivity.values(),
                Sensitivity.NONE);
        String relevant = expression(q, path, "relevant", false);
        String constraint = expression(q, path, "constraint", true);
        if (constraint != null && type == QuestionType.NOTE) {
            r.problem(YamlDocument.child(path, "constraint"), "a note has no answer to constrain");
        }
        Map<String, String> constraintMessage = texts.read(q, path, "constraint_message", false);
        if (constraintMessage != null && constraint == null && !q.has("constraint")) {
            r.problem(YamlDocument.child(path, "constraint_message"), "constraint_message without constraint");
        }
        List<Choice> choices = choices(q, path, select);
        List<Probe> probes = probes(q, path);
        DisclosureRule disclosure = disclosure(q, path);
        return new Question(id, type, label, hint, required, sensitivity, relevant, constraint,
                constraintMessage, choices, probes, disclosure);
    }

    private List<Choice> choices(JsonNode q, String path, boolean select) {
        List<Choice> out = new ArrayList<>();
        if (!q.has("choices")) {
            if (select) {
                r.problem(YamlDocument.child(path, "choices"), "a select question needs choices");
            }
            return out;
        }
        if (!select && q.has("type")) {
            r.problem(YamlDocument.child(path, "choices"), "only select_one and select_multiple have choices");
        }
        List<Map.Entry<String, JsonNode>> items = r.list(q, path, "choices", false);
        if (items.isEmpty() && select) {
            r.problem(YamlDocument.child(path, "choices"), "a select question needs choices");
        }
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> item : items) {
            String p = item.getKey();
            JsonNode c = r.object(item.getValue(), p, CHOICE_KEYS);
            if (c == null) {
                continue;
            }
            String id = r.id(c, p, "id", CHOICE_ID);
            if (id != null && !ids.add(id)) {
                r.problem(YamlDocument.child(p, "id"), "duplicate choice id '" + id + "'");
            }
            out.add(new Choice(id, texts.read(c, p, "label", true)));
        }
        return out;
    }

    private List<Probe> probes(JsonNode q, String path) {
        List<Probe> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> item : r.list(q, path, "probes", false)) {
            String p = item.getKey();
            JsonNode c = r.object(item.getValue(), p, PROBE_KEYS);
            if (c == null) {
                continue;
            }
            String id = r.id(c, p, "id", ID);
            if (id != null && !ids.add(id)) {
                r.problem(YamlDocument.child(p, "id"), "duplicate probe id '" + id + "'");
            }
            out.add(new Probe(id, texts.read(c, p, "text", true)));
        }
        return out;
    }

    private DisclosureRule disclosure(JsonNode q, String path) {
        if (!q.has("disclosure")) {
            return null;
        }
        String p = YamlDocument.child(path, "disclosure");
        JsonNode d = r.object(q.get("disclosure"), p, DISCLOSURE_KEYS);
        if (d == null) {
            return null;
        }
        String when = expression(d, p, "when", false);
        if (when == null && !d.has("when")) {
            r.problem(YamlDocument.child(p, "when"), "missing required field");
        }
        String category = r.id(d, p, "category", ID);
        Urgency urgency = r.enumValue(d, p, "urgency", Urgency::of, Urgency.values(), null);
        return new DisclosureRule(when, category, urgency);
    }

    /** Reads an expression; syntax and references are checked once every question id is known. */
    private String expression(JsonNode obj, String path, String key, boolean selfAllowed) {
        String src = r.text(obj, path, key, false);
        if (src == null) {
            return null;
        }
        String p = YamlDocument.child(path, key);
        expressionChecks.add(() -> check(p, src, selfAllowed));
        return src;
    }

    private void check(String path, String src, boolean selfAllowed) {
        Expression e;
        try {
            e = Expression.parse(src);
        } catch (ExpressionException ex) {
            r.problem(path, "syntax error at column " + ex.column() + ": " + ex.detail() + " in '" + src + "'");
            return;
        }
        for (String ref : e.references()) {
            if (!questionIds.contains(ref)) {
                r.problem(path, "unknown question '" + ref + "' in '" + src + "'");
            }
        }
        if (e.usesSelf() && !selfAllowed) {
            r.problem(path, "'.' is only allowed in a constraint, in '" + src + "'");
        }
    }
}
