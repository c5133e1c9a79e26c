package org.fieldsafe.server.submissions;

import org.fieldsafe.server.problems.DomainException;

/** An upload whose body is not a JSON envelope (problem {@code malformed-json}); nothing of it is stored. */
public final class EnvelopeMalformedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public EnvelopeMalformedException() {
        super("malformed-json", "The request body is not a JSON envelope.");
    }
}
