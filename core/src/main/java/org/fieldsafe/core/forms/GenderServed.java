package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/** Whom a referral service serves. Written in lower case in YAML and JSON. */
public enum GenderServed implements WireEnum {
    ANY, WOMEN, MEN, CHILDREN;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static GenderServed of(String wire) {
        return WireEnum.parse(GenderServed.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
