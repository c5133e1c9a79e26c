package org.fieldsafe.client.interview;

/** Encrypts paused interviews at rest under a key derived from the enumerator's passphrase. */
public interface DraftCipher {
    byte[] encrypt(byte[] plaintext, char[] passphrase) throws Exception;

    /** Fails (throws) on a wrong passphrase or a changed ciphertext. */
    byte[] decrypt(byte[] ciphertext, char[] passphrase) throws Exception;
}
