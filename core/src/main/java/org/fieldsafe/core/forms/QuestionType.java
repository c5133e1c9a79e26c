package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The type of a question. Written in lower case in YAML and JSON. */
public enum QuestionType {
    TEXT, SHORT_TEXT, INTEGER, DECIMAL, DATE, SELECT_ONE, SELECT_MULTIPLE, NOTE, AUDIO;

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static QuestionType of(String wire) {
        for (QuestionType v : values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown QuestionType: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
