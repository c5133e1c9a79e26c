package org.fieldsafe.server.shredding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.SealedEnvelopes;
import org.junit.jupiter.api.Test;

class EnvelopeShredderTest {
    private static final Envelopes.StudyKeys KEYS = Envelopes.newStudyKeys();
    private static final Envelopes.Target TARGET = new Envelopes.Target("test-study", "KH-SVR", "device-1",
            "enumerator-\u00e9\u17d2", new SubmissionHeader.FormRef("interview", 1, "a".repeat(64)),
            new SubmissionHeader.FormRef("consent", 1, "b".repeat(64)), KEYS.fingerprints());

    @Test
    void shred_identity_identityNoLongerOpensOthersDo_sameLengthHeaderUnchanged() throws Exception {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(TARGET, KEYS, "secret", false, "c".repeat(64));
        Envelope before = sealed.envelope();

        EnvelopeShredder.Result result = EnvelopeShredder.shred(sealed.bytes(), Set.of(Envelope.IDENTITY), false);

        assertThat(result.bytes()).hasSameSizeAs(sealed.bytes());
        assertThat(result.parts()).containsExactly(Envelope.IDENTITY);
        Envelope after = SealedEnvelopes.read(result.bytes());
        assertThat(Sealing.headerBytes(after.header())).isEqualTo(Sealing.headerBytes(before.header()));
        assertThatThrownBy(() -> SealedEnvelopes.open(after, Envelope.IDENTITY, KEYS, "identity"))
                .isInstanceOf(SealedPartException.class);
        assertThat(new String(SealedEnvelopes.open(after, Envelope.RESEARCH, KEYS, "research"),
                StandardCharsets.UTF_8)).contains("research secret");
        assertThat(after.parts().get(Envelope.RESEARCH)).isEqualTo(before.parts().get(Envelope.RESEARCH));
        Envelope.SealedPart identity = before.parts().get(Envelope.IDENTITY);
        String text = new String(result.bytes(), StandardCharsets.UTF_8);
        for (String secret : List.of(identity.nonce(), identity.ciphertext(), identity.recipients().get(0).enc(),
                identity.recipients().get(0).wrappedKey())) {
            assertThat(text).doesNotContain(secret);
        }
        // every byte outside the identity part's secret strings is as it was
        assertThat(differingBytes(sealed.bytes(), result.bytes())).isLessThanOrEqualTo(
                identity.nonce().length() + identity.ciphertext().length()
                        + identity.recipients().get(0).enc().length()
                        + identity.recipients().get(0).wrappedKey().length());
        assertThat(after.parts().get(Envelope.IDENTITY).recipients().get(0).keyId())
                .isEqualTo(identity.recipients().get(0).keyId());
    }

    @Test
    void shred_allPartsAndAttachments_nothingOpens_againChangesNothing() throws Exception {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(TARGET, KEYS, "secret", true, "c".repeat(64), "d".repeat(64));
        Set<String> all = Set.copyOf(Envelope.PART_NAMES);

        EnvelopeShredder.Result result = EnvelopeShredder.shred(sealed.bytes(), all, true);

        assertThat(result.parts()).containsExactlyInAnyOrder(Envelope.IDENTITY, Envelope.RESEARCH);
        assertThat(result.attachments()).isEqualTo(1);
        assertThat(result.attachmentsPresent()).isEqualTo(1);
        Envelope after = SealedEnvelopes.read(result.bytes());
        for (String part : List.of(Envelope.IDENTITY, Envelope.RESEARCH)) {
            assertThatThrownBy(() -> SealedEnvelopes.open(after, part, KEYS, part))
                    .isInstanceOf(SealedPartException.class);
        }
        KeyPairBytes research = KEYS.pairs().get("research");
        Envelope before = sealed.envelope();
        assertThat(AttachmentSealing.open(before.header(), before.attachments().get(0), sealed.attachment(),
                research.fingerprint(), research.privateKey())).isNotEmpty();
        assertThatThrownBy(() -> AttachmentSealing.open(after.header(), after.attachments().get(0),
                sealed.attachment(), research.fingerprint(), research.privateKey()))
                .isInstanceOf(SealedPartException.class);
        assertThat(after.attachments().get(0).sha256()).isEqualTo(before.attachments().get(0).sha256());

        EnvelopeShredder.Result again = EnvelopeShredder.shred(result.bytes(), all, true);
        assertThat(again.bytes()).isEqualTo(result.bytes());
        assertThat(again.parts()).isEqualTo(result.parts());
        assertThat(again.attachments()).isEqualTo(1);
    }

    @Test
    void shred_attachmentsNotAsked_attachmentKeysKept() {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(TARGET, KEYS, "secret", true, "c".repeat(64));

        EnvelopeShredder.Result result = EnvelopeShredder.shred(sealed.bytes(), Set.of(Envelope.IDENTITY), false);

        assertThat(result.attachments()).isZero();
        assertThat(result.attachmentsPresent()).isEqualTo(1);
        assertThat(SealedEnvelopes.read(result.bytes()).attachments())
                .isEqualTo(sealed.envelope().attachments());
    }

    @Test
    void shred_escapedCharactersAndWhiteSpace_foundByTokenOffsets() {
        String json = "{ \"header\" : {\"enumerator\":\"\u00e9\u00e9 \\\"x\\\"\"},\n \"parts\" : { \"identity\" : "
                + "{\"nonce\":\"AbC\\/dE==\", \"ciphertext\" : \"Zm9v\\u0041Ymfy\", \"recipients\":[{\"keyId\":\"k\","
                + "\"enc\":\"ZW5j\",\"wrappedKey\":\"d3Jh\"}]}, \"research\":{\"nonce\":\"cmVz\"}}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        byte[] out = EnvelopeShredder.shred(bytes, Set.of(Envelope.IDENTITY), false).bytes();

        String expected = json.replace("AbC\\/dE==", "AAAAAAA==").replace("Zm9v\\u0041Ymfy", "AAAAAAAAAAAAAA")
                .replace("ZW5j", "AAAA").replace("d3Jh", "AAAA");
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void shred_notJson_refused() {
        assertThatThrownBy(() -> EnvelopeShredder.shred("{\"parts\":".getBytes(StandardCharsets.UTF_8),
                Set.of(Envelope.IDENTITY), true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int differingBytes(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }
}
