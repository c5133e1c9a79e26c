package org.fieldsafe.core.crypto;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Study key pairs (BouncyCastle lightweight API, no provider): X25519 for the HPKE recipients (research,
 * safeguarding, identity) and Ed25519 for signing. Keys are raw 32-byte values; a key's fingerprint (its key id)
 * is the lower-case hex SHA-256 of the raw public key.
 */
public final class StudyKeys {
    /** Raw length of X25519 and Ed25519 keys. */
    public static final int KEY_BYTES = 32;

    private StudyKeys() {
    }

    public static KeyPairBytes generateX25519() {
        X25519KeyPairGenerator generator = new X25519KeyPairGenerator();
        generator.init(new X25519KeyGenerationParameters(Secrets.random()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new KeyPairBytes(((X25519PublicKeyParameters) pair.getPublic()).getEncoded(),
                ((X25519PrivateKeyParameters) pair.getPrivate()).getEncoded());
    }

    public static KeyPairBytes generateEd25519() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(Secrets.random()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new KeyPairBytes(((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded(),
                ((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded());
    }

    /** The raw X25519 public key of a raw X25519 private key. */
    public static byte[] x25519PublicKey(byte[] privateKey) {
        requireLength(privateKey, "X25519 private key");
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /** The raw Ed25519 public key of a raw Ed25519 private key. */
    public static byte[] ed25519PublicKey(byte[] privateKey) {
        requireLength(privateKey, "Ed25519 private key");
        return new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    /** The key id: lower-case hex SHA-256 of the raw public key. */
    public static String fingerprint(byte[] rawPublicKey) {
        return Digests.sha256Hex(rawPublicKey);
    }

    private static void requireLength(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " must be " + KEY_BYTES + " bytes");
        }
    }
}
