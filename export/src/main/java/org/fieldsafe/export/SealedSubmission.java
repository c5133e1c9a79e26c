package org.fieldsafe.export;

import java.util.List;
import org.fieldsafe.core.wire.SubmissionHeader;

/**
 * One stored submission as the export reads it: its id, its cleartext header, the envelope's JSON bytes and its
 * latest non-draft transcript and translation parts ({@code texts}; empty when none or when the source has none).
 */
public record SealedSubmission(String submissionId, SubmissionHeader header, byte[] envelope, List<TextPart> texts) {
    public SealedSubmission {
        texts = texts == null ? List.of() : List.copyOf(texts);
    }

    /** A submission without transcripts or translations. */
    public SealedSubmission(String submissionId, SubmissionHeader header, byte[] envelope) {
        this(submissionId, header, envelope, List.of());
    }

    /**
     * The latest non-draft version of one kind ({@code transcript} | {@code translation}) in one language, sealed
     * ({@code sealed}: the stored JSON of the sealed part, docs/sealing.md "Transcripts and translations"); open it
     * with {@code TranscriptSealing.open(header, kind, language, version, sealed, keyId, researchPrivateKey)}.
     * {@code status} is {@code done} or {@code checked}.
     */
    public record TextPart(String kind, String language, int version, String status, byte[] sealed) {
    }
}
