package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The state of a language for a form: complete (reviewed), draft (unreviewed, gaps allowed) or missing.
 * Written in lower case in YAML and JSON.
 */
public enum TranslationState {
    COMPLETE, DRAFT, MISSING;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
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
