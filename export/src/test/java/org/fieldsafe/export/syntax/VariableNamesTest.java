package org.fieldsafe.export.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableNamesTest {
    @Test
    void of_longCollidingAndReservedNames_validUniqueAndAtMost32() {
        String long1 = "indicators__deceptive_recruitment";
        String long2 = "indicators__deceptive_recruitment_abroad";
        Map<String, String> names = VariableNames.of(List.of("interview", long1, long2, "in", "1st", "q-a",
                "Gender", "gender", "str5"));
        assertThat(names).containsEntry("interview", "interview")
                .containsEntry(long1, "indicators__deceptive_recruitmen")
                .containsEntry(long2, "indicators__deceptive_recruitm_2")
                .containsEntry("1st", "v1st").containsEntry("q-a", "q_a").containsEntry("Gender", "Gender");
        assertThat(names.get("in")).isNotEqualTo("in");
        assertThat(names.get("gender")).isNotEqualToIgnoringCase("gender");
        assertThat(names.get("str5")).isNotEqualTo("str5");
        assertThat(names.values()).allSatisfy(n -> assertThat(VariableNames.valid(n)).as(n).isTrue())
                .doesNotHaveDuplicates();
    }
}
