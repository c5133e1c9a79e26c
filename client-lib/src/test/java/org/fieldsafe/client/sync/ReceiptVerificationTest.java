package org.fieldsafe.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Receipt;
import org.junit.jupiter.api.Test;

class ReceiptVerificationTest {
    static final Ed25519PrivateKeyParameters KEY = new Ed25519PrivateKeyParameters(new SecureRandom());

    @Test
    void signedBytes_sortedKeysNoWhiteSpaceWithoutSignature() {
        Receipt receipt = new Receipt("3f0c", "ab12", "2026-11-22T12:00:01Z", "cd34", "c2ln");

        assertThat(new String(Receipts.signedBytes(receipt), StandardCharsets.UTF_8))
                .isEqualTo("{\"envelopeSha256\":\"ab12\",\"keyId\":\"cd34\",\"receivedAt\":\"2026-11-22T12:00:01Z\","
                        + "\"submissionId\":\"3f0c\"}");
    }

    @Test
    void verify_signedReceipt_passesAndAnyEditFails() {
        Receipt good = SubmissionServer.sign("3f0c", "ab".repeat(32), KEY);
        byte[] publicKey = KEY.generatePublicKey().getEncoded();
        ReceiptVerifier verifier = ReceiptVerifier.ED25519;

        assertThat(verifier.verify(good, publicKey)).isTrue();
        assertThat(verifier.verify(new Receipt("3f0d", good.envelopeSha256(), good.receivedAt(), good.keyId(),
                good.signature()), publicKey)).isFalse();
        assertThat(verifier.verify(new Receipt(good.submissionId(), good.envelopeSha256(), "2026-11-22T12:00:02Z",
                good.keyId(), good.signature()), publicKey)).isFalse();
        assertThat(verifier.verify(new Receipt(good.submissionId(), good.envelopeSha256(), good.receivedAt(),
                good.keyId(), "not base64!"), publicKey)).isFalse();
        assertThat(verifier.verify(good, new byte[31])).isFalse();
    }

    @Test
    void receiptKeys_fingerprintNotMatchingKey_refused() throws Exception {
        byte[] raw = KEY.generatePublicKey().getEncoded();
        StoredKey honest = new StoredKey("receipt", "Ed25519", Base64.getEncoder().encodeToString(raw),
                Digests.sha256Hex(raw), Instant.EPOCH);
        assertThat(ReceiptKeys.from(List.of(honest)).key(honest.fingerprint())).hasValue(raw);
        StoredKey forged = new StoredKey("receipt", "Ed25519", honest.publicKey(), "00".repeat(32), Instant.EPOCH);

        assertThatThrownBy(() -> ReceiptKeys.from(List.of(forged))).isInstanceOf(ClientException.class)
                .hasMessageContaining("does not match its fingerprint");
        assertThatThrownBy(() -> ReceiptKeys.from(List.of(new StoredKey("research", "X25519", honest.publicKey(),
                honest.fingerprint(), Instant.EPOCH)))).isInstanceOf(ClientException.class)
                .hasMessageContaining("no pinned receipt key");
    }

    @Test
    void backoff_fullJitterUnderDoublingCeilingCappedAtMax() {
        Backoff top = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), () -> 0.999_999);
        Backoff bottom = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), () -> 0.0);

        assertThat(List.of(top.ceiling(1), top.ceiling(2), top.ceiling(3), top.ceiling(4), top.ceiling(60)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(top.pause(2)).isEqualTo(Duration.ofMillis(999));
        assertThat(bottom.pause(5)).isZero();
    }

}
