package org.fieldsafe.server.enrolment;

import org.fieldsafe.server.problems.DomainException;

/**
 * An enrolment code that is unknown, used, revoked or expired (problem {@code enrolment-code-invalid}); which of
 * them is not said.
 */
public final class EnrolmentCodeInvalidException extends DomainException {
    private static final long serialVersionUID = 1L;

    public EnrolmentCodeInvalidException() {
        super("enrolment-code-invalid", "The code is unknown, used, revoked or expired.");
    }
}
