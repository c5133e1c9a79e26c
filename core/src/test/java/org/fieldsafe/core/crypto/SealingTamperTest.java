package org.fieldsafe.core.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;
import org.fieldsafe.core.wire.SubmissionHeader.RespondentAssertion;
import org.fieldsafe.core.wire.SubmissionHeader.Triage;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.core.crypto.SealingFixtures.IDENTITY;
import static org.fieldsafe.core.crypto.SealingFixtures.RESEARCH;
import static org.fieldsafe.core.crypto.SealingFixtures.SAFEGUARDING;
import static org.fieldsafe.core.crypto.SealingFixtures.plaintexts;
import static org.fieldsafe.core.crypto.SealingFixtures.recipients;
import static org.fieldsafe.core.crypto.SealingFixtures.sealed;

/** Every alteration of an envelope makes the parts fail to open, with a {@link SealedPartException}. */
class SealingTamperTest {
    private static final String ID = "3f0c2b9e-8a4d-4f61-9b57-2d1e0c6a7b18";
    private static final String OTHER_ID = "9d2e4c1a-7b3f-4e85-a6d0-1c2b3a4d5e6f";

    @Test
    void open_untouched_opens() throws CryptoException {
        assertThat(Sealing.open(sealed(ID), "research", RESEARCH.fingerprint(), RESEARCH.privateKey()))
                .isEqualTo(plaintexts().get("research"));
    }

    @Test
    void open_siteEdited_fails() {
        assertAllPartsFail(editHeader(sealed(ID), h -> header(h, h.form(), "KH-PNH", h.respondents(), h.triage())));
    }

    @Test
    void open_formShaEdited_fails() {
        assertAllPartsFail(editHeader(sealed(ID), h -> header(h,
                new FormRef(h.form().id(), h.form().version(), "d".repeat(64)), h.site(), h.respondents(),
                h.triage())));
    }

    @Test
    void open_respondentCodeHashEdited_fails() {
        assertAllPartsFail(editHeader(sealed(ID), h -> {
            RespondentAssertion r = h.respondents().get(0);
            return header(h, h.form(), h.site(),
                    List.of(new RespondentAssertion("e".repeat(64), r.category(), r.consent())), h.triage());
        }));
    }

    @Test
    void open_triageEdited_fails() {
        assertAllPartsFail(editHeader(sealed(ID), h -> header(h, h.form(), h.site(), h.respondents(),
                new Triage("current_risk", "routine", "refer", false))));
        assertAllPartsFail(editHeader(sealed(ID), h -> header(h, h.form(), h.site(), h.respondents(), null)));
    }

    @Test
    void open_partsListEdited_fails() {
        Envelope envelope = sealed(ID);
        for (List<String> parts : List.of(List.of("referral", "research"),
                List.of("identity", "referral", "referral", "research"), List.of("research", "referral", "identity"))) {
            Envelope edited = editHeader(envelope, h -> SealingTest.withParts(h, parts));
            assertRefused(edited, "research", RESEARCH);
            assertRefused(edited, "identity", IDENTITY);
            assertRefused(edited, "referral", SAFEGUARDING);
        }
    }

    @Test
    void open_partDroppedAndHeaderPartsAdjusted_remainingPartsFail() {
        Envelope envelope = sealed(ID);
        Map<String, Envelope.SealedPart> parts = new TreeMap<>(envelope.parts());
        parts.remove("identity");
        Envelope dropped = new Envelope(SealingTest.withParts(envelope.header(), List.of("referral", "research")),
                parts);
        assertOpenFails(dropped, "research", RESEARCH);
        assertOpenFails(dropped, "referral", SAFEGUARDING);
    }

    @Test
    void open_ciphertextByteFlipped_fails() {
        assertOpenFails(editPart(sealed(ID), "research",
                p -> new Envelope.SealedPart(p.nonce(), flip(p.ciphertext(), 3), p.recipients())), "research", RESEARCH);
        assertOpenFails(editPart(sealed(ID), "research",
                p -> new Envelope.SealedPart(p.nonce(), flipLast(p.ciphertext()), p.recipients())), "research",
                RESEARCH);
    }

    @Test
    void open_nonceByteFlipped_fails() {
        assertOpenFails(editPart(sealed(ID), "research",
                p -> new Envelope.SealedPart(flip(p.nonce(), 0), p.ciphertext(), p.recipients())), "research", RESEARCH);
    }

    @Test
    void open_encByteFlipped_fails() {
        assertOpenFails(editPart(sealed(ID), "research", p -> withFirstRecipient(p,
                w -> new Envelope.WrappedKey(w.keyId(), flip(w.enc(), 5), w.wrappedKey()))), "research", RESEARCH);
    }

    @Test
    void open_wrappedKeyByteFlipped_fails() {
        assertOpenFails(editPart(sealed(ID), "research", p -> withFirstRecipient(p,
                w -> new Envelope.WrappedKey(w.keyId(), w.enc(), flip(w.wrappedKey(), 7)))), "research", RESEARCH);
    }

