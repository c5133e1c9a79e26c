package org.fieldsafe.server.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.Sealing;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.json.ServerJson;

/**
 * Envelopes of the fixture study with a really sealed research part (to the fixture's research key), shaped as the
 * client builds it ({@code form, language, respondents: [{code, category, consent, answers}]}), for tests that
 * export what was uploaded.
 */
public final class SealedInterviews {
    private static final ObjectMapper JSON = ServerJson.api();

    private SealedInterviews() {
    }

    /** One respondent's interview at the fixture device's site: an age and a free-text answer. */
    public static ObjectNode interview(UploadFixture uploads, String code, String category, int age, String answer) {
        return interview(uploads, code, category, age, answer, null).envelope();
    }

    /** An interview's envelope and, when it has one, its recording sealed as the device uploads it. */
    public record WithRecording(String id, ObjectNode envelope, byte[] sealedRecording) {
    }

    /**
     * As above, with {@code recording} (null: none) sealed to the research key as the attachment {@code recording}
     * (the respondent consented to the recording).
     */
    public static WithRecording interview(UploadFixture uploads, String code, String category, int age,
                                          String answer, byte[] recording) {
        Envelopes.Target target = uploads.target;
        SubmissionHeader.ConsentAssertion consent = new SubmissionHeader.ConsentAssertion(true, recording != null,
                "verbal", false, null, null);
        SubmissionHeader header = new SubmissionHeader(1, UUID.randomUUID().toString(), target.study(), target.form(),
                target.consentForm(), target.site(), target.deviceId(), target.enumerator(), "2026-03-01T07:30:00Z",
                "en", List.of(new SubmissionHeader.RespondentAssertion(uploads.codeHash(code), category, consent)),
                null, List.of(Envelope.RESEARCH));
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("age", age);
        answers.put("q_meaning", answer);
        Map<String, Object> respondent = new LinkedHashMap<>();
        respondent.put("code", code);
        respondent.put("category", category);
        respondent.put("consent", Map.of());
        respondent.put("answers", answers);
        Map<String, Object> research = new LinkedHashMap<>();
        research.put("form", "interview");
        research.put("language", "en");
        research.put("respondents", List.of(respondent));
        try {
            RecipientKey researchKey = RecipientKey.of(uploads.keys.pairs().get("research").publicKey());
            Envelope envelope = Sealing.seal(header, Map.of(Envelope.RESEARCH, JSON.writeValueAsBytes(research)),
                    Map.of(Envelope.RESEARCH, List.of(researchKey)));
            byte[] sealed = null;
            if (recording != null) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                Envelope.Attachment descriptor = org.fieldsafe.core.crypto.AttachmentSealing.seal(header, "recording",
                        "q_recording", recording, out, List.of(researchKey));
                envelope = new Envelope(header, envelope.parts(), List.of(descriptor));
                sealed = out.toByteArray();
            }
            return new WithRecording(header.submissionId(), JSON.valueToTree(envelope), sealed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
