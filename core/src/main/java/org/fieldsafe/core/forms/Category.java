package org.fieldsafe.core.forms;

import java.util.Map;

/** A respondent category such as RH (rights holders); texts map a language code to text. */
public record Category(String id, Map<String, String> label, Map<String, String> definition) {
}
