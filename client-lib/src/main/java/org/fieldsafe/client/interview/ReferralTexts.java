package org.fieldsafe.client.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The texts of the disclosure and referral flow (prompts, choices, urgencies, categories, errors) in one language,
 * read from {@code referral-texts/<lang>.yaml} beside this class, like a form's translations: a text the language
 * lacks is the master's (English), marked {@code [en]}. A file's {@code state} (complete / draft) is kept as forms
 * keep theirs.
 */
public final class ReferralTexts {
    static final String MASTER = "en";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String language;
    private final String state;
    private final Map<String, String> own;
    private final Map<String, String> master;

    private ReferralTexts(String language, String state, Map<String, String> own, Map<String, String> master) {
        this.language = language;
        this.state = state;
        this.own = own;
        this.master = master;
    }

    /** The texts of {@code language}; a language without a file gets every text in English, marked. */
    public static ReferralTexts of(String language) {
        JsonNode masterFile = read(MASTER);
        JsonNode ownFile = MASTER.equals(language) ? masterFile : read(language);
        return new ReferralTexts(language, ownFile == null ? "missing" : ownFile.path("state").asText("draft"),
                texts(ownFile), texts(masterFile));
    }

    public String language() {
        return language;
    }

    /** The translation state of this language's file: complete, draft, or missing (no file). */
    public String state() {
        return state;
    }

    /** The text for {@code key} with {@code {name}} placeholders filled from {@code values} (name, value, ...). */
    public String text(String key, String... values) {
        String t = own.get(key);
        if (t == null) {
            String m = master.get(key);
            if (m == null) {
                throw new IllegalArgumentException("no referral text '" + key + "'");
            }
            t = "[" + MASTER + "] " + m;
        }
        for (int i = 0; i + 1 < values.length; i += 2) {
            t = t.replace("{" + values[i] + "}", values[i + 1]);
        }
        return t;
    }

    /** The text for {@code key} if there is one in either language, else {@code fallback} as it is. */
    public String textOr(String key, String fallback) {
        return own.containsKey(key) || master.containsKey(key) ? text(key) : fallback;
    }

    private static JsonNode read(String language) {
        if (!language.matches("[a-z]{2,3}(-[A-Za-z0-9]+)*")) {
            return null;
        }
        try (InputStream in = ReferralTexts.class.getResourceAsStream("referral-texts/" + language + ".yaml")) {
            return in == null ? null : YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the referral texts of " + language, e);
        }
    }

    private static Map<String, String> texts(JsonNode file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (file != null) {
            file.path("texts").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
