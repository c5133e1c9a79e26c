package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fieldsafe.core.json.JsonMappers;

/**
 * The content of {@code translations/<lang>.yaml}: for each form its state and texts by translation key
 * (see {@link FormTexts}).
 */
@JsonPropertyOrder({"language", "name", "forms"})
public record TranslationOverlay(String language, String name, Map<String, OverlayForm> forms) {

    private static final ObjectMapper YAML = JsonMappers.translationYaml();

    public TranslationOverlay {
        forms = forms == null ? Map.of() : new TreeMap<>(forms);
    }

    /** One form in an overlay: {@code state} is complete or draft; texts are kept sorted by key. */
    @JsonPropertyOrder({"state", "texts"})
    public record OverlayForm(TranslationState state, Map<String, String> texts) {
        public OverlayForm {
            texts = texts == null ? Map.of() : new TreeMap<>(texts);
        }
    }

    /** This overlay with {@code form} set for {@code formId}, replacing what was there. */
    public TranslationOverlay with(String formId, OverlayForm form) {
        Map<String, OverlayForm> copy = new LinkedHashMap<>(forms);
        copy.put(formId, form);
        return new TranslationOverlay(language, name, copy);
    }

    /** The overlay as YAML, ready to be written to {@code translations/<language>.yaml}. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("overlay not serialisable", e);
        }
    }
}
