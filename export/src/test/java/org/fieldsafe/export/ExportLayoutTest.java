package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Sensitivity;
import org.junit.jupiter.api.Test;

class ExportLayoutTest {
    private static final Anonymisation BANDS = new Anonymisation(List.of("site", "age"), List.of(18, 30), "month");

    private static Question q(String id, QuestionType type, Sensitivity s, String... choices) {
        return new Question(id, type, Map.of("en", id), null, false, s, null, null, null,
                java.util.Arrays.stream(choices).map(c -> new Choice(c, Map.of("en", c))).toList(), List.of(), null);
    }

    private static ExportForm form(int version, Question... questions) {
        return new ExportForm(version, new FormDefinition("interview", FormKind.INTERVIEW, "consent", "en",
                Map.of("en", "Interview"), List.of(questions), Map.of()));
    }

    @Test
    void layout_strictestTreatmentOverVersionsAndUnionOfChoices() {
        ExportLayout layout = new ExportLayout(List.of(
                form(1, q("nickname", QuestionType.SHORT_TEXT, Sensitivity.NONE),
                        q("work", QuestionType.SELECT_MULTIPLE, Sensitivity.NONE, "farm", "factory")),
                form(2, q("nickname", QuestionType.SHORT_TEXT, Sensitivity.DIRECT_IDENTIFIER),
                        q("work", QuestionType.SELECT_MULTIPLE, Sensitivity.NONE, "factory", "fishing"),
                        q("age", QuestionType.INTEGER, Sensitivity.QUASI_IDENTIFIER),
                        q("village", QuestionType.SHORT_TEXT, Sensitivity.QUASI_IDENTIFIER),
                        q("site", QuestionType.SELECT_ONE, Sensitivity.NONE, "a"),
                        q("when", QuestionType.DATE, Sensitivity.NONE),
                        q("intro", QuestionType.NOTE, Sensitivity.NONE))), BANDS);
        assertThat(layout.item("nickname").orElseThrow().treatment()).isEqualTo(Treatment.LEFT_OUT_DIRECT);
        assertThat(layout.item("work").orElseThrow().choiceIds()).containsExactly("factory", "fishing", "farm");
        assertThat(layout.item("age").orElseThrow().treatment()).isEqualTo(Treatment.BAND);
        assertThat(layout.item("village").orElseThrow().treatment()).isEqualTo(Treatment.LEFT_OUT_QUASI);
        assertThat(layout.item("when").orElseThrow().treatment()).isEqualTo(Treatment.DATE);
        assertThat(layout.item("intro").orElseThrow().treatment()).isEqualTo(Treatment.NOTE);
        assertThat(layout.leftOut()).containsExactly("nickname", "village");
        assertThat(layout.wideColumns()).containsExactly("interview", "respondent", "site", "category", "form",
                "form_version", "language", "finalised", "work__factory", "work__fishing", "work__farm", "age",
                "site_answer", "when");
    }

    @Test
    void layout_integerQuasiIdentifierWithoutBands_leftOut() {
        ExportLayout layout = new ExportLayout(List.of(form(1, q("age", QuestionType.INTEGER,
                Sensitivity.QUASI_IDENTIFIER), q("children", QuestionType.INTEGER, Sensitivity.NONE))),
                Anonymisation.DEFAULT);
        assertThat(layout.item("age").orElseThrow().treatment()).isEqualTo(Treatment.LEFT_OUT_QUASI);
        assertThat(layout.item("children").orElseThrow().treatment()).isEqualTo(Treatment.AS_IS);
        assertThat(layout.wideColumns()).doesNotContain("age").contains("children");
    }
}
