package org.fieldsafe.server.cli.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.expr.EvaluationContext;
import org.fieldsafe.core.expr.Expression;
import org.fieldsafe.core.expr.ExpressionException;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;

/**
 * The form's own rules applied to an imported row as the field app applies them before it seals an interview, with
 * core's expression engine: an answer to a question that is not relevant given the row's other answers of that form
 * (as the device, a chain of skip logic is followed), a relevant required question left empty (recordings aside:
 * they travel as files, which an export does not bring), and an answer its constraint refuses. Each is reported
 * naming the row and the question, never the answer; {@code today()} is the row's submission date.
 */
final class ImportRules {
    private final Map<String, Expression> parsed = new HashMap<>();

    /** The problems of one form's answers of one row, each beginning with {@code where}. */
    List<String> check(String where, FormDefinition form, Map<String, Object> answers, LocalDate today) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> kept = new LinkedHashMap<>(answers);
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            for (Question q : form.questions()) {
                if (kept.containsKey(q.id()) && q.relevant() != null && !test(q.relevant(), kept, null, today)) {
                    kept.remove(q.id());
                    dropped = true;
                }
            }
        }
        for (Question q : form.questions()) {
            boolean relevant = q.relevant() == null || test(q.relevant(), kept, null, today);
            Object value = answers.get(q.id());
            String at = where + ", question " + q.id() + ": ";
            if (value != null && !kept.containsKey(q.id())) {
                problems.add(at + "answered although not relevant (relevant: " + q.relevant() + ")");
            } else if (value == null && relevant && q.required() && q.type() != QuestionType.AUDIO) {
                problems.add(at + "required but not answered");
            } else if (value != null && q.constraint() != null && !test(q.constraint(), kept, value, today)) {
                problems.add(at + "the answer breaks the constraint (" + q.constraint() + ")");
            }
        }
        return problems;
    }

    /** As the device: an expression that does not parse holds nowhere. */
    private boolean test(String source, Map<String, Object> answers, Object self, LocalDate today) {
        Expression e = parsed.computeIfAbsent(source, s -> {
            try {
                return Expression.parse(s);
            } catch (ExpressionException ex) {
                return null;
            }
        });
        return e != null && e.test(EvaluationContext.of(answers, self, today));
    }
}
