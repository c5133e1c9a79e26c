package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PassphraseCipherTest {
    /** Cheap Argon2id cost for tests only. */
    private static final PasswordHasher.Cost CHEAP = new PasswordHasher.Cost(64, 1, 1);
    private static final byte[] AAD = "fieldsafe/v1/draft/abc".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "a paused interview".getBytes(StandardCharsets.UTF_8);

    @Test
    void encrypt_roundTrip_returnsPlaintext() throws CryptoException {
        PassphraseCipher.Sealed sealed = PassphraseCipher.encrypt(TEXT, "pass phrase".toCharArray(), AAD, CHEAP);
        assertThat(sealed.v()).isEqualTo(1);
        assertThat(sealed.kdf()).isEqualTo("argon2id");
        assertThat(sealed.m()).isEqualTo(64);
        assertThat(Base64.getDecoder().decode(sealed.salt())).hasSize(16);
        assertThat(Base64.getDecoder().decode(sealed.nonce())).hasSize(12);
        assertThat(Base64.getDecoder().decode(sealed.ciphertext())).hasSize(TEXT.length + 16);
        assertThat(PassphraseCipher.decrypt(sealed, "pass phrase".toCharArray(), AAD)).isEqualTo(TEXT);
    }

    @Test
    void encrypt_twice_differentSaltNonceAndCiphertext() {
        PassphraseCipher.Sealed a = PassphraseCipher.encrypt(TEXT, "p".toCharArray(), AAD, CHEAP);
        PassphraseCipher.Sealed b = PassphraseCipher.encrypt(TEXT, "p".toCharArray(), AAD, CHEAP);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void decrypt_wrongPassphrase_fails() {
        PassphraseCipher.Sealed sealed = PassphraseCipher.encrypt(TEXT, "right".toCharArray(), AAD, CHEAP);
        assertThatThrownBy(() -> PassphraseCipher.decrypt(sealed, "wrong".toCharArray(), AAD))
                .isInstanceOf(CryptoException.class).hasMessage("wrong passphrase or damaged data");
    }

    @Test
    void decrypt_aadMismatch_fails() {
        PassphraseCipher.Sealed sealed = PassphraseCipher.encrypt(TEXT, "p".toCharArray(), AAD, CHEAP);
        byte[] other = "fieldsafe/v1/draft/abd".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PassphraseCipher.decrypt(sealed, "p".toCharArray(), other))
                .isInstanceOf(CryptoException.class).hasMessage("wrong passphrase or damaged data");
    }

    @Test
    void decrypt_tamperedFields_fail() {
        PassphraseCipher.Sealed s = PassphraseCipher.encrypt(TEXT, "p".toCharArray(), AAD, CHEAP);
        PassphraseCipher.Sealed[] tampered = {
            new PassphraseCipher.Sealed(s.v(), s.kdf(), s.m(), s.t(), s.p(), s.salt(), s.nonce(), flip(s.ciphertext())),
            new PassphraseCipher.Sealed(s.v(), s.kdf(), s.m(), s.t(), s.p(), s.salt(), flip(s.nonce()), s.ciphertext()),
            new PassphraseCipher.Sealed(s.v(), s.kdf(), s.m(), s.t(), s.p(), flip(s.salt()), s.nonce(), s.ciphertext()),
            new PassphraseCipher.Sealed(s.v(), s.kdf(), 128, s.t(), s.p(), s.salt(), s.nonce(), s.ciphertext()),
            new PassphraseCipher.Sealed(s.v(), s.kdf(), s.m(), 2, s.p(), s.salt(), s.nonce(), s.ciphertext()),
            new PassphraseCipher.Sealed(s.v(), s.kdf(), s.m(), s.t(), s.p(), s.salt(), s.nonce(), "not base64!"),
            new PassphraseCipher.Sealed(2, s.kdf(), s.m(), s.t(), s.p(), s.salt(), s.nonce(), s.ciphertext()),
            new PassphraseCipher.Sealed(s.v(), "scrypt", s.m(), s.t(), s.p(), s.salt(), s.nonce(), s.ciphertext()),
            new PassphraseCipher.Sealed(s.v(), s.kdf(), Integer.MAX_VALUE, s.t(), s.p(), s.salt(), s.nonce(),
                    s.ciphertext()),
        };
        for (PassphraseCipher.Sealed t : tampered) {
            assertThatThrownBy(() -> PassphraseCipher.decrypt(t, "p".toCharArray(), AAD))
                    .as(t.toString()).isInstanceOf(CryptoException.class);
        }
    }

    @Test
    void toJson_specShape_roundTrips() throws CryptoException {
        PassphraseCipher.Sealed sealed = PassphraseCipher.encrypt(TEXT, "p".toCharArray(), AAD, CHEAP);
        String json = sealed.toJson();
        assertThat(json).startsWith("{\"v\":1,\"kdf\":\"argon2id\",\"m\":64,\"t\":1,\"p\":1,\"salt\":\"")
                .contains("\",\"nonce\":\"").contains("\",\"ciphertext\":\"").doesNotContain(" ");
        PassphraseCipher.Sealed back = PassphraseCipher.Sealed.fromJson(json);
        assertThat(back).isEqualTo(sealed);
        assertThat(PassphraseCipher.decrypt(back, "p".toCharArray(), AAD)).isEqualTo(TEXT);
    }

    @Test
    void fromJson_malformed_illegalArgument() {
        assertThatThrownBy(() -> PassphraseCipher.Sealed.fromJson("{\"v\":1,"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassphraseCipher.Sealed.fromJson("{\"v\":1,\"extra\":2}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrapPrivateKey_rightPurposeAndFingerprint_unwraps() throws CryptoException {
        KeyPairBytes pair = StudyKeys.generateX25519();
        PassphraseCipher.Sealed wrapped = PassphraseCipher.wrapPrivateKey(pair.privateKey(), "dm pass".toCharArray(),
                "research", pair.fingerprint(), CHEAP);
        assertThat(wrapped.toJson()).doesNotContain(Base64.getEncoder().encodeToString(pair.privateKey()));
        assertThat(PassphraseCipher.unwrapPrivateKey(wrapped, "dm pass".toCharArray(), "research",
                pair.fingerprint())).isEqualTo(pair.privateKey());
    }

    @Test
    void unwrapPrivateKey_otherPurposeOrFingerprint_fails() {
        KeyPairBytes pair = StudyKeys.generateX25519();
        String otherFingerprint = StudyKeys.generateX25519().fingerprint();
        PassphraseCipher.Sealed wrapped = PassphraseCipher.wrapPrivateKey(pair.privateKey(), "p".toCharArray(),
                "research", pair.fingerprint(), CHEAP);
        assertThatThrownBy(() -> PassphraseCipher.unwrapPrivateKey(wrapped, "p".toCharArray(), "identity",
                pair.fingerprint())).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PassphraseCipher.unwrapPrivateKey(wrapped, "p".toCharArray(), "research",
                otherFingerprint)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PassphraseCipher.unwrapPrivateKey(wrapped, "q".toCharArray(), "research",
                pair.fingerprint())).isInstanceOf(CryptoException.class);
    }

    @Test
    void keyAad_specFormat() {
        String fp = "ab".repeat(32);
        assertThat(new String(PassphraseCipher.keyAad("safeguarding", fp), StandardCharsets.UTF_8))
                .isEqualTo("fieldsafe/v1/key/safeguarding/" + fp);
        assertThatThrownBy(() -> PassphraseCipher.keyAad("a/b", fp)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String flip(String b64) {
        byte[] bytes = Base64.getDecoder().decode(b64);
        bytes[0] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void decrypt_passphraseTypedDecomposed_sameKeyAsComposed() throws Exception {
        char[] composed = "\u09A6\u09CB\u09B2 caf\u00E9".toCharArray();          // Bengali o-sign, e-acute composed
        char[] decomposed = "\u09A6\u09C7\u09BE\u09B2 cafe\u0301".toCharArray(); // the same, decomposed
        PassphraseCipher.Sealed sealed = PassphraseCipher.encrypt(new byte[] {7}, composed, new byte[0],
                new PasswordHasher.Cost(64, 1, 1));
        assertThat(PassphraseCipher.decrypt(sealed, decomposed, new byte[0])).containsExactly(7);
    }

    @Test
    void unlock_encryptsManyValues_eachOpensWithDecrypt_freshNonceSameSalt() throws CryptoException {
        byte[] aad = "fieldsafe/v1/draft".getBytes(StandardCharsets.UTF_8);
        PassphraseCipher.Sealed first;
        PassphraseCipher.Sealed second;
        try (PassphraseCipher.Unlocked key = PassphraseCipher.unlock("correct horse".toCharArray(), CHEAP)) {
            first = key.encrypt(new byte[] {1}, aad);
            second = key.encrypt(new byte[] {2}, aad);
            assertThat(key.toString()).doesNotContain("correct");
        }
        assertThat(first.salt()).isEqualTo(second.salt());
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
        assertThat(PassphraseCipher.decrypt(first, "correct horse".toCharArray(), aad)).containsExactly(1);
        assertThat(PassphraseCipher.decrypt(second, "correct horse".toCharArray(), aad)).containsExactly(2);
        assertThatThrownBy(() -> PassphraseCipher.decrypt(second, "wrong horse".toCharArray(), aad))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void nfcUtf8_anyPassphrase_sameBytesAsTheStringEncodingKeysWereWrappedWith() {
        // ASCII, Bengali composed and decomposed, Thai, an emoji (surrogate pair) and a lone surrogate: the array
        // path must give exactly the bytes of NFC-then-getBytes, or copies wrapped before would no longer open
        for (String passphrase : java.util.List.of("correct horse battery staple", "\u09CB\u09A8\u09BE",
                "\u09C7\u09BE\u09A8\u09BE", "\u0E23\u0E2B\u0E31\u0E2A", "key \uD83D\uDD11 here", "half \uD83D")) {
            byte[] expected = java.text.Normalizer.normalize(passphrase, java.text.Normalizer.Form.NFC)
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(PassphraseCipher.nfcUtf8(passphrase.toCharArray())).as(passphrase).isEqualTo(expected);
        }
    }
}
