package org.fieldsafe.server.storage;

import java.util.Map;

/**
 * A validated form as the server stores it: its id and kind, its canonical JSON and that JSON's SHA-256,
 * and the state of each language ({@code complete}, {@code draft} or {@code missing}).
 */
public record CompiledForm(String formId, String kind, String sha256, String canonicalJson,
                           Map<String, String> languages) {
}
