package org.fieldsafe.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SubmissionIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheTimeOfIssue() {
        long before = System.currentTimeMillis();
        String id = SubmissionIds.next();
        long after = System.currentTimeMillis();
        UUID uuid = UUID.fromString(id);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsIssuedOneAfterAnotherSortAsTextInIssueOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(SubmissionIds.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d", i).isGreaterThan(ids.get(i - 1));
        }
    }

    @Test
    void idsIssuedOnManyThreadsAreDistinct() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        seen.add(SubmissionIds.next());
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(80_000);
    }
}
