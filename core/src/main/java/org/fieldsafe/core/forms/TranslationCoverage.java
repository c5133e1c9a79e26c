package org.fieldsafe.core.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translation coverage per form x study language, as {@code admin forms check} reports it. */
public final class TranslationCoverage {
    private TranslationCoverage() {
    }

    /** One row per form and study language, forms in bundle order and languages in study order. */
    public static List<CoverageRow> of(StudyBundle b) {
        List<CoverageRow> rows = new ArrayList<>();
        for (FormDefinition form : b.forms()) {
            Map<String, Map<String, String>> texts = FormTexts.of(form);
            for (String language : b.study().languages().keySet()) {
                int translated = (int) texts.values().stream().filter(t -> t.containsKey(language)).count();
                TranslationState state = form.languages().getOrDefault(language, TranslationState.MISSING);
                rows.add(new CoverageRow(form.id(), language, state, translated, texts.size()));
            }
        }
        return rows;
    }
}
