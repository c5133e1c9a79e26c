package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whom a referral service serves. Written in lower case in YAML and JSON. */
public enum GenderServed {
    ANY, WOMEN, MEN, CHILDREN;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static GenderServed of(String wire) {
        for (GenderServed v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown GenderServed: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
