package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** Reads text maps (language code to text), checking language codes and the master-language text. */
final class TextReader {
    private final NodeReader reader;
    private final String master;
    private final Set<String> languages;

    /** {@code master} may be null and {@code languages} empty when study.yaml itself is broken. */
    TextReader(NodeReader reader, String master, Set<String> languages) {
        this.reader = reader;
        this.master = master;
        this.languages = languages;
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
        return texts;
    }
}
