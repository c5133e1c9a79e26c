package org.fieldsafe.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the expression language (docs/testing.md, "Fuzzing"): any text either parses or is refused with an
 * {@link ExpressionException} naming a column inside the text; a parsed expression evaluates without throwing (errors
 * are values), the same way twice. Seeds: the reference forms' expressions.
 */
class ExpressionFuzzTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @FuzzTest(maxDuration = "15s")
    @Timeout(60)
    void parseAndEvaluate(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        Expression e;
        try {
            e = Expression.parse(source);
        } catch (ExpressionException bad) {
            assertThat(bad.column()).isBetween(1, source.length() + 1);
            return;
        }
        assertThat(reparse(source).references()).isEqualTo(e.references());
        for (EvaluationContext ctx : contexts(e)) {
            Value first = e.evaluate(ctx);
            assertThat(first).isNotNull();
            assertThat(e.evaluate(ctx)).isEqualTo(first);
            e.test(ctx);
        }
    }

    private static Expression reparse(String source) {
        try {
            return Expression.parse(source);
        } catch (ExpressionException e) {
            throw new AssertionError("parsed once, refused the second time: " + e.getMessage(), e);
        }
    }

    /** No answers; then every referenced question answered with a number, a text, choices or a date. */
    private static List<EvaluationContext> contexts(Expression e) {
        Map<String, Object> numbers = new java.util.HashMap<>();
        Map<String, Object> texts = new java.util.HashMap<>();
        Map<String, Object> choices = new java.util.HashMap<>();
        for (String id : e.references()) {
            numbers.put(id, new BigDecimal("17"));
            texts.put(id, "2001-02-03");
            choices.put(id, List.of("yes", "none"));
        }
        return List.of(EvaluationContext.of(Map.of(), null, TODAY),
                EvaluationContext.of(numbers, new BigDecimal("42"), TODAY),
                EvaluationContext.of(texts, "text", TODAY),
                EvaluationContext.of(choices, List.of("a"), TODAY));
    }
}
