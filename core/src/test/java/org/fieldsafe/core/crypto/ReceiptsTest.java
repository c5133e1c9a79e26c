package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.fieldsafe.core.wire.Receipt;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 section 7.1, TEST 1 (empty message). */
    private static final byte[] RFC_SECRET = HEX.parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] RFC_PUBLIC = HEX.parseHex(
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] RFC_SIGNATURE = HEX.parseHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    private static final Receipt UNSIGNED = new Receipt("3f0c7a52-1d2b-4c55-9a51-7c1f0a6f0b11", "ab".repeat(32),
            "2026-03-01T08:00:05.123Z", null, null);

    @Test
    void signBytes_rfc8032Test1_reproducesPublishedSignature() {
        assertThat(Receipts.publicKey(RFC_SECRET)).isEqualTo(RFC_PUBLIC);
        assertThat(Receipts.signBytes(new byte[0], RFC_SECRET)).isEqualTo(RFC_SIGNATURE);
        assertThat(Receipts.verifyBytes(new byte[0], RFC_SIGNATURE, RFC_PUBLIC)).isTrue();
    }

    @Test
    void verifyBytes_rfc8032Test1_flippedBitFails() {
        byte[] bad = RFC_SIGNATURE.clone();
        bad[0] ^= 1;
        assertThat(Receipts.verifyBytes(new byte[0], bad, RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verifyBytes(new byte[] {0}, RFC_SIGNATURE, RFC_PUBLIC)).isFalse();
    }

    @Test
    void signedBytes_sortedKeysNoWhiteSpaceNoSignature() {
        Receipt signed = Receipts.sign(UNSIGNED, RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        assertThat(new String(Receipts.signedBytes(signed), StandardCharsets.UTF_8)).isEqualTo(
                "{\"envelopeSha256\":\"" + "ab".repeat(32) + "\",\"keyId\":\"" + Receipts.keyId(RFC_PUBLIC)
                        + "\",\"receivedAt\":\"2026-03-01T08:00:05.123Z\","
                        + "\"submissionId\":\"3f0c7a52-1d2b-4c55-9a51-7c1f0a6f0b11\"}");
        assertThat(Receipts.signedBytes(signed)).isEqualTo(Receipts.signedBytes(
                new Receipt(signed.submissionId(), signed.envelopeSha256(), signed.receivedAt(), signed.keyId(), "x")));
    }

    @Test
    void signer_manyReceiptsOneKey_sameAsSignAndVerifying() {
        Receipts.Signer signer = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        for (int i = 0; i < 3; i++) {
            Receipt unsigned = new Receipt("id-" + i, "cd".repeat(32), "2026-03-01T08:00:0" + i + "Z", null, null);
            Receipt signed = signer.sign(unsigned);
            assertThat(signed).isEqualTo(Receipts.sign(unsigned, RFC_SECRET, Receipts.keyId(RFC_PUBLIC)));
            assertThat(Receipts.verify(signed, RFC_PUBLIC)).isTrue();
        }
        assertThat(signer.toString()).doesNotContain(HEX.formatHex(RFC_SECRET));
        assertThatThrownBy(() -> Receipts.signer(new byte[31], "k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sign_rfcKey_signatureIsEd25519OverSignedBytes() {
        String keyId = Receipts.keyId(RFC_PUBLIC);
        Receipt signed = Receipts.sign(UNSIGNED, RFC_SECRET, keyId);
        assertThat(signed.keyId()).isEqualTo(keyId);
        assertThat(signed.submissionId()).isEqualTo(UNSIGNED.submissionId());
        byte[] signature = Base64.getDecoder().decode(signed.signature());
        assertThat(signature).hasSize(64);
        assertThat(Receipts.verifyBytes(Receipts.signedBytes(signed), signature, RFC_PUBLIC)).isTrue();
        assertThat(Receipts.verify(signed, RFC_PUBLIC)).isTrue();
        assertThat(Receipts.sign(UNSIGNED, RFC_SECRET, keyId)).as("Ed25519 is deterministic").isEqualTo(signed);
    }

    @Test
    void verify_tamperedFields_fail() {
        Receipt r = Receipts.sign(UNSIGNED, RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        assertThat(Receipts.verify(new Receipt("other", r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature()), RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), "cd".repeat(32), r.receivedAt(), r.keyId(),
                r.signature()), RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), "2026-03-01T08:00:06Z",
                r.keyId(), r.signature()), RFC_PUBLIC)).isFalse();
        byte[] flipped = Base64.getDecoder().decode(r.signature());
        flipped[63] ^= 0x40;
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                Base64.getEncoder().encodeToString(flipped)), RFC_PUBLIC)).isFalse();
    }

    @Test
    void verify_otherKeyOrForeignKeyId_fails() {
        byte[] other = Receipts.newPrivateKey();
        byte[] otherPublic = Receipts.publicKey(other);
        Receipt r = Receipts.sign(UNSIGNED, RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        assertThat(Receipts.verify(r, otherPublic)).isFalse();
        Receipt mislabelled = Receipts.sign(UNSIGNED, RFC_SECRET, Receipts.keyId(otherPublic));
        assertThat(Receipts.verify(mislabelled, RFC_PUBLIC)).as("key id must name the verifying key").isFalse();
        Receipt fresh = Receipts.sign(UNSIGNED, other, Receipts.keyId(otherPublic));
        assertThat(Receipts.verify(fresh, otherPublic)).isTrue();
    }

    @Test
    void verify_malformedSignatureOrKey_falseNotException() {
        Receipt r = Receipts.sign(UNSIGNED, RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                "not base64!"), RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                null), RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                "AAAA"), RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verify(r, new byte[31])).isFalse();
        assertThat(Receipts.verify(null, RFC_PUBLIC)).isFalse();
        assertThatThrownBy(() -> Receipts.sign(UNSIGNED, new byte[16], "k"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
