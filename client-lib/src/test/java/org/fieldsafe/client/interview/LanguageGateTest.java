package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldsafe.core.forms.InterviewLanguages;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session start refuses languages whose translation state the study does not allow; fallbacks warn. */
class LanguageGateTest {
    @TempDir
    Path tmp;

    private static InterviewSession start(StudyBundle b, Study study, String lang) throws InterviewException {
        return InterviewSession.start(study, b.form("consent").orElseThrow(), b.form("interview").orElseThrow(), lang,
                "KH-SVR", 1, new InterviewSession.Options(ReferenceForms.CLOCK, StopPolicy.DISCARD_ALL));
    }

    @Test
    void interview_draftLanguageNotAllowed_refused() throws Exception {
        StudyBundle b = ReferenceForms.bundle();
        Study defaults = b.study().withInterviewLanguages(InterviewLanguages.DEFAULT);
        assertThatThrownBy(() -> start(b, defaults, "km"))
                .isInstanceOf(InterviewException.class)
                .hasMessage("cannot interview in Khmer (km): its translation of form consent is draft (not reviewed),"
                        + " and study beyond-awareness allows interviews only in languages whose translation is"
                        + " complete or reviewed (study.yaml interview_languages)");
        // the master language is always allowed
        assertThat(start(b, defaults, "en").current(0)).isPresent();
        // the reference study allows its drafts, but not Lahu, which has no translation at all
        assertThat(start(b, b.study(), "km").current(0)).isPresent();
        assertThatThrownBy(() -> start(b, b.study(), "lhu")).hasMessageContaining(
                "cannot interview in Lahu (lhu): its translation of form consent is missing (not translated)");
    }

    @Test
    void interview_draftAllowed_warnsOnEveryFallback() throws Exception {
        Path dir = tmp.resolve("beyond-awareness");
        copy(ReferenceForms.STUDY_DIR, dir);
        Path km = dir.resolve("translations").resolve("km.yaml");
        List<String> lines = new ArrayList<>(Files.readAllLines(km));
        assertThat(lines.removeIf(l -> l.trim().startsWith("info_use.label:")
                || l.trim().startsWith("participation.choices.no:"))).isTrue();
        Files.write(km, lines);
        StudyBundle b = StudyLoader.load(dir);
        InterviewSession s = start(b, b.study(), "km");
        assertThat(LanguageGate.warnings(b.study(), "km", b.form("consent").orElseThrow(),
                b.form("interview").orElseThrow())).hasSize(2).first().asString()
                .contains("Khmer (km) translation of form consent is draft (not reviewed)");

        List<Prompt> fellBack = new ArrayList<>();
        Optional<Prompt> p;
        while ((p = s.current(0)).isPresent() && p.get().formId().equals("consent")) {
            Prompt prompt = p.get();
            if (prompt.fellBack()) {
                fellBack.add(prompt);
            } else {
                assertThat(prompt.fallbackWarning()).isNull();
            }
            s.answer(0, ReferenceForms.adultConsent("KH-SVR-RH-007").get(prompt.questionId()));
        }
        assertThat(fellBack).extracting(Prompt::questionId).containsExactly("info_use", "participation");
        assertThat(fellBack).allSatisfy(f -> assertThat(f.fallbackWarning()).isEqualTo("not translated: shown in"
                + " English because the Khmer (km) translation of form consent is draft (not reviewed);"
                + " translate it for the respondent with care"));
    }

    @Test
    void consent_contactFromStudyYaml_filled() throws Exception {
        StudyBundle b = ReferenceForms.bundle();
        for (String lang : List.of("en", "km", "th")) {
            InterviewSession s = start(b, b.study(), lang);
            while (!s.current(0).orElseThrow().questionId().equals("info_contact")) {
                s.answer(0, null);
            }
            String read = s.current(0).orElseThrow().label();
            assertThat(read).as(lang).contains("Beyond Awareness research team (example)", "1 Example Street",
                    "+1 555 0100", "research-team@example.org").doesNotContain("{", "(Phone)", "(Email)");
        }
    }

    /** The reference study's files, without the overlays of other languages than Khmer. */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("translations"));
        for (String file : List.of("study.yaml", "consent.yaml", "interview.yaml", "translations/km.yaml")) {
            Files.copy(from.resolve(file), to.resolve(file));
        }
    }
}
