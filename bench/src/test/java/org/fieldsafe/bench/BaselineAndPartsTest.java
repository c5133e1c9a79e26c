package org.fieldsafe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineAndPartsTest {
    @TempDir
    Path dir;

    @Test
    void baseline_smallRun_storesEveryRowInBothModes() throws Exception {
        StorageBaseline.Result r = new StorageBaseline(new EnvelopeFactory(BenchFixtures.study(null), 8192, 16384),
                BenchFixtures.DEVICE).run(dir, 40, 10);

        assertThat(r.perRowTransaction()).isPositive();
        assertThat(r.batched()).isPositive();
        assertThat(r.fileBytes()).isPositive();
        assertThat(ServerCount.count(dir.resolve("baseline-batched.db"), "SELECT COUNT(*) FROM submissions"))
                .isEqualTo(40);
        assertThat(r.format()).contains("40 rows").contains("10 rows per transaction");
    }

    @Test
    void percentile_nearestRank() {
        Latencies l = new Latencies();
        for (int i = 100; i >= 1; i--) {
            l.add(Duration.ofMillis(i).toNanos(), 0);
        }

        assertThat(l.percentile(50)).isEqualTo(Duration.ofMillis(50));
        assertThat(l.percentile(99)).isEqualTo(Duration.ofMillis(99));
        assertThat(l.percentile(100)).isEqualTo(Duration.ofMillis(100));
        assertThat(new Latencies().percentile(99)).isZero();
    }

    @Test
    void perSecond_bucketsByEndTime() {
        Latencies l = new Latencies();
        long from = 1_000_000_000L;
        for (int i = 1; i <= 100; i++) {
            l.add(Duration.ofMillis(i).toNanos(), from + 200_000_000L);
        }
        l.add(Duration.ofMillis(700).toNanos(), from + 2_500_000_000L);
        List<Latencies.Second> seconds = l.perSecond(from);
        assertThat(seconds).extracting(Latencies.Second::requests).containsExactly(100, 0, 1);
        assertThat(seconds.get(0).p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(seconds.get(0).max()).isEqualTo(Duration.ofMillis(100));
        assertThat(seconds.get(1).max()).isZero();
        assertThat(seconds.get(2).p99()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void devices_fileRoundTrip_tokenNeverInToString() throws Exception {
        Path file = dir.resolve("devices.tsv");
        Device.write(file, List.of(BenchFixtures.DEVICE));

        assertThat(Device.read(file)).containsExactly(BenchFixtures.DEVICE);
        assertThat(BenchFixtures.DEVICE.toString()).doesNotContain("tok-bench-secret");
    }

    @Test
    void studyContext_fromManifest_formsResearchKeysAndReceiptKey() throws Exception {
        String manifest = """
                {"study":{"id":"beyond-awareness","sha256":"x"},"forms":[
                 {"formId":"consent","kind":"consent","version":2,"sha256":"c1"},
                 {"formId":"interview","kind":"interview","version":3,"sha256":"i1"}],
                 "keys":[{"purpose":"research","publicKey":"AAAA","fingerprint":"f1"},
                         {"purpose":"receipt","publicKey":"AQID","fingerprint":"f2"}]}""";

        StudyContext study = StudyContexts.fromManifest(Http.JSON.readTree(manifest), "beyond-awareness");

        assertThat(study.interview().version()).isEqualTo(3);
        assertThat(study.consent().sha256()).isEqualTo("c1");
        assertThat(study.keyIds()).containsExactly(java.util.Map.entry("research", "f1"));
        assertThat(study.receiptKey()).containsExactly(1, 2, 3);
    }
}
