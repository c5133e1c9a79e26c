package org.fieldsafe.core.util;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum written on the wire (YAML, JSON, the database) as its lower-case name: {@code select_one} for
 * {@code SELECT_ONE}. The one place of that mapping; each such enum keeps a {@code static of(String)} (its
 * {@code JsonCreator}) that calls {@link #parse} (or {@link #find}, to refuse in words of its own), and the forms'
 * enums a {@code toString()} that returns {@link #wire()}. An enum spelled otherwise on the wire overrides
 * {@link #wire()} with its spelling ({@code ExportFormat}: {@code wide}, {@code wide-bom}); parsing follows it.
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
        return find(type, wire).orElseThrow(
                () -> new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + wire));
    }

    /** The constant of {@code type} whose {@link #wire()} is {@code wire}; empty when none (or {@code null}). */
    static <E extends Enum<E> & WireEnum> Optional<E> find(Class<E> type, String wire) {
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(wire)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
