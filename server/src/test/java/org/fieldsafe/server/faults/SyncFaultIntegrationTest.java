package org.fieldsafe.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldsafe.server.faults.FaultStudy.STUDY;
import static org.fieldsafe.server.faults.FaultStudy.createStudyKeys;
import static org.fieldsafe.server.faults.FaultStudy.enrolDevice;
import static org.fieldsafe.server.faults.FaultStudy.freePort;
import static org.fieldsafe.server.faults.FaultStudy.receiptKey;
import static org.fieldsafe.server.faults.FaultStudy.sealInterviews;
import static org.fieldsafe.server.faults.FaultStudy.writeConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncClock;
import org.fieldsafe.client.sync.SyncOptions;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.storage.EnvelopeFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync under faults, against the real server in its own process on the reference study: 5 enrolled devices
 * seal 100 interviews each through the real client path (answers -> session -> result -> sealer -> outbox) and
 * sync at once; two of them go through a proxy that cuts uploads mid-body and after the body (answer lost),
 * and while uploads are in flight the server is killed with SIGKILL and restarted on the same data. The
 * devices keep syncing until nothing waits. Then: every interview is on the server exactly once, the stored
 * bytes are the bytes each receipt names, every receipt verifies against the server's receipt key, and no
 * device holds anything unsent.
 */
@ForksJvm
class SyncFaultIntegrationTest {
    private static final String ADMIN_PASSWORD = "fault-test-admin-password";
    private static final int DEVICES = 5;
    private static final int PER_DEVICE = 100;
    private static final int TOTAL = DEVICES * PER_DEVICE;
    /** The server is killed once this many uploads have been acknowledged on the devices. */
    private static final int KILL_AFTER = 150;
    private static final ObjectMapper JSON = JsonMappers.plain();

    @TempDir
    Path work;

    private ServerProcess server;
    private CuttingProxy proxy;
    private Thread killer;
    private ExecutorService devices;

