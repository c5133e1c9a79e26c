package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.client.interview.ReferenceForms.adultConsent;
import static org.fieldsafe.client.interview.ReferenceForms.answers;
import static org.fieldsafe.client.interview.ReferenceForms.fill;
import static org.fieldsafe.client.interview.ReferenceForms.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;
import org.junit.jupiter.api.Test;

class InterviewResultTest {
    static final byte[] KEY = new byte[32];
    static final InterviewResult.Context CONTEXT = new InterviewResult.Context("dev-7f3a", "enum-kh1",
            new FormRef("consent", 1, ReferenceForms.consent().sha256()),
            new FormRef("interview", 1, ReferenceForms.interview().sha256()), new HmacCodeHasher(KEY),
            ReferenceForms.CLOCK);
    private final ObjectMapper mapper = JsonMappers.plain();

    private InterviewSession finished(Map<String, Object> answers) throws InterviewException {
        InterviewSession s = session("km", 1, StopPolicy.KEEP_ANSWERED);
        fill(s, 0, adultConsent("KH-SVR-RH-007"), answers);
        assertThat(s.finished()).isTrue();
        return s;
    }

    @Test
    void build_finishedInterview_researchPartHasNoDirectIdentifier() throws Exception {
        InterviewResult result = InterviewResult.build(finished(answers("RH")), CONTEXT);
        String research = new String(result.parts().get("research"), StandardCharsets.UTF_8);
        assertThat(research).doesNotContain("Sokha", "Chan", "Thmey", "Svay Rieng", "012 345 678", "\"name\"",
                "\"address\"");
        JsonNode r = mapper.readTree(research).get("respondents").get(0);
        assertThat(r.get("code").asText()).isEqualTo("KH-SVR-RH-007");
        assertThat(r.get("answers").get("q_meaning").asText())
                .isEqualTo("People are taken across the border. [NAME] told me to call [PHONE].");
        assertThat(r.get("answers").get("age").asInt()).isEqualTo(34);
        assertThat(r.get("consent").get("consent_date").asText()).isEqualTo("2026-11-22");
        JsonNode part = mapper.readTree(research);
        assertThat(part.get("redactions").get(0).get("question").asText()).isEqualTo("q_meaning");
        assertThat(part.get("redactions").get(0).get("kinds")).hasSize(2);
        assertThat(part.get("stoppedEarly").asBoolean()).isFalse();
        assertThat(result.redactions()).extracting(RedactionReport::question).containsExactly("q_meaning");
    }

    @Test
    void build_withNameAndAddress_identityPartHoldsThem() throws Exception {
        InterviewResult result = InterviewResult.build(finished(answers("RH")), CONTEXT);
        JsonNode identity = mapper.readTree(result.parts().get("identity"));
        assertThat(identity.get("respondents").get(0).get("answers").get("name").asText()).isEqualTo("Sokha Chan");
        assertThat(result.header().parts()).containsExactly("identity", "research");
    }

    @Test
    void build_noIdentifiersAnswered_hasNoIdentityPart() throws Exception {
        Map<String, Object> a = answers("RH");
        a.put("name", null);
        a.put("address", null);
        InterviewResult result = InterviewResult.build(finished(a), CONTEXT);
        assertThat(result.parts()).containsOnlyKeys("research");
        assertThat(result.header().parts()).containsExactly("research");
    }

    @Test
    void build_header_carriesHashedCodeConsentAndForms() throws Exception {
        SubmissionHeader h = InterviewResult.build(finished(answers("RH")), CONTEXT).header();
        assertThat(h.v()).isEqualTo(1);
        assertThat(h.study()).isEqualTo("beyond-awareness");
        assertThat(h.site()).isEqualTo("KH-SVR");
        assertThat(h.language()).isEqualTo("km");
        assertThat(h.finalisedAt()).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(h.form()).isEqualTo(CONTEXT.interviewForm());
        assertThat(h.respondents()).hasSize(1);
        assertThat(h.respondents().get(0).codeHash()).isEqualTo(new HmacCodeHasher(KEY).hash("KH-SVR-RH-007"))
                .hasSize(64).doesNotContain("KH-SVR");
        assertThat(h.respondents().get(0).category()).isEqualTo("RH");
        assertThat(h.respondents().get(0).consent())
                .isEqualTo(new SubmissionHeader.ConsentAssertion(true, false, "verbal", false, null, null));
        assertThat(h.triage()).isNull();
    }

    @Test
    void build_disclosure_addsTriageAndReferralPart() throws Exception {
        Map<String, Object> a = answers("RH");
        a.put("indicators", List.of("debt_bondage"));
        InterviewSession s = finished(a);
        assertThatThrownBy(() -> InterviewResult.build(s, CONTEXT)).hasMessageContaining("referral choice");
        s.referral(0, new Referral(ReferralChoice.REFER, Map.of("kh-child-helpline", true), "phone", "morning"));
        InterviewResult result = InterviewResult.build(s, CONTEXT);
        assertThat(result.header().triage())
                .isEqualTo(new SubmissionHeader.Triage("rights_violation", "urgent", "refer", false));
        assertThat(result.header().parts()).containsExactly("identity", "referral", "research");
        JsonNode referral = mapper.readTree(result.parts().get("referral"));
        assertThat(referral.get("code").asText()).isEqualTo("KH-SVR-RH-007");
        assertThat(referral.get("routes").get("kh-child-helpline").asBoolean()).isTrue();
    }

    @Test
    void build_stoppedAndKept_marksStoppedEarly() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.KEEP_ANSWERED);
        Map<String, Object> a = answers("RH");
        a.remove("disclosure_check");
        fill(s, 0, adultConsent("KH-SVR-RH-007"), a);
        s.stop();
        JsonNode research = mapper.readTree(InterviewResult.build(s, CONTEXT).parts().get("research"));
        assertThat(research.get("stoppedEarly").asBoolean()).isTrue();
    }

    @Test
    void build_notFinishedOrDiscarded_isRefused() throws Exception {
        InterviewSession open = session("en", 1, StopPolicy.DISCARD_ALL);
        assertThatThrownBy(() -> InterviewResult.build(open, CONTEXT)).hasMessageContaining("not finished");
        open.stop();
        assertThatThrownBy(() -> InterviewResult.build(open, CONTEXT)).hasMessageContaining("discarded");
    }

    @Test
    void build_lahu_reportsFallbackTexts() throws Exception {
        InterviewSession s = ReferenceForms.lahuSession();
        fill(s, 0, adultConsent("KH-SVR-RH-007"), answers("RH"));
        JsonNode research = mapper.readTree(InterviewResult.build(s, CONTEXT).parts().get("research"));
        assertThat(research.get("fallbackTexts").toString()).contains("participation", "q_meaning");
    }
}
