package org.fieldsafe.core.crypto;

/**
 * A decryption or key operation failed: wrong key or passphrase, or altered data. The message is fit to show a
 * user as is; it never carries key material or plaintext.
 */
public class CryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
