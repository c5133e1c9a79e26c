package org.fieldsafe.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9180 known-answer tests for the HPKE suite of the envelopes, from the official CFRG test vectors
 * (fixtures/hpke/README.md names the source): base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, with
 * AES-128-GCM (RFC 9180 A.1.1) and AES-256-GCM (the suite {@link Sealing} uses).
 */
class HpkeKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void vectors_fixture_holdsBothBaseModeSuites() throws IOException {
        assertThat(vectors()).extracting(v -> v.get("aead_id").asInt()).containsExactly(1, 2);
        for (JsonNode v : vectors()) {
            assertThat(v.get("mode").asInt()).isZero();
            assertThat(v.get("kem_id").asInt()).isEqualTo(0x0020);
            assertThat(v.get("kdf_id").asInt()).isEqualTo(0x0001);
        }
    }

    @Test
    void deriveKeyPair_rfc9180Vectors_matchPublicAndPrivateKeys() throws IOException {
        for (JsonNode v : vectors()) {
            HPKE hpke = suite(v);
            AsymmetricCipherKeyPair e = hpke.deriveKeyPair(hex(v, "ikmE"));
            AsymmetricCipherKeyPair r = hpke.deriveKeyPair(hex(v, "ikmR"));
            assertThat(hpke.serializePublicKey(e.getPublic())).isEqualTo(hex(v, "pkEm"));
            assertThat(hpke.serializePrivateKey(e.getPrivate())).isEqualTo(clamped(hex(v, "skEm")));
            assertThat(hpke.serializePublicKey(r.getPublic())).isEqualTo(hex(v, "pkRm"));
            assertThat(hpke.serializePrivateKey(r.getPrivate())).isEqualTo(clamped(hex(v, "skRm")));
            assertThat(StudyKeys.x25519PublicKey(hex(v, "skRm"))).isEqualTo(hex(v, "pkRm"));
        }
    }

    @Test
    void setupBaseS_rfc9180Vectors_encAndCiphertextsMatch() throws Exception {
        for (JsonNode v : vectors()) {
            HPKE hpke = suite(v);
            AsymmetricCipherKeyPair e = hpke.deriveKeyPair(hex(v, "ikmE"));
            AsymmetricCipherKeyPair r = hpke.deriveKeyPair(hex(v, "ikmR"));
            HPKEContextWithEncapsulation sender = hpke.setupBaseS(r.getPublic(), hex(v, "info"), e);
            assertThat(sender.getEncapsulation()).isEqualTo(hex(v, "enc"));
            assertThat(v.get("encryptions")).hasSize(3);
            for (JsonNode enc : v.get("encryptions")) {
                assertThat(HEX.formatHex(sender.seal(hex(enc, "aad"), hex(enc, "pt"))))
                        .isEqualTo(enc.get("ct").asText());
            }
        }
    }

    @Test
    void setupBaseR_rfc9180Vectors_opensCiphertextsInSequence() throws Exception {
        for (JsonNode v : vectors()) {
            HPKE hpke = suite(v);
            AsymmetricCipherKeyPair r = hpke.deserializePrivateKey(hex(v, "skRm"), hex(v, "pkRm"));
            HPKEContext receiver = hpke.setupBaseR(hex(v, "enc"), r, hex(v, "info"));
            for (JsonNode enc : v.get("encryptions")) {
                assertThat(receiver.open(hex(enc, "aad"), hex(enc, "ct"))).isEqualTo(hex(enc, "pt"));
            }
        }
    }

    @Test
    void open_singleShot_firstVectorEncryptionOpens() throws Exception {
        for (JsonNode v : vectors()) {
            HPKE hpke = suite(v);
            AsymmetricCipherKeyPair r = hpke.deserializePrivateKey(hex(v, "skRm"), hex(v, "pkRm"));
            JsonNode first = v.get("encryptions").get(0);
            assertThat(hpke.open(hex(v, "enc"), r, hex(v, "info"), hex(first, "aad"), hex(first, "ct"),
                    null, null, null)).isEqualTo(hex(first, "pt"));
        }
    }

    @Test
    void sealingSuite_aes256Vector_matches() throws Exception {
        JsonNode v = vectors().get(1);
        assertThat(v.get("aead_id").asInt()).isEqualTo(2);
        HPKE hpke = Sealing.hpke();
        assertThat(hpke.getAeadId()).isEqualTo(HPKE.aead_AES_GCM256);
        AsymmetricCipherKeyPair e = hpke.deriveKeyPair(hex(v, "ikmE"));
        AsymmetricCipherKeyPair r = hpke.deriveKeyPair(hex(v, "ikmR"));
        HPKEContextWithEncapsulation sender = hpke.setupBaseS(r.getPublic(), hex(v, "info"), e);
        JsonNode first = v.get("encryptions").get(0);
        assertThat(sender.getEncapsulation()).isEqualTo(hex(v, "enc"));
        assertThat(sender.seal(hex(first, "aad"), hex(first, "pt"))).isEqualTo(hex(first, "ct"));
    }

    @Test
    void open_vectorWithFlippedTagByte_fails() throws Exception {
        JsonNode v = vectors().get(1);
        HPKE hpke = suite(v);
        AsymmetricCipherKeyPair r = hpke.deserializePrivateKey(hex(v, "skRm"), hex(v, "pkRm"));
        JsonNode first = v.get("encryptions").get(0);
        byte[] ct = hex(first, "ct");
        ct[ct.length - 1] ^= 1;
        assertThatThrownBy(() -> hpke.open(hex(v, "enc"), r, hex(v, "info"), hex(first, "aad"), ct,
                null, null, null)).isInstanceOf(org.bouncycastle.crypto.InvalidCipherTextException.class);
    }

    /**
     * RFC 9180 section 7.1.2: SerializePrivateKey for X25519 MUST clamp its output; the vectors list the
     * unclamped scalar, so the serialised form is the vector's value clamped (RFC 7748 section 5).
     */
    private static byte[] clamped(byte[] scalar) {
        byte[] k = scalar.clone();
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        return k;
    }

    private static HPKE suite(JsonNode v) {
        return new HPKE((byte) v.get("mode").asInt(), (short) v.get("kem_id").asInt(),
                (short) v.get("kdf_id").asInt(), (short) v.get("aead_id").asInt());
    }

    private static byte[] hex(JsonNode node, String field) {
        return HEX.parseHex(node.get(field).asText());
    }

    private static List<JsonNode> vectors() throws IOException {
        try (InputStream in = HpkeKnownAnswerTest.class.getResourceAsStream(
                "/fixtures/hpke/rfc9180-base-x25519-sha256.json")) {
            assertThat(in).as("HPKE vector fixture").isNotNull();
            List<JsonNode> out = new ArrayList<>();
            JsonMappers.plain().readTree(in).forEach(out::add);
            return out;
        }
    }
}
