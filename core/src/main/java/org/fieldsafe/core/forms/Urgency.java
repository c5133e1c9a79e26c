package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/** How quickly a disclosure must be acted on. Written in lower case in YAML and JSON. */
public enum Urgency implements WireEnum {
    IMMEDIATE, URGENT, ROUTINE;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static Urgency of(String wire) {
        return WireEnum.parse(Urgency.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
