package org.fieldsafe.core.wire;

import java.util.List;

/**
 * What a filled translation template changes in a form version ({@code .../translations/{lang}/preview}, which
 * writes nothing) or changed ({@code POST .../translations/{lang}}, which stores the result as a new draft version:
 * {@code stored}). {@code sha256} is the hash of the form version the import gives; when it equals the base
 * version's nothing changes. Texts are form texts (never answers).
 */
public record TranslationChanges(String formId, int baseVersion, String language, String stateBefore,
                                 String stateAfter, int translatedBefore, int translatedAfter, int total,
                                 List<Change> added, List<Change> changed, List<Change> removed, int unchanged,
                                 String sha256, FormVersionInfo stored) {

    /** One text: its translation key, the translation before ({@code null}: none) and after ({@code null}: none). */
    public record Change(String key, String before, String after) {
    }
}
