package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/** Whether a referral service costs the person referred. Written in lower case in YAML and JSON. */
public enum Cost implements WireEnum {
    FREE, PAID, UNKNOWN;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static Cost of(String wire) {
        return WireEnum.parse(Cost.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
