package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of a referral service. Written in lower case in YAML and JSON. */
public enum ServiceKind {
    SHELTER, HEALTH, PSYCHOSOCIAL, LEGAL_AID, LIVELIHOOD, DOCUMENTATION, REPATRIATION, HOTLINE, EMERGENCY, POLICE,
    OTHER;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static ServiceKind of(String wire) {
        for (ServiceKind v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown ServiceKind: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
