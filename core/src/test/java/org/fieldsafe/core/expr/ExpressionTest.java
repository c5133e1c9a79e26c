package org.fieldsafe.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    private final Map<String, Object> answers = new HashMap<>();

    private Value eval(String src) throws ExpressionException {
        return Expression.parse(src).evaluate(EvaluationContext.of(answers, null, TODAY));
    }

    private Value evalSelf(String src, Object self) throws ExpressionException {
        return Expression.parse(src).evaluate(EvaluationContext.of(answers, self, TODAY));
    }

    private boolean test(String src) throws ExpressionException {
        return Expression.parse(src).test(EvaluationContext.of(answers, null, TODAY));
    }

    private static Value num(String n) {
        return Value.number(new BigDecimal(n));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3 | 7",
            "(1 + 2) * 3 | 9",
            "10 - 4 - 3 | 3",
            "7 div 2 | 3.5",
            "7 mod 3 | 1",
            "-7 mod 3 | -1",
            "-2 * -3 | 6",
            "2 * 3 div 4 | 1.5",
            "0.1 + 0.2 | 0.3",
            "string-length('añb') | 3",
            "string-length(12.50) | 4",
    })
    void evaluate_arithmetic(String src, String expected) throws ExpressionException {
        assertThat(eval(src)).isEqualTo(num(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "true or false and false | true",
            "(true or false) and false | false",
            "not(true) or true | true",
            "not(1 > 2) | true",
            "1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 | true",
            "2 = 2.0 | true",
            "10 > 9 | true",
            "'10' > '9' | false",
            "'10' > 9 | true",
            "'abc' < 'abd' | true",
            "'a' != 'b' | true",
            "\"x\" = 'x' | true",
            "1 + 1 = 2 and 'a' = 'a' | true",
            "false or false | false",
    })
    void evaluate_logicAndComparison(String src, boolean expected) throws ExpressionException {
        assertThat(eval(src)).isEqualTo(Value.bool(expected));
    }

    @Test
    void evaluate_answers() throws ExpressionException {
        answers.put("age", 17);
        answers.put("name", "Mina");
        answers.put("services", List.of("health", "legal"));
        answers.put("consent", "yes");
        assertThat(test("${age} < 18")).isTrue();
        assertThat(test("${age} >= 18")).isFalse();
        assertThat(test("${name} = 'Mina'")).isTrue();
        assertThat(test("selected(${services}, 'legal')")).isTrue();
        assertThat(test("selected(${services}, 'shelter')")).isFalse();
        assertThat(test("selected(${consent}, 'yes')")).isTrue();
        assertThat(eval("count-selected(${services})")).isEqualTo(num("2"));
        assertThat(eval("count-selected(${consent})")).isEqualTo(num("1"));
        assertThat(eval("string-length(${name})")).isEqualTo(num("4"));
    }

    @Test
    void evaluate_numericTextAnswerComparesNumerically() throws ExpressionException {
        answers.put("age", "9");
        assertThat(test("${age} < 18")).isTrue();
        assertThat(eval("${age} + 1")).isEqualTo(num("10"));
    }

    @Test
    void evaluate_emptySemantics() throws ExpressionException {
        answers.put("blank", "");
        answers.put("none", List.of());
        assertThat(eval("${missing} = 'x'")).isEqualTo(Value.FALSE);
        assertThat(eval("${missing} != 'x'")).isEqualTo(Value.FALSE);
        assertThat(eval("${blank} < 3")).isEqualTo(Value.FALSE);
        assertThat(eval("selected(${none}, 'a')")).isEqualTo(Value.FALSE);
        assertThat(eval("count-selected(${missing})")).isEqualTo(num("0"));
        assertThat(eval("string-length(${missing})")).isEqualTo(num("0"));
        assertThat(eval("${missing} + 1")).isEqualTo(Value.EMPTY);
        assertThat(eval("age-in-years(${missing})")).isEqualTo(Value.EMPTY);
        assertThat(eval("${missing} and true")).isEqualTo(Value.FALSE);
        assertThat(eval("not(${missing})")).isEqualTo(Value.TRUE);
        assertThat(test("${missing}")).isFalse();
    }

    @Test
    void evaluate_errorsAreValuesNotExceptions() throws ExpressionException {
        answers.put("services", List.of("a"));
        assertThat(eval("'a' * 2")).isInstanceOf(Value.Error.class);
        assertThat(eval("1 div 0")).isEqualTo(new Value.Error("division by zero"));
        assertThat(eval("5 mod 0")).isInstanceOf(Value.Error.class);
        assertThat(eval("'x' and true")).isInstanceOf(Value.Error.class);
        assertThat(eval("${services} = 'a'")).isInstanceOf(Value.Error.class);
        assertThat(eval("age-in-years('soon')")).isInstanceOf(Value.Error.class);
        assertThat(eval("('a' * 2) = 1")).isInstanceOf(Value.Error.class);
        assertThat(test("'a' * 2 = 1 or true")).isFalse();
        assertThat(test("1 + 1")).isFalse();
    }

    @Test
    void evaluate_shortCircuitsLogic() throws ExpressionException {
        assertThat(eval("false and 'a' * 2 = 1")).isEqualTo(Value.FALSE);
        assertThat(eval("true or 'a' * 2 = 1")).isEqualTo(Value.TRUE);
    }

    @Test
    void evaluate_datesAndAge() throws ExpressionException {
        answers.put("dob", LocalDate.of(2008, 3, 16));
        answers.put("dob_text", "2008-03-15");
        assertThat(eval("age-in-years(${dob})")).isEqualTo(num("17"));
        assertThat(eval("age-in-years(${dob_text})")).isEqualTo(num("18"));
        assertThat(test("${dob} < today()")).isTrue();
        assertThat(test("today() = '2026-03-15'")).isTrue();
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(Expression.parse("age-in-years(${dob})").evaluate(EvaluationContext.of(answers, clock)))
                .isEqualTo(num("21"));
    }

    @Test
    void evaluate_regexFindsThePatternInTheValue() throws ExpressionException {
        answers.put("phone", "+855 12 345 678");
        assertThat(test("regex(${phone}, '^[+0-9 ]+$')")).isTrue();
        assertThat(test("regex(${phone}, '345')")).isTrue();
        assertThat(test("regex(${phone}, '^345')")).isFalse();
        assertThat(evalSelf("regex(., '^[A-Z]{2}-[0-9]{3}$')", "KH-007")).isEqualTo(Value.TRUE);
        assertThat(evalSelf("regex(., '^[A-Z]{2}-[0-9]{3}$')", "kh-007")).isEqualTo(Value.FALSE);
        assertThat(eval("regex(${missing}, '^$')")).isEqualTo(Value.TRUE);
        answers.put("pattern", "(");
        assertThat(eval("regex('a', ${pattern})")).isInstanceOf(Value.Error.class);
    }

    @Test
    void evaluate_regexGivesUpOnCatastrophicBacktracking() throws ExpressionException {
        answers.put("long", "x".repeat(40));
        assertThat(eval("regex(${long}, '^(x+)+\\1y')")).isInstanceOf(Value.Error.class);
    }

    @Test
    void parse_regexWithABadLiteralPatternIsASyntaxError() {
        assertThatThrownBy(() -> Expression.parse("regex(., '[a-')")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("regex() pattern");
    }

    @Test
    void evaluate_selectedAtCountsFromZero() throws ExpressionException {
        answers.put("services", List.of("health", "legal"));
        answers.put("consent", "yes");
        assertThat(eval("selected-at(${services}, 0)")).isEqualTo(new Value.Text("health"));
        assertThat(eval("selected-at(${services}, 1)")).isEqualTo(new Value.Text("legal"));
        assertThat(eval("selected-at(${services}, 2)")).isEqualTo(Value.EMPTY);
        assertThat(eval("selected-at(${consent}, 0)")).isEqualTo(new Value.Text("yes"));
        assertThat(eval("selected-at(${missing}, 0)")).isEqualTo(Value.EMPTY);
        assertThat(test("selected-at(${services}, 0) = 'health'")).isTrue();
        assertThat(eval("selected-at(${services}, 0.5)")).isInstanceOf(Value.Error.class);
        assertThat(eval("selected-at(${services}, -1)")).isInstanceOf(Value.Error.class);
    }

    @Test
    void evaluate_coalesceTakesTheFirstNonEmpty() throws ExpressionException {
        answers.put("nickname", "Mina");
        answers.put("blank", "");
        assertThat(eval("coalesce(${nickname}, 'none')")).isEqualTo(new Value.Text("Mina"));
        assertThat(eval("coalesce(${blank}, 'none')")).isEqualTo(new Value.Text("none"));
        assertThat(eval("coalesce(${missing}, ${blank})")).isEqualTo(Value.EMPTY);
        assertThat(test("coalesce(${missing}, 0) = 0")).isTrue();
    }

    @Test
    void evaluate_ifChoosesABranchAndEvaluatesOnlyThatOne() throws ExpressionException {
        answers.put("age", 15);
        assertThat(eval("if(${age} < 18, 'minor', 'adult')")).isEqualTo(new Value.Text("minor"));
        assertThat(eval("if(${age} >= 18, 'minor', 'adult')")).isEqualTo(new Value.Text("adult"));
        assertThat(eval("if(${missing} > 1, 1, 2)")).isEqualTo(num("2"));
        assertThat(eval("if(true, 1, 1 div 0)")).isEqualTo(num("1"));
        assertThat(eval("if('x', 1, 2)")).isInstanceOf(Value.Error.class);
        assertThat(test("if(${age} < 18, . >= 12, . >= 18)")).isFalse();
        assertThat(Expression.parse("if(${age} < 18, . >= 12, . >= 18)")
                .test(EvaluationContext.of(answers, 13, TODAY))).isTrue();
    }

    @Test
    void evaluate_self() throws ExpressionException {
        assertThat(evalSelf(". >= 10 and . <= 110", 42)).isEqualTo(Value.TRUE);
        assertThat(evalSelf(". >= 10 and . <= 110", 7)).isEqualTo(Value.FALSE);
        assertThat(evalSelf("string-length(.) <= 3", "abcd")).isEqualTo(Value.FALSE);
    }

    @Test
    void parse_collectsReferencesAndSelf() throws ExpressionException {
        Expression e = Expression.parse("${a} = 1 and (selected(${b}, 'x') or . > ${a})");
        assertThat(e.references()).containsExactly("a", "b");
        assertThat(e.usesSelf()).isTrue();
        assertThat(Expression.parse("${ a } = 1").references()).containsExactly("a");
        assertThat(Expression.parse("today() > ${d}").usesSelf()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "${age} <| 9",
            "${age} < 18 and | 16",
            "'open | 1",
            "${Age} = 1 | 1",
            "$age | 1",
            "${age | 1",
            "foo(1) | 1",
            "selected(${a}) | 1",
            "today(1) | 1",
            "1 < 2 < 3 | 7",
            "(1 + 2 | 7",
            "1 2 | 3",
            "1 ! 2 | 3",
            "3. | 3",
            "1 & 2 | 3",
            "age | 1",
            "if(true, 1) | 1",
            "coalesce(1) | 1",
            "selected-at(${a}) | 1",
            "regex('a') | 1",
    })
    void parse_syntaxErrorsNameTheColumn(String src, int column) {
        assertThatThrownBy(() -> Expression.parse(src))
                .isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).column()).isEqualTo(column))
                .hasMessageContaining("column " + column);
    }

    @Test
    void parse_emptyIsAnError() {
        assertThatThrownBy(() -> Expression.parse("  ")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void parse_deepNestingIsASyntaxErrorNotAStackOverflow() throws ExpressionException {
        String parens = "(".repeat(300) + "1" + ")".repeat(300);
        assertThatThrownBy(() -> Expression.parse(parens)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("nested too deeply").hasMessageContaining("column 101");
        assertThatThrownBy(() -> Expression.parse("-".repeat(500) + "1")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> Expression.parse("not(".repeat(200) + "true" + ")".repeat(200)))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("nested too deeply");
        String deepest = "(".repeat(100) + "1" + ")".repeat(100);
        assertThat(eval(deepest)).isEqualTo(num("1"));
    }

    @Test
    void parse_overlongExpressionIsASyntaxErrorNotAStackOverflow() throws ExpressionException {
        assertThatThrownBy(() -> Expression.parse("1" + "+1".repeat(50000))).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("too long").hasMessageContaining("column 1001");
        assertThat(eval("1" + "+1".repeat(499))).isEqualTo(num("500"));
    }

    @Test
    void ofAnswer_convertsDeviceValues() {
        assertThat(Value.ofAnswer(3.5)).isEqualTo(num("3.5"));
        assertThat(Value.ofAnswer(new BigDecimal("2.50"))).isEqualTo(num("2.5"));
        assertThat(Value.ofAnswer(true)).isEqualTo(Value.TRUE);
        assertThat(Value.ofAnswer(new Object())).isInstanceOf(Value.Error.class);
    }
}
