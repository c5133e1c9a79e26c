package org.fieldsafe.export;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RespondentCodes;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.wire.SubmissionHeader;
import org.fieldsafe.core.wire.SubmissionIds;

/**
 * A synthetic study that looks like the reference one (tests only; never real data): the 94 interviews of Table 3,
 * one respondent each, drawn from {@link SyntheticPeople} (sites, categories, ages, genders, languages, dates, answer
 * text of realistic length in the site's language). About one respondent in ten skips a topic question (an explicit
 * null), and the recording question is never asked (no recording consent), so the export's missing-value codes have
 * something to tell apart.
 */
final class SyntheticStudy {
    static final List<String> TOPICS = List.of("q_meaning", "q_causes", "q_protection", "q_risk", "q_reduction");

    private SyntheticStudy() {
    }

    /** The 94 interviews of Table 3, sealed to {@code research} (and {@code identity}). */
    static ExportFixtures.Generated generate(StudyBundle b, KeyPairBytes research, KeyPairBytes identity, long seed) {
        Random random = new Random(seed);
        FormDefinition interview = b.form("interview").orElseThrow();
        FormDefinition consent = b.form("consent").orElseThrow();
        List<SealedSubmission> out = new ArrayList<>();
        List<ExportFixtures.Answered> answered = new ArrayList<>();
        for (Object[] row : SyntheticPeople.TABLE_3) {
            String site = (String) row[0];
            for (int c = 0; c < 3; c++) {
                for (int n = 1; n <= (Integer) row[c + 1]; n++) {
                    ExportFixtures.Person p = person(random, site, SyntheticPeople.CATEGORIES.get(c), n);
                    String id = SubmissionIds.next();
                    ExportFixtures.Answered a = new ExportFixtures.Answered(p, id, "m" + answered.size() + "]");
                    answered.add(a);
                    out.add(seal(b, interview, consent, research, identity, a, random));
                }
            }
        }
        return new ExportFixtures.Generated(List.copyOf(out), List.copyOf(answered));
    }

    private static ExportFixtures.Person person(Random random, String site, String category, int n) {
        int age = SyntheticPeople.age(random, category);
        String gender = SyntheticPeople.gender(random, category);
        return new ExportFixtures.Person(String.format("%s-%s-%03d", site, category, n), site, category, age, gender,
                "Synthetic Name " + site + category + n, "Synthetic Address " + site + category + n);
    }

    private static SealedSubmission seal(StudyBundle b, FormDefinition interview, FormDefinition consent,
                                         KeyPairBytes research, KeyPairBytes identity, ExportFixtures.Answered a,
                                         Random random) {
        ExportFixtures.Person p = a.person();
        String language = SyntheticPeople.interviewLanguage(p.site(), p.category());
        LocalDate date = SyntheticPeople.date(random);
        Map<String, Object> consentAnswers = ExportFixtures.consentAnswers(p);
        Map<String, Object> answers = ExportFixtures.headerAnswers(p, date);
        for (String topic : TOPICS) {
            answers.put(topic, random.nextInt(10) == 0 ? null : SyntheticPeople.text(random, SyntheticPeople.LANGUAGE.get(p.site())));
        }
        answers.put("q_meaning", SyntheticPeople.text(random, SyntheticPeople.LANGUAGE.get(p.site())) + " [" + a.marker());
        answers.put("disclosure_check", random.nextInt(12) == 0 ? "yes" : "no");
        answers.put("indicators", random.nextInt(3) == 0 ? List.of("deceptive_recruitment") : List.of("none"));
        byte[] codeKey = new byte[RespondentCodes.KEY_BYTES];
        SubmissionHeader.RespondentAssertion assertion = new SubmissionHeader.RespondentAssertion(
                RespondentCodes.hash(codeKey, p.code()), p.category(), new SubmissionHeader.ConsentAssertion(true,
                false, "verbal", p.age() < 18, p.age() < 18 ? Boolean.TRUE : null, p.age() < 18 ? Boolean.TRUE : null));
        return ExportFixtures.sealParts(b, interview, consent, research, identity, a.submissionId(), p.site(),
                language, date, List.of(new ResearchPart.Respondent(p.code(), p.category(), consentAnswers, answers)),
                List.of(Map.of("code", p.code(), "answers", Map.of("name", p.name(), "address", p.address()))),
                List.of(assertion));
    }
}
