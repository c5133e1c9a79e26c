package org.fieldsafe.server.auth;

import org.fieldsafe.server.problems.DomainException;

/**
 * Too many failed attempts from one key (a user name, an address, a key holder) within the window (problem
 * {@code too-many-attempts}): refused unchecked until the oldest failure ages out, in {@code retryAfterSeconds}.
 */
public final class TooManyAttemptsException extends DomainException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyAttemptsException(long retryAfterSeconds) {
        super("too-many-attempts", "Too many failed attempts; try again in " + retryAfterSeconds + " seconds.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
