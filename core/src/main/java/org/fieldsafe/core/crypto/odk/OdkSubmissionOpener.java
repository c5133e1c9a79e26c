package org.fieldsafe.core.crypto.odk;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fieldsafe.core.crypto.CryptoException;

/**
 * Opens a whole ODK-encrypted submission with the study's RSA private key: unwraps the AES key, decrypts every
 * file with its own IV (media in manifest order, the submission XML last), then checks the element signature if
 * there is one. Either every file opens and the signature (if present) matches, or a {@link CryptoException} is
 * thrown and no plaintext leaves this class.
 */
public final class OdkSubmissionOpener {

    private OdkSubmissionOpener() {
    }

    /** {@code encryptedFiles} maps a manifest file name ({@code .enc}) to its bytes, or null when it is missing. */
    public static OpenedOdkSubmission open(PrivateKey key, OdkManifest manifest,
            Function<String, byte[]> encryptedFiles) throws CryptoException {
        byte[] aesKey = OdkCipher.unwrapKey(key, manifest.base64EncryptedKey());
        try {
            List<String> files = manifest.allFiles();
            Map<String, byte[]> plain = new LinkedHashMap<>();
            List<String> order = new ArrayList<>();
            for (int index = 0; index < files.size(); index++) {
                String name = files.get(index);
                byte[] ciphertext = encryptedFiles.apply(name);
                if (ciphertext == null) {
                    throw new CryptoException("the ODK submission lacks its file number " + (index + 1));
                }
                byte[] iv = OdkCipher.iv(manifest.instanceId(), aesKey, index);
                String plainName = OdkManifest.plainName(name);
                plain.put(plainName, OdkCipher.decrypt(aesKey, iv, ciphertext));
                order.add(plainName);
            }
            OdkSignature.Status status = checkSignature(key, manifest, plain, order);
            byte[] xml = plain.remove(OdkManifest.plainName(manifest.encryptedXmlFile()));
            return new OpenedOdkSubmission(xml, plain, status);
        } finally {
            Arrays.fill(aesKey, (byte) 0);
        }
    }

    private static OdkSignature.Status checkSignature(PrivateKey key, OdkManifest manifest, Map<String, byte[]> plain,
            List<String> order) throws CryptoException {
        if (manifest.base64Signature() == null) {
            return OdkSignature.Status.ABSENT;
        }
        byte[] claimed;
        try {
            claimed = OdkCipher.rsaDecrypt(key, manifest.base64Signature());
        } catch (CryptoException e) {
            throw new CryptoException("the ODK element signature does not open: the manifest was altered");
        }
        if (!MessageDigest.isEqual(claimed, OdkSignature.digest(manifest, plain, order))) {
            throw new CryptoException("the ODK element signature does not match: a file or the manifest was altered");
        }
        return OdkSignature.Status.MATCHES_FORGEABLE;
    }
}
