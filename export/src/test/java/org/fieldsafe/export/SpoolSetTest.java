package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolSetTest {
    @TempDir
    Path work;

    private static ExportRow record(String thread, int i) {
        return new ExportRow(thread + "-" + i, "R", "KH-SVR", "RH", "interview", 1, "km", "2018-01", "g",
                Map.of("q", thread + i));
    }

    private static void fill(SpoolSet set, String thread, int n) {
        try {
            for (int i = 0; i < n; i++) {
                set.current().append(Spool.encode(List.of(record(thread, i))), 1);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void forEach_twoWritingThreads_everyRecordOnceInEachSpoolsOrder() throws Exception {
        Map<Integer, List<String>> bySpool = new TreeMap<>();
        try (SpoolSet set = new SpoolSet(work)) {
            Thread a = new Thread(() -> fill(set, "a", 3000));
            Thread b = new Thread(() -> fill(set, "b", 2000));
            a.start();
            b.start();
            a.join();
            b.join();
            assertThat(set.size()).isEqualTo(2);
            assertThat(set.rows()).isEqualTo(5000);
            set.forEach(ExportRow::interview,
                    (index, id) -> bySpool.computeIfAbsent(index, x -> new ArrayList<>()).add(id));
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files).hasSize(2);
            }
        }
        assertThat(bySpool).hasSize(2);
        for (List<String> ids : bySpool.values()) {
            String thread = ids.get(0).substring(0, 1);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                expected.add(thread + "-" + i);
            }
            assertThat(ids).isEqualTo(expected);
        }
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files).as("spools deleted on close").isEmpty();
        }
    }

    @Test
    void forEach_consumerFails_failureReachesTheCaller() throws Exception {
        try (SpoolSet set = new SpoolSet(work)) {
            Thread a = new Thread(() -> fill(set, "a", 2000));
            a.start();
            a.join();
            fill(set, "main", 2000);
            assertThatThrownBy(() -> set.forEach(r -> r, (index, r) -> {
                throw new IOException("disk full");
            })).hasMessage("disk full");
            assertThatThrownBy(() -> set.forEach(r -> {
                throw new IllegalStateException("cannot render");
            }, (index, r) -> { })).isInstanceOf(IOException.class).hasMessageContaining("cannot render");
        }
    }
}
