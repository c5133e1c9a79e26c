package org.fieldsafe.server.attachments;

import org.fieldsafe.server.problems.DomainException;

/**
 * The uploaded bytes of an attachment are not those its descriptor names (problem {@code
 * attachment-hash-mismatch}): the upload was discarded and starts again at offset 0.
 */
public final class AttachmentHashMismatchException extends DomainException {
    private static final long serialVersionUID = 1L;

    public AttachmentHashMismatchException() {
        super("attachment-hash-mismatch",
                "The SHA-256 of the uploaded bytes is not the descriptor's; the upload was discarded.");
    }
}
