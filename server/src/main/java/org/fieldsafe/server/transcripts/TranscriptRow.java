package org.fieldsafe.server.transcripts;

import java.time.Instant;
import org.fieldsafe.core.wire.TranscriptVersion;

/** A row of {@code transcript_parts}: one version of a transcript or translation, its text sealed. */
public record TranscriptRow(String submissionId, String kind, String language, int version, String status,
                            String author, String checker, Instant createdAt, Instant updatedAt, Instant checkedAt,
                            String sealedPart) {
    /** The listing of this version: never its sealed bytes. */
    public TranscriptVersion listing() {
        return new TranscriptVersion(kind, language, version, status, author, checker, createdAt, updatedAt,
                checkedAt);
    }

    @Override
    public String toString() {
        return "TranscriptRow[" + submissionId + " " + kind + " " + language + " v" + version + " " + status + "]";
    }
}
