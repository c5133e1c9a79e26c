package org.fieldsafe.core.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.fieldsafe.core.json.JsonMappers;

/**
 * Passphrase encryption: Argon2id(passphrase, random 16-byte salt) -> 32-byte key -> AES-256-GCM (12-byte random
 * nonce, 128-bit tag) with caller-given associated data. Used for wrapped private keys (docs/sealing.md) and for
 * drafts at rest. The passphrase is NFC-normalised, then read as UTF-8 bytes of its characters.
 */
public final class PassphraseCipher {
    public static final int VERSION = 1;
    public static final String KDF = "argon2id";
    /** The cost docs/sealing.md names for wrapped private keys: 64 MiB, 3 passes, 1 lane. */
    public static final PasswordHasher.Cost DEFAULT_COST = new PasswordHasher.Cost(65536, 3, 1);

    static final String FAILURE = "wrong passphrase or damaged data";
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int KEY_BYTES = 32;
    private static final int TAG_BITS = 128;
    /** Upper bounds on a stored cost, so a forged file cannot make us allocate or spin without end. */
    private static final int MAX_MEMORY_KIB = 1 << 21;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;

    private static final ObjectMapper JSON = JsonMappers.strict();

    private PassphraseCipher() {
    }

    /**
     * A passphrase-sealed value, as JSON {@code {"v":1,"kdf":"argon2id","m":65536,"t":3,"p":1,"salt":b64,
     * "nonce":b64,"ciphertext":b64}}: Argon2id memory {@code m} KiB, {@code t} passes, {@code p} lanes; base64
     * standard alphabet with padding; ciphertext has the GCM tag appended.
     */
    public record Sealed(int v, String kdf, int m, int t, int p, String salt, String nonce, String ciphertext) {

        /** The Argon2id cost this value was sealed with (what a server checks against its minimum). */
        public PasswordHasher.Cost cost() {
            return new PasswordHasher.Cost(m, t, p);
        }

        public String toJson() {
            try {
                return JSON.writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write sealed value", e);
            }
        }

        /** Parses the JSON form; malformed JSON is an {@link IllegalArgumentException}. */
        public static Sealed fromJson(String json) {
            try {
                return JSON.readValue(json, Sealed.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a passphrase-sealed value (malformed JSON)");
            }
        }
    }

    public static Sealed encrypt(byte[] plaintext, char[] passphrase, byte[] aad, PasswordHasher.Cost cost) {
        try (Unlocked key = unlock(passphrase, cost)) {
            return key.encrypt(plaintext, aad);
        }
    }

    /**
     * A key derived once from a passphrase (with one random salt) that encrypts many values, each with a fresh
     * random nonce; the output is the same {@link Sealed} form that {@link #decrypt} opens. For values saved often
     * (a draft autosaved at every answer), where one Argon2id run per save would stall the user. Close it to
     * forget the key.
     */
    public static final class Unlocked implements AutoCloseable {
        private final byte[] key;
        private final byte[] salt;
        private final PasswordHasher.Cost cost;

        private Unlocked(byte[] key, byte[] salt, PasswordHasher.Cost cost) {
            this.key = key;
            this.salt = salt;
            this.cost = cost;
        }

        public Sealed encrypt(byte[] plaintext, byte[] aad) {
            byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
            try {
                byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
                Base64.Encoder b64 = Base64.getEncoder();
                return new Sealed(VERSION, KDF, cost.memoryKib(), cost.iterations(), cost.parallelism(),
                        b64.encodeToString(salt), b64.encodeToString(nonce), b64.encodeToString(ciphertext));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM is required of every JVM", e);
            }
        }

        @Override
        public void close() {
            Arrays.fill(key, (byte) 0);
        }

        @Override
        public String toString() {
            return "PassphraseCipher.Unlocked[REDACTED]";
        }
    }

    /** Derives a key from {@code passphrase} under a fresh salt, for {@link Unlocked#encrypt} of many values. */
    public static Unlocked unlock(char[] passphrase, PasswordHasher.Cost cost) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        return new Unlocked(deriveKey(passphrase, salt, cost.memoryKib(), cost.iterations(), cost.parallelism()),
                salt, cost);
    }

