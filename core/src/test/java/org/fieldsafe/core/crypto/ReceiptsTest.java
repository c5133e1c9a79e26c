package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.WithdrawalNotice;
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
    void withdrawalNotice_verifiesOnlyForItsSubmissionAndKey() {
        Receipts.Signer signer = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        WithdrawalNotice notice = signer.signWithdrawal("s-1");

        assertThat(new String(Receipts.withdrawalSignedBytes(notice.keyId(), "s-1"), StandardCharsets.UTF_8))
                .isEqualTo("{\"keyId\":\"" + Receipts.keyId(RFC_PUBLIC)
                        + "\",\"statement\":\"respondent-withdrawn\",\"submissionId\":\"s-1\"}");
        assertThat(Receipts.verifyWithdrawal(notice, "s-1", RFC_PUBLIC)).isTrue();
        assertThat(Receipts.verifyWithdrawal(notice, "s-2", RFC_PUBLIC)).isFalse();
        assertThat(Receipts.verifyWithdrawal(new WithdrawalNotice("s-2", notice.keyId(), notice.signature()), "s-2",
                RFC_PUBLIC)).isFalse();
        byte[] otherKey = Receipts.publicKey(Receipts.newPrivateKey());
        assertThat(Receipts.verifyWithdrawal(notice, "s-1", otherKey)).isFalse();
        assertThat(Receipts.verifyWithdrawal(new WithdrawalNotice("s-1", notice.keyId(), "not base64!"), "s-1",
                RFC_PUBLIC)).isFalse();
        // a receipt's signature for the same submission is no withdrawal notice
        Receipt receipt = signer.sign(new Receipt("s-1", "ab", "2026-03-01T08:00:00Z", null, null));
        assertThat(Receipts.verifyWithdrawal(new WithdrawalNotice("s-1", receipt.keyId(), receipt.signature()), "s-1",
                RFC_PUBLIC)).isFalse();
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

    private static List<Receipt> unsigned(int n) {
        List<Receipt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Receipt("sub-" + i, String.format("%064x", i), "2026-03-01T08:00:05.123Z", null, null));
        }
        return out;
    }

    @Test
    void signAll_oneSignatureForTheBatch_everyReceiptVerifiesWithItsProof() {
        Receipts.Signer signer = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        for (int n : new int[] {2, 3, 7, 100, 256}) {
            List<Receipt> signed = signer.signAll(unsigned(n));
            assertThat(signed).hasSize(n);
            assertThat(signed.stream().map(Receipt::signature).distinct()).as("one signature").hasSize(1);
            for (int i = 0; i < n; i++) {
                Receipt r = signed.get(i);
                assertThat(r.submissionId()).isEqualTo("sub-" + i);
                assertThat(r.keyId()).isEqualTo(Receipts.keyId(RFC_PUBLIC));
                assertThat(r.proof().index()).isEqualTo(i);
                assertThat(r.proof().size()).isEqualTo(n);
                assertThat(Receipts.verify(r, RFC_PUBLIC)).as("receipt %d of %d", i, n).isTrue();
            }
        }
    }

    @Test
    void signAll_oneReceipt_signedOnItsOwnWithoutProof() {
        Receipts.Signer signer = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        Receipt alone = signer.signAll(List.of(UNSIGNED)).get(0);
        assertThat(alone.proof()).isNull();
        assertThat(alone).isEqualTo(signer.sign(UNSIGNED));
    }

    @Test
    void signAll_tamperedReceiptProofOrSignature_fails() {
        Receipts.Signer signer = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        List<Receipt> signed = signer.signAll(unsigned(9));
        Receipt r = signed.get(4);
        Receipt.Proof p = r.proof();
        assertThat(Receipts.verify(r, RFC_PUBLIC)).isTrue();
        assertThat(Receipts.verify(new Receipt("sub-5", r.envelopeSha256(), r.receivedAt(), r.keyId(), r.signature(),
                p), RFC_PUBLIC)).as("another id").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), "ee".repeat(32), r.receivedAt(), r.keyId(),
                r.signature(), p), RFC_PUBLIC)).as("another hash").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), "2026-03-01T08:00:06Z",
                r.keyId(), r.signature(), p), RFC_PUBLIC)).as("another time").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature(), signed.get(5).proof()), RFC_PUBLIC)).as("a neighbour's proof").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature(), new Receipt.Proof(4, 8, p.path())), RFC_PUBLIC)).as("a smaller tree").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature(), new Receipt.Proof(4, 10, p.path())), RFC_PUBLIC))
                .as("a size whose tree leads to the same root (the size is signed)").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature(), new Receipt.Proof(5, 9, p.path())), RFC_PUBLIC)).as("another index").isFalse();
        List<String> changed = new ArrayList<>(p.path());
        byte[] node = Base64.getDecoder().decode(changed.get(1));
        node[7] ^= 1;
        changed.set(1, Base64.getEncoder().encodeToString(node));
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature(), new Receipt.Proof(4, 9, changed)), RFC_PUBLIC)).as("a changed node").isFalse();
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                r.signature(), null), RFC_PUBLIC)).as("the proof left out").isFalse();
        Receipt otherBatch = signer.signAll(unsigned(10)).get(4);
        assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                otherBatch.signature(), p), RFC_PUBLIC)).as("another batch's signature").isFalse();
        Receipts.Signer otherKey = Receipts.signer(Receipts.newPrivateKey(), Receipts.keyId(RFC_PUBLIC));
        assertThat(Receipts.verify(otherKey.signAll(unsigned(9)).get(4), RFC_PUBLIC)).as("another key").isFalse();
    }

    @Test
    void verify_malformedProof_falseNotException() {
        Receipt r = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC)).signAll(unsigned(4)).get(1);
        for (Receipt.Proof bad : new Receipt.Proof[] {new Receipt.Proof(1, 4, null),
                new Receipt.Proof(1, 4, List.of("not base64!", "AAAA")), new Receipt.Proof(1, 4, List.of()),
                new Receipt.Proof(-1, 4, r.proof().path()), new Receipt.Proof(1, 0, r.proof().path()),
                new Receipt.Proof(1, Integer.MAX_VALUE, r.proof().path())}) {
            assertThat(Receipts.verify(new Receipt(r.submissionId(), r.envelopeSha256(), r.receivedAt(), r.keyId(),
                    r.signature(), bad), RFC_PUBLIC)).as("%s", bad).isFalse();
        }
    }

    @Test
    void json_proofWrittenOnlyWhenPresent_andReadBack() throws Exception {
        ObjectMapper json = JsonMappers.plain();
        Receipts.Signer signer = Receipts.signer(RFC_SECRET, Receipts.keyId(RFC_PUBLIC));
        Receipt alone = signer.sign(UNSIGNED);
        assertThat(json.writeValueAsString(alone)).doesNotContain("proof");
        assertThat(json.readValue(json.writeValueAsString(alone), Receipt.class)).isEqualTo(alone);
        Receipt batched = signer.signAll(unsigned(5)).get(3);
        Receipt read = json.readValue(json.writeValueAsString(batched), Receipt.class);
        assertThat(read).isEqualTo(batched);
        assertThat(Receipts.verify(read, RFC_PUBLIC)).isTrue();
    }
}
