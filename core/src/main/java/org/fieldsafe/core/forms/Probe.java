package org.fieldsafe.core.forms;

import java.util.Map;

/** A follow-up prompt for the interviewer; {@code text} maps a language code to text. */
public record Probe(String id, Map<String, String> text) {
}
