package org.fieldsafe.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.web.UiTexts;
import org.fieldsafe.server.resources.console.ConsoleServlet;
import org.junit.jupiter.api.Test;

/**
 * The console's words, every area: English complete, the five drafts each a complete draft with the same
 * placeholders, Lahu English and marked missing.
 */
class ConsoleTextsTest {

    static List<String> areas() throws IOException, URISyntaxException {
        URL en = ConsoleTextsTest.class.getClassLoader().getResource(ConsoleServlet.WEB + "i18n/en");
        try (Stream<Path> files = Files.list(Path.of(en.toURI()))) {
            return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
        }
    }

    static UiTexts texts(String area) {
        return new UiTexts(lang -> ConsoleServlet.WEB + "i18n/" + lang + "/" + area + ".json");
    }

    @Test
    void of_everyAreaInTheDraftedLanguages_everyKeyTranslatedWithTheSamePlaceholders() throws Exception {
        assertThat(areas()).contains("shell");
        for (String area : areas()) {
            UiTexts texts = texts(area);
            UiTexts.Texts en = texts.of("en");
            assertThat(en.state()).as(area).isEqualTo(TranslationState.COMPLETE);
            assertThat(en.texts().keySet()).as(area + ": keys start with the area (or are shared problem/errors keys)")
                    .allMatch(k -> k.startsWith(area + ".") || k.startsWith("problem.") || k.equals("errors.title"));
            for (String lang : new String[] {"bn", "km", "hi", "ne", "th"}) {
                UiTexts.Texts drafted = texts.of(lang);
                assertThat(drafted.state()).as(area + " " + lang).isEqualTo(TranslationState.DRAFT);
                for (Map.Entry<String, UiTexts.Text> e : drafted.texts().entrySet()) {
                    assertThat(e.getValue().lang()).as(area + " " + lang + " " + e.getKey()).isEqualTo(lang);
                    assertThat(UiTexts.placeholders(e.getValue().text())).as(area + " " + lang + " " + e.getKey())
                            .isEqualTo(UiTexts.placeholders(en.texts().get(e.getKey()).text()));
                }
            }
        }
    }

    @Test
    void of_lahu_fallsBackToEnglishMarkedMissing() {
        UiTexts.Texts lhu = texts("shell").of("lhu");

        assertThat(lhu.state()).isEqualTo(TranslationState.MISSING);
        assertThat(lhu.texts().values()).allSatisfy(t -> assertThat(t.lang()).isEqualTo("en"));
        assertThat(lhu.texts().get("shell.login.title").text()).isEqualTo("Sign in to the Fieldsafe console");
    }
}
