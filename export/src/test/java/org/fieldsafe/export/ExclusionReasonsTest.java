package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExclusionReasonsTest {
    private static final ExportManifest.Filter NONE = new ExportManifest.Filter(List.of(), List.of(), null, null);
    private static final ExportManifest.Filter SITE = new ExportManifest.Filter(List.of("NP-KAN"), List.of(),
            "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");

    private static ExportManifest.Counts counts(long filteredOut, long unopenable, long withdrawn, long exported,
                                                long suppressed) {
        return new ExportManifest.Counts(exported + unopenable, filteredOut, unopenable, withdrawn, exported, exported,
                suppressed);
    }

    @Test
    void of_everyReasonCountedAndSaidInWords() {
        ExportManifest.Excluded excluded = ExclusionReasons.of(counts(1, 2, 3, 10, 6), SITE, 4, 5,
                List.of("site", "category", "age"), Map.of(2, 4L, 1, 2L));

        assertThat(excluded.outsideFilter()).isEqualTo(5);
        assertThat(excluded.suppressedGroups()).isEqualTo(4);
        assertThat(excluded.reasons()).containsExactly(
                "5 interview(s) left out by the filter (site NP-KAN only; finalised from 2026-03-01T00:00:00Z "
                        + "before 2026-04-01T00:00:00Z).",
                "3 interview(s) left out because a respondent withdrew (their sealed parts are shredded).",
                "2 interview(s) could not be opened with the research key (altered, or sealed to another key); they "
                        + "are listed under 'unopenable'.",
                "6 respondent(s) in 4 group(s) smaller than k=5 left out for k-anonymity (groups by site, category, "
                        + "age; the groups are not named).");
    }

    @Test
    void of_emptyWithNothingLeftOut_saysWhetherAFilterMatchedNothingOrNothingArrived() {
        assertThat(ExclusionReasons.of(counts(0, 0, 0, 0, 0), NONE, 0, 5, List.of(), Map.of()).reasons())
                .containsExactly("No interview of the study has been received yet.");
        assertThat(ExclusionReasons.of(counts(0, 0, 0, 0, 0), SITE, 0, 5, List.of(), Map.of()).reasons())
                .containsExactly("No interview matched the filter (site NP-KAN only; finalised from "
                        + "2026-03-01T00:00:00Z before 2026-04-01T00:00:00Z).");
        assertThat(ExclusionReasons.of(counts(0, 0, 0, 7, 0), NONE, 0, 5, List.of(), Map.of()).reasons()).isEmpty();
    }
}
