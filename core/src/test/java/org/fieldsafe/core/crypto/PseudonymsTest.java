package org.fieldsafe.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PseudonymsTest {
    @Test
    void of_sameValueSamePseudonymWithinOneInstance_differentAcrossInstancesAndKinds() {
        try (Pseudonyms a = new Pseudonyms(); Pseudonyms b = new Pseudonyms()) {
            String p = a.of("R-", "respondent", "KH-SVR-RH-007");
            assertThat(p).matches("R-[0-9a-f]{12}");
            assertThat(a.of("R-", "respondent", "KH-SVR-RH-007")).isEqualTo(p);
            assertThat(a.of("R-", "respondent", "KH-SVR-RH-008")).isNotEqualTo(p);
            assertThat(a.of("R-", "interview", "KH-SVR-RH-007")).isNotEqualTo(p);
            assertThat(b.of("R-", "respondent", "KH-SVR-RH-007")).isNotEqualTo(p);
            assertThat(a.toString()).doesNotContain(p.substring(2));
        }
    }

    @Test
    void close_forgetsTheSecret() {
        Pseudonyms a = new Pseudonyms();
        String before = a.of("I-", "interview", "id");
        a.close();
        assertThat(a.of("I-", "interview", "id")).isNotEqualTo(before);
    }
}
