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
 * A synthetic study that looks like the reference one (tests only; never real data): 94 interviews, one respondent
 * each, in the site x category counts of Table 3 (STUDY.md section 1: rights holders / duty bearers / civil society
 * per site), collected Dec 2017 - Jan 2018, with plausible ages (a few minors among rights holders; officials and
 * association members older) and genders (duty bearers mostly men), and answers to the five topic questions of a
 * realistic length (a few hundred to about 1,500 characters) in the site's language (Thai at Sannimit: the guide has
 * no Lahu translation; its rights holders' interviews are run in Lahu, {@code lhu}, and transcribed in Thai), built from short sentences on the study's themes (STUDY.md section 5) written for this
 * generator. About one respondent in ten skips a topic question (an explicit null), and the recording question is
 * never asked (no recording consent), so the export's missing-value codes have something to tell apart.
 */
final class SyntheticStudy {
    /** Table 3: site, then rights holders, duty bearers, civil society collected. */
    static final List<Object[]> TABLE_3 = List.of(
            new Object[] {"BD-DHK", 8, 4, 4}, new Object[] {"KH-SVR", 8, 4, 4}, new Object[] {"IN-BHD", 7, 4, 3},
            new Object[] {"NP-KAN", 3, 2, 3}, new Object[] {"NP-RAP", 4, 2, 2}, new Object[] {"TH-CNX", 8, 4, 4},
            new Object[] {"TH-SAN", 8, 4, 4});
    static final Map<String, String> LANGUAGE = Map.of("BD-DHK", "bn", "KH-SVR", "km", "IN-BHD", "hi", "NP-KAN", "ne",
            "NP-RAP", "ne", "TH-CNX", "th", "TH-SAN", "th");
    /** Sentences per language: false job offers, poverty, lack of awareness, prevention by awareness raising. */
    static final Map<String, List<String>> SENTENCES = Map.of(
            "bn", List.of("মানুষকে শহরে ভালো চাকরির প্রতিশ্রুতি দেওয়া হয়।", "দারিদ্র্য এবং সচেতনতার অভাবই প্রধান কারণ।",
                    "গ্রামে সচেতনতা বাড়াতে হবে।", "দালালরা প্রায়ই পরিচিত মানুষ।"),
            "km", List.of("មនុស្សត្រូវបានគេសន្យាថានឹងមានការងារល្អនៅទីក្រុង។", "ភាពក្រីក្រ និងកង្វះការយល់ដឹង គឺជាមូលហេតុចម្បង។",
                    "យើងត្រូវបង្កើនការយល់ដឹងនៅក្នុងសហគមន៍។", "មេខ្យល់ច្រើនតែជាអ្នកដែលគេស្គាល់។"),
            "hi", List.of("लोगों को शहर में अच्छी नौकरी का वादा किया जाता है।", "गरीबी और जागरूकता की कमी मुख्य कारण हैं।",
                    "समुदाय में जागरूकता बढ़ानी चाहिए।", "दलाल अक्सर जान-पहचान के लोग होते हैं।"),
            "ne", List.of("मानिसहरूलाई विदेशमा राम्रो काम दिने वाचा गरिन्छ।", "गरिबी र चेतनाको कमी मुख्य कारण हुन्।",
                    "समुदायमा चेतना जगाउनुपर्छ।", "दलालहरू प्रायः चिनेकै मानिस हुन्छन्।"),
            "th", List.of("คนถูกหลอกว่าจะได้งานดีในเมือง ", "ความยากจนและการขาดความรู้เป็นสาเหตุหลัก ",
                    "ต้องสร้างความตระหนักรู้ในชุมชน ", "นายหน้ามักเป็นคนที่รู้จักกัน "));
    static final List<String> TOPICS = List.of("q_meaning", "q_causes", "q_protection", "q_risk", "q_reduction");
    private static final List<String> CATEGORIES = List.of("RH", "DB", "CS");

    private SyntheticStudy() {
    }

    /** The 94 interviews of Table 3, sealed to {@code research} (and {@code identity}). */
    static ExportFixtures.Generated generate(StudyBundle b, KeyPairBytes research, KeyPairBytes identity, long seed) {
        Random random = new Random(seed);
        FormDefinition interview = b.form("interview").orElseThrow();
        FormDefinition consent = b.form("consent").orElseThrow();
        List<SealedSubmission> out = new ArrayList<>();
        List<ExportFixtures.Answered> answered = new ArrayList<>();
        for (Object[] row : TABLE_3) {
            String site = (String) row[0];
            for (int c = 0; c < 3; c++) {
                for (int n = 1; n <= (Integer) row[c + 1]; n++) {
                    ExportFixtures.Person p = person(random, site, CATEGORIES.get(c), n);
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
        int age = switch (category) {
            case "RH" -> random.nextInt(20) == 0 ? 15 + random.nextInt(3) : 18 + random.nextInt(55);
            case "DB" -> 30 + random.nextInt(33);
            default -> 24 + random.nextInt(37);
        };
        int female = switch (category) {
            case "RH" -> 55;
            case "DB" -> 30;
            default -> 50;
        };
        int g = random.nextInt(100);
        String gender = g < 2 ? "other" : g < 4 ? "no_answer" : g < 4 + female ? "female" : "male";
        return new ExportFixtures.Person(String.format("%s-%s-%03d", site, category, n), site, category, age, gender,
                "Synthetic Name " + site + category + n, "Synthetic Address " + site + category + n);
    }

    /** An answer of realistic length: 8 to 40 of the language's sentences. */
    static String text(Random random, String language) {
        List<String> sentences = SENTENCES.get(language);
        StringBuilder s = new StringBuilder();
        int count = 8 + random.nextInt(33);
        for (int i = 0; i < count; i++) {
            s.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
        }
        return s.toString().trim();
    }

    private static SealedSubmission seal(StudyBundle b, FormDefinition interview, FormDefinition consent,
                                         KeyPairBytes research, KeyPairBytes identity, ExportFixtures.Answered a,
                                         Random random) {
        ExportFixtures.Person p = a.person();
        // Sannimit's rights holders (Lahu villagers) were interviewed in Lahu, transcribed in Thai: the only
        // site with Lahu interviews, so the language column alone would name the site
        String language = p.site().equals("TH-SAN") && p.category().equals("RH") ? "lhu" : LANGUAGE.get(p.site());
        LocalDate date = LocalDate.of(2017, 12, 1).plusDays(random.nextInt(62));
        Map<String, Object> consentAnswers = ExportFixtures.consentAnswers(p);
        Map<String, Object> answers = ExportFixtures.headerAnswers(p, date);
        for (String topic : TOPICS) {
            answers.put(topic, random.nextInt(10) == 0 ? null : text(random, LANGUAGE.get(p.site())));
        }
        answers.put("q_meaning", text(random, LANGUAGE.get(p.site())) + " [" + a.marker());
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
