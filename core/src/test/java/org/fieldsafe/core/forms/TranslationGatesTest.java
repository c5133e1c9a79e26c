package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placeholders in texts, the research team's contact, the reviewed state and the interview-language setting. */
class TranslationGatesTest {
    static final Path REFERENCE = Path.of("..", "forms", "beyond-awareness");
    static final String TEAM = "research_team: {name: Team, address: \"1 Example St\", phone: \"+1 555 0100\","
            + " email: team@example.org}\n";

    @TempDir
    Path root;

    private Path copy() throws Exception {
        Path dir = root.resolve("s");
        FormsFixtures.copy(StudyLoaderTest.VALID, dir);
        return dir;
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static List<FormProblem> problems(Path dir) {
        try {
            StudyLoader.load(dir);
        } catch (FormValidationException e) {
            return e.problems();
        }
        throw new AssertionError("the study loaded");
    }

    @Test
    void validator_unfilledPlaceholder_refused() throws Exception {
        Path dir = copy();
        Path consent = dir.resolve("consent.yaml");
        replace(consent, "\"Do you agree to take part?\"", "\"Questions? Contact: (Address) (Phone) (Email)\"");
        assertThat(problems(dir)).hasSize(3).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(consent.toString());
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.field()).isEqualTo("questions[0].label.en");
        }).extracting(FormProblem::message).anySatisfy(m -> assertThat(m)
                .startsWith("unfilled placeholder '(Address)'").contains("{research_team.address}"));

        // the substitution syntax, but study.yaml has no research_team to fill it (the form's overlays are not
        // checked while the form itself has problems)
        replace(consent, "Contact: (Address) (Phone) (Email)", "Contact: {research_team.phone}");
        Path bn = dir.resolve("translations").resolve("bn.yaml");
        assertThat(problems(dir)).extracting(FormProblem::toString).containsExactly(
                consent + ":7: questions[0].label.en: unfilled placeholder {research_team.phone}: study.yaml"
                        + " research_team has no phone");

        // with the team's contact in study.yaml it loads, and the text keeps the placeholder until rendered
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, Files.readString(study) + TEAM);
        replace(bn, "agree.label: \"আপনি কি অংশ নিতে রাজি?\"", "agree.label: \"যোগাযোগ: {research_team.phone}\"");
        StudyBundle b = StudyLoader.load(dir);
        assertThat(b.form("consent").orElseThrow().question("agree").orElseThrow().label().get("en"))
                .isEqualTo("Questions? Contact: {research_team.phone}");

        // an unknown key is refused even with a team
        replace(consent, "{research_team.phone}", "{research_team.fax}");
        assertThat(problems(dir)).extracting(FormProblem::message).anySatisfy(m -> assertThat(m)
                .startsWith("unfilled placeholder {research_team.fax}: not a known placeholder"));

        // a translation that lost the master's placeholder (kept its own fill-in marker) is refused at its line
        replace(consent, "{research_team.fax}", "{research_team.phone}");
        replace(bn, "যোগাযোগ: {research_team.phone}", "যোগাযোগ: (ফোন)");
        assertThat(problems(dir)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(bn.toString());
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.field()).isEqualTo("forms.consent.texts.agree.label");
            assertThat(p.message()).isEqualTo("lacks the placeholder {research_team.phone} of the master text");
        });
    }

    @Test
    void placeholders_fill_replacesKnownKeysOnly() {
        Placeholders p = Placeholders.of(new ResearchTeam("Team", null, "+1 555 0100", null));
        assertThat(p.fill("Call {research_team.phone} or { research_team.name }; {research_team.email}"))
                .isEqualTo("Call +1 555 0100 or Team; {research_team.email}");
        assertThat(p.problems("Call {research_team.phone}")).isEmpty();
        assertThat(p.problems("Write to {research_team.email}")).singleElement().asString()
                .contains("research_team has no email");
    }

    @Test
    void referenceStudy_consentContact_isAPlaceholderFilledFromStudyYaml() throws Exception {
        StudyBundle b = StudyLoader.load(REFERENCE);
        ResearchTeam team = b.study().researchTeam();
        assertThat(team.email()).endsWith("@example.org");
        Question contact = b.form("consent").orElseThrow().question("info_contact").orElseThrow();
        Placeholders p = Placeholders.of(b.study());
        for (String text : contact.label().values()) {
            assertThat(text).contains("{research_team.phone}").doesNotContain("(Phone)");
            assertThat(p.fill(text)).contains(team.phone(), team.email(), team.address()).doesNotContain("{");
        }
    }

    @Test
    void overlay_reviewedState_needsEveryText() throws Exception {
        Path dir = copy();
        Path bn = dir.resolve("translations").resolve("bn.yaml");
        replace(bn, "  consent:\n    state: complete", "  consent:\n    state: reviewed");
        assertThat(StudyLoader.load(dir).form("consent").orElseThrow().languages())
                .containsEntry("bn", TranslationState.REVIEWED);
        replace(bn, "  interview:\n    state: draft", "  interview:\n    state: reviewed");
        assertThat(problems(dir)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("forms.interview.state");
            assertThat(p.message()).startsWith("state reviewed but ");
        });
    }

    @Test
    void interviewLanguages_defaultAndSetting_parsed() throws Exception {
        Path dir = copy();
        assertThat(StudyLoader.load(dir).study().interviewLanguages()).isEqualTo(InterviewLanguages.DEFAULT);
        assertThat(InterviewLanguages.DEFAULT.allows(TranslationState.DRAFT)).isFalse();
        Path study = dir.resolve("study.yaml");
        String original = Files.readString(study);
        Files.writeString(study, original + "interview_languages: {allowed_states: [reviewed, draft]}\n");
        InterviewLanguages set = StudyLoader.load(dir).study().interviewLanguages();
        assertThat(set.allowedStates()).containsExactly(TranslationState.REVIEWED, TranslationState.DRAFT);
        assertThat(set.describe()).isEqualTo("reviewed or draft");
        Files.writeString(study, original + "interview_languages: {allowed_states: [complete, unreviewed]}\n");
        assertThat(problems(dir)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("interview_languages.allowed_states[1]");
            assertThat(p.message()).contains("'unreviewed' is not one of");
        });
    }
}
