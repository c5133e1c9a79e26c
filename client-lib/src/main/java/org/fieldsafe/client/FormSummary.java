package org.fieldsafe.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form version held on the device and named by the current manifest.
 *
 * @param title the form's title in the study's master language (null if the form has none)
 * @param languages language code to translation state (complete, draft, missing), in the manifest's order
 */
public record FormSummary(String formId, String kind, int version, String sha256, String title,
                          Map<String, String> languages, Instant pulledAt) {
    public FormSummary {
        languages = languages == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(languages));
    }

    /** The first 12 hex digits of the hash, enough to tell versions apart on screen. */
    public String shortHash() {
        return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
