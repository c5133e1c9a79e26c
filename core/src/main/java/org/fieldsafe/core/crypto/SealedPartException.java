package org.fieldsafe.core.crypto;

/** A sealed part of an envelope cannot be opened: no such part, not a recipient, or the envelope was altered. */
public class SealedPartException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public SealedPartException(String message) {
        super(message);
    }

    public SealedPartException(String message, Throwable cause) {
        super(message, cause);
    }
}
