package org.fieldsafe.server.auth;

import org.fieldsafe.server.problems.DomainException;

/**
 * A login with an unknown user name, a wrong password or a disabled account (problem {@code invalid-credentials});
 * which of them is not said.
 */
public final class LoginFailedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public LoginFailedException() {
        super("invalid-credentials", "Unknown user name or wrong password.");
    }
}
