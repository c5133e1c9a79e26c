package org.fieldsafe.export;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Who the synthetic study's respondents are (tests and benchmarks only; never real data): the site x category counts
 * of the reference study's Table 3 (STUDY.md section 1: rights holders / duty bearers / civil society per site), each
 * site's interview language, plausible ages (a few minors among rights holders; officials and association members
 * older) and genders (duty bearers mostly men), interview dates in Dec 2017 - Jan 2018, and answer text in the site's
 * language built from short sentences on the study's themes (STUDY.md section 5) written for this generator.
 * {@link SyntheticStudy} draws the 94 interviews of Table 3 from it; the export benchmark (bench module, through this
 * module's test jar) draws 100,000 in the same proportions.
 */
public final class SyntheticPeople {
    /** Table 3: site, then rights holders, duty bearers, civil society collected. */
    public static final List<Object[]> TABLE_3 = List.of(
            new Object[] {"BD-DHK", 8, 4, 4}, new Object[] {"KH-SVR", 8, 4, 4}, new Object[] {"IN-BHD", 7, 4, 3},
            new Object[] {"NP-KAN", 3, 2, 3}, new Object[] {"NP-RAP", 4, 2, 2}, new Object[] {"TH-CNX", 8, 4, 4},
            new Object[] {"TH-SAN", 8, 4, 4});
    public static final List<String> CATEGORIES = List.of("RH", "DB", "CS");
    /** The language each site's answers are written in. */
    public static final Map<String, String> LANGUAGE = Map.of("BD-DHK", "bn", "KH-SVR", "km", "IN-BHD", "hi",
            "NP-KAN", "ne", "NP-RAP", "ne", "TH-CNX", "th", "TH-SAN", "th");
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
    private static final int TABLE_3_TOTAL = TABLE_3.stream()
            .mapToInt(r -> (Integer) r[1] + (Integer) r[2] + (Integer) r[3]).sum();

    private SyntheticPeople() {
    }

    /** A site and category drawn in Table 3's proportions: {site, category}. */
    public static String[] siteAndCategory(RandomGenerator random) {
        int slot = random.nextInt(TABLE_3_TOTAL);
        for (Object[] row : TABLE_3) {
            for (int c = 0; c < CATEGORIES.size(); c++) {
                slot -= (Integer) row[c + 1];
                if (slot < 0) {
                    return new String[] {(String) row[0], CATEGORIES.get(c)};
                }
            }
        }
        throw new IllegalStateException("Table 3 slot out of range");
    }

    /** An age for a respondent of the category: a few minors (15-17) among rights holders, officials 30-62. */
    public static int age(RandomGenerator random, String category) {
        return switch (category) {
            case "RH" -> random.nextInt(20) == 0 ? 15 + random.nextInt(3) : 18 + random.nextInt(55);
            case "DB" -> 30 + random.nextInt(33);
            default -> 24 + random.nextInt(37);
        };
    }

    /** A gender for a respondent of the category: duty bearers mostly men; a few "other" and "no answer". */
    public static String gender(RandomGenerator random, String category) {
        int female = switch (category) {
            case "RH" -> 55;
            case "DB" -> 30;
            default -> 50;
        };
        int g = random.nextInt(100);
        return g < 2 ? "other" : g < 4 ? "no_answer" : g < 4 + female ? "female" : "male";
    }

    /**
     * The language the interview was run in: the site's, except Sannimit's rights holders (Lahu villagers),
     * interviewed in Lahu and transcribed in Thai - the only Lahu interviews, so the language alone names the site.
     */
    public static String interviewLanguage(String site, String category) {
        return site.equals("TH-SAN") && category.equals("RH") ? "lhu" : LANGUAGE.get(site);
    }

    /** An interview date in the collection window, Dec 2017 - Jan 2018. */
    public static LocalDate date(RandomGenerator random) {
        return LocalDate.of(2017, 12, 1).plusDays(random.nextInt(62));
    }

    /** An answer of realistic length: 8 to 40 of the language's sentences. */
    public static String text(RandomGenerator random, String language) {
        return sentences(random, language, 8 + random.nextInt(33), Integer.MAX_VALUE);
    }

    /** An answer of about {@code chars} characters (at least one sentence) in the language. */
    public static String text(RandomGenerator random, String language, int chars) {
        return sentences(random, language, Integer.MAX_VALUE, chars);
    }

    private static String sentences(RandomGenerator random, String language, int count, int chars) {
        List<String> sentences = SENTENCES.get(language);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count && s.length() < chars; i++) {
            s.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
        }
        return s.toString().trim();
    }
}
