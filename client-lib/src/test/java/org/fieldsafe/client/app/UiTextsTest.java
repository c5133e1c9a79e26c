package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.forms.TranslationState;
import org.junit.jupiter.api.Test;

/** The app's own words: English complete, the five drafted languages complete drafts, Lahu English and marked. */
class UiTextsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    @Test
    void of_draftedLanguages_everyKeyTranslatedWithTheSamePlaceholders() {
        UiTexts.Texts en = UiTexts.of("en");
        assertThat(en.state()).isEqualTo(TranslationState.COMPLETE);
        for (String lang : new String[] {"bn", "km", "hi", "ne", "th"}) {
            UiTexts.Texts texts = UiTexts.of(lang);
            assertThat(texts.state()).as(lang).isEqualTo(TranslationState.DRAFT);
            assertThat(texts.texts().keySet()).as(lang).containsExactlyElementsOf(UiTexts.keys());
            for (Map.Entry<String, UiTexts.Text> e : texts.texts().entrySet()) {
                assertThat(e.getValue().lang()).as(lang + " " + e.getKey()).isEqualTo(lang);
                assertThat(placeholders(e.getValue().text())).as(lang + " " + e.getKey())
                        .isEqualTo(placeholders(en.texts().get(e.getKey()).text()));
            }
        }
    }

    @Test
    void of_lahu_fallsBackToEnglishMarkedMissing() {
        UiTexts.Texts lhu = UiTexts.of("lhu");

        assertThat(lhu.state()).isEqualTo(TranslationState.MISSING);
        assertThat(lhu.texts().values()).allSatisfy(t -> assertThat(t.lang()).isEqualTo("en"));
        assertThat(lhu.texts().get("home.title").text()).isEqualTo(UiTexts.of("en").texts().get("home.title").text());
        assertThat(UiTexts.LANGUAGES).containsKeys("en", "bn", "km", "hi", "ne", "th", "lhu");
    }

    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
