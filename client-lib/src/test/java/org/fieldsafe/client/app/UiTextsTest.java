package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fieldsafe.core.forms.TranslationState;
import org.junit.jupiter.api.Test;

/** The app's own words: English complete, the five drafted languages complete drafts, Lahu English and marked. */
class UiTextsTest {

    @Test
    void of_draftedLanguages_everyKeyTranslatedWithTheSamePlaceholders() {
        org.fieldsafe.core.web.UiTexts.Texts en = UiTexts.of("en");
        assertThat(en.state()).isEqualTo(TranslationState.COMPLETE);
        for (String lang : new String[] {"bn", "km", "hi", "ne", "th"}) {
            org.fieldsafe.core.web.UiTexts.Texts texts = UiTexts.of(lang);
            assertThat(texts.state()).as(lang).isEqualTo(TranslationState.DRAFT);
            assertThat(texts.texts().keySet()).as(lang).containsExactlyElementsOf(UiTexts.keys());
            for (Map.Entry<String, org.fieldsafe.core.web.UiTexts.Text> e : texts.texts().entrySet()) {
                assertThat(e.getValue().lang()).as(lang + " " + e.getKey()).isEqualTo(lang);
                assertThat(org.fieldsafe.core.web.UiTexts.placeholders(e.getValue().text())).as(lang + " " + e.getKey())
                        .isEqualTo(org.fieldsafe.core.web.UiTexts.placeholders(en.texts().get(e.getKey()).text()));
            }
        }
    }

    @Test
    void of_lahu_fallsBackToEnglishMarkedMissing() {
        org.fieldsafe.core.web.UiTexts.Texts lhu = UiTexts.of("lhu");

        assertThat(lhu.state()).isEqualTo(TranslationState.MISSING);
        assertThat(lhu.texts().values()).allSatisfy(t -> assertThat(t.lang()).isEqualTo("en"));
        assertThat(lhu.texts().get("home.title").text()).isEqualTo(UiTexts.of("en").texts().get("home.title").text());
        assertThat(UiTexts.LANGUAGES).containsKeys("en", "bn", "km", "hi", "ne", "th", "lhu");
    }
}
