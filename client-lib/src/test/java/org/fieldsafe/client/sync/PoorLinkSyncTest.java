package org.fieldsafe.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.PullUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync through {@link ShapingProxy}, the poor-link benchmark's link, with a short drop schedule and small files so
 * it runs in seconds: the recording's chunks follow the measured rate, and after each drop the upload resumes
 * from the server's length without sending again a byte the server had acknowledged.
 */
class PoorLinkSyncTest {
    private static final Instant NOW = SyncTest.NOW;
    private static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(20), Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path home;

    SubmissionServer server;
    DeviceStore store;
    FieldsafeClient client;

    @BeforeEach
    void setUp() throws Exception {
        server = SubmissionServer.start();
        store = DeviceStore.open(home);
        client = new FieldsafeClient(store, SETTINGS);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void sync_linkDropsMidChunk_resumesAndResendsNothingAcknowledged() throws Exception {
        byte[] recording = recording(600_000);
        ShapingProxy.Profile link = new ShapingProxy.Profile(1_600_000, Duration.ofMillis(20), Duration.ofMillis(60),
                Duration.ofMillis(700), Duration.ofMillis(1300), Duration.ofMillis(100), 7);
        try (ShapingProxy proxy = new ShapingProxy(0, server.port(), link)) {
            enrolAt(proxy);
            store.outbox().put(SyncTest.ATTACHED, SyncTest.envelope(SyncTest.ATTACHED, 500), NOW,
                    Map.of("recording", recording));

            SyncResult result = client.sync(new SyncProgress() { }, options());

            assertThat(result.complete()).isTrue();
            assertThat(server.attachment(SyncTest.ATTACHED + "/recording")).isEqualTo(recording);
            assertThat(proxy.drops()).as("the link dropped during the upload").isGreaterThanOrEqualTo(1);
            assertThat(proxy.ledger().bodyForwarded()).as("a chunk was cut short and sent again")
                    .isGreaterThan(recording.length + 500);
            assertThat(proxy.ledger().resentAcknowledged()).isZero();
            assertThat(proxy.ledger().conflicts()).isZero();
        }
    }

    @Test
    void sync_measuredLink_firstChunkSmallThenSizedToTheRate() throws Exception {
        // 1.6 Mbit/s: 200 KB/s, so 8 s would carry 1.6 MB; the first chunk is 64 KiB, then at most four-fold a chunk
        byte[] recording = recording(900_000);
        ShapingProxy.Profile link = new ShapingProxy.Profile(1_600_000, Duration.ofMillis(20), Duration.ofMillis(20),
                null, null, Duration.ZERO, 1);
        try (ShapingProxy proxy = new ShapingProxy(0, server.port(), link)) {
            enrolAt(proxy);
            store.outbox().put(SyncTest.ATTACHED, SyncTest.envelope(SyncTest.ATTACHED, 500), NOW,
                    Map.of("recording", recording));

            SyncResult result = client.sync(new SyncProgress() { }, options());

            assertThat(result.complete()).isTrue();
            List<Integer> sizes = server.chunks().stream().map(SubmissionServer.Chunk::length).toList();
            assertThat(sizes.get(0)).isEqualTo(ChunkSizer.START_BYTES);
            assertThat(sizes.get(1)).as("grown after the first measured chunk, at most four-fold")
                    .isGreaterThan(ChunkSizer.START_BYTES).isLessThanOrEqualTo(4 * ChunkSizer.START_BYTES);
            assertThat(sizes).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(ChunkSizer.MAX_BYTES));
            assertThat(server.attachment(SyncTest.ATTACHED + "/recording")).isEqualTo(recording);
        }
    }

    private SyncOptions options() {
        return new SyncOptions(4, 30, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(2),
                SyncClock.system(), () -> 0.5);
    }

    private void enrolAt(ShapingProxy proxy) throws Exception {
        store.saveEnrolment(new DeviceRecord(proxy.uri(), "dev-7f3a", SubmissionServer.TOKEN, "beyond-awareness",
                "KH-SVR", "enum-kh1", "laptop", NOW), false);
        store.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(),
                List.of(server.receiptKey(NOW)), NOW));
    }

    private static byte[] recording(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }
}
