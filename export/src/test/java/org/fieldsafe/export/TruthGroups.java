package org.fieldsafe.export;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Study;

/**
 * The groups of generated respondents at the levels a manifest names, recomputed here from what was generated,
 * without the engine's code: site to country (study.yaml) and region, age to the band of the named bounds, dates to
 * month, quarter or year, any as {@code *}.
 */
final class TruthGroups {
    private TruthGroups() {
    }

    static List<String> key(Study study, Map<String, String> levels, ExportFixtures.Person p, String date) {
        Anonymisation a = study.anonymisationOrDefault();
        String country = study.site(p.site()).orElseThrow().country();
        String site = switch (levels.get("site")) {
            case "as collected" -> p.site();
            case "country" -> country;
            case "region" -> a.generalisation().regions().get(country);
            default -> "*";
        };
        String age = levels.get("age");
        String band = age.equals("any") ? "*" : age.equals("as collected") ? a.band(p.age())
                : new Anonymisation(List.of(), java.util.Arrays.stream(age.substring("bands ".length()).split(","))
                .map(Integer::valueOf).toList(), null).band(p.age());
        String gender = levels.get("gender").equals("any") ? "*" : p.gender();
        // the interview's date (the generators' finalised date and interview_date are the same day); levels that do
        // not name the dates leave them out of the key (the baseline: site x category x gender x age)
        return List.of(site, p.category(), gender, band, date(levels.get("finalised"), date),
                date(levels.get("interview_date"), date));
    }

    /** {@code YYYY-MM-DD...} at a date level in words: month as collected, quarter, year, any. */
    private static String date(String level, String date) {
        if (level == null || level.equals("any")) {
            return "*";
        }
        return switch (level) {
            case "as collected" -> date.substring(0, 7);
            case "quarter" -> date.substring(0, 4) + "-Q" + ((Integer.parseInt(date.substring(5, 7)) + 2) / 3);
            case "year" -> date.substring(0, 4);
            default -> throw new IllegalArgumentException(level);
        };
    }

    /** Respondents per group at those levels. */
    static Map<List<String>, Long> of(Study study, Map<String, String> levels, ExportFixtures.Generated data) {
        Map<String, String> dates = data.submissions().stream().collect(Collectors.toMap(
                SealedSubmission::submissionId, s -> s.header().finalisedAt()));
        return data.answered().stream().collect(Collectors.groupingBy(t -> key(study, levels, t.person(),
                dates.get(t.submissionId())), Collectors.counting()));
    }

    /** Respondents in groups smaller than k at those levels. */
    static long suppressed(Study study, Map<String, String> levels, ExportFixtures.Generated data, int k) {
        return of(study, levels, data).values().stream().filter(n -> n < k).mapToLong(Long::longValue).sum();
    }

    /** The levels of data as collected (no wider level). */
    static Map<String, String> asCollected() {
        return Map.of("site", "as collected", "age", "as collected", "gender", "as collected");
    }
}
