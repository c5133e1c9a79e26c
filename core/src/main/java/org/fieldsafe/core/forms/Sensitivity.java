package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/**
 * How an answer is protected: direct identifiers never reach research data, quasi-identifiers are generalised
 * on export. Written in lower case in YAML and JSON.
 */
public enum Sensitivity implements WireEnum {
    DIRECT_IDENTIFIER, QUASI_IDENTIFIER, SENSITIVE, NONE;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static Sensitivity of(String wire) {
        return WireEnum.parse(Sensitivity.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
