package org.fieldsafe.client.interview;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.InterviewLanguages;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.TranslationState;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;

/** The reference study from {@code forms/beyond-awareness}, and answers that pass its consent and interview. */
final class ReferenceForms {
    static final Path STUDY_DIR = Path.of("..", "forms", "beyond-awareness");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static StudyBundle bundle;

    private ReferenceForms() {
    }

    static synchronized StudyBundle bundle() {
        if (bundle == null) {
            try {
                bundle = StudyLoader.load(STUDY_DIR);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return bundle;
    }

    static FormDefinition consent() {
        return bundle().form("consent").orElseThrow();
    }

    static FormDefinition interview() {
        return bundle().form("interview").orElseThrow();
    }

    static InterviewSession session(String lang, int respondents, StopPolicy policy) throws InterviewException {
        return InterviewSession.start(bundle().study(), consent(), interview(), lang, "KH-SVR", respondents,
                new InterviewSession.Options(CLOCK, policy));
    }

    /**
     * A session in Lahu, which has no translation: the reference study refuses it, so this uses the study with
     * missing translations allowed (texts come in English, each with a warning).
     */
    static InterviewSession lahuSession() throws InterviewException {
        Study study = bundle().study().withInterviewLanguages(new InterviewLanguages(List.of(
                TranslationState.COMPLETE, TranslationState.REVIEWED, TranslationState.DRAFT, TranslationState.MISSING)));
        return InterviewSession.start(study, consent(), interview(), "lhu", "KH-SVR", 1,
                new InterviewSession.Options(CLOCK, StopPolicy.DISCARD_ALL));
    }

    static Map<String, Object> adultConsent(String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("participation", "yes");
        m.put("recording_consent", "no");
        m.put("consent_mode", "verbal");
        m.put("age", 34);
        m.put("respondent_code", code);
        m.put("interviewer", "enum-kh1");
        m.put("consent_date", "2026-11-22");
        m.put("research_partner", "Partner KH");
        return m;
    }

    static Map<String, Object> answers(String category) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", category);
        m.put("name", "Sokha Chan");
        m.put("age", 34);
        m.put("gender", "female");
        m.put("address", "Phum Thmey, Svay Rieng");
        m.put("interview_date", "2026-11-22");
        m.put("q_meaning", "People are taken across the border. Sokha told me to call 012 345 678.");
        m.put("q_causes", "Poverty and debt.");
        m.put("disclosure_check", "no");
        m.put("indicators", List.of("none"));
        return m;
    }

    /**
     * Answers the waiting questions of respondent r from the maps (null or absent: skipped, notes acknowledged);
     * stops at a required question the maps do not hold. Returns the ids shown.
     */
    static List<String> fill(InterviewSession s, int r, Map<String, Object> consent, Map<String, Object> answers)
            throws InterviewException {
        List<String> shown = new java.util.ArrayList<>();
        while (s.current(r).isPresent()) {
            Prompt p = s.current(r).get();
            Map<String, Object> source = p.formId().equals("consent") ? consent : answers;
            if (p.question().required() && !source.containsKey(p.questionId())) {
                break;
            }
            shown.add(p.questionId());
            s.answer(r, source.get(p.questionId()));
        }
        return shown;
    }
}
