package org.fieldsafe.core.crypto.odk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Collect's "element signature": the MD5 of newline-terminated lines (form id, version if any, the base64
 * encrypted key, the instance id, then {@code name::md5hex} of each plaintext media file and of
 * {@code submission.xml}), RSA-OAEP-encrypted to the form's public key. Anyone holding the public key can
 * compute one, so it proves no origin: it only catches files altered or swapped without re-signing.
 */
public final class OdkSignature {
    /** How a submission's element signature was found when opened. */
    public enum Status {
        /** The signature matched; it is MD5 under a public key, so forgeable by anyone with the form. */
        MATCHES_FORGEABLE,
        /** The manifest carried no signature. */
        ABSENT
    }

    private OdkSignature() {
    }

    /** The MD5 digest Collect encrypts, over the manifest and the plaintext files ({@code plainName -> bytes}). */
    public static byte[] digest(OdkManifest manifest, Map<String, byte[]> plaintextByName, List<String> order) {
        StringBuilder source = new StringBuilder();
        source.append(manifest.formId()).append('\n');
        if (manifest.version() != null) {
            source.append(manifest.version()).append('\n');
        }
        source.append(manifest.base64EncryptedKey()).append('\n');
        source.append(manifest.instanceId()).append('\n');
        for (String name : order) {
            source.append(name).append("::").append(HexFormat.of().formatHex(md5(plaintextByName.get(name))))
                    .append('\n');
        }
        return md5(source.toString().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