    @RegisterExtension
    final TestWatcher onFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (server != null) {
                System.err.println("---- server console (tail; all of it in server/target/sync-fault) ----\n"
                        + server.consoleTail(80));
            }
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        if (killer != null) {
            killer.interrupt();
            killer.join(TimeUnit.SECONDS.toMillis(30));
        }
        if (devices != null) {
            devices.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void sync_connectionCutsAndServerKilledMidSync_everyInterviewStoredOnceWithMatchingReceipts() throws Exception {
        long started = System.nanoTime();
        int port = freePort();
        int adminPort = freePort();
        Path data = Files.createDirectories(work.resolve("server-data"));
        Path config = writeConfig(data, port, adminPort);
        // outside the temporary directory, so it is still there to show (and read) when the test fails
        Path console = Files.createDirectories(Path.of("target", "sync-fault")).resolve("server-console.log");
        Files.deleteIfExists(console);
        server = new ServerProcess(config, console, adminPort, ADMIN_PASSWORD);
        server.start(Duration.ofSeconds(60));
        Api api = new Api("http://127.0.0.1:" + port + "/api/v1");
        proxy = new CuttingProxy(port, 9, 6);

        // Set-up over the HTTP API: study keys, 5 enumerators, 5 enrolled devices with the study pulled.
        String admin = api.login("admin", ADMIN_PASSWORD);
        createStudyKeys(api, admin);
        List<Path> homes = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            Path home = work.resolve("device-" + d);
            // devices 0 and 1 reach the server only through the cutting proxy
            enrolDevice(api, admin, "enum-fault-" + d, home, d < 2 ? proxy.port() : port, "laptop-" + d);
            homes.add(home);
        }

        // 100 interviews per device, sealed by the real client path into each outbox.
        for (int d = 0; d < DEVICES; d++) {
            sealInterviews(homes.get(d), d * PER_DEVICE, PER_DEVICE);
        }
        Map<String, String> sealedSha = new HashMap<>();
        for (Path home : homes) {
            try (DeviceStore store = DeviceStore.openExisting(home)) {
                List<Outbox.Entry> pending = store.outbox().pending();
                assertThat(pending).hasSize(PER_DEVICE);
                pending.forEach(e -> sealedSha.put(e.submissionId(), e.sha256()));
            }
        }
        assertThat(sealedSha).as("500 distinct submission ids").hasSize(TOTAL);

        // Sync all devices at once; kill -9 the server mid-sync and restart it on the same data and ports.
        long sealedAt = System.nanoTime();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger alreadyReceived = new AtomicInteger();
        AtomicLong restartMillis = new AtomicLong();
        AtomicInteger ackedAtKill = new AtomicInteger(-1);
        AtomicReference<Throwable> killerFailure = new AtomicReference<>();
        CountDownLatch restarted = new CountDownLatch(1);
        long syncDeadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
        killer = new Thread(() -> {
            try {
                while (acknowledged.get() < KILL_AFTER && System.nanoTime() < syncDeadline) {
                    Thread.sleep(2);
                }
                ackedAtKill.set(acknowledged.get());
                long killedAt = System.nanoTime();
                server.kill();
                server.start(Duration.ofSeconds(60));
                restartMillis.set((System.nanoTime() - killedAt) / 1_000_000);
            } catch (Throwable t) {
                killerFailure.set(t);
            } finally {
                restarted.countDown();
            }
        }, "server-killer");
        killer.setDaemon(true);
        killer.start();

        devices = Executors.newFixedThreadPool(DEVICES, r -> {
            Thread t = new Thread(r, "device-sync");
            t.setDaemon(true);
            return t;
        });
        List<Future<Integer>> rounds = new ArrayList<>();
        for (Path home : homes) {
            rounds.add(devices.submit(() -> syncUntilEmpty(home, acknowledged, alreadyReceived, restarted, syncDeadline)));
        }
        List<Integer> roundsUsed = new ArrayList<>();
        for (Future<Integer> f : rounds) {
            roundsUsed.add(f.get(150, TimeUnit.SECONDS));
        }
        devices.shutdown();
        assertThat(restarted.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(killerFailure.get()).as("kill and restart").isNull();
        assertThat(ackedAtKill.get()).as("the kill came while uploads were still waiting")
                .isBetween(KILL_AFTER, TOTAL - 1);
        assertThat(proxy.midBodyCuts()).as("uploads cut mid-body").isPositive();
        assertThat(proxy.afterBodyCuts()).as("uploads cut after the body, answer lost").isPositive();
        assertThat(alreadyReceived.get()).as("uploads stored whose answer was lost, answered again (200)")
                .isPositive();
        System.out.printf("sync faults: setup+seal %d ms, sync %d ms, kill at %d acknowledged, restart %d ms,"
                        + " cuts mid-body %d / after body %d of %d proxied uploads, 200-again %d, rounds %s%n",
                (sealedAt - started) / 1_000_000, (System.nanoTime() - sealedAt) / 1_000_000, ackedAtKill.get(),
                restartMillis.get(), proxy.midBodyCuts(), proxy.afterBodyCuts(), proxy.uploadsSeen(),
                alreadyReceived.get(), roundsUsed);

        // Devices: nothing left unsent, 100 receipts each, each verifying against the server's receipt key
        // for exactly the bytes sealed.
        Map<String, Receipt> receipts = new HashMap<>();
        byte[] receiptKey = null;
        for (int d = 0; d < DEVICES; d++) {
            try (DeviceStore store = DeviceStore.openExisting(homes.get(d))) {
                assertThat(store.outbox().pending()).as("device " + d + " outbox (rounds " + roundsUsed + ")")
                        .isEmpty();
                List<Outbox.SentEntry> sent = store.outbox().sent();
                assertThat(sent).as("device " + d + " receipts").hasSize(PER_DEVICE);
                if (receiptKey == null) {
                    receiptKey = receiptKey(api, store.device().orElseThrow());
                }
                for (Outbox.SentEntry entry : sent) {
                    Receipt receipt = JSON.readValue(entry.receiptJson(), Receipt.class);
                    assertThat(receipt.submissionId()).isEqualTo(entry.submissionId());
                    assertThat(receipt.envelopeSha256()).as("receipt names the sealed bytes")
                            .isEqualTo(sealedSha.get(entry.submissionId()));
                    assertThat(Receipts.verify(receipt, receiptKey)).as("receipt signature").isTrue();
                    assertThat(receipts.put(receipt.submissionId(), receipt)).as("one receipt per id").isNull();
                }
            }
        }
        assertThat(receipts.keySet()).isEqualTo(sealedSha.keySet());

        JsonNode progress = JSON.readTree(api.expect(200, api.send("GET", "/studies/" + STUDY + "/progress",
                api.login("admin", ADMIN_PASSWORD), null)));
        assertThat(progress.get("received").asInt()).as("progress total").isEqualTo(TOTAL);

        // Server: stopped, its database read directly: every submission once, stored bytes = receipted bytes.
        proxy.close();
        server.stop();
        Map<String, Integer> rows = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fieldsafe.db")
                + "?open_mode=1");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, envelope_sha256, envelope_file, envelope_offset, "
                     + "envelope_length FROM submissions");
             EnvelopeFiles files = EnvelopeFiles.open(EnvelopeFiles.besides(data.resolve("fieldsafe.db")), 1L << 30)) {
            while (rs.next()) {
                String id = rs.getString(1);
                rows.merge(id, 1, Integer::sum);
                Receipt receipt = receipts.get(id);
                assertThat(receipt).as("a receipt for stored " + id).isNotNull();
                assertThat(rs.getString(2)).isEqualTo(receipt.envelopeSha256());
                byte[] stored = files.read(new EnvelopeFiles.Ref(rs.getInt(3), rs.getLong(4), rs.getInt(5)));
                assertThat(Digests.sha256Hex(stored)).as("stored bytes of " + id).isEqualTo(receipt.envelopeSha256());
            }
        }
        assertThat(rows).hasSize(TOTAL);
        assertThat(rows.values()).containsOnly(1);
    }

    /** Syncs one device until its outbox is empty: a bounded number of rounds, within the deadline. */
    private static int syncUntilEmpty(Path home, AtomicInteger acknowledged, AtomicInteger alreadyReceived,
                                      CountDownLatch restarted,
                                      long deadline) throws Exception {
        SyncOptions options = new SyncOptions(4, 12, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofSeconds(40), SyncClock.system(), () -> ThreadLocalRandom.current().nextDouble());
        SyncProgress counting = new SyncProgress() {
            @Override
            public void settled(Outcome outcome, int done, int total) {
                if (outcome.kind() == Outcome.Kind.SENT || outcome.kind() == Outcome.Kind.ALREADY_RECEIVED) {
                    acknowledged.incrementAndGet();
                }
                if (outcome.kind() == Outcome.Kind.ALREADY_RECEIVED) {
                    alreadyReceived.incrementAndGet();
                }
            }
        };
        try (FieldsafeClient client = FieldsafeClient.openExisting(home, FieldsafeClient.Settings.defaults())) {
            for (int round = 1; round <= 8; round++) {
                SyncResult result = client.sync(counting, options);
                assertThat(result.outcomes()).as("nothing refused").noneMatch(o ->
                        o.kind() == Outcome.Kind.REJECTED || o.kind() == Outcome.Kind.INTEGRITY
                                || o.kind() == Outcome.Kind.WITHDRAWN);
                if (client.outboxStatus().waiting().isEmpty() && restarted.getCount() == 0) {
                    return round;
                }
                if (System.nanoTime() > deadline) {
                    return round;
                }
                if (client.outboxStatus().waiting().isEmpty()) {
                    restarted.await(60, TimeUnit.SECONDS);
                }
            }
            return -1;
        }
    }
}
