package org.fieldsafe.server.attachments;

import org.fieldsafe.server.problems.DomainException;

/**
 * An attachment, or a chunk of one, larger than this server accepts (problem {@code payload-too-large}); nothing is
 * written.
 */
public final class AttachmentTooLargeException extends DomainException {
    private static final long serialVersionUID = 1L;

    public AttachmentTooLargeException() {
        super("payload-too-large", "The attachment or the chunk is larger than this server accepts.");
    }
}
