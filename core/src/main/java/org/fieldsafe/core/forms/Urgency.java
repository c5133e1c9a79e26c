package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How quickly a disclosure must be acted on. Written in lower case in YAML and JSON. */
public enum Urgency {
    IMMEDIATE, URGENT, ROUTINE;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static Urgency of(String wire) {
        for (Urgency v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Urgency: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
