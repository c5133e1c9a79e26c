package org.fieldsafe.core.crypto.odk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.fieldsafe.core.crypto.CryptoException;

/**
 * The primitives of ODK Collect's submission encryption: the 256-bit AES key wrapped with RSA-OAEP (SHA-256, MGF1
 * with SHA-256: Collect's BouncyCastle "RSA/NONE/OAEPWithSHA256AndMGF1Padding"), one IV per file derived from the
 * instance id and the key, and AES-256-CFB with PKCS#5 padding per file. The JDK provider is used with the OAEP
 * parameters written out: its default for the same transformation name uses MGF1-SHA-1 and cannot open Collect's keys.
 */
public final class OdkCipher {
    /** Collect's AES key length in bytes. */
    public static final int KEY_BYTES = 32;
    private static final String UNDECRYPTABLE = "could not decrypt the ODK submission: wrong key or altered data";
    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private OdkCipher() {
    }

    /** Opens the manifest's {@code base64EncryptedKey} (or its element signature) with the study's private key. */
    public static byte[] rsaDecrypt(PrivateKey key, String base64) throws CryptoException {
        byte[] wrapped;
        try {
            wrapped = Base64.getMimeDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new CryptoException("the ODK encrypted key is not base64");
        }
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, key, OAEP_SHA256);
            return rsa.doFinal(wrapped);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoException(UNDECRYPTABLE);
        }
    }

    /** The submission's AES key: {@link #rsaDecrypt} of {@code base64EncryptedKey}, which must give 32 bytes. */
    public static byte[] unwrapKey(PrivateKey key, String base64EncryptedKey) throws CryptoException {
        byte[] aesKey = rsaDecrypt(key, base64EncryptedKey);
        if (aesKey.length != KEY_BYTES) {
            Arrays.fill(aesKey, (byte) 0);
            throw new CryptoException(UNDECRYPTABLE);
        }
        return aesKey;
    }

    /** Collect's side: RSA-OAEP (SHA-256, MGF1-SHA-256) to the form's public key, base64. */
    public static String rsaEncrypt(PublicKey key, byte[] plaintext) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA256);
            return Base64.getEncoder().encodeToString(rsa.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt to this RSA key", e);
        }
    }

    /**
     * The IV of the file at {@code index} (media files in manifest order from 0, then the submission XML): the
     * MD5 of the UTF-8 instance id followed by the key is the seed, and file {@code n} uses the seed after bytes
     * 0..n (modulo 16) were each incremented once more, as Collect increments its IV before every file.
     */
    public static byte[] iv(String instanceId, byte[] aesKey, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("file index must not be negative");
        }
        byte[] iv;
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(instanceId.getBytes(StandardCharsets.UTF_8));
            iv = md5.digest(aesKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
        for (int i = 0; i <= index; i++) {
            iv[i % iv.length]++;
        }
        return iv;
    }

    /** AES-256-CFB with PKCS#5 padding: the whole file, or a {@link CryptoException} and no plaintext at all. */
    public static byte[] decrypt(byte[] aesKey, byte[] iv, byte[] ciphertext) throws CryptoException {
        try {
            return cipher(Cipher.DECRYPT_MODE, aesKey, iv).doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(UNDECRYPTABLE);
        }
    }

    /** Collect's side of {@link #decrypt}. */
    public static byte[] encrypt(byte[] aesKey, byte[] iv, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, aesKey, iv).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt with this AES key", e);
        }
    }

    private static Cipher cipher(int mode, byte[] aesKey, byte[] iv) throws GeneralSecurityException {
        if (aesKey == null || aesKey.length != KEY_BYTES) {
            throw new GeneralSecurityException("AES-256 key expected");
        }
        Cipher aes = Cipher.getInstance("AES/CFB/PKCS5Padding");
        aes.init(mode, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
        return aes;
    }
}
