package org.fieldsafe.client.app;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.core.forms.TranslationState;

/**
 * The app's own words, translated like the forms (DESIGN.md section 11): English is the master and complete; each
 * other language is a file {@code web/i18n/<code>.json} with its translation state. A key the language lacks falls
 * back to English and is marked with {@code lang: en}, so the page sets the right {@code lang} attribute and shows
 * that the text is not in the chosen language. A language without a file (Lahu today) is wholly English, marked
 * {@link TranslationState#MISSING}.
 */
final class UiTexts {
    static final String MASTER = "en";
    /** The languages the app's own words exist in or fall back for, with their names in their own script. */
    static final Map<String, String> LANGUAGES = languages();

    /** One text and the language it is really in. */
    record Text(String text, String lang) {
    }

    /** A language's texts and state, every key of the master present. */
    record Texts(String lang, TranslationState state, Map<String, Text> texts) {
    }

    private record File(String state, Map<String, String> texts) {
    }

    private UiTexts() {
    }

    static boolean known(String lang) {
        return LANGUAGES.containsKey(lang);
    }

    static Texts of(String lang) {
        File master = read(MASTER);
        File own = MASTER.equals(lang) ? master : read(lang);
        Map<String, Text> texts = new LinkedHashMap<>();
        master.texts().forEach((key, english) -> {
            String translated = own == null ? null : own.texts().get(key);
            texts.put(key, translated == null || translated.isBlank() ? new Text(english, MASTER)
                    : new Text(translated, lang));
        });
        TranslationState state = own == null ? TranslationState.MISSING : TranslationState.of(own.state());
        return new Texts(lang, state, texts);
    }

    /** The master's keys, for tests that check every language file covers them. */
    static List<String> keys() {
        return List.copyOf(read(MASTER).texts().keySet());
    }

    private static File read(String lang) {
        try (InputStream in = UiTexts.class.getClassLoader().getResourceAsStream(WebAssets.WEB + "i18n/" + lang
                + ".json")) {
            return in == null ? null : Json.mapper().readValue(in, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the app's " + lang + " texts are unreadable", e);
        }
    }

    private static Map<String, String> languages() {
        try (InputStream in = UiTexts.class.getClassLoader().getResourceAsStream(WebAssets.WEB
                + "i18n/languages.json")) {
            return Json.mapper().readValue(in, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the app's language list is missing", e);
        }
    }
}
