package org.fieldsafe.core.expr;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** What an expression can see: the answers, the value of the question being checked ({@code .}) and today. */
public interface EvaluationContext {

    /** The answer to a question, or {@code null} when unanswered; see {@link Value#ofAnswer(Object)}. */
    Object answer(String questionId);

    /** The value of the question whose constraint is checked, or {@code null}. */
    Object self();

    /** The date {@code today()} returns. */
    LocalDate today();

    static EvaluationContext of(Map<String, ?> answers, Object self, LocalDate today) {
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(today, "today");
        return new EvaluationContext() {
            @Override
            public Object answer(String questionId) {
                return answers.get(questionId);
            }

            @Override
            public Object self() {
                return self;
            }

            @Override
            public LocalDate today() {
                return today;
            }
        };
    }

    static EvaluationContext of(Map<String, ?> answers, Object self, Clock clock) {
        return of(answers, self, LocalDate.now(clock));
    }

    static EvaluationContext of(Map<String, ?> answers, Clock clock) {
        return of(answers, null, LocalDate.now(clock));
    }
}
