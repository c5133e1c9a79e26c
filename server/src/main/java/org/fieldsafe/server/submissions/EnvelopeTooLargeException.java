package org.fieldsafe.server.submissions;

import org.fieldsafe.server.problems.DomainException;

/** An upload larger than the server takes (problem {@code payload-too-large}); it is not read further. */
public final class EnvelopeTooLargeException extends DomainException {
    private static final long serialVersionUID = 1L;

    public EnvelopeTooLargeException() {
        super("payload-too-large", "The request body exceeds the server's limit.");
    }
}
