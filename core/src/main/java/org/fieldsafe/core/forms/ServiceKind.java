package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/** The kind of a referral service. Written in lower case in YAML and JSON. */
public enum ServiceKind implements WireEnum {
    SHELTER, HEALTH, PSYCHOSOCIAL, LEGAL_AID, LIVELIHOOD, DOCUMENTATION, REPATRIATION, HOTLINE, EMERGENCY, POLICE,
    OTHER;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static ServiceKind of(String wire) {
        return WireEnum.parse(ServiceKind.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
