package org.fieldsafe.core.forms;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.fieldsafe.core.util.WireEnum;

/** The type of a question. Written in lower case in YAML and JSON. */
public enum QuestionType implements WireEnum {
    TEXT, SHORT_TEXT, INTEGER, DECIMAL, DATE, SELECT_ONE, SELECT_MULTIPLE, NOTE, AUDIO;

    /** Parses the lower-case name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static QuestionType of(String wire) {
        return WireEnum.parse(QuestionType.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
