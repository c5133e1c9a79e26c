package org.fieldsafe.client.interview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.xform.XFormOptions;
import org.fieldsafe.core.forms.xform.XFormWriter;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the XForms Fieldsafe writes: JavaRosa (ODK Collect's engine) and the field app's interview
 * engine walk the same generated answer sets, and must agree question by question on which questions are shown
 * (relevant), which answers a constraint (or identity check) refuses and which required question is left empty.
 * Both XForms of each study are walked: the interview's (consent group, then the interview) and the consent form's.
 */
class XFormDifferentialTest {
    /**
     * Answer sets per study (-Dxforms.sets scales them): most for the reference study and the functions study, whose
     * interviews walks reach; fewer for core's and the server's fixture studies, whose consent forms never open the
     * interview (no participation question, or no respondent code), as the XForm agrees. 10,200 in all.
     */
    private static final int SETS = Integer.getInteger("xforms.sets", 1000);
    private static final Map<String, Double> SHARE = Map.of("beyond-awareness", 4.0, "functions-study", 4.0);

    @Test
    void walk_generatedAnswerSets_javaRosaAgreesWithTheEngineOnEveryQuestion() throws Exception {
        Clock clock = Clock.systemDefaultZone();
        int compared = 0;
        int questions = 0;
        int reachedInterview = 0;
        int refused = 0;
        long seed = 18;
        for (StudyBundle bundle : XFormStudies.all()) {
            FormDefinition interview = bundle.forms().stream().filter(f -> f.kind() == FormKind.INTERVIEW)
                    .findFirst().orElseThrow();
            FormDefinition consent = bundle.form(interview.consentForm()).orElseThrow();
            Site site = bundle.study().sites().get(0);
            List<FormDefinition> forms = List.of(consent, interview);
            XFormOptions options = XFormOptions.forStudy(bundle, interview).withSite(site.id());
            JavaRosaWalk full = new JavaRosaWalk(JavaRosaForms.load(XFormWriter.write(interview, options)), forms);
            JavaRosaWalk consentOnly = new JavaRosaWalk(JavaRosaForms.load(XFormWriter.write(consent,
                    XFormOptions.forStudy(bundle, consent).withSite(site.id()))), forms);
            AnswerSetGenerator generator = new AnswerSetGenerator(seed++, bundle.study(), site, LocalDate.now(clock),
                    forms);
            int reachedBefore = reachedInterview;
            int sets = (int) (SETS * SHARE.getOrDefault(bundle.study().id(), 1.1));
            for (int i = 0; i < sets; i++) {
                Map<String, List<Object>> answers = generator.next(forms);
                InterviewSession session = InterviewSession.start(bundle.study(), consent, interview,
                        bundle.study().masterLanguage(), site.id(), 1,
                        new InterviewSession.Options(clock, StopPolicy.DISCARD_ALL));
                List<String> engine = EngineWalk.walk(session, answers);
                compare(bundle, interview, answers, engine, full.walk(answers));
                List<String> engineConsent = engine.stream().filter(s -> s.startsWith(consent.id() + "/")).toList();
                compare(bundle, consent, answers, engineConsent, consentOnly.walk(answers));
                compared++;
                questions += engine.size() + engineConsent.size();
                if (engine.stream().anyMatch(step -> step.startsWith(interview.id() + "/"))) {
                    reachedInterview++;
                }
                if (engine.stream().anyMatch(step -> step.contains("constraint"))) {
                    refused++;
                }
            }
            System.out.println("  " + bundle.study().id() + ": " + sets + " answer sets, "
                    + (reachedInterview - reachedBefore) + " reached the interview form");
        }
        System.out.println("XForms differential: " + compared + " answer sets compared (" + questions
                + " question steps; " + reachedInterview + " reached the interview form, " + refused
                + " had an answer refused by a constraint), JavaRosa and the engine agree");
        assertThat(compared).isGreaterThanOrEqualTo(10_000);
        assertThat(reachedInterview).as("walks that reach the interview form").isGreaterThan(compared / 4);
        assertThat(refused).as("walks with a refused answer").isGreaterThan(compared / 4);
    }

    private static void compare(StudyBundle bundle, FormDefinition form, Map<String, List<Object>> answers,
                                List<String> engine, List<String> javaRosa) {
        if (engine.equals(javaRosa)) {
            return;
        }
        int i = 0;
        while (i < engine.size() && i < javaRosa.size() && engine.get(i).equals(javaRosa.get(i))) {
            i++;
        }
        String ours = i < engine.size() ? engine.get(i) : "(walk ended)";
        String theirs = i < javaRosa.size() ? javaRosa.get(i) : "(walk ended)";
        String question = (i < engine.size() ? engine.get(i) : theirs).split(":")[0];
        fail("XForm of " + bundle.study().id() + "/" + form.id() + " disagrees at " + question
                + "\n  engine:   " + ours + "\n  JavaRosa: " + theirs
                + "\n  answers of " + question + ": " + shorten(answers.get(question))
                + "\n  answers: " + shorten(answers)
                + "\n  engine walk:   " + engine + "\n  JavaRosa walk: " + javaRosa);
    }

    private static String shorten(Object o) {
        String s = String.valueOf(o);
        return s.replaceAll("(.)\\1{40,}", "$1$1$1...");
    }
}
