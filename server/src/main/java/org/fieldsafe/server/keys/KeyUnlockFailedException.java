package org.fieldsafe.server.keys;

import org.fieldsafe.server.problems.DomainException;

/** The passphrase does not unlock the caller's wrapped key of this purpose (problem {@code key-unlock-failed}). */
public final class KeyUnlockFailedException extends DomainException {
    private static final long serialVersionUID = 1L;

    public KeyUnlockFailedException(String purpose) {
        super("key-unlock-failed", "The passphrase does not unlock the " + purpose + " key.");
    }
}
