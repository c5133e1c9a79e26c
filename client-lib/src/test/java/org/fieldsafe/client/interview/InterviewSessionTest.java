package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.client.interview.ReferenceForms.adultConsent;
import static org.fieldsafe.client.interview.ReferenceForms.answers;
import static org.fieldsafe.client.interview.ReferenceForms.fill;
import static org.fieldsafe.client.interview.ReferenceForms.session;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.Urgency;
import org.junit.jupiter.api.Test;

class InterviewSessionTest {

    private static void answerUntil(InterviewSession s, int r, String questionId, Map<String, Object> consent)
            throws InterviewException {
        while (!s.current(r).orElseThrow().questionId().equals(questionId)) {
            s.answer(r, consent.get(s.current(r).get().questionId()));
        }
    }

    @Test
    void current_newSession_startsWithTheConsentFormNotes() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Prompt p = s.current(0).orElseThrow();
        assertThat(p.formId()).isEqualTo("consent");
        assertThat(p.questionId()).isEqualTo("info_study");
        assertThat(p.hint()).isNotBlank();
        assertThat(s.consented(0)).isFalse();
    }

    @Test
    void answer_completeAdultConsent_opensTheInterviewForm() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        fill(s, 0, adultConsent("KH-SVR-RH-007"), Map.of());
        assertThat(s.consented(0)).isTrue();
        assertThat(s.current(0).orElseThrow().questionId()).isEqualTo("category");
    }

    @Test
    void answer_participationNo_skipsTheRestAndRefuses() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> consent = adultConsent("KH-SVR-RH-007");
        consent.put("participation", "no");
        consent.remove("respondent_code");
        fill(s, 0, consent, answers("RH"));
        assertThat(s.consented(0)).isFalse();
        assertThat(s.refusal(0)).get().asString().contains("participation");
        assertThat(s.current(0)).isEmpty();
        assertThatThrownBy(() -> s.answer(0, "RH")).isInstanceOf(InterviewException.class)
                .hasMessageContaining("cannot be interviewed");
    }

    @Test
    void answer_minorWithoutAssent_refusesTheInterview() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> consent = adultConsent("KH-SVR-RH-008");
        consent.put("age", 15);
        consent.put("guardian_consent", "yes");
        consent.put("guardian_consent_mode", "signature");
        consent.put("child_assent", "no");
        fill(s, 0, consent, answers("RH"));
        assertThat(s.consented(0)).isFalse();
        assertThat(s.refusal(0)).get().asString().contains("child assent");
    }

    @Test
    void answer_minorWithGuardianConsentAndAssent_opensTheInterview() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> consent = adultConsent("KH-SVR-RH-008");
        consent.put("age", 15);
        consent.put("guardian_consent", "yes");
        consent.put("guardian_consent_mode", "signature");
        consent.put("child_assent", "yes");
        fill(s, 0, consent, answers("RH"));
        assertThat(s.consented(0)).isTrue();
        assertThat(s.finished()).isTrue();
    }

    @Test
    void current_adult_skipsGuardianQuestions() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> consent = adultConsent("KH-SVR-RH-007");
        answerUntil(s, 0, "age", consent);
        s.answer(0, 34);
        assertThat(s.current(0).orElseThrow().questionId()).isEqualTo("respondent_code");
    }

    @Test
    void current_noRecordingConsent_skipsAudio() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        assertThat(fill(s, 0, adultConsent("KH-SVR-RH-007"), answers("RH"))).doesNotContain("recording");
        InterviewSession withRecording = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> consent = adultConsent("KH-SVR-RH-007");
        consent.put("recording_consent", "yes");
        assertThat(fill(withRecording, 0, consent, answers("RH"))).contains("recording");
    }

    @Test
    void answer_constraintFails_refusesWithTheFormMessage() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, 0, "age", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.answer(0, 7)).isInstanceOf(InterviewException.class)
                .hasMessageContaining("question 'age'").hasMessageContaining("between 10 and 110");
        assertThat(s.current(0).orElseThrow().questionId()).isEqualTo("age");
    }

    @Test
    void answer_futureDate_failsTodayConstraint() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, 0, "consent_date", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.answer(0, "2026-11-23")).hasMessageContaining("future");
        s.answer(0, "2026-11-22");
    }

    @Test
    void answer_wrongTypes_areRefusedWithoutTheValue() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, 0, "participation", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.answer(0, "maybe")).hasMessageContaining("not one of the choices")
                .hasMessageNotContaining("maybe");
        answerUntil(s, 0, "age", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.answer(0, "thirty")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> s.answer(0, "34.5")).hasMessageContaining("whole number");
        s.answer(0, "৩৪");
        answerUntil(s, 0, "consent_date", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.answer(0, "22/11/2026")).hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void answer_requiredLeftEmpty_isRefused() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, 0, "participation", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.skip(0)).hasMessageContaining("required");
    }

    @Test
    void answer_badRespondentCode_isRefused() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, 0, "respondent_code", adultConsent("KH-SVR-RH-007"));
        assertThatThrownBy(() -> s.answer(0, "BD-DHK-RH-007")).hasMessageContaining("site KH-SVR");
        assertThatThrownBy(() -> s.answer(0, "KH-SVR-XX-007")).hasMessageContaining("respondent code");
    }

    @Test
    void answer_selectMultipleNoneWithOthers_failsConstraint() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> a = answers("RH");
        a.remove("indicators");
        fill(s, 0, adultConsent("KH-SVR-RH-007"), a);
        assertThat(s.current(0).orElseThrow().questionId()).isEqualTo("indicators");
        assertThatThrownBy(() -> s.answer(0, List.of("none", "debt_bondage"))).hasMessageContaining("None");
        s.answer(0, "debt_bondage, confinement");
        assertThat(s.disclosures()).extracting(Disclosure::category).containsExactly("rights_violation");
    }

    @Test
    void answer_jointInterviewCategoryMismatch_isRefused() throws Exception {
        InterviewSession s = session("en", 2, StopPolicy.DISCARD_ALL);
        fill(s, 0, adultConsent("KH-SVR-RH-007"), answers("RH"));
        Map<String, Object> a = answers("DB");
        assertThatThrownBy(() -> fill(s, 1, adultConsent("KH-SVR-DB-002"), a))
                .hasMessageContaining("respondent 1").hasMessageContaining("same category");
    }

    @Test
    void answer_jointInterviewSameCategory_finishes() throws Exception {
        InterviewSession s = session("en", 2, StopPolicy.DISCARD_ALL);
        fill(s, 0, adultConsent("KH-SVR-RH-007"), answers("RH"));
        assertThat(s.finished()).isFalse();
        fill(s, 1, adultConsent("KH-SVR-RH-009"), answers("RH"));
        assertThat(s.finished()).isTrue();
    }

    @Test
    void stop_discardAll_keepsNothing() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> a = answers("RH");
        a.remove("disclosure_check");
        fill(s, 0, adultConsent("KH-SVR-RH-007"), a);
        s.stop();
        assertThat(s.discarded()).isTrue();
        assertThat(s.keptAnswers(0)).isEmpty();
        assertThat(s.current(0)).isEmpty();
    }

    @Test
    void stop_keepAnswered_keepsWhatWasAnswered() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.KEEP_ANSWERED);
        Map<String, Object> a = answers("RH");
        a.remove("disclosure_check");
        fill(s, 0, adultConsent("KH-SVR-RH-007"), a);
        s.stop();
        assertThat(s.discarded()).isFalse();
        assertThat(s.stopped()).isTrue();
        assertThat(s.keptAnswers(0)).containsEntry("q_causes", "Poverty and debt.");
        assertThatThrownBy(() -> s.answer(0, "no")).hasMessageContaining("stopped");
    }

    @Test
    void draft_roundTrip_resumesWhereItPaused() throws Exception {
        InterviewSession s = session("km", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> a = answers("RH");
        a.remove("q_causes");
        answerUntil(s, 0, "participation", adultConsent("KH-SVR-RH-007"));
        fill(s, 0, adultConsent("KH-SVR-RH-007"), Map.of("category", "RH", "interview_date", "2026-11-22"));
        s.raiseDisclosure(0, "current_risk", Urgency.IMMEDIATE);
        s.referral(0, new Referral(ReferralChoice.REFER, Map.of("kh-child-helpline", true), "phone", "evening"));
        byte[] json = s.draft().toJson();

        InterviewSession resumed = InterviewSession.resume(DraftState.fromJson(json), ReferenceForms.bundle().study(),
                ReferenceForms.consent(), ReferenceForms.interview(),
                new InterviewSession.Options(ReferenceForms.CLOCK, StopPolicy.DISCARD_ALL));
        assertThat(resumed.current(0)).isEqualTo(s.current(0));
        assertThat(resumed.keptConsent(0)).isEqualTo(s.keptConsent(0));
        assertThat(resumed.keptConsent(0).get("age")).isEqualTo(new BigDecimal(34));
        assertThat(resumed.keptConsent(0).get("consent_date")).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(resumed.disclosures()).isEqualTo(s.disclosures());
        assertThat(resumed.referral(0)).isEqualTo(s.referral(0));
        assertThat(resumed.fallbackTexts()).isEqualTo(s.fallbackTexts());
    }

    @Test
    void draft_everyAutosave_formDigestsComputedOnce() throws Exception {
        InterviewSession s = session("km", 1, StopPolicy.DISCARD_ALL);
        DraftState first = s.draft();
        answerUntil(s, 0, "participation", adultConsent("KH-SVR-RH-007"));
        DraftState later = s.draft();

        // a digest computed again (canonical JSON of the whole form, per saved step) would be a new string
        assertThat(later.consentSha256()).isSameAs(first.consentSha256())
                .isEqualTo(ReferenceForms.consent().sha256());
        assertThat(later.interviewSha256()).isSameAs(first.interviewSha256())
                .isEqualTo(ReferenceForms.interview().sha256());
    }

    @Test
    void current_lahuWithoutTranslation_fallsBackToEnglishAndReportsIt() throws Exception {
        InterviewSession s = ReferenceForms.lahuSession();
        Prompt p = s.current(0).orElseThrow();
        assertThat(p.fellBack()).isTrue();
        assertThat(p.label()).isEqualTo(ReferenceForms.consent().question("info_study").orElseThrow().label().get("en"));
        assertThat(s.fallbackTexts()).contains("info_study");
    }

    @Test
    void current_khmer_showsKhmerLabel() throws Exception {
        InterviewSession s = session("km", 1, StopPolicy.DISCARD_ALL);
        Prompt p = s.current(0).orElseThrow();
        assertThat(p.label()).isEqualTo(ReferenceForms.consent().question("info_study").orElseThrow().label().get("km"));
    }

    @Test
    void disclosures_ruleAndByHand_areBothReported() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> a = answers("RH");
        a.put("disclosure_check", "yes");
        fill(s, 0, adultConsent("KH-SVR-RH-007"), a);
        s.raiseDisclosure(0, "distress", Urgency.ROUTINE);
        assertThat(s.disclosures()).containsExactly(
                new Disclosure(0, "current_risk", Urgency.URGENT, "disclosure_check", true),
                new Disclosure(0, "distress", Urgency.ROUTINE, null, false));
    }

    @Test
    void start_unknownLanguageOrSite_isRefused() {
        assertThatThrownBy(() -> session("fr", 1, StopPolicy.DISCARD_ALL)).hasMessageContaining("language fr");
        assertThatThrownBy(() -> InterviewSession.start(ReferenceForms.bundle().study(), ReferenceForms.consent(),
                ReferenceForms.interview(), "en", "XX-YYY", 1,
                new InterviewSession.Options(ReferenceForms.CLOCK, StopPolicy.DISCARD_ALL)))
                .hasMessageContaining("site XX-YYY");
    }

    @Test
    void resume_otherFormVersion_isRefused() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        DraftState d = s.draft();
        DraftState changed = new DraftState(d.v(), d.study(), d.consentForm(), d.consentSha256(), d.interviewForm(),
                "0".repeat(64), d.language(), d.site(), d.stopped(), d.respondents(), d.disclosuresByHand(),
                d.fallbackTexts());
        assertThatThrownBy(() -> InterviewSession.resume(changed, ReferenceForms.bundle().study(),
                ReferenceForms.consent(), ReferenceForms.interview(),
                new InterviewSession.Options(ReferenceForms.CLOCK, StopPolicy.DISCARD_ALL)))
                .hasMessageContaining("other form versions");
    }

    @Test
    void answer_noteWithAValue_isRefused() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        assertThatThrownBy(() -> s.answer(0, "hello")).hasMessageContaining("a note takes no answer");
        s.answer(0, null);
        assertThat(s.current(0).orElseThrow().questionId()).isEqualTo("info_use");
    }

    @Test
    void disclosures_triggerOnIndicatorsNotOnSelfIdentification() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> a = answers("RH");
        a.put("q_meaning", "I was trafficked myself, I am a victim.");
        a.put("disclosure_check", "no");
        a.put("indicators", List.of("none"));
        fill(s, 0, adultConsent("KH-SVR-RH-007"), a);
        assertThat(s.finished()).isTrue();
        assertThat(s.disclosures()).isEmpty();
        // every rule of the reference interview form sits on an interviewer-only choice question, not on free text
        assertThat(ReferenceForms.interview().questions().stream().filter(q -> q.disclosure() != null))
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q.type().toString()).startsWith("select"));

        InterviewSession indicator = session("en", 1, StopPolicy.DISCARD_ALL);
        Map<String, Object> b = answers("RH");
        b.put("disclosure_check", "no");
        b.put("indicators", List.of("document_confiscation"));
        fill(indicator, 0, adultConsent("KH-SVR-RH-007"), b);
        assertThat(indicator.disclosures()).containsExactly(
                new Disclosure(0, "rights_violation", Urgency.URGENT, "indicators", true));
    }

    @Test
    void referral_routesMustBeDirectoryServices_onlyReferConsents_referNeedsAYes() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        s.raiseDisclosure(0, "current_risk", Urgency.URGENT);
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.REFER, Map.of("bd-emergency", true),
                null, null))).hasMessageContaining("route 'bd-emergency' is not a service of the referral directory"
                + " of KH-SVR");
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.INFORMATION_ONLY,
                Map.of("kh-child-helpline", true), null, null))).hasMessageContaining("only the choice refer");
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.REFER, Map.of(), null, null)))
                .hasMessageContaining("at least one service");
        // an authority route answered no is recorded as no, and is not enough for refer
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.REFER, Map.of("kh-police", false),
                null, null))).hasMessageContaining("at least one service");
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.REFER, Map.of("kh-child-helpline", true),
                "x".repeat(201), null))).hasMessageContaining("at most 200");
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.REFER, Map.of("kh-child-helpline", true),
                null, "evening\nor night"))).hasMessageContaining("one line");
        assertThatThrownBy(() -> s.referral(0, new Referral(ReferralChoice.INFORMATION_ONLY, Map.of(), "own phone",
                null))).hasMessageContaining("only the choice refer records a way and time of contact");
        assertThat(s.referral(0)).isEmpty();

        s.referral(0, new Referral(ReferralChoice.REFER, Map.of("kh-child-helpline", true, "kh-police", false),
                "own phone", "evenings"));
        assertThat(s.referral(0).orElseThrow().routes()).containsEntry("kh-police", false);
        s.referral(0, new Referral(ReferralChoice.DECLINE, Map.of("kh-police", false), null, null));
        assertThat(s.referral(0).orElseThrow().choice()).isEqualTo(ReferralChoice.DECLINE);
    }
}
