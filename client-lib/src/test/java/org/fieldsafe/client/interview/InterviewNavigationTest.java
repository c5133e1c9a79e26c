package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldsafe.client.interview.ReferenceForms.adultConsent;
import static org.fieldsafe.client.interview.ReferenceForms.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Going back, commands at a question, autosave and the draft passphrase rule, in the engine. */
class InterviewNavigationTest {

    private static String waiting(InterviewSession s) {
        return s.current(0).orElseThrow().questionId();
    }

    private static void answerUntil(InterviewSession s, String questionId) throws InterviewException {
        Map<String, Object> consent = adultConsent("KH-SVR-RH-007");
        while (!waiting(s).equals(questionId)) {
            s.answer(0, consent.get(waiting(s)));
        }
    }

    @Test
    void interview_back_reevaluatesSkipLogic() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, "age");
        s.answer(0, "15");
        assertThat(waiting(s)).isEqualTo("guardian_consent");
        s.answer(0, "yes");
        assertThat(waiting(s)).isEqualTo("guardian_consent_mode");
        s.answer(0, "signature");
        assertThat(waiting(s)).isEqualTo("child_assent");

        s.back(0);
        assertThat(waiting(s)).isEqualTo("guardian_consent_mode");
        s.back(0);
        s.back(0);
        assertThat(waiting(s)).isEqualTo("age");

        // the age was mistyped: an adult, so the guardian questions (and the chain on them) are skipped now
        s.answer(0, "34");
        assertThat(waiting(s)).isEqualTo("respondent_code");
        // kept in the draft (going back again restores them), but never counted or sealed
        assertThat(s.draft().respondents().get(0).consent()).containsKeys("guardian_consent", "guardian_consent_mode");
        assertThat(s.keptConsent(0)).doesNotContainKeys("guardian_consent", "guardian_consent_mode")
                .hasEntrySatisfying("age", age -> assertThat(age).hasToString("34"));
    }

    @Test
    void back_afterARefusal_letsTheMistypedAnswerBeCorrected() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, "participation");
        s.answer(0, "no");
        Map<String, Object> consent = adultConsent("KH-SVR-RH-007");
        consent.remove("respondent_code");
        while (s.current(0).isPresent()) {
            s.answer(0, consent.get(waiting(s)));
        }
        assertThat(s.refusal(0)).isPresent();

        s.back(0);
        assertThat(s.refusal(0)).isEmpty();
        while (!waiting(s).equals("participation")) {
            s.back(0);
        }
        s.answer(0, "yes");
        assertThat(waiting(s)).isEqualTo("recording_consent");
    }

    @Test
    void back_atTheFirstQuestion_isRefused() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        assertThatThrownBy(() -> s.back(0)).isInstanceOf(InterviewException.class)
                .hasMessageContaining("nothing to go back to");
    }

    @Test
    void interview_unknownCommand_notStoredAsAnswer() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        answerUntil(s, "research_partner");
        for (String command : List.of(":help", ":xyz", " :Back ")) {
            assertThatThrownBy(() -> s.answer(0, command)).isInstanceOf(InterviewException.class)
                    .hasMessageContaining("is a command, not an answer");
        }
        assertThat(waiting(s)).isEqualTo("research_partner");
        assertThat(new String(s.draft().toJson(), StandardCharsets.UTF_8)).doesNotContain(":help", ":xyz", ":Back");
        assertThat(InterviewInput.parse(":xyz")).isEqualTo(new InterviewInput.Unknown(":xyz"));
        assertThat(InterviewInput.parse(" :HELP")).isEqualTo(new InterviewInput.Known(InterviewInput.Command.HELP));
        assertThat(InterviewInput.parse(":) fine")).isEqualTo(new InterviewInput.Answer(":) fine"));
    }

    @Test
    void autosave_everyStep_isInTheDraftAsItIsTaken() throws Exception {
        InterviewSession s = session("en", 1, StopPolicy.DISCARD_ALL);
        List<DraftSummary> summaries = new ArrayList<>();
        List<byte[]> saved = new ArrayList<>();
        DraftCipher.Encrypter plain = new DraftCipher.Encrypter() {
            @Override
            public byte[] encrypt(byte[] plaintext) {
                return plaintext;
            }

            @Override
            public void close() {
            }
        };
        s.autosave(new DraftAutosave("d-1", plain, (summary, bytes) -> {
            summaries.add(summary);
            saved.add(bytes);
        }, ReferenceForms.CLOCK));
        answerUntil(s, "age");
        s.answer(0, "34");

        DraftState last = DraftState.fromJson(saved.get(saved.size() - 1));
        assertThat(last.respondents().get(0).consent()).hasEntrySatisfying("age",
                age -> assertThat(age).hasToString("34"));
        DraftSummary summary = summaries.get(summaries.size() - 1);
        assertThat(summary.draftId()).isEqualTo("d-1");
        assertThat(summary.answered()).isEqualTo(10);
        assertThat(summary.language()).isEqualTo("en");
        // one save at the start, then one per step
        assertThat(saved).hasSize(11);
    }

    @Test
    void draftPassphrase_mismatchOrWeak_refused() {
        assertThatThrownBy(() -> DraftPassphrase.check("correct horse".toCharArray(), "correct horsf".toCharArray()))
                .hasMessageContaining("differ");
        for (String weak : List.of("short 1", "onlyletterslong", "1234567890123")) {
            assertThatThrownBy(() -> DraftPassphrase.check(weak.toCharArray(), weak.toCharArray()))
                    .hasMessageContaining("too weak").hasMessageContaining(DraftPassphrase.RULE)
                    .hasMessageNotContaining(weak);
        }
        DraftPassphrase.check("correct horse".toCharArray(), "correct horse".toCharArray());
        DraftPassphrase.check("ពាក្យសម្ងាត់ 2026".toCharArray(), null);
    }
}
