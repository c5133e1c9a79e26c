package org.fieldsafe.client.interview;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldsafe.core.expr.EvaluationContext;
import org.fieldsafe.core.expr.Expression;
import org.fieldsafe.core.expr.ExpressionException;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;

/**
 * A form's expressions evaluated on the device (parsed once each), and which answers count: those on questions
 * that are relevant given the answers that count. An answer left on a question that became irrelevant (after a
 * step back) stays in the draft but counts for nothing.
 */
final class SkipLogic {
    private final Clock clock;
    private final Map<String, Expression> expressions = new HashMap<>();

    SkipLogic(Clock clock) {
        this.clock = clock;
    }

    /** True when {@code source} holds on {@code answers} ({@code self}: the value of {@code .}); false if malformed. */
    boolean test(String source, Map<String, Object> answers, Object self) {
        Expression e = expressions.computeIfAbsent(source, s -> {
            try {
                return Expression.parse(s);
            } catch (ExpressionException ex) {
                return null;
            }
        });
        return e != null && e.test(EvaluationContext.of(answers, self, clock));
    }

    /**
     * The answers on questions relevant given the answers kept, in form order: answers on irrelevant questions are
     * dropped until none is left, so a chain of skip logic (q3 relevant on q2, q2 on q1) follows a changed q1.
     */
    Map<String, Object> kept(Map<String, Object> answers, FormDefinition form) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            if (answers.containsKey(q.id())) {
                kept.put(q.id(), answers.get(q.id()));
            }
        }
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            for (Question q : form.questions()) {
                if (kept.containsKey(q.id()) && q.relevant() != null && !test(q.relevant(), kept, null)) {
                    kept.remove(q.id());
                    dropped = true;
                }
            }
        }
        return kept;
    }
}
