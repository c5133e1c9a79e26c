package org.fieldsafe.core.crypto.odk;

/**
 * A submission's XML is not a well-formed ODK encrypted-submission manifest. {@link #unencrypted()} tells apart a
 * plain (unencrypted) submission, which Fieldsafe refuses for study forms. Messages name the element at fault and
 * never carry its content.
 */
public class OdkManifestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unencrypted;

    public OdkManifestException(String message, boolean unencrypted) {
        super(message);
        this.unencrypted = unencrypted;
    }

    public boolean unencrypted() {
        return unencrypted;
    }
}
