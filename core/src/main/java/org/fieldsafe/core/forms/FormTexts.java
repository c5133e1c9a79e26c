package org.fieldsafe.core.forms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The translatable texts of a form by translation key ({@code title}, {@code <question>.label},
 * {@code <question>.hint}, {@code <question>.probes.<probe>}, {@code <question>.choices.<choice>},
 * {@code <question>.constraint_message}), and merging translations into a form.
 */
public final class FormTexts {
    private FormTexts() {
    }

    /** Every text of the form in form order: translation key to (language code to text). */
    public static Map<String, Map<String, String>> of(FormDefinition form) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        put(out, "title", form.title());
        for (Question q : form.questions()) {
            put(out, q.id() + ".label", q.label());
            put(out, q.id() + ".hint", q.hint());
            put(out, q.id() + ".constraint_message", q.constraintMessage());
            for (Choice c : q.choices()) {
                put(out, q.id() + ".choices." + c.id(), c.label());
            }
            for (Probe p : q.probes()) {
                put(out, q.id() + ".probes." + p.id(), p.text());
            }
        }
        return out;
    }

    private static void put(Map<String, Map<String, String>> out, String key, Map<String, String> text) {
        if (text != null) {
            out.put(key, text);
        }
    }

    /** The keys whose text lacks {@code language}. */
    public static List<String> missing(FormDefinition form, String language) {
        List<String> out = new ArrayList<>();
        of(form).forEach((key, text) -> {
            if (!text.containsKey(language)) {
                out.add(key);
            }
        });
        return out;
    }

    /** The form with {@code translations} (key to text, keys as in {@link #of}) set for {@code language}. */
    public static FormDefinition merge(FormDefinition form, String language, Map<String, String> translations) {
        if (translations.isEmpty()) {
            return form;
        }
        List<Question> questions = new ArrayList<>();
        for (Question q : form.questions()) {
            String k = q.id() + ".";
            List<Choice> choices = new ArrayList<>();
            for (Choice c : q.choices()) {
                choices.add(new Choice(c.id(), with(c.label(), language, translations.get(k + "choices." + c.id()))));
            }
            List<Probe> probes = new ArrayList<>();
            for (Probe p : q.probes()) {
                probes.add(new Probe(p.id(), with(p.text(), language, translations.get(k + "probes." + p.id()))));
            }
            questions.add(new Question(q.id(), q.type(), with(q.label(), language, translations.get(k + "label")),
                    with(q.hint(), language, translations.get(k + "hint")), q.required(), q.sensitivity(),
                    q.relevant(), q.constraint(),
                    with(q.constraintMessage(), language, translations.get(k + "constraint_message")),
                    choices, probes, q.disclosure()));
        }
        return new FormDefinition(form.id(), form.kind(), form.consentForm(), form.masterLanguage(),
                with(form.title(), language, translations.get("title")), questions, form.languages());
    }

    /** The form with every text map transformed (e.g. sorted), leaving structure as is. */
    static FormDefinition mapTexts(FormDefinition form, UnaryOperator<Map<String, String>> f) {
        List<Question> questions = new ArrayList<>();
        for (Question q : form.questions()) {
            questions.add(new Question(q.id(), q.type(), apply(f, q.label()), apply(f, q.hint()), q.required(),
                    q.sensitivity(), q.relevant(), q.constraint(), apply(f, q.constraintMessage()),
                    q.choices().stream().map(c -> new Choice(c.id(), apply(f, c.label()))).toList(),
                    q.probes().stream().map(p -> new Probe(p.id(), apply(f, p.text()))).toList(), q.disclosure()));
        }
        return new FormDefinition(form.id(), form.kind(), form.consentForm(), form.masterLanguage(),
                apply(f, form.title()), questions, form.languages());
    }

    /** Text maps sorted by language code, unmodifiable. */
    static Map<String, String> sorted(Map<String, String> text) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(text));
    }

    private static Map<String, String> apply(UnaryOperator<Map<String, String>> f, Map<String, String> text) {
        return text == null ? null : f.apply(text);
    }

    private static Map<String, String> with(Map<String, String> text, String language, String translation) {
        if (text == null || translation == null) {
            return text;
        }
        Map<String, String> out = new LinkedHashMap<>(text);
        out.put(language, translation);
        return out;
    }
}
