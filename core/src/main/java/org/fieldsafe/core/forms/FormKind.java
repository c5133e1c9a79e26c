package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/** The kind of a form. Written in lower case in YAML and JSON. */
public enum FormKind implements WireEnum {
    CONSENT, INTERVIEW;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static FormKind of(String wire) {
        return WireEnum.parse(FormKind.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
