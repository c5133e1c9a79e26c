package org.fieldsafe.client.interview;

/** Encrypts paused interviews at rest under a key derived from the enumerator's passphrase. */
public interface DraftCipher {
    byte[] encrypt(byte[] plaintext, char[] passphrase) throws Exception;

    /** Fails (throws) on a wrong passphrase or a changed ciphertext. */
    byte[] decrypt(byte[] ciphertext, char[] passphrase) throws Exception;

    /**
     * An encrypter for the many saves of one draft (one per answer): a cipher that derives its key from the
     * passphrase may do so once here. The default encrypts each value with {@link #encrypt}.
     */
    default Encrypter unlock(char[] passphrase) {
        char[] copy = passphrase.clone();
        return new Encrypter() {
            @Override
            public byte[] encrypt(byte[] plaintext) throws Exception {
                return DraftCipher.this.encrypt(plaintext, copy);
            }

            @Override
            public void close() {
                java.util.Arrays.fill(copy, '\0');
            }
        };
    }

    /** Encrypts draft states under a key already unlocked; close it to forget the key. */
    interface Encrypter extends AutoCloseable {
        byte[] encrypt(byte[] plaintext) throws Exception;

        @Override
        void close();
    }
}
