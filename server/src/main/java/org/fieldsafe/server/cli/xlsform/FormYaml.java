package org.fieldsafe.server.cli.xlsform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormTexts;
import org.fieldsafe.core.forms.Probe;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Sensitivity;
import org.fieldsafe.core.json.JsonMappers;

/**
 * A form as the files of a study folder hold it (docs/forms.md): the form file with the master language's texts, and
 * the other languages' texts by translation key, for {@code translations/<lang>.yaml}.
 */
final class FormYaml {
    private static final ObjectMapper YAML = JsonMappers.translationYaml();

    private FormYaml() {
    }

    /** The form file: keys in the documented order, defaults left out, master-language texts only. */
    static String formFile(FormDefinition form) {
        String master = form.masterLanguage();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", form.id());
        root.put("kind", form.kind().wire());
        if (form.consentForm() != null) {
            root.put("consent_form", form.consentForm());
        }
        root.put("title", only(form.title(), master));
        List<Object> questions = new ArrayList<>();
        for (Question q : form.questions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", q.id());
            m.put("type", q.type().wire());
            m.put("label", only(q.label(), master));
            putIfPresent(m, "hint", only(q.hint(), master));
            if (q.required()) {
                m.put("required", true);
            }
            if (q.sensitivity() != Sensitivity.NONE) {
                m.put("sensitivity", q.sensitivity().wire());
            }
            putIfPresent(m, "relevant", q.relevant());
            putIfPresent(m, "constraint", q.constraint());
            putIfPresent(m, "constraint_message", only(q.constraintMessage(), master));
            if (!q.choices().isEmpty()) {
                List<Object> choices = new ArrayList<>();
                for (Choice c : q.choices()) {
                    choices.add(Map.of("id", c.id(), "label", only(c.label(), master)));
                }
                m.put("choices", choices);
            }
            if (!q.probes().isEmpty()) {
                List<Object> probes = new ArrayList<>();
                for (Probe p : q.probes()) {
                    Map<String, Object> probe = new LinkedHashMap<>();
                    probe.put("id", p.id());
                    probe.put("text", only(p.text(), master));
                    probes.add(probe);
                }
                m.put("probes", probes);
            }
            if (q.disclosure() != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("when", q.disclosure().when());
                d.put("category", q.disclosure().category());
                d.put("urgency", q.disclosure().urgency().wire());
                m.put("disclosure", d);
            }
            questions.add(m);
        }
        root.put("questions", questions);
        try {
            return "# Imported from an XLSForm (admin forms import-xlsform); schema: docs/forms.md.\n"
                    + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("form not serialisable", e);
        }
    }

    /** The texts of {@code language} by translation key (title, q.label, q.choices.c ...). */
    static Map<String, String> translations(FormDefinition form, String language) {
        Map<String, String> out = new LinkedHashMap<>();
        FormTexts.of(form).forEach((key, text) -> {
            if (text.containsKey(language)) {
                out.put(key, text.get(language));
            }
        });
        return out;
    }

    private static Map<String, String> only(Map<String, String> texts, String language) {
        if (texts == null || !texts.containsKey(language)) {
            return null;
        }
        return Map.of(language, texts.get(language));
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
