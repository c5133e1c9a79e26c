package org.fieldsafe.core.wire;

import java.time.Instant;
import java.util.Map;

/** A stored form version as coordinators see it. {@code state} is draft, published or retired. */
public record FormVersionInfo(String formId, String kind, int version, String sha256, String state,
                              Map<String, String> languages, Instant createdAt) {
}