    @Test
    void open_truncatedOrNotBase64_fails() {
        assertOpenFails(editPart(sealed(ID), "research",
                p -> new Envelope.SealedPart(p.nonce(), "AAAA", p.recipients())), "research", RESEARCH);
        assertOpenFails(editPart(sealed(ID), "research",
                p -> new Envelope.SealedPart("not base64!", p.ciphertext(), p.recipients())), "research", RESEARCH);
        assertRefused(editPart(sealed(ID), "research",
                p -> new Envelope.SealedPart(p.nonce(), p.ciphertext(), null)), "research", RESEARCH);
    }

    @Test
    void open_partSwappedFromAnotherEnvelope_fails() {
        Envelope mine = sealed(ID);
        Envelope other = Sealing.seal(SealingFixtures.header(OTHER_ID), plaintexts(), recipients());
        Map<String, Envelope.SealedPart> parts = new TreeMap<>(mine.parts());
        parts.put("research", other.parts().get("research"));
        assertOpenFails(new Envelope(mine.header(), parts), "research", RESEARCH);
    }

    @Test
    void open_partRenamed_fails() {
        Envelope envelope = sealed(ID);
        Map<String, Envelope.SealedPart> swapped = new TreeMap<>(envelope.parts());
        swapped.put("identity", envelope.parts().get("referral"));
        swapped.put("referral", envelope.parts().get("identity"));
        Envelope renamed = new Envelope(envelope.header(), swapped);
        assertOpenFails(renamed, "identity", SAFEGUARDING);
        assertOpenFails(renamed, "referral", IDENTITY);

        Envelope two = Sealing.seal(SealingTest.withParts(SealingFixtures.header(ID), List.of("referral", "research")),
                Map.of("referral", plaintexts().get("referral"), "research", plaintexts().get("research")),
                Map.of("referral", recipients().get("referral"), "research", recipients().get("research")));
        Map<String, Envelope.SealedPart> moved = new TreeMap<>(two.parts());
        moved.put("identity", moved.remove("referral"));
        assertRefused(new Envelope(two.header(), moved), "identity", SAFEGUARDING);
        assertOpenFails(new Envelope(SealingTest.withParts(two.header(), List.of("identity", "research")), moved),
                "identity", SAFEGUARDING);
    }

    @Test
    void open_keyIdRelabelled_fails() {
        assertOpenFails(editPart(sealed(ID), "research", p -> withFirstRecipient(p,
                w -> new Envelope.WrappedKey(IDENTITY.fingerprint(), w.enc(), w.wrappedKey()))), "research", IDENTITY);
    }

    private static void assertAllPartsFail(Envelope envelope) {
        assertOpenFails(envelope, "research", RESEARCH);
        assertOpenFails(envelope, "identity", IDENTITY);
        assertOpenFails(envelope, "referral", SAFEGUARDING);
    }

    /** Fails in the decryption itself (HPKE or AES-GCM authentication), not in a structural check. */
    private static void assertOpenFails(Envelope envelope, String part, KeyPairBytes key) {
        assertThatThrownBy(() -> Sealing.open(envelope, part, key.fingerprint(), key.privateKey()))
                .isInstanceOf(SealedPartException.class)
                .hasMessage("the " + part + " part cannot be opened: the envelope was altered or the key is wrong");
    }

    /** Fails, in a structural check or in the decryption. */
    private static void assertRefused(Envelope envelope, String part, KeyPairBytes key) {
        assertThatThrownBy(() -> Sealing.open(envelope, part, key.fingerprint(), key.privateKey()))
                .isInstanceOf(SealedPartException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception"));
    }

    private static Envelope editHeader(Envelope e, UnaryOperator<SubmissionHeader> edit) {
        return new Envelope(edit.apply(e.header()), e.parts());
    }

    private static Envelope editPart(Envelope e, String name, UnaryOperator<Envelope.SealedPart> edit) {
        Map<String, Envelope.SealedPart> parts = new TreeMap<>(e.parts());
        parts.put(name, edit.apply(parts.get(name)));
        return new Envelope(e.header(), parts);
    }

    private static Envelope.SealedPart withFirstRecipient(Envelope.SealedPart p,
                                                          UnaryOperator<Envelope.WrappedKey> edit) {
        List<Envelope.WrappedKey> recipients = new ArrayList<>(p.recipients());
        recipients.set(0, edit.apply(recipients.get(0)));
        return new Envelope.SealedPart(p.nonce(), p.ciphertext(), recipients);
    }

    private static SubmissionHeader header(SubmissionHeader h, FormRef form, String site,
                                           List<RespondentAssertion> respondents, Triage triage) {
        return new SubmissionHeader(h.v(), h.submissionId(), h.study(), form, h.consentForm(), site, h.deviceId(),
                h.enumerator(), h.finalisedAt(), h.language(), respondents, triage, h.parts());
    }

    private static String flip(String b64, int index) {
        byte[] bytes = Base64.getDecoder().decode(b64);
        bytes[index] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String flipLast(String b64) {
        return flip(b64, Base64.getDecoder().decode(b64).length - 1);
    }
}
