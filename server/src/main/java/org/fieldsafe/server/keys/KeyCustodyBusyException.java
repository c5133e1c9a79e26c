package org.fieldsafe.server.keys;

import org.fieldsafe.server.problems.DomainException;

/**
 * Other keys are being unlocked and no turn came in time (problem {@code key-custody-busy}); the caller may try
 * again in {@link #RETRY_AFTER_SECONDS} seconds.
 */
public final class KeyCustodyBusyException extends DomainException {
    private static final long serialVersionUID = 1L;

    public static final int RETRY_AFTER_SECONDS = 5;

    public KeyCustodyBusyException() {
        super("key-custody-busy", "Other keys are being unlocked; try again shortly.");
    }
}
