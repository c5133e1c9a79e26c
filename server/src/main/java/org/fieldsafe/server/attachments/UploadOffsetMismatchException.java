package org.fieldsafe.server.attachments;

import org.fieldsafe.server.problems.DomainException;

/**
 * A chunk that does not start at the attachment's stored length (problem {@code upload-offset-mismatch}): nothing is
 * written, and the device resumes from {@code storedLength}.
 */
public final class UploadOffsetMismatchException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final long storedLength;

    public UploadOffsetMismatchException(long storedLength) {
        super("upload-offset-mismatch", "The chunk does not start at the stored length; resume from Upload-Offset.");
        this.storedLength = storedLength;
    }

    public long storedLength() {
        return storedLength;
    }
}
