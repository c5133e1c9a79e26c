package org.fieldsafe.server.identity;

import org.fieldsafe.server.problems.DomainException;

/**
 * A submission's identity part does not open with the study's identity key (problem {@code
 * identity-part-unreadable}): it was altered or sealed to another key.
 */
public final class IdentityPartUnreadableException extends DomainException {
    private static final long serialVersionUID = 1L;

    public IdentityPartUnreadableException() {
        super("identity-part-unreadable",
                "The identity part does not open with the study's identity key: it was altered or sealed to "
                + "another key.");
    }
}
