package org.fieldsafe.core.util;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum written on the wire (YAML and JSON) as its lower-case name: {@code select_one} for {@code SELECT_ONE}.
 * The one place of that mapping; each such enum keeps a {@code static of(String)} (its {@code JsonCreator}) that
 * calls {@link #parse}, and a {@code toString()} that returns {@link #wire()}.
 */
public interface WireEnum {
    /** The constant's name, as {@link Enum#name()}. */
    String name();

    /** The lower-case name used in YAML and JSON. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose {@link #wire()} is {@code wire}; {@link IllegalArgumentException} when none. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String wire) {
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + wire);
    }
}
