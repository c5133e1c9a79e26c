package org.fieldsafe.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionHeader.ConsentAssertion;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;
import org.fieldsafe.core.wire.SubmissionHeader.RespondentAssertion;
import org.fieldsafe.core.wire.SubmissionHeader.Triage;

/** Study keys, a header and part plaintexts for sealing tests. */
final class SealingFixtures {
    static final KeyPairBytes RESEARCH = StudyKeys.generateX25519();
    static final KeyPairBytes SAFEGUARDING = StudyKeys.generateX25519();
    static final KeyPairBytes IDENTITY = StudyKeys.generateX25519();
    static final KeyPairBytes SECOND_DATA_MANAGER = StudyKeys.generateX25519();

    static final List<String> ALL_PARTS = List.of("identity", "referral", "research");

    private SealingFixtures() {
    }

    static SubmissionHeader header(String submissionId) {
        return new SubmissionHeader(1, submissionId, "beyond-awareness",
                new FormRef("interview", 1, "a".repeat(64)), new FormRef("consent", 1, "b".repeat(64)),
                "KH-SVR", "device-1", "enum-kh1", "2026-03-01T08:00:00Z", "km",
                List.of(new RespondentAssertion("c".repeat(64), "RH",
                        new ConsentAssertion(true, false, "verbal", false, null, null))),
                new Triage("current_risk", "urgent", "refer", false), ALL_PARTS);
    }

    static Map<String, byte[]> plaintexts() {
        return Map.of(
                Envelope.RESEARCH, utf8("{\"answers\":{\"q_meaning\":\"[NAME] said so\"}}"),
                Envelope.IDENTITY, utf8("{\"respondents\":[{\"code\":\"KH-SVR-RH-007\"}]}"),
                Envelope.REFERRAL, utf8("{\"code\":\"KH-SVR-RH-007\",\"urgency\":\"urgent\"}"));
    }

    static Map<String, List<RecipientKey>> recipients() {
        return Map.of(
                Envelope.RESEARCH, List.of(recipient(RESEARCH), recipient(SECOND_DATA_MANAGER)),
                Envelope.IDENTITY, List.of(recipient(IDENTITY)),
                Envelope.REFERRAL, List.of(recipient(SAFEGUARDING)));
    }

    static Envelope sealed(String submissionId) {
        return Sealing.seal(header(submissionId), plaintexts(), recipients());
    }

    static RecipientKey recipient(KeyPairBytes pair) {
        return RecipientKey.of(pair.publicKey());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
