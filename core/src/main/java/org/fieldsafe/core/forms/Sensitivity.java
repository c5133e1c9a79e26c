package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an answer is protected: direct identifiers never reach research data, quasi-identifiers are generalised
 * on export. Written in lower case in YAML and JSON.
 */
public enum Sensitivity {
    DIRECT_IDENTIFIER, QUASI_IDENTIFIER, SENSITIVE, NONE;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static Sensitivity of(String wire) {
        for (Sensitivity v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Sensitivity: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
