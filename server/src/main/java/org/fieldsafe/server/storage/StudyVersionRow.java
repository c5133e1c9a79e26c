package org.fieldsafe.server.storage;

import java.time.Instant;

/** A row of {@code study_versions}: one distinct study definition. */
public record StudyVersionRow(String studyId, int version, String sha256, String canonicalJson, String summaryJson,
                              Instant createdAt) {
}
