package org.fieldsafe.core.wire;

import java.time.Instant;
import java.util.List;

/**
 * A submission in a transcriber's queue ({@code GET /api/v1/studies/{study}/transcription/queue}): at one of their
 * sites, with a recording or typed answers; per language of theirs and kind, the latest version and its status
 * ({@code none} when there is none). Never text.
 */
public record TranscriptQueueItem(String submissionId, String site, String formId, int formVersion,
                                  String interviewLanguage, Instant finalisedAt, Instant receivedAt,
                                  boolean recording, List<Latest> latest) {
    /** The latest version of one kind in one language; {@code version} 0 with status {@code none} when none. */
    public record Latest(String kind, String language, int version, String status, String author,
                         Instant updatedAt) {
    }
}
