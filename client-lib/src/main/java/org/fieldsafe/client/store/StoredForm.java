package org.fieldsafe.client.store;

import java.time.Instant;
import java.util.Map;

/**
 * One form version as the server's canonical JSON bytes, plus what the manifest says about it:
 * {@code languages} maps a language code to its translation state (complete, draft, missing), in the
 * manifest's order.
 */
public record StoredForm(String formId, int version, String kind, String sha256, Map<String, String> languages,
                         byte[] canonicalJson, Instant pulledAt) {
}
