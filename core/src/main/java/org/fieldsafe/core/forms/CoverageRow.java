package org.fieldsafe.core.forms;

/** Translation coverage of one form in one language: its state and translated / total texts. */
public record CoverageRow(String formId, String language, TranslationState state, int translated, int total) {
}
