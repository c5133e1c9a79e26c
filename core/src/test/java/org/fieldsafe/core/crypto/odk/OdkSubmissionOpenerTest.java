package org.fieldsafe.core.crypto.odk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldsafe.core.crypto.CryptoException;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OdkSubmissionOpenerTest {
    static final String INSTANCE = "uuid:6f1c2a5e-3d1b-4c55-9a0e-2b7f0d1e9c41";
    static final String XML = "<data id=\"interview\" version=\"3\"><meta><instanceID>" + INSTANCE
            + "</instanceID></meta><q1>yes</q1></data>";
    static PrivateKey privateKey;
    static PublicKey publicKey;

    @BeforeAll
    static void keys() throws CryptoException {
        KeyPairBytes pair = OdkRsaKeys.generate();
        privateKey = OdkRsaKeys.privateKey(pair.privateKey());
        publicKey = OdkRsaKeys.publicKey(pair.publicKey());
    }

    static CollectStyleEncryption.Encrypted encrypted() {
        Map<String, byte[]> media = new LinkedHashMap<>();
        media.put("1561432532482.m4a", "audio bytes".getBytes(StandardCharsets.UTF_8));
        media.put("photo.jpg", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
        return CollectStyleEncryption.encrypt(publicKey, "interview", "3", INSTANCE, XML, media);
    }

    @Test
    void open_collectStyleSubmission_givesXmlMediaAndForgeableSignature() throws Exception {
        CollectStyleEncryption.Encrypted sub = encrypted();
        OdkManifest manifest = OdkManifest.parse(sub.manifestXml());

        OpenedOdkSubmission opened = OdkSubmissionOpener.open(privateKey, manifest, sub.files()::get);

        assertThat(new String(opened.submissionXml(), StandardCharsets.UTF_8)).isEqualTo(XML);
        assertThat(opened.media()).containsOnlyKeys("1561432532482.m4a", "photo.jpg");
        assertThat(opened.media().get("1561432532482.m4a")).asString().isEqualTo("audio bytes");
        assertThat(opened.signature()).isEqualTo(OdkSignature.Status.MATCHES_FORGEABLE);
        assertThat(manifest.mediaFiles()).containsExactly("1561432532482.m4a.enc", "photo.jpg.enc");
        assertThat(manifest.formId()).isEqualTo("interview");
        assertThat(manifest.version()).isEqualTo("3");
        assertThat(manifest.instanceId()).isEqualTo(INSTANCE);
    }

    @Test
    void open_tamperedMediaByte_throwsAndGivesNoPlaintext() throws Exception {
        CollectStyleEncryption.Encrypted sub = encrypted();
        Map<String, byte[]> files = new HashMap<>(sub.files());
        byte[] audio = files.get("1561432532482.m4a.enc").clone();
        audio[0] ^= 1; // a flipped bit in CFB leaves the padding intact: only the signature can notice
        files.put("1561432532482.m4a.enc", audio);

        assertThatThrownBy(() -> OdkSubmissionOpener.open(privateKey, OdkManifest.parse(sub.manifestXml()),
                files::get)).isInstanceOf(CryptoException.class).hasMessageContaining("signature does not match");
    }

    @Test
    void open_wrongKey_throwsClearError() throws Exception {
        CollectStyleEncryption.Encrypted sub = encrypted();
        PrivateKey other = OdkRsaKeys.privateKey(OdkRsaKeys.generate().privateKey());

        assertThatThrownBy(() -> OdkSubmissionOpener.open(other, OdkManifest.parse(sub.manifestXml()),
                sub.files()::get)).isInstanceOf(CryptoException.class).hasMessageContaining("wrong key");
    }

    @Test
    void open_missingFile_throws() throws Exception {
        CollectStyleEncryption.Encrypted sub = encrypted();
        Map<String, byte[]> files = new HashMap<>(sub.files());
        files.remove("submission.xml.enc");

        assertThatThrownBy(() -> OdkSubmissionOpener.open(privateKey, OdkManifest.parse(sub.manifestXml()),
                files::get)).isInstanceOf(CryptoException.class).hasMessageContaining("lacks its file");
    }

    @Test
    void parse_plainSubmission_isReportedUnencrypted() {
        assertThatThrownBy(() -> OdkManifest.parse(XML.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OdkManifestException.class, e -> assertThat(e.unencrypted()).isTrue());
    }

    @Test
    void parse_pathInFileName_isRefused() {
        String manifest = new String(encrypted().manifestXml(), StandardCharsets.UTF_8)
                .replace("<media><file>photo.jpg.enc", "<media><file>../photo.jpg.enc");

        assertThatThrownBy(() -> OdkManifest.parse(manifest.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OdkManifestException.class, e -> assertThat(e.unencrypted()).isFalse())
                .hasMessageContaining("media/file");
    }

    @Test
    void parse_doctype_isRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE data [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<data xmlns=\"http://opendatakit.org/submissions\" encrypted=\"yes\" id=\"f\">&x;</data>";

        assertThatThrownBy(() -> OdkManifest.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OdkManifestException.class).hasMessageContaining("not well-formed");
    }

    @Test
    void publicKeyOf_generatedPair_isTheFormsKey() throws Exception {
        KeyPairBytes pair = OdkRsaKeys.generate();

        assertThat(OdkRsaKeys.publicKeyOf(pair.privateKey())).isEqualTo(pair.publicKey());
        assertThat(OdkRsaKeys.base64PublicKey(pair.publicKey())).hasSize(392);
    }
}
