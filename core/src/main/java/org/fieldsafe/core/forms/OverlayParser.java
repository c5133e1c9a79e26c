package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads and validates a translation overlay against the study and its forms (before merging). */
final class OverlayParser {
    private static final Set<String> OVERLAY_KEYS = Set.of("language", "name", "forms");
    private static final Set<String> FORM_KEYS = Set.of("state", "texts");

    private final NodeReader r;
    private final TextReader languages;

    OverlayParser(NodeReader reader, TextReader languages) {
        this.r = reader;
        this.languages = languages;
    }

    /**
     * The overlay, or {@code null} when unusable. {@code expectedLanguage} is the file name's stem;
     * {@code forms} are the study's forms by id; the texts of {@code brokenForms} (which have problems of their
     * own) are not checked, to avoid follow-on problems.
     */
    TranslationOverlay parse(JsonNode root, String expectedLanguage, Map<String, FormDefinition> forms,
                             Set<String> brokenForms) {
        JsonNode o = r.object(root, "", OVERLAY_KEYS);
        if (o == null) {
            return null;
        }
        String language = r.text(o, "", "language", true);
        String name = r.text(o, "", "name", false);
        if (language == null) {
            return null;
        }
        if (!language.equals(expectedLanguage)) {
            r.problem("language", "'" + language + "' does not match the file name " + expectedLanguage + ".yaml");
        }
        if (!languages.languages().isEmpty() && !languages.languages().contains(language)) {
            r.problem("language", "unknown language '" + language + "' (study languages: "
                    + String.join(", ", languages.languages()) + ")");
            return null;
        }
        if (language.equals(languages.master())) {
            r.problem("language", "the master language's texts belong in the form files");
            return null;
        }
        Map<String, TranslationOverlay.OverlayForm> out = new LinkedHashMap<>();
        JsonNode fs = o.get("forms");
        if (fs == null || fs.isNull()) {
            r.problem("forms", "missing required field");
        } else if (!fs.isObject()) {
            r.problem("forms", "expected a mapping, got " + NodeReader.describe(fs));
        } else {
            fs.properties().forEach(e -> {
                String path = YamlDocument.child("forms", e.getKey());
                FormDefinition form = forms.get(e.getKey());
                if (form == null) {
                    r.problem(path, "no form '" + e.getKey() + "' in this study");
                    return;
                }
                TranslationOverlay.OverlayForm f = form(e.getValue(), path, form, language,
                        brokenForms.contains(form.id()));
                if (f != null) {
                    out.put(e.getKey(), f);
                }
            });
        }
        return new TranslationOverlay(language, name, out);
    }

    private TranslationOverlay.OverlayForm form(JsonNode node, String path, FormDefinition form, String language,
                                                boolean broken) {
        JsonNode f = r.object(node, path, FORM_KEYS);
        if (f == null) {
            return null;
        }
        TranslationState state = r.enumValue(f, path, "state", TranslationState::of,
                new TranslationState[] {TranslationState.DRAFT, TranslationState.COMPLETE, TranslationState.REVIEWED},
                null);
        if (state == TranslationState.MISSING) {
            r.problem(YamlDocument.child(path, "state"), "'missing' is not one of draft, complete, reviewed");
            state = null;
        }
        Map<String, String> texts = r.stringMap(f, path, "texts", false);
        if (texts == null) {
            texts = new LinkedHashMap<>();
        }
        if (broken) {
            return new TranslationOverlay.OverlayForm(state, texts);
        }
        Map<String, Map<String, String>> known = FormTexts.of(form);
        String textsPath = YamlDocument.child(path, "texts");
        texts.entrySet().removeIf(e -> {
            String where = YamlDocument.child(textsPath, e.getKey());
            if (!known.containsKey(e.getKey())) {
                r.problem(where, "names no text of form '" + form.id() + "'");
                return true;
            }
            if (e.getValue().isBlank()) {
                r.problem(where, "empty text");
                return true;
            }
            languages.checkPlaceholders(where, e.getValue(), known.get(e.getKey()).get(form.masterLanguage()));
            return false;
        });
        if (state != null && state.needsEveryText()) {
            FormDefinition merged = FormTexts.merge(form, language, texts);
            var missing = FormTexts.missing(merged, language);
            if (!missing.isEmpty()) {
                r.problem(YamlDocument.child(path, "state"), "state " + state + " but " + missing.size()
                        + " text(s) missing in '" + language + "': " + String.join(", ", missing));
            }
        }
        return new TranslationOverlay.OverlayForm(state, texts);
    }
}
