package org.fieldsafe.core.crypto;

import java.util.Base64;
import java.util.List;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.core.crypto.SealingFixtures.IDENTITY;
import static org.fieldsafe.core.crypto.SealingFixtures.RESEARCH;
import static org.fieldsafe.core.crypto.SealingFixtures.header;
import static org.fieldsafe.core.crypto.SealingFixtures.recipient;

/** A transcript or translation opens only where it was sealed: same header, kind, language and version. */
class TranscriptSealingTest {
    private static final String ID = "3f0c2b9e-8a4d-4f61-9b57-2d1e0c6a7b18";
    private static final String OTHER_ID = "9d2e4c1a-7b3f-4e85-a6d0-1c2b3a4d5e6f";
    /** Khmer: "she went to work in Thailand" (test text written for this test). */
    private static final String KHMER = "នាងបានទៅធ្វើការនៅប្រទេសថៃ [00:01:05]";
    private static final KeyPairBytes TRANSCRIPTION = StudyKeys.generateX25519();

    private static Envelope.SealedPart sealed() {
        return TranscriptSealing.seal(header(ID), "transcript", "km", 2, KHMER,
                List.of(recipient(RESEARCH), recipient(TRANSCRIPTION)));
    }

    @Test
    void open_afterSeal_givesTheTextToEachRecipient() throws CryptoException {
        Envelope.SealedPart part = sealed();
        assertThat(TranscriptSealing.open(header(ID), "transcript", "km", 2, part, RESEARCH.fingerprint(),
                RESEARCH.privateKey())).isEqualTo(KHMER);
        assertThat(TranscriptSealing.open(header(ID), "transcript", "km", 2, part, TRANSCRIPTION.fingerprint(),
                TRANSCRIPTION.privateKey())).isEqualTo(KHMER);
        assertThat(part.recipients()).extracting(Envelope.WrappedKey::keyId)
                .containsExactly(RESEARCH.fingerprint(), TRANSCRIPTION.fingerprint());
        assertThat(part.ciphertext()).doesNotContain(KHMER);
    }

    @Test
    void open_otherSubmissionHeader_fails() {
        assertFails(header(OTHER_ID), "transcript", "km", 2, sealed());
    }

    @Test
    void open_headerFieldEdited_fails() {
        SubmissionHeader h = header(ID);
        SubmissionHeader edited = new SubmissionHeader(h.v(), h.submissionId(), h.study(), h.form(), h.consentForm(),
                "KH-PNH", h.deviceId(), h.enumerator(), h.finalisedAt(), h.language(), h.respondents(), h.triage(),
                h.parts());
        assertFails(edited, "transcript", "km", 2, sealed());
    }

    @Test
    void open_otherKind_fails() {
        assertFails(header(ID), "translation", "km", 2, sealed());
    }

    @Test
    void open_otherLanguage_fails() {
        assertFails(header(ID), "transcript", "en", 2, sealed());
    }

    @Test
    void open_otherVersion_fails() {
        assertFails(header(ID), "transcript", "km", 1, sealed());
        assertFails(header(ID), "transcript", "km", 3, sealed());
    }

    @Test
    void open_anyCiphertextByteFlipped_fails() {
        Envelope.SealedPart part = sealed();
        byte[] ct = Base64.getDecoder().decode(part.ciphertext());
        for (int i = 0; i < ct.length; i++) {
            byte[] flipped = ct.clone();
            flipped[i] ^= 0x01;
            assertFails(header(ID), "transcript", "km", 2, new Envelope.SealedPart(part.nonce(),
                    Base64.getEncoder().encodeToString(flipped), part.recipients()));
        }
    }

    @Test
    void open_nonceOrWrappedKeyEdited_fails() {
        Envelope.SealedPart part = sealed();
        byte[] nonce = Base64.getDecoder().decode(part.nonce());
        nonce[0] ^= 0x01;
        assertFails(header(ID), "transcript", "km", 2, new Envelope.SealedPart(
                Base64.getEncoder().encodeToString(nonce), part.ciphertext(), part.recipients()));
        Envelope.WrappedKey w = part.recipients().get(0);
        byte[] wrapped = Base64.getDecoder().decode(w.wrappedKey());
        wrapped[3] ^= 0x01;
        assertFails(header(ID), "transcript", "km", 2, new Envelope.SealedPart(part.nonce(), part.ciphertext(),
                List.of(new Envelope.WrappedKey(w.keyId(), w.enc(), Base64.getEncoder().encodeToString(wrapped)))));
    }

    @Test
    void open_keyNotARecipient_fails() {
        assertThatThrownBy(() -> TranscriptSealing.open(header(ID), "transcript", "km", 2, sealed(),
                IDENTITY.fingerprint(), IDENTITY.privateKey())).isInstanceOf(SealedPartException.class);
        assertThatThrownBy(() -> TranscriptSealing.open(header(ID), "transcript", "km", 2, sealed(),
                RESEARCH.fingerprint(), IDENTITY.privateKey())).isInstanceOf(SealedPartException.class);
    }

    @Test
    void seal_invalidKindLanguageOrVersion_refused() {
        List<RecipientKey> to = List.of(recipient(RESEARCH));
        assertThatThrownBy(() -> TranscriptSealing.seal(header(ID), "summary", "km", 1, "x", to))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TranscriptSealing.seal(header(ID), "transcript", "KM/../x", 1, "x", to))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TranscriptSealing.seal(header(ID), "transcript", "km", 0, "x", to))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TranscriptSealing.seal(header(ID), "transcript", "km", 1, "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertFails(SubmissionHeader h, String kind, String language, int version,
                                    Envelope.SealedPart part) {
        assertThatThrownBy(() -> TranscriptSealing.open(h, kind, language, version, part, RESEARCH.fingerprint(),
                RESEARCH.privateKey())).isInstanceOf(SealedPartException.class);
    }
}
