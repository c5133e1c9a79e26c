package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** Reads text maps (language code to text), checking language codes and the master-language text. */
final class TextReader {
    private final NodeReader reader;
    private final String master;
    private final Set<String> languages;
    private final Placeholders placeholders;

    /**
     * {@code master} may be null and {@code languages} empty when study.yaml itself is broken; {@code placeholders}
     * (what the study fills) is null then too, and placeholders are not checked.
     */
    TextReader(NodeReader reader, String master, Set<String> languages, Placeholders placeholders) {
        this.reader = reader;
        this.master = master;
        this.languages = languages;
        this.placeholders = placeholders;
    }

    /**
     * Adds a problem at {@code where} for every unfilled placeholder of {@code text}; a translation (whose
     * {@code masterText} is given) must also carry the same placeholders as its master text.
     */
    void checkPlaceholders(String where, String text, String masterText) {
        if (placeholders == null || text == null) {
            return;
        }
        for (String problem : masterText == null ? placeholders.problems(text)
                : placeholders.translationProblems(text, masterText)) {
            reader.problem(where, problem);
        }
    }

    String master() {
        return master;
    }

    Set<String> languages() {
        return languages;
    }

    /** The text map, or {@code null} when absent (a problem if required) or not a mapping. */
    Map<String, String> read(JsonNode obj, String path, String key, boolean required) {
        Map<String, String> texts = reader.stringMap(obj, path, key, required);
        if (texts == null) {
            return null;
        }
        String p = YamlDocument.child(path, key);
        texts.entrySet().removeIf(e -> {
            String where = YamlDocument.child(p, e.getKey());
            if (!languages.isEmpty() && !languages.contains(e.getKey())) {
                reader.problem(where, "unknown language '" + e.getKey() + "' (study languages: "
                        + String.join(", ", languages) + ")");
                return true;
            }
            if (e.getValue().isBlank()) {
                reader.problem(where, "empty text");
                return true;
            }
            return false;
        });
        if (master != null && !texts.containsKey(master)) {
            reader.problem(p, "missing text in master language '" + master + "'");
        }
        String masterText = master == null ? null : texts.get(master);
        texts.forEach((language, text) -> checkPlaceholders(YamlDocument.child(p, language), text,
                language.equals(master) ? null : masterText));
        return texts;
    }
}
