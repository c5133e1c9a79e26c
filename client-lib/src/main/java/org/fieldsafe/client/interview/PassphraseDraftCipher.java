package org.fieldsafe.client.interview;

import java.nio.charset.StandardCharsets;
import org.fieldsafe.core.crypto.PassphraseCipher;

/** Drafts under core's {@link PassphraseCipher}: Argon2id(passphrase) then AES-256-GCM, stored as its JSON. */
public final class PassphraseDraftCipher implements DraftCipher {
    private static final byte[] AAD = "fieldsafe/v1/draft".getBytes(StandardCharsets.UTF_8);

    @Override
    public byte[] encrypt(byte[] plaintext, char[] passphrase) {
        return PassphraseCipher.encrypt(plaintext, passphrase, AAD, PassphraseCipher.DEFAULT_COST).toJson()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, char[] passphrase) throws Exception {
        String json = new String(ciphertext, StandardCharsets.UTF_8);
        return PassphraseCipher.decrypt(PassphraseCipher.Sealed.fromJson(json), passphrase, AAD);
    }

    /** Argon2id runs once per draft here, not once per autosave; each save still gets a fresh nonce. */
    @Override
    public Encrypter unlock(char[] passphrase) {
        PassphraseCipher.Unlocked key = PassphraseCipher.unlock(passphrase, PassphraseCipher.DEFAULT_COST);
        return new Encrypter() {
            @Override
            public byte[] encrypt(byte[] plaintext) {
                return key.encrypt(plaintext, AAD).toJson().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public void close() {
                key.close();
            }
        };
    }
}
