package org.fieldsafe.server.submissions;

import java.time.Instant;

/** A row of {@code submissions} without the envelope itself. */
public record SubmissionRow(String id, String envelopeSha256, String studyId, String site, String formId,
                            int formVersion, String category, String deviceId, Instant finalisedAt,
                            Instant receivedAt, String triageUrgency, String triageChoice) {
}
