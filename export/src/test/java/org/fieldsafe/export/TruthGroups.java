package org.fieldsafe.export;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldsafe.core.forms.Anonymisation;
import org.fieldsafe.core.forms.Study;

/**
 * The groups of generated respondents at the levels a manifest names, recomputed here from what was generated,
 * without the engine's code: site to country (study.yaml) and region, age to the band of the named bounds, any as
 * {@code *}.
 */
final class TruthGroups {
    private TruthGroups() {
    }

    static List<String> key(Study study, Map<String, String> levels, ExportFixtures.Person p) {
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
        return List.of(site, p.category(), gender, band);
    }

    /** Respondents per group at those levels. */
    static Map<List<String>, Long> of(Study study, Map<String, String> levels,
                                      List<ExportFixtures.Answered> answered) {
        return answered.stream().collect(Collectors.groupingBy(t -> key(study, levels, t.person()),
                Collectors.counting()));
    }

    /** Respondents in groups smaller than k at those levels. */
    static long suppressed(Study study, Map<String, String> levels, List<ExportFixtures.Answered> answered, int k) {
        return of(study, levels, answered).values().stream().filter(n -> n < k).mapToLong(Long::longValue).sum();
    }

    /** The levels of data as collected (no wider level). */
    static Map<String, String> asCollected() {
        return Map.of("site", "as collected", "age", "as collected", "gender", "as collected");
    }
}
