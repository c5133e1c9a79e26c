package org.fieldsafe.core.forms;

import java.util.Map;

/** A choice of a select question; {@code label} maps a language code to text. */
public record Choice(String id, Map<String, String> label) {
}
