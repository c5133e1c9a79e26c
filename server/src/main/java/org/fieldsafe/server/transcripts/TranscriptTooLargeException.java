package org.fieldsafe.server.transcripts;

import org.fieldsafe.server.problems.DomainException;

/** A transcript or translation text over {@link TranscriptService#MAX_TEXT_BYTES} (413); nothing is written. */
public final class TranscriptTooLargeException extends DomainException {
    private static final long serialVersionUID = 1L;

    public TranscriptTooLargeException() {
        super("transcript-too-large", "A transcript or translation holds at most " + TranscriptService.MAX_TEXT_BYTES
                + " bytes of UTF-8 text.");
    }
}
