package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The synthetic respondents the export benchmark draws at scale keep the study's shape. */
class SyntheticPeopleTest {

    @Test
    void siteAndCategory_drawsTable3Proportions() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> drawn = new HashMap<>();
        int draws = 94_000;
        for (int i = 0; i < draws; i++) {
            String[] sc = SyntheticPeople.siteAndCategory(random);
            drawn.merge(sc[0] + "/" + sc[1], 1, Integer::sum);
        }
        assertThat(drawn).hasSize(21);
        for (Object[] row : SyntheticPeople.TABLE_3) {
            for (int c = 0; c < 3; c++) {
                // Table 3 has 94 interviews: each of its cells is expected (count / 94) of the draws, here count x 1000
                int expected = (Integer) row[c + 1] * 1000;
                String cell = row[0] + "/" + SyntheticPeople.CATEGORIES.get(c);
                assertThat((double) drawn.get(cell)).as(cell).isCloseTo(expected, within(expected * 0.1));
            }
        }
    }

    @Test
    void interviewLanguage_lahuOnlyForSannimitRightsHolders() {
        assertThat(SyntheticPeople.interviewLanguage("TH-SAN", "RH")).isEqualTo("lhu");
        assertThat(SyntheticPeople.interviewLanguage("TH-SAN", "DB")).isEqualTo("th");
        assertThat(SyntheticPeople.interviewLanguage("KH-SVR", "RH")).isEqualTo("km");
    }

    @Test
    void text_ofAskedLengthInTheLanguage() {
        String khmer = SyntheticPeople.text(new SplittableRandom(3), "km", 900);
        assertThat(khmer.length()).isBetween(900, 900 + 60);
        assertThat(khmer).matches("[\\p{InKhmer}\\s]+");
        assertThat(SyntheticPeople.age(new SplittableRandom(1), "DB")).isBetween(30, 62);
    }
}
