package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a referral service costs the person referred. Written in lower case in YAML and JSON. */
public enum Cost {
    FREE, PAID, UNKNOWN;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static Cost of(String wire) {
        for (Cost v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Cost: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
