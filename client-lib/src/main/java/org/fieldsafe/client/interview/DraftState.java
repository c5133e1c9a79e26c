package org.fieldsafe.client.interview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.interview.RespondentProgress.Stage;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Study;

/**
 * A paused interview, serialisable as JSON ({@link #toJson()}, {@link #fromJson(byte[])}). It holds answers:
 * keep it only encrypted. Forms are named by id and SHA-256 so a draft never resumes on another version.
 */
public record DraftState(int v, String study, String consentForm, String consentSha256, String interviewForm,
                         String interviewSha256, String language, String site, boolean stopped,
                         List<RespondentDraft> respondents, List<Disclosure> disclosuresByHand,
                         List<String> fallbackTexts) {

    /**
     * One respondent's progress; answers as JSON values (dates as text); the probes ticked per question (null in a
     * draft written before ticks were kept).
     */
    public record RespondentDraft(String stage, String refusal, Map<String, Object> consent,
                                  Map<String, Object> answers, List<String> consentShown,
                                  List<String> interviewShown, String referralChoice, Map<String, Boolean> routes,
                                  String contactHow, String contactWhen, Map<String, List<String>> probesTicked) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("draft not serialisable", e);
        }
    }

    public static DraftState fromJson(byte[] json) throws IOException {
        return MAPPER.readValue(json, DraftState.class);
    }

    static DraftState of(InterviewSession s) {
        List<RespondentDraft> rs = new ArrayList<>();
        for (RespondentProgress p : s.progress()) {
            Referral ref = p.referral;
            rs.add(new RespondentDraft(p.stage.name(), p.refusal, wire(p.consent), wire(p.answers),
                    List.copyOf(p.consentVisited), List.copyOf(p.interviewVisited),
                    ref == null ? null : ref.choice().wire(), ref == null ? null : ref.routes(),
                    ref == null ? null : ref.contactHow(), ref == null ? null : ref.contactWhen(), ticks(p)));
        }
        return new DraftState(1, s.study().id(), s.consentForm().id(), s.consentSha256(),
                s.interviewForm().id(), s.interviewSha256(), s.language(), s.site(), s.stopped(),
                rs, List.copyOf(s.raisedByHand()), List.copyOf(s.fallbackTexts()));
    }

    static InterviewSession restore(DraftState d, Study study, FormDefinition consentForm,
                                    FormDefinition interviewForm, InterviewSession.Options options)
            throws InterviewException {
        if (d.v() != 1 || !d.study().equals(study.id()) || !d.consentSha256().equals(consentForm.sha256())
                || !d.interviewSha256().equals(interviewForm.sha256())) {
            throw new InterviewException(-1, null, "this draft was made with other form versions; it cannot resume");
        }
        InterviewSession s = new InterviewSession(study, consentForm, interviewForm, d.language(), d.site(),
                d.respondents().size(), options);
        for (int r = 0; r < d.respondents().size(); r++) {
            RespondentDraft rd = d.respondents().get(r);
            RespondentProgress p = s.progress(r);
            p.stage = Stage.valueOf(rd.stage());
            p.refusal = rd.refusal();
            parse(r, consentForm, rd.consent(), p.consent);
            parse(r, interviewForm, rd.answers(), p.answers);
            p.consentVisited.addAll(rd.consentShown());
            p.interviewVisited.addAll(rd.interviewShown());
            if (rd.probesTicked() != null) {
                rd.probesTicked().forEach((q, ids) -> p.probesTicked.put(q, new LinkedHashSet<>(ids)));
            }
            if (rd.referralChoice() != null) {
                p.referral = new Referral(ReferralChoice.of(rd.referralChoice()), rd.routes(), rd.contactHow(),
                        rd.contactWhen());
            }
        }
        s.restore(d.stopped(), d.disclosuresByHand(), new LinkedHashSet<>(d.fallbackTexts()));
        return s;
    }

    private static Map<String, List<String>> ticks(RespondentProgress p) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        p.probesTicked.forEach((q, ids) -> out.put(q, List.copyOf(ids)));
        return out;
    }

    private static Map<String, Object> wire(Map<String, Object> answers) {
        Map<String, Object> out = new LinkedHashMap<>();
        answers.forEach((k, v) -> out.put(k, AnswerValues.wire(v)));
        return out;
    }

    private static void parse(int r, FormDefinition form, Map<String, Object> in, Map<String, Object> out)
            throws InterviewException {
        for (Map.Entry<String, Object> e : in.entrySet()) {
            Question q = form.question(e.getKey())
                    .orElseThrow(() -> new InterviewException(r, e.getKey(), "unknown question in the draft"));
            out.put(e.getKey(), AnswerValues.parse(r, q, e.getValue()));
        }
    }
}
