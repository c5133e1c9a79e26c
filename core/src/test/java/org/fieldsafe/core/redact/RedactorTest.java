package org.fieldsafe.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fieldsafe.core.redact.Redactor.Kind;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redact_englishWithNameAndPhone_replacesBoth() {
        Redactor r = new Redactor(List.of("Sokha Chan", "Phum Thmey, Svay Rieng"));
        Redactor.Redacted out = r.redact("Sokha said her cousin in Phum Thmey can be reached on +855 12 345 678.");
        assertThat(out.text()).isEqualTo("[NAME] said her cousin in [NAME] [NAME] can be reached on [PHONE].");
        assertThat(out.counts()).isEqualTo(Map.of(Kind.NAME, 3, Kind.PHONE, 1));
    }

    @Test
    void redact_localFormatsAndEmail_areFound() {
        Redactor r = new Redactor(List.of());
        assertThat(r.redact("Call 01712-345678 or 081 234 5678, or write to help.desk@example.org").text())
                .isEqualTo("Call [PHONE] or [PHONE], or write to [EMAIL]");
        assertThat(r.redact("Ring (+91) 98765 43210 now").text()).isEqualTo("Ring [PHONE] now");
    }

    @Test
    void redact_bengaliDigitsPhone_isFoundInBengaliText() {
        Redactor r = new Redactor(List.of("রহিম উদ্দিন"));
        Redactor.Redacted out = r.redact("রহিম ভাই বলেছেন দালালের নম্বর ০১৭১২৩৪৫৬৭৮ ছিল।");
        assertThat(out.text()).isEqualTo("[NAME] ভাই বলেছেন দালালের নম্বর [PHONE] ছিল।");
        assertThat(out.counts()).isEqualTo(Map.of(Kind.NAME, 1, Kind.PHONE, 1));
    }

    @Test
    void redact_devanagariAndThaiDigits_areFound() {
        Redactor r = new Redactor(List.of());
        assertThat(r.redact("उसका नंबर ९८७६५ ४३२१० है").text()).isEqualTo("उसका नंबर [PHONE] है");
        assertThat(r.redact("โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้").text()).isEqualTo("โทร [PHONE] ได้");
    }

    @Test
    void redact_khmerNameWithoutSpaces_isFound() {
        Redactor r = new Redactor(List.of("សុខា"));
        Redactor.Redacted out = r.redact("បងស្រីសុខាបានទៅធ្វើការនៅថៃ ទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨");
        assertThat(out.text()).isEqualTo("បងស្រី[NAME]បានទៅធ្វើការនៅថៃ ទូរស័ព្ទ [PHONE]");
    }

    @Test
    void redact_datesYearsAndShortNumbers_areKept() {
        Redactor r = new Redactor(List.of("Ram"));
        String text = "In 2017-2018, on 2026-03-01, 45 people left; Ramesh and the programme stayed.";
        Redactor.Redacted out = r.redact(text);
        assertThat(out.text()).isEqualTo(text);
        assertThat(out.changed()).isFalse();
    }

    @Test
    void redact_ownPhoneAndEmailIdentifiers_areReplaced() {
        Redactor r = new Redactor(List.of("5551234", "Maya.K@Mail.com"));
        Redactor.Redacted out = r.redact("My number is 555-1234 and maya.k@mail.com");
        assertThat(out.text()).isEqualTo("My number is [PHONE] and [EMAIL]");
    }

    @Test
    void redact_nameCaseInsensitive_isReplacedEverywhere() {
        Redactor r = new Redactor(List.of("Anil Kumar"));
        assertThat(r.redact("ANIL KUMAR and anil went; Kumar stayed").text())
                .isEqualTo("[NAME] and [NAME] went; [NAME] stayed");
    }

    // Place and organisation names of the reference study's sites (STUDY.md sections 1 and 6; the forms'
    // study.yaml lists them), one test per language of the study.

    private static Redactor listed(List<String> places, List<String> organisations) {
        return new Redactor(List.of(), places, organisations);
    }

    @Test
    void redact_englishPlaceAndOrganisation_areReplacedAsWholeWords() {
        Redactor r = listed(List.of("Svay Rieng", "Phum Thmey"), List.of("Commune Committee for Women and Children"));
        Redactor.Redacted out = r.redact("From phum thmey in Svay Rieng the commune committee for women and children "
                + "sent her on; Phum Thmeyville and Rieng alone stay.");
        assertThat(out.text()).isEqualTo("From [PLACE] in [PLACE] the [ORGANISATION] sent her on; "
                + "Phum Thmeyville and Rieng alone stay.");
        assertThat(out.counts()).isEqualTo(Map.of(Kind.PLACE, 2, Kind.ORGANISATION, 1));
    }

    @Test
    void redact_organisationNamingAPlace_isOneOrganisation() {
        Redactor r = listed(List.of("Lahu", "Chiang Mai"), List.of("Thai-Lahu Foundation"));
        assertThat(r.redact("The Thai-Lahu Foundation in Chiang Mai helped.").text())
                .isEqualTo("The [ORGANISATION] in [PLACE] helped.");
    }

    @Test
    void find_placeAndOrganisation_giveKindAndPosition() {
        Redactor r = listed(List.of("Bhadohi"), List.of("Childline"));
        String text = "Bhadohi: call Childline";
        assertThat(r.find(text)).containsExactly(new Redactor.Replacement(0, 7, Kind.PLACE),
                new Redactor.Replacement(14, 23, Kind.ORGANISATION));
    }

    @Test
    void redact_bengaliPlaceAndOrganisation_nativeDigitsKept() {
        Redactor r = listed(List.of("মিরপুর"), List.of("জাতীয় মহিলা সংস্থা"));
        Redactor.Redacted out = r.redact("মিরপুর থেকে ৪৫ জন গেছে, জাতীয় মহিলা সংস্থা জানে। মিরপুরের নয়।");
        assertThat(out.text()).isEqualTo("[PLACE] থেকে ৪৫ জন গেছে, [ORGANISATION] জানে। মিরপুরের নয়।");
    }

    @Test
    void redact_khmerPlaceWithoutSpaces_isFoundInsideTheRun() {
        Redactor r = listed(List.of("ស្វាយរៀង"), List.of("មូលនិធិ"));
        Redactor.Redacted out = r.redact("នាងមកពីស្វាយរៀងកាលពីឆ្នាំ២០១៧ មូលនិធិជួយ");
        assertThat(out.text()).isEqualTo("នាងមកពី[PLACE]កាលពីឆ្នាំ២០១៧ [ORGANISATION]ជួយ");
        assertThat(out.counts()).isEqualTo(Map.of(Kind.PLACE, 1, Kind.ORGANISATION, 1));
    }

    @Test
    void redact_hindiPlaceAndOrganisation_areReplaced() {
        Redactor r = listed(List.of("भदोही"), List.of("चाइल्डलाइन"));
        assertThat(r.redact("भदोही के १२ बच्चे चाइल्डलाइन तक पहुँचे").text())
                .isEqualTo("[PLACE] के १२ बच्चे [ORGANISATION] तक पहुँचे");
    }

    @Test
    void redact_nepaliPlaceAndOrganisation_areReplaced() {
        Redactor r = listed(List.of("कञ्चन गाउँपालिका"), List.of("राष्ट्रिय महिला आयोग"));
        Redactor.Redacted out = r.redact("कञ्चन गाउँपालिका बाट ३ जना राष्ट्रिय महिला आयोग गए। कञ्चनपुर होइन।");
        assertThat(out.text()).isEqualTo("[PLACE] बाट ३ जना [ORGANISATION] गए। कञ्चनपुर होइन।");
    }

    @Test
    void redact_thaiPlaceWithoutSpaces_isFoundInsideTheRun() {
        Redactor r = listed(List.of("เชียงใหม่"), List.of("ศูนย์ประชาบดี"));
        Redactor.Redacted out = r.redact("เธอไปทำงานที่เชียงใหม่เมื่อ ๒๕๖๐ แล้วโทรหาศูนย์ประชาบดี");
        assertThat(out.text()).isEqualTo("เธอไปทำงานที่[PLACE]เมื่อ ๒๕๖๐ แล้วโทรหา[ORGANISATION]");
    }

    @Test
    void redact_lahuPlaceWithToneMarks_isReplacedAsAWholeWord() {
        Redactor r = listed(List.of("Sannimit", "Chiang Maiˇ"), List.of());
        Redactor.Redacted out = r.redact("Nga Sannimit ve chi Chiang Maiˇ qo̠ la ve; Sannimitpa te.");
        assertThat(out.text()).isEqualTo("Nga [PLACE] ve chi [PLACE] qo̠ la ve; Sannimitpa te.");
    }

    /**
     * The listed names are looked for in the case-folded text and tried only where they stand: every text gives
     * exactly the replacements of trying each name's pattern over the whole text (in priority order, an overlap
     * with an earlier replacement dropped) - in any case, next to letters and marks, in scripts without spaces,
     * beside characters whose case mapping changes length (German sharp s, Turkish dotted I) or that only match when
     * upper-cased first (Greek final sigma, long s), and
     * characters outside the BMP.
     */
    @Test
    void normalise_textAlreadyNfc_isReturnedAsItIs() {
        String nfc = "Café ঢাকা ভাষা ខ្មែរ";
        assertThat(Redactor.normalise(nfc)).isSameAs(nfc);
        assertThat(Redactor.normalise("Cafe\u0301 ঢাকা ভাষা ខ្មែរ")).isEqualTo(nfc);
    }

    @Test
    void find_listedNamesInAnyCaseAndScript_sameAsEachPatternOverTheWholeText() {
        List<String> places = List.of("Mirpur", "Svay Rieng", "Phum Thmey", "Straße", "İzmir", "ΣΟΦΙΑ", "Fang",
                "মিরপুর", "ស្វាយរៀង", "เชียงใหม่", "ฝาง", "भदोही", "a\uD835\uDC9Cb", "ßa", "ΟΔΟΣ", "Mass");
        List<String> organisations = List.of("Thai-Lahu Foundation", "CCWC", "ศูนย์ประชาบดี", "Fang Rieng");
        List<String> identifiers = List.of("Sokha Chan", "Rahim");
        Redactor redactor = new Redactor(identifiers, places, organisations);
        List<String> pieces = List.of("mirpur", "MIRPUR", "MirPur", "xMirpur", "Mirpurx", "svay rieng",
                "SVAY RIENG", "phum thmey", "STRASSE", "straße", "STRAẞE", "izmir", "İZMİR", "i̇zmir", "σοφια",
                "σοφιας", "ΣΟΦΙΑ", "Σοφιά", "fang", "FANG RIENG", "Fangs", "মিরপুর", "মিরপুরে", "ស្វាយរៀង",
                "នៅស្វាយរៀងខេត្ត", "เชียงใหม่", "ที่ฝางและ", "भदोही", "भदोहीं", "a\uD835\uDC9Cb",
                "A\uD835\uDC9CB", "ßA", "SSA", "thai-lahu foundation", "ccwc", "CcWc", "ศูนย์ประชาบดี", "sokha",
                "CHAN", "Sokha Chan", "οδος", "ΟΔΟΣ", "maſs", "MASS", "rahim", "Rahimuddin", "+855 12 345 678",
                "x@y.org", "2017-2018", "\u0301",
                "\uD83D\uDE00", " ", " ", " ", "-", ".", "\n", "the", "village", "ব", "স");
        java.util.Random random = new java.util.Random(19);
        for (int t = 0; t < 3000; t++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            String scan = text.toString();
            assertThat(redactor.find(scan)).as(scan).isEqualTo(eachPatternOver(scan, identifiers, places,
                    organisations));
        }
    }

    /** The replacements of the listed names found by running each name's pattern over the whole text. */
    private static List<Redactor.Replacement> eachPatternOver(String text, List<String> identifiers,
                                                              List<String> places, List<String> organisations) {
        String scan = Digits.toAscii(Redactor.normalise(text));
        List<Redactor.Replacement> spans = new java.util.ArrayList<>(
                new Redactor(List.of()).find(text));
        List<String> names = new java.util.ArrayList<>();
        for (String id : identifiers) {
            names.add(id);
            java.util.regex.Matcher words = java.util.regex.Pattern.compile("[\\p{L}\\p{M}]+").matcher(id);
            while (words.find()) {
                if (words.group().codePointCount(0, words.group().length()) >= 3) {
                    names.add(words.group());
                }
            }
        }
        java.util.Map<Kind, List<String>> byKind = new java.util.LinkedHashMap<>();
        byKind.put(Kind.NAME, names);
        byKind.put(Kind.ORGANISATION, organisations);
        byKind.put(Kind.PLACE, places);
        byKind.forEach((kind, list) -> {
            List<java.util.regex.Pattern> patterns = new java.util.ArrayList<>();
            for (String name : list) {
                String value = Digits.toAscii(Redactor.normalise(name.strip()));
                String quoted = java.util.regex.Pattern.quote(value);
                patterns.add(java.util.regex.Pattern.compile(value.matches(
                        ".*[\\p{IsThai}\\p{IsKhmer}\\p{IsLao}\\p{IsMyanmar}].*") ? quoted
                        : "(?<![\\p{L}\\p{M}])" + quoted + "(?![\\p{L}\\p{M}])",
                        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE));
            }
            patterns.sort(java.util.Comparator.comparingInt(
                    (java.util.regex.Pattern p) -> p.pattern().length()).reversed());
            for (java.util.regex.Pattern p : patterns) {
                java.util.regex.Matcher m = p.matcher(scan);
                while (m.find()) {
                    if (spans.stream().noneMatch(s -> m.start() < s.end() && s.start() < m.end())) {
                        spans.add(new Redactor.Replacement(m.start(), m.end(), kind));
                    }
                }
            }
        });
        spans.sort(java.util.Comparator.comparingInt(Redactor.Replacement::start));
        return spans;
    }
}
