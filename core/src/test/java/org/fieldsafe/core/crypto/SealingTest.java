package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.core.crypto.SealingFixtures.IDENTITY;
import static org.fieldsafe.core.crypto.SealingFixtures.RESEARCH;
import static org.fieldsafe.core.crypto.SealingFixtures.SAFEGUARDING;
import static org.fieldsafe.core.crypto.SealingFixtures.SECOND_DATA_MANAGER;
import static org.fieldsafe.core.crypto.SealingFixtures.header;
import static org.fieldsafe.core.crypto.SealingFixtures.plaintexts;
import static org.fieldsafe.core.crypto.SealingFixtures.recipients;
import static org.fieldsafe.core.crypto.SealingFixtures.sealed;

class SealingTest {
    private static final String ID = "3f0c2b9e-8a4d-4f61-9b57-2d1e0c6a7b18";

    @Test
    void headerBytes_sortedKeysNoWhitespaceNullsWritten() {
        SubmissionHeader h = new SubmissionHeader(1, ID, "beyond-awareness",
                new SubmissionHeader.FormRef("interview", 1, "aa"), new SubmissionHeader.FormRef("consent", 2, "bb"),
                "KH-SVR", "dev", "enum-kh1", "2026-03-01T08:00:00Z", "km",
                List.of(new SubmissionHeader.RespondentAssertion("cc", "RH",
                        new SubmissionHeader.ConsentAssertion(true, false, "verbal", false, null, null))),
                null, List.of("identity", "research"));
        String expected = "{\"consentForm\":{\"id\":\"consent\",\"sha256\":\"bb\",\"version\":2},"
                + "\"deviceId\":\"dev\",\"enumerator\":\"enum-kh1\",\"finalisedAt\":\"2026-03-01T08:00:00Z\","
                + "\"form\":{\"id\":\"interview\",\"sha256\":\"aa\",\"version\":1},\"language\":\"km\","
                + "\"parts\":[\"identity\",\"research\"],"
                + "\"respondents\":[{\"category\":\"RH\",\"codeHash\":\"cc\",\"consent\":{\"childAssent\":null,"
                + "\"guardianConsent\":null,\"minor\":false,\"mode\":\"verbal\",\"participation\":true,"
                + "\"recording\":false}}],"
                + "\"site\":\"KH-SVR\",\"study\":\"beyond-awareness\",\"submissionId\":\"" + ID + "\","
                + "\"triage\":null,\"v\":1}";
        assertThat(new String(Sealing.headerBytes(h), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void headerBytes_nonAscii_utf8() {
        SubmissionHeader h = header(ID);
        SubmissionHeader km = new SubmissionHeader(h.v(), h.submissionId(), h.study(), h.form(), h.consentForm(),
                "ភ្នំពេញ", h.deviceId(), h.enumerator(), h.finalisedAt(), h.language(), h.respondents(), h.triage(),
                h.parts());
        assertThat(new String(Sealing.headerBytes(km), StandardCharsets.UTF_8)).contains("\"site\":\"ភ្នំពេញ\"");
    }

    @Test
    void seal_threeParts_eachRecipientOpensOnlyItsPart() throws CryptoException {
        Envelope envelope = sealed(ID);
        assertThat(envelope.parts().keySet()).containsExactly("identity", "referral", "research");
        Map<String, byte[]> expected = plaintexts();
        assertThat(Sealing.open(envelope, "research", RESEARCH.fingerprint(), RESEARCH.privateKey()))
                .isEqualTo(expected.get("research"));
        assertThat(Sealing.open(envelope, "research", SECOND_DATA_MANAGER.fingerprint(),
                SECOND_DATA_MANAGER.privateKey())).isEqualTo(expected.get("research"));
        assertThat(Sealing.open(envelope, "identity", IDENTITY.fingerprint(), IDENTITY.privateKey()))
                .isEqualTo(expected.get("identity"));
        assertThat(Sealing.open(envelope, "referral", SAFEGUARDING.fingerprint(), SAFEGUARDING.privateKey()))
                .isEqualTo(expected.get("referral"));
    }

    @Test
    void seal_wireShape_base64FieldsAndFreshKeys() {
        Envelope envelope = sealed(ID);
        Envelope.SealedPart research = envelope.parts().get("research");
        Base64.Decoder b64 = Base64.getDecoder();
        assertThat(b64.decode(research.nonce())).hasSize(12);
        assertThat(b64.decode(research.ciphertext())).hasSize(plaintexts().get("research").length + 16);
        assertThat(research.recipients()).extracting(Envelope.WrappedKey::keyId)
                .containsExactly(RESEARCH.fingerprint(), SECOND_DATA_MANAGER.fingerprint());
        for (Envelope.WrappedKey w : research.recipients()) {
            assertThat(b64.decode(w.enc())).hasSize(32);
            assertThat(b64.decode(w.wrappedKey())).hasSize(32 + 16);
        }
        Envelope again = sealed(ID);
        assertThat(again.parts().get("research").ciphertext()).isNotEqualTo(research.ciphertext());
        assertThat(again.parts().get("research").recipients().get(0).enc())
                .isNotEqualTo(research.recipients().get(0).enc());
    }

    @Test
    void seal_wireFormat_opensByTheSpecWithPlainHpkeAndAesGcm() throws Exception {
        Envelope envelope = sealed(ID);
        Envelope.SealedPart part = envelope.parts().get("referral");
        Envelope.WrappedKey wrapped = part.recipients().get(0);
        Base64.Decoder b64 = Base64.getDecoder();
        org.bouncycastle.crypto.hpke.HPKE hpke = new org.bouncycastle.crypto.hpke.HPKE(
                org.bouncycastle.crypto.hpke.HPKE.mode_base, (short) 0x0020, (short) 0x0001, (short) 0x0002);
        byte[] aad = Sealing.headerBytes(envelope.header());
        byte[] contentKey = hpke.open(b64.decode(wrapped.enc()),
                hpke.deserializePrivateKey(SAFEGUARDING.privateKey(), SAFEGUARDING.publicKey()),
                "fieldsafe/v1/part/referral".getBytes(StandardCharsets.UTF_8), aad, b64.decode(wrapped.wrappedKey()),
                null, null, null);
        assertThat(contentKey).hasSize(32);
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(contentKey, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, b64.decode(part.nonce())));
        gcm.updateAAD(aad);
        assertThat(gcm.doFinal(b64.decode(part.ciphertext()))).isEqualTo(plaintexts().get("referral"));
    }

    @Test
    void open_afterJsonRoundTrip_opens() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = org.fieldsafe.core.json.JsonMappers.plain();
        String wire = json.writeValueAsString(sealed(ID));
        Envelope back = json.readValue(wire, Envelope.class);
        assertThat(Sealing.open(back, "research", RESEARCH.fingerprint(), RESEARCH.privateKey()))
                .isEqualTo(plaintexts().get("research"));
    }

    @Test
    void open_keyNotARecipient_fails() {
        Envelope envelope = sealed(ID);
        assertThatThrownBy(() -> Sealing.open(envelope, "research", SAFEGUARDING.fingerprint(),
                SAFEGUARDING.privateKey())).isInstanceOf(SealedPartException.class).hasMessageContaining("recipient");
        KeyPairBytes stranger = StudyKeys.generateX25519();
        assertThatThrownBy(() -> Sealing.open(envelope, "identity", stranger.fingerprint(), stranger.privateKey()))
                .isInstanceOf(SealedPartException.class);
    }

    @Test
    void open_privateKeyOfAnotherKeyId_fails() {
        Envelope envelope = sealed(ID);
        assertThatThrownBy(() -> Sealing.open(envelope, "research", RESEARCH.fingerprint(), IDENTITY.privateKey()))
                .isInstanceOf(SealedPartException.class);
    }

    @Test
    void open_noSuchPart_fails() {
        Envelope envelope = Sealing.seal(withParts(header(ID), List.of("research")),
                Map.of("research", plaintexts().get("research")), Map.of("research", recipients().get("research")));
        assertThatThrownBy(() -> Sealing.open(envelope, "identity", IDENTITY.fingerprint(), IDENTITY.privateKey()))
                .isInstanceOf(SealedPartException.class).hasMessageContaining("no identity part");
        assertThatThrownBy(() -> Sealing.open(envelope, "audio", RESEARCH.fingerprint(), RESEARCH.privateKey()))
                .isInstanceOf(SealedPartException.class);
    }

    @Test
    void seal_headerPartsNotMatching_illegalArgument() {
        assertThatThrownBy(() -> Sealing.seal(withParts(header(ID), List.of("research", "identity")),
                plaintexts(), recipients())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sealing.seal(withParts(header(ID), List.of("identity", "research")),
                plaintexts(), recipients())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seal_unknownPartOrMissingRecipients_illegalArgument() {
        assertThatThrownBy(() -> Sealing.seal(withParts(header(ID), List.of("audio")),
                Map.of("audio", new byte[1]), Map.of("audio", recipients().get("research"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio");
        assertThatThrownBy(() -> Sealing.seal(withParts(header(ID), List.of("research")),
                Map.of("research", new byte[1]), Map.of("research", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sealing.seal(withParts(header(ID), List.of("research")),
                Map.of("research", new byte[1]), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seal_recipientWithWrongFingerprint_illegalArgument() {
        RecipientKey mislabelled = new RecipientKey(IDENTITY.fingerprint(), RESEARCH.publicKey());
        assertThatThrownBy(() -> Sealing.seal(withParts(header(ID), List.of("research")),
                Map.of("research", new byte[1]), Map.of("research", List.of(mislabelled))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static SubmissionHeader withParts(SubmissionHeader h, List<String> parts) {
        return new SubmissionHeader(h.v(), h.submissionId(), h.study(), h.form(), h.consentForm(), h.site(),
                h.deviceId(), h.enumerator(), h.finalisedAt(), h.language(), h.respondents(), h.triage(), parts);
    }

    @Test
    void opener_opensWhatOpenOpensAndRejectsWrongKeyOrAlteredPart() throws CryptoException {
        Envelope envelope = sealed(ID);
        Sealing.Opener opener = Sealing.opener(RESEARCH.fingerprint(), RESEARCH.privateKey());
        assertThat(opener.open(envelope, "research")).isEqualTo(plaintexts().get("research"));
        assertThat(opener.open(sealed(ID), "research")).isEqualTo(plaintexts().get("research"));
        assertThatThrownBy(() -> opener.open(envelope, "identity")).isInstanceOf(SealedPartException.class);
        assertThatThrownBy(() -> Sealing.opener(RESEARCH.fingerprint(), IDENTITY.privateKey()))
                .isInstanceOf(SealedPartException.class).hasMessageContaining("not the key");
        Envelope.SealedPart part = envelope.parts().get("research");
        byte[] ct = Base64.getDecoder().decode(part.ciphertext());
        ct[0] ^= 1;
        Map<String, Envelope.SealedPart> parts = new java.util.TreeMap<>(envelope.parts());
        parts.put("research", new Envelope.SealedPart(part.nonce(), Base64.getEncoder().encodeToString(ct),
                part.recipients()));
        assertThatThrownBy(() -> opener.open(new Envelope(envelope.header(), parts), "research"))
                .isInstanceOf(SealedPartException.class).hasMessageContaining("cannot be opened");
        assertThat(opener.toString()).doesNotContain(java.util.HexFormat.of().formatHex(RESEARCH.privateKey()));
    }
}
