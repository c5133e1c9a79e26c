package org.fieldsafe.core.wire;

/**
 * One form x study language of {@code GET /api/v1/studies/{study}/translations}: the newest version of the form
 * that is not retired ({@code formState} draft or published), the language's translation state in it, how many of
 * its texts are translated, and whether interviews may use that state ({@code allowed} / {@code refused}, study.yaml
 * {@code interview_languages}).
 */
public record TranslationCoverageRow(String formId, int version, String formState, String language, String state,
                                     int translated, int total, String interviews) {
}
