package org.fieldsafe.client.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.interview.DraftSummary;
import org.fieldsafe.client.interview.PassphraseDraftCipher;
import org.fieldsafe.client.interview.StopPolicy;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.sync.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step API of an interview ({@link DeviceInterview}), as the field app drives it: no prompt loop, every screen
 * and every refusal as data, every step in the encrypted draft at once. The reference study in Khmer at KH-SVR,
 * with a stand-in sealer that records the plaintext parts.
 */
class DeviceInterviewTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));
    static final String CODE = "KH-SVR-RH-007";

    @TempDir
    Path home;

    final Map<String, byte[]> sealedPlaintexts = new LinkedHashMap<>();
    FieldsafeClient client;

    @BeforeEach
    void enrolledDevice() throws Exception {
        TestDevice.prepare(home, NOW);
        client = FieldsafeClient.openExisting(home, SETTINGS,
                new InterviewCrypto(TestDevice.recordingSealer(sealedPlaintexts), new PassphraseDraftCipher()));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static char[] passphrase() {
        return "correct horse".toCharArray();
    }

    private DeviceInterview start() throws ClientException {
        return client.startInterview("interview", null, "KH-SVR", "km", null, passphrase());
    }

    /**
     * Answers in order (question id, value), each accepted, going on past the notes and the questions that are not
     * required between them.
     */
    private static void answer(DeviceInterview interview, Object... idsAndValues) {
        for (int i = 0; i < idsAndValues.length; i += 2) {
            for (Screen s = interview.screen(); !s.question().id().equals(idsAndValues[i]); s = interview.screen()) {
                assertThat(s.question().required()).as(s.question().id()).isFalse();
                assertThat(interview.next().ok()).isTrue();
            }
            StepResult result = interview.answer((String) idsAndValues[i], idsAndValues[i + 1]);
            assertThat(result.problems()).as("answer to " + idsAndValues[i]).isEmpty();
        }
        skipNotes(interview);
    }

    private static void skipNotes(DeviceInterview interview) {
        for (Screen s = interview.screen(); s.step() == Screen.Step.QUESTION && s.question().type().equals("note");
             s = interview.screen()) {
            assertThat(interview.next().ok()).isTrue();
        }
    }

    /** The rest of the questions: no disclosure, no indicator, nothing else answered. */
    private static void rest(DeviceInterview interview) {
        while (interview.screen().step() == Screen.Step.QUESTION) {
            String id = waiting(interview);
            StepResult r = switch (id) {
                case "disclosure_check" -> interview.answer(id, "no");
                case "indicators" -> interview.answer(id, List.of("none"));
                default -> interview.next();
            };
            assertThat(r.problems()).as(id).isEmpty();
        }
    }

    private static String waiting(DeviceInterview interview) {
        return interview.screen().question().id();
    }

    private static final Object[] ADULT_CONSENT = {"participation", "yes", "recording_consent", "no",
        "consent_mode", "verbal", "age", 34, "respondent_code", CODE, "interviewer", "enum-kh1",
        "consent_date", "2026-11-22", "research_partner", "Partner KH"};

    private byte[] draftCiphertext(String draftId) throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            return store.drafts().get(draftId).orElseThrow().ciphertext();
        }
    }

    @Test
    void session_backReevaluatesSkipLogic() throws Exception {
        try (DeviceInterview interview = start()) {
            answer(interview, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal",
                    "age", 34);
            assertThat(waiting(interview)).isEqualTo("respondent_code");

            StepResult back = interview.back();
            assertThat(back.ok()).isTrue();
            assertThat(back.screen().question().id()).isEqualTo("age");
            assertThat(back.screen().question().given()).isEqualTo(java.math.BigInteger.valueOf(34));

            StepResult minor = interview.answer("age", 15);
            assertThat(minor.screen().question().id()).isEqualTo("guardian_consent");
            assertThat(minor.screen().minor()).isTrue();
            assertThat(minor.screen().question().consentItem()).isEqualTo(Screen.ConsentItem.GUARDIAN);
        }
    }

    @Test
    void session_answerWrongType_errorNothingSaved() throws Exception {
        try (DeviceInterview interview = start()) {
            answer(interview, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal");
            assertThat(waiting(interview)).isEqualTo("age");
            byte[] saved = draftCiphertext(interview.draftId());
            int answered = interview.screen().progress().answered();

            StepResult wrongType = interview.answer("age", List.of("thirty"));
            StepResult notANumber = interview.answer("age", "thirty");
            StepResult missing = interview.answer("age", null);
            StepResult outOfRange = interview.answer("age", 5);
            StepResult otherQuestion = interview.answer("respondent_code", CODE);

            for (StepResult r : List.of(wrongType, notANumber, missing, outOfRange, otherQuestion)) {
                assertThat(r.ok()).isFalse();
                assertThat(r.screen().question().id()).isEqualTo("age");
            }
            assertThat(wrongType.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("age");
                assertThat(p.kind()).isEqualTo(StepResult.Kind.INVALID);
            });
            assertThat(notANumber.problems().get(0).message()).doesNotContain("thirty");
            assertThat(missing.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(StepResult.Kind.REQUIRED);
                assertThat(p.message()).isEqualTo("ត្រូវការចម្លើយសម្រាប់សំណួរនេះ");
                assertThat(p.lang()).isEqualTo("km");
            });
            assertThat(outOfRange.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(StepResult.Kind.CONSTRAINT);
                assertThat(p.message()).isEqualTo("សូមបញ្ចូលអាយុពី 10 ដល់ 110 ឆ្នាំ។");
                assertThat(p.lang()).isEqualTo("km");
            });
            assertThat(otherQuestion.problems().get(0).kind()).isEqualTo(StepResult.Kind.STEP);
            assertThat(draftCiphertext(interview.draftId())).isEqualTo(saved);
            assertThat(interview.screen().progress().answered()).isEqualTo(answered);

            assertThat(interview.answer("age", "៣៤").ok()).isTrue();
            assertThat(draftCiphertext(interview.draftId())).isNotEqualTo(saved);
        }
    }

    @Test
    void session_minorWithoutAssent_cannotProceed() throws Exception {
        try (DeviceInterview interview = start()) {
            answer(interview, "participation", "yes", "recording_consent", "no", "consent_mode", "verbal",
                    "age", 15, "guardian_consent", "yes", "guardian_consent_mode", "verbal");
            assertThat(interview.screen().question().consentItem()).isEqualTo(Screen.ConsentItem.ASSENT);
            answer(interview, "child_assent", "no", "respondent_code", CODE, "interviewer", "enum-kh1",
                    "consent_date", "2026-11-22", "research_partner", "Partner KH");

            Screen screen = interview.screen();
            assertThat(screen.step()).isEqualTo(Screen.Step.NOBODY);
            assertThat(screen.refusals()).singleElement().asString().contains("guardian consent and child assent");
            assertThat(interview.answer("category", "RH").problems()).extracting(StepResult.Problem::kind)
                    .containsExactly(StepResult.Kind.STEP);
            assertThat(interview.next().ok()).isFalse();
            assertThatThrownBy(interview::seal).isInstanceOf(ClientException.class)
                    .hasMessageContaining("nobody can be interviewed");
            assertThat(sealedPlaintexts).isEmpty();

            // with the child's assent after all (back to it), the interview form opens
            while (!"child_assent".equals(interview.screen().question() == null ? null : waiting(interview))) {
                assertThat(interview.back().ok()).isTrue();
            }
            answer(interview, "child_assent", "yes", "respondent_code", CODE, "interviewer", "enum-kh1",
                    "consent_date", "2026-11-22", "research_partner", "Partner KH");
            assertThat(waiting(interview)).isEqualTo("category");
        }
    }

    @Test
    void session_disclosureConsentPerRoute_nothingPreselected() throws Exception {
        try (DeviceInterview interview = start()) {
            answer(interview, ADULT_CONSENT);
            answer(interview, "category", "RH", "interview_date", "2026-11-22", "q_meaning", "Debts.");
            // raised by hand at any moment, then by the form's rule on the interviewer-only question
            StepResult raised = interview.raiseDisclosure("current_risk", "immediate");
            assertThat(raised.disclosed()).singleElement().satisfies(d -> {
                assertThat(d.byRule()).isFalse();
                assertThat(d.urgency().id()).isEqualTo("immediate");
                assertThat(d.emergencies()).extracting(DisclosureFlow.Service::id).contains("kh-police");
            });
            assertThat(interview.raiseDisclosure("no_such_category", "urgent").problems())
                    .extracting(StepResult.Problem::field).containsExactly("category");
            while (!waiting(interview).equals("disclosure_check")) {
                assertThat(interview.next().ok()).isTrue();
            }
            assertThat(interview.answer("disclosure_check", "yes").disclosed()).singleElement()
                    .satisfies(d -> assertThat(d.byRule()).isTrue());
            answer(interview, "indicators", List.of("none"));
            while (interview.screen().step() == Screen.Step.QUESTION) {
                assertThat(interview.next().ok()).isTrue();
            }

            Screen screen = interview.screen();
            assertThat(screen.step()).isEqualTo(Screen.Step.REFERRAL);
            DisclosureFlow flow = screen.referral();
            assertThat(flow.routes()).isNotEmpty().allSatisfy(r -> assertThat(r.selected()).isFalse());
            assertThat(flow.routes()).filteredOn(DisclosureFlow.Route::involvesAuthorities)
                    .extracting(DisclosureFlow.Route::id).contains("kh-police")
                    .allSatisfy(id -> assertThat(flow.routes().stream().filter(r -> r.id().equals(id)).findFirst()
                            .orElseThrow().authorityPrompt()).isNotBlank());
            assertThat(flow.choice().options()).extracting(DisclosureFlow.Option::id)
                    .containsExactly("refer", "information_only", "decline");
            assertThat(flow.script()).isNotBlank();
            assertThat(flow.disclosure().urgency().id()).isEqualTo("urgent");

            // the police alone, without the respondent's own yes to it, is no route at all
            StepResult policeOnly = interview.referral(new ReferralAnswer("refer", List.of("kh-police"), List.of(),
                    null, null));
            assertThat(policeOnly.ok()).isFalse();
            assertThat(policeOnly.problems()).extracting(StepResult.Problem::field).containsExactly("routes");
            assertThat(interview.referral(new ReferralAnswer("refer", List.of("kh-nowhere"), List.of(), null, null))
                    .ok()).isFalse();
            assertThat(interview.referral(new ReferralAnswer("", List.of(), List.of(), null, null)).problems())
                    .extracting(StepResult.Problem::field).containsExactly("choice");

            StepResult referred = interview.referral(new ReferralAnswer("refer", List.of("kh-police", "kh-lscw"),
                    List.of(), "own phone", "mornings"));
            assertThat(referred.problems()).isEmpty();
            // the hand-raised disclosure was for the same respondent: one referral answers both
            assertThat(referred.screen().step()).isEqualTo(Screen.Step.REVIEW);
            SealedInterview sealed = interview.seal();
            assertThat(sealed.kept()).isTrue();
            JsonNode referral = Json.mapper().readTree(sealedPlaintexts.get("referral"));
            assertThat(referral.path("routes").path("kh-police").asBoolean(true)).isFalse();
            assertThat(referral.path("routes").path("kh-lscw").asBoolean()).isTrue();
            assertThat(referral.path("choice").asText()).isEqualTo("refer");
        }
    }

    @Test
    void session_redactionReview_undoneReplacementStaysAsWritten() throws Exception {
        try (DeviceInterview interview = start()) {
            answer(interview, ADULT_CONSENT);
            answer(interview, "category", "RH", "name", "Sokha Chan", "interview_date", "2026-11-22",
                    "q_meaning", "Sokha said call 012 345 678 or write to a@example.org");
            rest(interview);
            assertThat(interview.screen().step()).isEqualTo(Screen.Step.REVIEW);

            RedactionReview review = interview.review();
            assertThat(review.replacements()).extracting(RedactionReview.Replacement::kind)
                    .containsExactly("NAME", "PHONE", "EMAIL");
            assertThat(review.replacements()).extracting(RedactionReview.Replacement::found)
                    .containsExactly("Sokha", "012 345 678", "a@example.org");
            String email = review.replacements().get(2).id();
            assertThat(interview.redaction(email, true).replacements().get(2).undone()).isTrue();
            assertThatThrownBy(() -> interview.redaction("0/interview/q_meaning/9", true))
                    .isInstanceOf(ClientException.class);

            assertThat(interview.seal().redactions()).singleElement()
                    .satisfies(r -> assertThat(r.counts()).containsOnlyKeys(
                            org.fieldsafe.core.redact.Redactor.Kind.NAME,
                            org.fieldsafe.core.redact.Redactor.Kind.PHONE));
            String research = new String(sealedPlaintexts.get("research"), StandardCharsets.UTF_8);
            assertThat(research).contains("[NAME] said call [PHONE] or write to a@example.org")
                    .doesNotContain("012 345 678");
            assertThat(interview.screen().step()).isEqualTo(Screen.Step.SEALED);
            assertThat(interview.back().ok()).isFalse();
        }
        assertThat(client.drafts()).isEmpty();
    }

    @Test
    void session_screenAsData_textsInKhmerWithKindsAndSerialisable() throws Exception {
        try (DeviceInterview interview = start()) {
            Screen first = interview.screen();
            assertThat(first.step()).isEqualTo(Screen.Step.QUESTION);
            assertThat(first.question().consentItem()).isEqualTo(Screen.ConsentItem.INFORMATION);
            assertThat(first.question().texts()).extracting(Screen.Text::kind)
                    .contains(Screen.TextKind.READ_OUT, Screen.TextKind.INTERVIEWER_NOTE);
            Screen.Text readOut = first.question().texts().get(0);
            assertThat(readOut.lang()).isEqualTo("km");
            assertThat(readOut.fallback()).isFalse();
            // the hint has no Khmer text: shown in English, marked
            assertThat(first.question().texts()).filteredOn(t -> t.kind() == Screen.TextKind.INTERVIEWER_NOTE)
                    .allSatisfy(t -> assertThat(t.fallback()).isEqualTo(!t.lang().equals("km")));
            answer(interview, ADULT_CONSENT);
            Screen topic = interview.screen();
            while (topic.question().probes().isEmpty()) {
                interview.next();
                if (topic.question().id().equals("category")) {
                    interview.answer("category", "RH");
                } else if (topic.question().id().equals("interview_date")) {
                    interview.answer("interview_date", "2026-11-22");
                }
                topic = interview.screen();
            }
            assertThat(topic.question().id()).isEqualTo("q_meaning");
            assertThat(topic.question().probes()).isNotEmpty();
            String json = Json.mapper().writeValueAsString(topic);
            JsonNode parsed = Json.mapper().readTree(json);
            assertThat(parsed.path("question").path("texts").get(0).path("kind").asText()).isEqualTo("READ_OUT");
            assertThat(parsed.path("progress").path("answered").asInt()).isPositive();
            assertThat(Json.mapper().writeValueAsString(interview.raiseDisclosure("current_risk", "urgent")))
                    .contains("\"announcement\"");
        }
    }

    @Test
    void session_probeTicks_keptInTheEncryptedDraftTickedOnResume_notSealed() throws Exception {
        String draftId;
        try (DeviceInterview interview = start()) {
            answer(interview, ADULT_CONSENT);
            answer(interview, "category", "RH", "name", "Sokha Chan", "interview_date", "2026-11-22");
            draftId = interview.draftId();
            assertThat(waiting(interview)).isEqualTo("q_meaning");
            assertThat(interview.screen().question().ticked()).isEmpty();
            byte[] before = draftCiphertext(draftId);

            StepResult notAProbe = interview.probes("q_meaning", List.of("how_trafficked", "vulnerability"));
            StepResult stale = interview.probes("q_causes", List.of("vulnerability"));
            assertThat(notAProbe.ok()).isFalse();
            assertThat(notAProbe.problems()).extracting(StepResult.Problem::kind)
                    .containsExactly(StepResult.Kind.INVALID);
            assertThat(stale.problems()).extracting(StepResult.Problem::kind).containsExactly(StepResult.Kind.STEP);
            assertThat(draftCiphertext(draftId)).as("a refused tick saves nothing").isEqualTo(before);

            StepResult ticked = interview.probes("q_meaning", List.of("known_case", "how_trafficked"));
            assertThat(ticked.ok()).isTrue();
            assertThat(ticked.screen().question().ticked()).containsExactly("known_case", "how_trafficked");
            byte[] saved = draftCiphertext(draftId);
            assertThat(saved).isNotEqualTo(before);
            assertThat(new String(saved, StandardCharsets.ISO_8859_1)).doesNotContain("known_case", "how_trafficked");
        }
        try (DeviceInterview resumed = client.resumeDraft(draftId, passphrase())) {
            assertThat(waiting(resumed)).isEqualTo("q_meaning");
            assertThat(resumed.screen().question().ticked()).containsExactly("known_case", "how_trafficked");
            assertThat(resumed.probes("q_meaning", List.of("known_case")).screen().question().ticked())
                    .containsExactly("known_case");
            answer(resumed, "q_meaning", "answer one");
            rest(resumed);
            resumed.seal();
        }
        assertThat(new String(sealedPlaintexts.get("research"), StandardCharsets.UTF_8))
                .as("ticks stay in the draft; the sealed research part keeps answers only")
                .contains("answer one").doesNotContain("known_case");
    }

    @Test
    void session_referralFlowTexts_serviceNamesTranslatedNoCommandWordsHoursTranslated() throws Exception {
        try (DeviceInterview interview = start()) {
            answer(interview, ADULT_CONSENT);
            answer(interview, "category", "RH", "interview_date", "2026-11-22", "q_meaning", "Debts.");
            assertThat(interview.raiseDisclosure("current_risk", "urgent").ok()).isTrue();
            rest(interview);

            DisclosureFlow flow = interview.screen().referral();
            DisclosureFlow.Route police = flow.routes().stream().filter(r -> r.id().equals("kh-police")).findFirst()
                    .orElseThrow();
            assertThat(police.authorityPrompt()).startsWith("ប៉ូលីស ").doesNotContain("kh-police", "[en]");
            assertThat(Json.mapper().writeValueAsString(flow)).doesNotContain(":pause", ":stop");
            assertThat(flow.directory()).extracting(DisclosureFlow.Service::hours).doesNotContain("unknown");
            DisclosureFlow.Service lscw = flow.directory().stream().filter(x -> x.id().equals("kh-lscw")).findFirst()
                    .orElseThrow();
            assertThat(lscw.hours()).isEqualTo("ម៉ោងធ្វើការមិនទាន់ដឹង");
            assertThat(flow.directory()).filteredOn(x -> x.id().equals("kh-police")).singleElement()
                    .satisfies(x -> assertThat(x.hours()).isEqualTo("24/7"));
        }
    }

    @Test
    void drafts_listedWithoutRespondentData_resumeWhereItStopped() throws Exception {
        String draftId;
        try (DeviceInterview interview = start()) {
            answer(interview, ADULT_CONSENT);
            draftId = interview.draftId();
            assertThat(waiting(interview)).isEqualTo("category");
            interview.close();
            assertThat(interview.answer("category", "RH").problems()).extracting(StepResult.Problem::message)
                    .containsExactly("the interview is paused; resume its draft to go on");
        }
        List<DraftSummary> drafts = client.drafts();
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.draftId()).isEqualTo(draftId);
            assertThat(d.formId()).isEqualTo("interview");
            assertThat(d.answered()).isPositive();
        });
        assertThat(Json.mapper().writeValueAsString(drafts)).doesNotContain(CODE, "enum-kh1", "Partner KH");
        assertThatThrownBy(() -> client.resumeDraft(draftId, "wrong horse 1".toCharArray()))
                .isInstanceOf(ClientException.class).hasMessageContaining("wrong passphrase");
        try (DeviceInterview resumed = client.resumeDraft(draftId, passphrase())) {
            assertThat(waiting(resumed)).isEqualTo("category");
            assertThat(resumed.draftId()).isEqualTo(draftId);
        }
    }

    @Test
    void directory_heldOnTheDevice_asDataInTheLanguage() throws Exception {
        HeldDirectory held = client.directory(null, "km", 365);
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(held));
        assertThat(json.path("site").asText()).isEqualTo("KH-SVR");
        assertThat(json.path("version").asInt()).isPositive();
        assertThat(json.has("directory")).isFalse();
        assertThat(json.path("services").get(0).path("emergency").asBoolean()).isTrue();
        assertThat(json.path("services").findValuesAsText("name")).contains("ខ្សែទូរស័ព្ទជំនួយកុមារកម្ពុជា");
        assertThatThrownBy(() -> client.directory("XX-NONE", "km", 365)).isInstanceOf(ClientException.class)
                .hasMessageContaining("no referral directory of site XX-NONE");
        assertThatThrownBy(() -> client.directory(null, "km", -1)).isInstanceOf(ClientException.class);
    }

    @Test
    void start_checksCategoryPassphraseAndSite() throws Exception {
        assertThatThrownBy(() -> client.startInterview("interview", null, "KH-SVR", "km", "XX", passphrase()))
                .isInstanceOf(ClientException.class).hasMessageContaining("category XX");
        assertThatThrownBy(() -> client.startInterview("interview", null, "KH-SVR", "km", null, "short".toCharArray()))
                .isInstanceOf(ClientException.class).hasMessageContaining("too weak");
        assertThatThrownBy(() -> client.startInterview("interview", null, "TH-SAN", "km", null, passphrase()))
                .isInstanceOf(ClientException.class).hasMessageContaining("not this device's site");
        assertThatThrownBy(() -> client.startInterview("interview", 7, "KH-SVR", "km", null, passphrase()))
                .isInstanceOf(ClientException.class).hasMessageContaining("version 7");
        assertThat(client.drafts()).isEmpty();

        try (DeviceInterview interview = client.startInterview("interview", 1, "KH-SVR", "km", "RH", passphrase())) {
            answer(interview, ADULT_CONSENT);
            assertThat(interview.screen().question().given()).isEqualTo("RH");
            assertThat(interview.answer("category", "DB").problems()).extracting(StepResult.Problem::kind)
                    .containsExactly(StepResult.Kind.INVALID);
            assertThat(interview.answer("category", "RH").ok()).isTrue();
        }
    }

    @Test
    void session_jointInterview_secondRespondentAfterTheFirst_backCrossesBetweenThem() throws Exception {
        try (DeviceInterview interview = client.startInterview(new InterviewStart("interview", null, "KH-SVR", "km",
                null, 2, StopPolicy.DISCARD_ALL), passphrase())) {
            assertThat(interview.screen().respondents()).isEqualTo(2);
            answer(interview, ADULT_CONSENT);
            answer(interview, "category", "RH", "interview_date", "2026-11-22");
            while (interview.screen().respondent() == 0) {
                Screen s = interview.screen();
                StepResult r = switch (s.question().id()) {
                    case "disclosure_check" -> interview.answer("disclosure_check", "no");
                    case "indicators" -> interview.answer("indicators", List.of("none"));
                    default -> interview.next();
                };
                assertThat(r.problems()).isEmpty();
            }
            Screen second = interview.screen();
            assertThat(second.respondent()).isEqualTo(1);
            assertThat(second.question().form()).isEqualTo("consent");
            StepResult back = interview.back();
            assertThat(back.screen().respondent()).isZero();
            assertThat(back.screen().question().id()).isEqualTo("closing_thanks");
        }
    }

    @Test
    void stop_underDiscardAll_keepsNothingAndDeletesTheDraft() throws Exception {
        try (DeviceInterview interview = client.startInterview(new InterviewStart("interview", null, "KH-SVR", "km",
                null, 1, StopPolicy.DISCARD_ALL), passphrase())) {
            answer(interview, ADULT_CONSENT);
            assertThat(interview.stop().screen().step()).isEqualTo(Screen.Step.STOPPED);
            assertThat(interview.answer("category", "RH").ok()).isFalse();
            assertThat(interview.seal().kept()).isFalse();
        }
        assertThat(client.drafts()).isEmpty();
        assertThat(sealedPlaintexts).isEmpty();
    }
}
