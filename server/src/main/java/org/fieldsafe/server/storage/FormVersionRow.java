package org.fieldsafe.server.storage;

import java.time.Instant;

/** A row of {@code form_versions}. {@code state}: draft, published or retired; {@code source}: file or upload. */
public record FormVersionRow(String studyId, String formId, int version, String sha256, String canonicalJson,
                             String kind, String languagesJson, String state, String source, Instant createdAt,
                             Instant updatedAt) {
}
