package org.fieldsafe.core.wire;

import java.time.Instant;

/**
 * One stored version of a transcript or translation ({@code GET /api/v1/submissions/{id}/transcripts}): never its
 * text. {@code checker} and {@code checkedAt} are null until a second transcriber checks it.
 */
public record TranscriptVersion(String kind, String language, int version, String status, String author,
                                String checker, Instant createdAt, Instant updatedAt, Instant checkedAt) {
}
