package org.fieldsafe.server.auth;

import org.fieldsafe.server.problems.DomainException;

/**
 * No password-hashing turn came in time: too many logins at once (problem {@code login-busy}); the caller may try
 * again in {@link #RETRY_AFTER_SECONDS} seconds.
 */
public final class HashingBusyException extends DomainException {
    private static final long serialVersionUID = 1L;

    public static final int RETRY_AFTER_SECONDS = 2;

    public HashingBusyException() {
        super("login-busy", "Too many logins at once; try again in " + RETRY_AFTER_SECONDS + " seconds.");
    }
}
