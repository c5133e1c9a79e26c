package org.fieldsafe.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.core.crypto.SealingFixtures.IDENTITY;
import static org.fieldsafe.core.crypto.SealingFixtures.RESEARCH;
import static org.fieldsafe.core.crypto.SealingFixtures.SECOND_DATA_MANAGER;
import static org.fieldsafe.core.crypto.SealingFixtures.header;
import static org.fieldsafe.core.crypto.SealingFixtures.recipient;

class AttachmentSealingTest {
    private static final String ID = "3f0c2b9e-8a4d-4f61-9b57-2d1e0c6a7b18";
    private static final String OTHER_ID = "9a1d2c3b-0000-4f61-9b57-2d1e0c6a7b18";
    private static final int C = AttachmentSealing.CHUNK_BYTES;
    private static final int S = AttachmentSealing.SEALED_CHUNK_BYTES;

    private record Sealed(Envelope.Attachment descriptor, byte[] bytes) {
    }

    private static byte[] audio(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static Sealed seal(SubmissionHeader h, byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Envelope.Attachment d = AttachmentSealing.seal(h, "recording", "q_recording", plain, out,
                List.of(recipient(RESEARCH), recipient(SECOND_DATA_MANAGER)));
        return new Sealed(d, out.toByteArray());
    }

    private static byte[] open(SubmissionHeader h, Envelope.Attachment d, byte[] sealed) throws SealedPartException {
        return AttachmentSealing.open(h, d, sealed, RESEARCH.fingerprint(), RESEARCH.privateKey());
    }

    @Test
    void roundTrip_sizesAroundChunkBoundaries() throws Exception {
        for (int n : new int[] {0, 1, C - 1, C, C + 1, 3 * C, 3 * C + 17}) {
            byte[] plain = audio(n);
            Sealed s = seal(header(ID), plain);
            assertThat(s.descriptor().chunks()).isEqualTo(AttachmentSealing.chunkCount(n));
            assertThat(s.descriptor().plaintextBytes()).isEqualTo(n);
            assertThat(s.descriptor().sealedBytes()).isEqualTo(s.bytes().length)
                    .isEqualTo(AttachmentSealing.sealedSize(n));
            assertThat(s.descriptor().sha256()).isEqualTo(Digests.sha256Hex(s.bytes()));
            assertThat(open(header(ID), s.descriptor(), s.bytes())).isEqualTo(plain);
            assertThat(AttachmentSealing.open(header(ID), s.descriptor(), s.bytes(),
                    SECOND_DATA_MANAGER.fingerprint(), SECOND_DATA_MANAGER.privateKey())).isEqualTo(plain);
        }
    }

    @Test
    void notARecipient_orWrongKey_fails() {
        Sealed s = seal(header(ID), audio(100));
        assertThatThrownBy(() -> AttachmentSealing.open(header(ID), s.descriptor(), s.bytes(),
                IDENTITY.fingerprint(), IDENTITY.privateKey())).isInstanceOf(SealedPartException.class);
        assertThatThrownBy(() -> AttachmentSealing.open(header(ID), s.descriptor(), s.bytes(),
                RESEARCH.fingerprint(), IDENTITY.privateKey())).isInstanceOf(SealedPartException.class);
    }

    @Test
    void flippedByte_inAnyChunk_fails() {
        Sealed s = seal(header(ID), audio(2 * C + 5));
        for (int pos : new int[] {0, S - 1, S + 10, s.bytes().length - 1}) {
            byte[] t = s.bytes().clone();
            t[pos] ^= 1;
            Envelope.Attachment d = withSha(s.descriptor(), t);
            assertThatThrownBy(() -> open(header(ID), d, t)).isInstanceOf(SealedPartException.class);
        }
    }

    @Test
    void swappedChunks_fail() {
        Sealed s = seal(header(ID), audio(3 * C));
        byte[] t = s.bytes().clone();
        System.arraycopy(s.bytes(), 0, t, S, S);
        System.arraycopy(s.bytes(), S, t, 0, S);
        assertThatThrownBy(() -> open(header(ID), s.descriptor(), t)).isInstanceOf(SealedPartException.class);
    }

    @Test
    void truncation_atAChunkBoundary_orInsideOne_fails_evenWithAMatchingDescriptor() {
        Sealed s = seal(header(ID), audio(3 * C));
        byte[] twoChunks = Arrays.copyOf(s.bytes(), 2 * S);
        assertThatThrownBy(() -> open(header(ID), s.descriptor(), twoChunks))
                .isInstanceOf(SealedPartException.class);
        // a descriptor edited to say two chunks does not unwrap the key
        Envelope.Attachment d = s.descriptor();
        Envelope.Attachment edited = new Envelope.Attachment(d.name(), d.questionId(), 2, 2L * C, 2L * S,
                Digests.sha256Hex(twoChunks), d.noncePrefix(), d.recipients());
        assertThatThrownBy(() -> open(header(ID), edited, twoChunks)).isInstanceOf(SealedPartException.class);
        byte[] cut = Arrays.copyOf(s.bytes(), s.bytes().length - 1);
        assertThatThrownBy(() -> open(header(ID), s.descriptor(), cut)).isInstanceOf(SealedPartException.class);
        byte[] longer = Arrays.copyOf(s.bytes(), s.bytes().length + 1);
        assertThatThrownBy(() -> open(header(ID), s.descriptor(), longer)).isInstanceOf(SealedPartException.class);
    }

    @Test
    void wrongSubmission_orRenamed_orEditedDescriptor_fails() {
        Sealed s = seal(header(ID), audio(C + 3));
        assertThatThrownBy(() -> open(header(OTHER_ID), s.descriptor(), s.bytes()))
                .isInstanceOf(SealedPartException.class);
        Envelope.Attachment d = s.descriptor();
        Envelope.Attachment renamed = new Envelope.Attachment("other", d.questionId(), d.chunks(),
                d.plaintextBytes(), d.sealedBytes(), d.sha256(), d.noncePrefix(), d.recipients());
        assertThatThrownBy(() -> open(header(ID), renamed, s.bytes())).isInstanceOf(SealedPartException.class);
        Envelope.Attachment otherQuestion = new Envelope.Attachment(d.name(), "q_other", d.chunks(),
                d.plaintextBytes(), d.sealedBytes(), d.sha256(), d.noncePrefix(), d.recipients());
        assertThatThrownBy(() -> open(header(ID), otherQuestion, s.bytes()))
                .isInstanceOf(SealedPartException.class);
        Envelope.Attachment otherSha = new Envelope.Attachment(d.name(), d.questionId(), d.chunks(),
                d.plaintextBytes(), d.sealedBytes(), "0".repeat(64), d.noncePrefix(), d.recipients());
        assertThatThrownBy(() -> open(header(ID), otherSha, s.bytes())).isInstanceOf(SealedPartException.class);
    }

    @Test
    void chunkFromAnotherAttachment_fails() {
        Sealed a = seal(header(ID), audio(2 * C));
        Sealed b = seal(header(ID), audio(2 * C));
        byte[] t = a.bytes().clone();
        System.arraycopy(b.bytes(), S, t, S, S);
        assertThatThrownBy(() -> open(header(ID), withSha(a.descriptor(), t), t))
                .isInstanceOf(SealedPartException.class);
    }

    @Test
    void badName_refused() {
        assertThatThrownBy(() -> AttachmentSealing.seal(header(ID), "../x", "q", new byte[1],
                new ByteArrayOutputStream(), List.of(recipient(RESEARCH))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Streams {@code plain} into a sealer in pieces of the given sizes (cycled), with a fixed key and prefix. */
    private static Sealed stream(String id, byte[] plain, int[] pieces, byte[] key, byte[] prefix) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AttachmentSealing.Sealer sealer = new AttachmentSealing.Sealer(id, "recording", "q_recording", out, key,
                prefix)) {
            int at = 0;
            for (int i = 0; at < plain.length; i++) {
                int n = Math.min(pieces[i % pieces.length], plain.length - at);
                sealer.write(plain, at, n);
                at += n;
                // sealed output never runs ahead of a chunk known not to be the last
                assertThat(out.size() % S).isZero();
            }
            sealer.finish();
            return new Sealed(sealer.descriptor(header(id), List.of(recipient(RESEARCH))), out.toByteArray());
        }
    }

    @Test
    void streamingSealer_roundTrip_opensWithTheOneShotOpener() throws Exception {
        for (int n : new int[] {0, 1, 6000, C - 1, C, C + 1, 3 * C, 3 * C + 17}) {
            byte[] plain = audio(n);
            Sealed s = stream(ID, plain, new int[] {6000, 1, C, 12_345}, Secrets.randomBytes(32),
                    Secrets.randomBytes(8));
            assertThat(s.descriptor().chunks()).isEqualTo(AttachmentSealing.chunkCount(n));
            assertThat(s.descriptor().sealedBytes()).isEqualTo(s.bytes().length)
                    .isEqualTo(AttachmentSealing.sealedSize(n));
            assertThat(s.descriptor().sha256()).isEqualTo(Digests.sha256Hex(s.bytes()));
            assertThat(open(header(ID), s.descriptor(), s.bytes())).isEqualTo(plain);
        }
    }

    @Test
    void streamingSealer_sameBytesKeyAndPrefix_equalsOneShotSeal() throws Exception {
        byte[] key = Secrets.randomBytes(32);
        byte[] prefix = Secrets.randomBytes(8);
        for (int n : new int[] {0, 5, C, 2 * C + 3}) {
            byte[] plain = audio(n);
            ByteArrayOutputStream oneShot = new ByteArrayOutputStream();
            Envelope.Attachment d = AttachmentSealing.seal(header(ID), "recording", "q_recording",
                    new ByteArrayInputStream(plain), oneShot, List.of(recipient(RESEARCH)), key, prefix);
            Sealed streamed = stream(ID, plain, new int[] {1, 7, 6144}, key, prefix);
            assertThat(streamed.bytes()).isEqualTo(oneShot.toByteArray());
            Envelope.Attachment e = streamed.descriptor();
            assertThat(List.of(e.name(), e.questionId(), e.chunks(), e.plaintextBytes(), e.sealedBytes(), e.sha256(),
                    e.noncePrefix())).isEqualTo(List.of(d.name(), d.questionId(), d.chunks(), d.plaintextBytes(),
                    d.sealedBytes(), d.sha256(), d.noncePrefix()));
            // a streamed attachment opens, and a one-shot one too, with the same opener
            assertThat(open(header(ID), d, oneShot.toByteArray())).isEqualTo(plain);
            assertThat(open(header(ID), e, streamed.bytes())).isEqualTo(plain);
        }
    }

    @Test
    void streamingSealer_tamperedOrTruncatedChunk_refused() throws Exception {
        Sealed s = stream(ID, audio(2 * C + 100), new int[] {6000}, Secrets.randomBytes(32), Secrets.randomBytes(8));
        byte[] flipped = s.bytes().clone();
        flipped[S + 3] ^= 1;
        assertThatThrownBy(() -> open(header(ID), withSha(s.descriptor(), flipped), flipped))
                .isInstanceOf(SealedPartException.class);
        // cut after its second chunk (what a killed recorder leaves): that chunk is marked "more", so it never
        // opens as a whole attachment, even under a descriptor made to match the cut bytes
        byte[] cut = Arrays.copyOf(s.bytes(), 2 * S);
        assertThatThrownBy(() -> open(header(ID), withSha(s.descriptor(), cut), cut))
                .isInstanceOf(SealedPartException.class);
        assertThatThrownBy(() -> open(header(OTHER_ID), s.descriptor(), s.bytes()))
                .isInstanceOf(SealedPartException.class);
    }

    @Test
    void streamingSealer_descriptorForAnotherSubmission_orUnfinished_refused() throws Exception {
        AttachmentSealing.Sealer sealer = AttachmentSealing.sealer(ID, "recording", "q", new ByteArrayOutputStream());
        sealer.write(audio(10));
        assertThatThrownBy(() -> sealer.descriptor(header(ID), List.of(recipient(RESEARCH))))
                .isInstanceOf(IllegalStateException.class);
        sealer.finish();
        assertThatThrownBy(() -> sealer.write(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.descriptor(header(OTHER_ID), List.of(recipient(RESEARCH))))
                .isInstanceOf(IllegalArgumentException.class);
        sealer.close();
        assertThatThrownBy(() -> sealer.descriptor(header(ID), List.of(recipient(RESEARCH))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Envelope.Attachment withSha(Envelope.Attachment d, byte[] sealed) {
        return new Envelope.Attachment(d.name(), d.questionId(), d.chunks(), d.plaintextBytes(), d.sealedBytes(),
                Digests.sha256Hex(sealed), d.noncePrefix(), d.recipients());
    }

    @Test
    void chunkOpener_opensEachChunkOnItsOwnInAnyOrder_refusesAMovedChunk() throws Exception {
        byte[] plain = audio(3 * C + 17);
        Sealed s = seal(header(ID), plain);
        try (AttachmentSealing.ChunkOpener opener = AttachmentSealing.chunkOpener(header(ID), s.descriptor(),
                RESEARCH.fingerprint(), RESEARCH.privateKey())) {
            for (int i : new int[] {3, 0, 2, 1}) {
                int from = (int) AttachmentSealing.ChunkOpener.sealedOffset(i);
                byte[] chunk = Arrays.copyOfRange(s.bytes(), from, (int) (from + opener.sealedLength(i)));
                assertThat(opener.open(i, chunk)).isEqualTo(Arrays.copyOfRange(plain, i * C,
                        i * C + opener.plainLength(i)));
            }
            assertThat(opener.plainLength(3)).isEqualTo(17);
            byte[] first = Arrays.copyOfRange(s.bytes(), 0, S);
            assertThatThrownBy(() -> opener.open(1, first)).isInstanceOf(SealedPartException.class);
            opener.close();
            assertThatThrownBy(() -> opener.open(0, first)).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> AttachmentSealing.chunkOpener(header(ID), s.descriptor(), IDENTITY.fingerprint(),
                IDENTITY.privateKey())).isInstanceOf(SealedPartException.class);
        assertThatThrownBy(() -> AttachmentSealing.chunkOpener(header(OTHER_ID), s.descriptor(),
                RESEARCH.fingerprint(), RESEARCH.privateKey())).isInstanceOf(SealedPartException.class);
    }

    @Test
    void rewrapKey_opensForTheNewRecipient_boundToTheSameHeaderAndDescriptor() throws Exception {
        byte[] plain = audio(C + 5);
        Sealed s = seal(header(ID), plain);
        List<Envelope.WrappedKey> granted = AttachmentSealing.rewrapKey(header(ID), s.descriptor(),
                RESEARCH.fingerprint(), RESEARCH.privateKey(), List.of(recipient(IDENTITY)));
        Envelope.Attachment d = s.descriptor();
        Envelope.Attachment forIdentity = new Envelope.Attachment(d.name(), d.questionId(), d.chunks(),
                d.plaintextBytes(), d.sealedBytes(), d.sha256(), d.noncePrefix(), granted);
        assertThat(AttachmentSealing.open(header(ID), forIdentity, s.bytes(), IDENTITY.fingerprint(),
                IDENTITY.privateKey())).isEqualTo(plain);
        assertThatThrownBy(() -> AttachmentSealing.open(header(OTHER_ID), forIdentity, s.bytes(),
                IDENTITY.fingerprint(), IDENTITY.privateKey())).isInstanceOf(SealedPartException.class);
        assertThatThrownBy(() -> AttachmentSealing.rewrapKey(header(ID), s.descriptor(), IDENTITY.fingerprint(),
                IDENTITY.privateKey(), List.of(recipient(IDENTITY)))).isInstanceOf(SealedPartException.class);
    }
}
