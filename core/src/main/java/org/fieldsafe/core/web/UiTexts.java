package org.fieldsafe.core.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.json.JsonMappers;

/**
 * A front end's own words, translated like the forms (DESIGN.md section 11): English is the master and complete; each
 * other language is a JSON file {@code {"state": ..., "texts": {key: text}}} with its translation state. A key the
 * language lacks falls back to English and is marked with {@code lang: en}, so the page sets the right {@code lang}
 * attribute and shows that the text is not in the chosen language. A language without a file (Lahu today) is wholly
 * English, marked {@link TranslationState#MISSING}. The field app has one file per language, the console one per
 * language and area: {@code file} names the resource of a language.
 */
public final class UiTexts {
    public static final String MASTER = "en";
    /** The languages the front ends' words exist in or fall back for, with their names in their own script. */
    public static final Map<String, String> LANGUAGES = languages();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final ObjectMapper JSON = JsonMappers.lenient(); // the drafts carry a _note

    /** One text and the language it is really in. */
    public record Text(String text, String lang) {
    }

    /** A language's texts and state, every key of the master present. */
    public record Texts(String lang, TranslationState state, Map<String, Text> texts) {
    }

    private record File(String state, Map<String, String> texts) {
    }

    private final Function<String, String> file;

    /** The texts whose class-path resource for a language is {@code file.apply(lang)}. */
    public UiTexts(Function<String, String> file) {
        this.file = file;
    }

    public static boolean known(String lang) {
        return LANGUAGES.containsKey(lang);
    }

    /** The texts in {@code lang} (one of {@link #LANGUAGES}), English where it lacks one. */
    public Texts of(String lang) {
        File master = read(MASTER);
        if (master == null) {
            throw new IllegalStateException(file.apply(MASTER) + " is missing from the jar");
        }
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

    /** The names of a text's {@code {placeholders}}: a translation must keep the English text's. */
    public static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The master's keys, for tests that check every language file covers them. */
    public List<String> keys() {
        return List.copyOf(read(MASTER).texts().keySet());
    }

    private File read(String lang) {
        Optional<byte[]> bytes = StaticFiles.resource(file.apply(lang));
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            return JSON.readValue(bytes.get(), File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the " + lang + " texts are unreadable", e);
        }
    }

    private static Map<String, String> languages() {
        byte[] bytes = StaticFiles.resource(StaticFiles.SHARED + "languages.json")
                .orElseThrow(() -> new IllegalStateException("the front ends' language list is missing"));
        try {
            return JsonMappers.plain().readValue(bytes, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("the front ends' language list is unreadable", e);
        }
    }
}
