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
        Envelopes.Target target = uploads.target;
        SubmissionHeader.ConsentAssertion consent = new SubmissionHeader.ConsentAssertion(true, false, "verbal",
                false, null, null);
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
            Envelope envelope = Sealing.seal(header, Map.of(Envelope.RESEARCH, JSON.writeValueAsBytes(research)),
                    Map.of(Envelope.RESEARCH, List.of(RecipientKey.of(
                            uploads.keys.pairs().get("research").publicKey()))));
            return JSON.valueToTree(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
