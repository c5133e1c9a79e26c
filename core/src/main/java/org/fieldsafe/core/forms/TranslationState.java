package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/**
 * The state of a language for a form (docs/forms.md), from least to most fit for fieldwork: missing (no text),
 * draft (unreviewed, gaps allowed), complete (every text translated, not signed off) and reviewed (complete and
 * signed off by a reviewer through the translator round trip). Written in lower case in YAML and JSON.
 */
public enum TranslationState implements WireEnum {
    MISSING, DRAFT, COMPLETE, REVIEWED;

    /** Whether every text of the form must be present in this state (complete and reviewed). */
    public boolean needsEveryText() {
        return this == COMPLETE || this == REVIEWED;
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static TranslationState of(String wire) {
        return WireEnum.parse(TranslationState.class, wire);
    }

    /** A state an import may declare: draft, complete or reviewed; {@link IllegalArgumentException} otherwise. */
    public static TranslationState imported(String wire) {
        TranslationState parsed = of(wire);
        if (parsed == MISSING) {
            throw new IllegalArgumentException("'missing' is not one of draft, complete, reviewed");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return wire();
    }
}