    /** Decrypts; a wrong passphrase, other associated data or any altered field fails as one. */
    public static byte[] decrypt(Sealed sealed, char[] passphrase, byte[] aad) throws CryptoException {
        if (sealed == null || sealed.v() != VERSION || !KDF.equals(sealed.kdf())) {
            throw new CryptoException("unsupported passphrase-sealed format");
        }
        if (sealed.m() < 8 * sealed.p() || sealed.m() > MAX_MEMORY_KIB || sealed.t() < 1
                || sealed.t() > MAX_ITERATIONS || sealed.p() < 1 || sealed.p() > MAX_PARALLELISM) {
            throw new CryptoException(FAILURE);
        }
        byte[] salt;
        byte[] nonce;
        byte[] ciphertext;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            salt = b64.decode(sealed.salt());
            nonce = b64.decode(sealed.nonce());
            ciphertext = b64.decode(sealed.ciphertext());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CryptoException(FAILURE);
        }
        if (salt.length < 8 || nonce.length != NONCE_BYTES) {
            throw new CryptoException(FAILURE);
        }
        byte[] key = deriveKey(passphrase, salt, sealed.m(), sealed.t(), sealed.p());
        try {
            return gcm(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(FAILURE);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Wraps a raw private key under a passphrase, bound to {@code fieldsafe/v1/key/<purpose>/<fingerprint>}. */
    public static Sealed wrapPrivateKey(byte[] privateKey, char[] passphrase, String purpose, String fingerprint,
                                        PasswordHasher.Cost cost) {
        return encrypt(privateKey, passphrase, keyAad(purpose, fingerprint), cost);
    }

    /** Unwraps a private key; fails unless passphrase, purpose and fingerprint are those it was wrapped with. */
    public static byte[] unwrapPrivateKey(Sealed sealed, char[] passphrase, String purpose, String fingerprint)
            throws CryptoException {
        return decrypt(sealed, passphrase, keyAad(purpose, fingerprint));
    }

    /** The associated data of a wrapped private key. */
    public static byte[] keyAad(String purpose, String fingerprint) {
        if (purpose == null || purpose.isEmpty() || purpose.contains("/") || fingerprint == null
                || !Digests.isSha256Hex(fingerprint)) {
            throw new IllegalArgumentException("a key purpose (no '/') and a SHA-256 hex fingerprint are required");
        }
        return ("fieldsafe/v1/key/" + purpose + "/" + fingerprint).getBytes(StandardCharsets.UTF_8);
    }

    private static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
        return cipher;
    }

    private static byte[] deriveKey(char[] passphrase, byte[] salt, int memoryKib, int iterations,
                                    int parallelism) {
        byte[] secret = nfcUtf8(passphrase);
        try {
            return Argon2id.derive(secret, salt, memoryKib, iterations, parallelism, KEY_BYTES);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * The UTF-8 bytes of the passphrase in NFC, so the same passphrase typed with another input method (composed or
     * decomposed characters, common in Bengali and Devanagari keyboards) derives the same key. The caller zeroes the
     * result. A passphrase already in NFC (ASCII and most typed text) is encoded straight from the array into one
     * buffer that is zeroed, so it never becomes a {@code String}; only one that needs normalising goes through
     * {@link Normalizer}, whose only output is a {@code String} that cannot be wiped and waits for the garbage
     * collector (the JDK offers no normaliser into an array).
     */
    static byte[] nfcUtf8(char[] passphrase) {
        CharBuffer chars = CharBuffer.wrap(passphrase);
        if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
            chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
        }
        // 3 bytes per UTF-16 unit is the most UTF-8 needs (a surrogate pair: 4 bytes for 2 units), so one buffer
        // holds it all and no growing copy is left behind unwiped
        byte[] buffer = new byte[chars.remaining() * 3];
        ByteBuffer out = ByteBuffer.wrap(buffer);
        try {
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            encoder.encode(chars, out, true);
            encoder.flush(out);
            return Arrays.copyOf(buffer, out.position());
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }
}
