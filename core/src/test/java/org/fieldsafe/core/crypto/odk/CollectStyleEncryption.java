package org.fieldsafe.core.crypto.odk;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.crypto.Secrets;

/**
 * Test helper: encrypts a submission the way ODK Collect does when it finalises an encrypted form (a fresh AES key
 * wrapped with RSA-OAEP, media files then submission.xml each with the next IV, the plaintext manifest with the
 * element signature). Used by core's and the server's tests as "a device running Collect".
 */
public final class CollectStyleEncryption {

    /** The manifest (what Collect posts as xml_submission_file) and the encrypted files by their .enc name. */
    public record Encrypted(byte[] manifestXml, Map<String, byte[]> files) {
    }

    private CollectStyleEncryption() {
    }

    public static Encrypted encrypt(PublicKey formKey, String formId, String version, String instanceId,
            String submissionXml, Map<String, byte[]> media) {
        byte[] aesKey = Secrets.randomBytes(OdkCipher.KEY_BYTES);
        String encryptedKey = OdkCipher.rsaEncrypt(formKey, aesKey);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> plain = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, byte[]> m : media.entrySet()) {
            files.put(m.getKey() + ".enc", OdkCipher.encrypt(aesKey, OdkCipher.iv(instanceId, aesKey, index++),
                    m.getValue()));
            plain.put(m.getKey(), m.getValue());
            order.add(m.getKey());
        }
        byte[] xml = submissionXml.getBytes(StandardCharsets.UTF_8);
        files.put("submission.xml.enc", OdkCipher.encrypt(aesKey, OdkCipher.iv(instanceId, aesKey, index), xml));
        plain.put("submission.xml", xml);
        order.add("submission.xml");
        OdkManifest unsigned = new OdkManifest(formId, version, instanceId, encryptedKey, "submission.xml.enc",
                media.keySet().stream().map(n -> n + ".enc").toList(), null);
        String signature = OdkCipher.rsaEncrypt(formKey, OdkSignature.digest(unsigned, plain, order));
        StringBuilder manifest = new StringBuilder("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")
                .append("<data xmlns=\"http://opendatakit.org/submissions\" id=\"").append(formId).append('"');
        if (version != null) {
            manifest.append(" version=\"").append(version).append('"');
        }
        manifest.append(" encrypted=\"yes\"><base64EncryptedKey>").append(encryptedKey)
                .append("</base64EncryptedKey><orx:meta xmlns:orx=\"http://openrosa.org/xforms\"><orx:instanceID>")
                .append(instanceId).append("</orx:instanceID></orx:meta>\n");
        for (String name : media.keySet()) {
            manifest.append("<media><file>").append(name).append(".enc</file></media>\n");
        }
        manifest.append("<encryptedXmlFile>submission.xml.enc</encryptedXmlFile><base64EncryptedElementSignature>")
                .append(signature).append("</base64EncryptedElementSignature></data>");
        return new Encrypted(manifest.toString().getBytes(StandardCharsets.UTF_8), files);
    }
}
