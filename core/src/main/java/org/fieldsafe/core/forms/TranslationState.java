package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The state of a language for a form (docs/forms.md), from least to most fit for fieldwork: missing (no text),
 * draft (unreviewed, gaps allowed), complete (every text translated, not signed off) and reviewed (complete and
 * signed off by a reviewer through the translator round trip). Written in lower case in YAML and JSON.
 */
public enum TranslationState {
    MISSING, DRAFT, COMPLETE, REVIEWED;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether every text of the form must be present in this state (complete and reviewed). */
    public boolean needsEveryText() {
        return this == COMPLETE || this == REVIEWED;
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static TranslationState of(String wire) {
        for (TranslationState v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown TranslationState: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
