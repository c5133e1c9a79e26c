package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmissionStoreTest {
    @Test
    void padded_everySize_powerOfTwoWithTheSameDistinctValues() {
        Set<Integer> sizes = new HashSet<>();
        for (int n = 1; n <= 300; n++) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add("id-" + i);
            }
            List<String> padded = SubmissionStore.padded(values);
            assertThat(Integer.bitCount(padded.size())).as("size %d", n).isEqualTo(1);
            assertThat(padded.size()).isBetween(n, 2 * n - 1);
            assertThat(padded.subList(0, n)).isEqualTo(values);
            assertThat(new HashSet<>(padded)).isEqualTo(new HashSet<>(values));
            sizes.add(padded.size());
        }
        assertThat(sizes).containsExactlyInAnyOrder(1, 2, 4, 8, 16, 32, 64, 128, 256, 512);
    }
}
