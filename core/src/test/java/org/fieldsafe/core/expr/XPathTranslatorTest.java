package org.fieldsafe.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The XPath written for expressions; that JavaRosa gives the same verdicts is client-lib's XFormDifferentialTest. */
class XPathTranslatorTest {
    private static final XPathTranslator.References REFS = new XPathTranslator.References() {
        @Override
        public String path(String questionId) {
            return "/data/f/" + questionId;
        }

        @Override
        public boolean isDate(String questionId) {
            return questionId.equals("visit");
        }
    };

    private static String xpath(String source) throws ExpressionException {
        return XPathTranslator.translate(Expression.parse(source), REFS, false);
    }

    @Test
    void translate_notEqualOnAnAnswer_isFalseWhenTheAnswerIsEmpty() throws Exception {
        assertThat(xpath("${a} != 'yes'")).isEqualTo("((string(/data/f/a) != '') and (/data/f/a != 'yes'))");
    }

    @Test
    void translate_literalsOnly_needNoGuard() throws Exception {
        assertThat(xpath("count-selected(${s}) = 1 and true")).isEqualTo("((count-selected(/data/f/s) = 1) and true())");
    }

    @Test
    void translate_regex_letsThePatternFloatAsFieldsafeFindsIt() throws Exception {
        assertThat(xpath("regex(${a}, '[0-9]')")).isEqualTo("regex(/data/f/a, '(?s:.*)(?:[0-9])(?s:.*)')");
    }

    @Test
    void translate_dateQuestionAgainstText_comparesDates() throws Exception {
        assertThat(xpath("${visit} > '2020-06-30'"))
                .isEqualTo("((string(/data/f/visit) != '') and (/data/f/visit > date('2020-06-30')))");
    }

    @Test
    void quote_textWithBothQuotes_isAConcat() {
        assertThat(XPathTranslator.quote("it's \"x\"")).isEqualTo("concat('it', \"'\", 's \"x\"')");
    }
}
