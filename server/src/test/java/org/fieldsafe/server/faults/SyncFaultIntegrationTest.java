package org.fieldsafe.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
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
import org.fieldsafe.client.interview.AnswersFile;
import org.fieldsafe.client.interview.HmacCodeHasher;
import org.fieldsafe.client.interview.InterviewResult;
import org.fieldsafe.client.interview.InterviewSession;
import org.fieldsafe.client.interview.StopPolicy;
import org.fieldsafe.client.interview.StudyKeySealer;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.StoredForm;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.client.sync.Outcome;
import org.fieldsafe.client.sync.SyncClock;
import org.fieldsafe.client.sync.SyncOptions;
import org.fieldsafe.client.sync.SyncProgress;
import org.fieldsafe.client.sync.SyncResult;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.SubmissionHeader.FormRef;
import org.fieldsafe.server.Envelopes;
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
class SyncFaultIntegrationTest {
    private static final String STUDY = "beyond-awareness";
    private static final String SITE = "KH-SVR";
    private static final String ADMIN_PASSWORD = "fault-test-admin-password";
    private static final int DEVICES = 5;
    private static final int PER_DEVICE = 100;
    private static final int TOTAL = DEVICES * PER_DEVICE;
    /** The server is killed once this many uploads have been acknowledged on the devices. */
    private static final int KILL_AFTER = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        for (List<String> holder : Envelopes.FIRST_HOLDERS.values()) {
            api.expect(201, api.send("POST", "/users", admin, JSON.writeValueAsString(Map.of("username", holder.get(0),
                    "role", holder.get(1), "sites", holder.get(1).equals("safeguarding_officer") ? List.of(SITE)
                            : List.of()))));
        }
        api.expect(201, api.send("POST", "/studies/" + STUDY + "/keys", admin,
                JSON.writeValueAsString(Envelopes.newStudyKeys().request())));
        List<Path> homes = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String enumerator = "enum-fault-" + d;
            api.expect(201, api.send("POST", "/users", admin, JSON.writeValueAsString(Map.of(
                    "username", enumerator, "role", "enumerator", "sites", List.of(SITE)))));
            JsonNode enrolment = JSON.readTree(api.expect(201, api.send("POST", "/enrolments", admin,
                    JSON.writeValueAsString(Map.of("study", STUDY, "site", SITE, "enumerator", enumerator)))));
            Path home = Files.createDirectories(work.resolve("device-" + d));
            // devices 0 and 1 reach the server only through the cutting proxy
            int via = d < 2 ? proxy.port() : port;
            try (FieldsafeClient client = FieldsafeClient.open(home)) {
                client.enrol(URI.create("http://127.0.0.1:" + via), enrolment.get("code").asText(), "laptop-" + d);
                client.pull();
            }
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

    /** Seals {@code count} interviews on one device the way {@code client interview --answers} does. */
    private static void sealInterviews(Path home, int firstCode, int count) throws Exception {
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            DeviceRecord device = store.device().orElseThrow();
            Study study = Study.fromCanonicalJson(store.study().orElseThrow().canonicalJson());
            StoredForm interview = latest(store.forms(), "interview");
            FormDefinition interviewForm = FormDefinition.fromCanonicalJson(interview.canonicalJson());
            StoredForm consent = latest(store.forms(), interviewForm.consentForm());
            FormDefinition consentForm = FormDefinition.fromCanonicalJson(consent.canonicalJson());
            StudyKeySealer sealer = new StudyKeySealer(store.studyKeys());
            byte[] codeKey = store.respondentCodeKey().orElseThrow();
            Clock clock = Clock.systemUTC();
            InterviewResult.Context context = new InterviewResult.Context(device.deviceId(), device.enumerator(),
                    new FormRef(consent.formId(), consent.version(), consent.sha256()),
                    new FormRef(interview.formId(), interview.version(), interview.sha256()),
                    new HmacCodeHasher(codeKey), clock);
            InterviewSession.Options options = new InterviewSession.Options(clock, StopPolicy.DISCARD_ALL);
            for (int i = 0; i < count; i++) {
                String code = String.format("%s-RH-%03d", SITE, firstCode + i);
                InterviewSession session = AnswersFile.run(answers(code, device.enumerator(), i % 10 == 0), study, consentForm,
                        interviewForm, SITE, "km", options);
                InterviewResult result = InterviewResult.build(session, context);
                Envelope envelope = result.seal(sealer);
                byte[] bytes = AnswersFile.mapper().writeValueAsBytes(envelope);
                store.outbox().put(result.header().submissionId(), bytes, Instant.now(clock));
            }
        }
    }

    private static StoredForm latest(List<StoredForm> forms, String id) {
        return forms.stream().filter(f -> f.formId().equals(id)).max(Comparator.comparingInt(StoredForm::version))
                .orElseThrow(() -> new AssertionError("form " + id + " not pulled"));
    }

    private static JsonNode answers(String code, String enumerator, boolean withDisclosure) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ObjectNode file = JSON.createObjectNode().put("form", "interview").put("site", SITE).put("lang", "km");
        ObjectNode respondent = file.putArray("respondents").addObject();
        respondent.putObject("consent").put("participation", "yes").put("recording_consent", "no")
                .put("consent_mode", "verbal").put("age", 35).put("respondent_code", code)
                .put("interviewer", enumerator).put("consent_date", today).put("research_partner", "Partner KH");
        ObjectNode a = respondent.putObject("answers");
        a.put("category", "RH").put("name", "Respondent " + code).put("age", 35).put("gender", "female")
                .put("address", "Svay Rieng").put("interview_date", today)
                .put("q_meaning", "answer about meaning " + code).put("q_causes", "answer about causes")
                .put("q_protection", "answer about protection").put("disclosure_check", "no")
                .put("closing_hopes", "more schools");
        if (withDisclosure) { // a referral part too, as in the field
            a.put("disclosure_check", "yes").putArray("indicators").add("debt_bondage");
        } else {
            a.putArray("indicators").add("none");
        }
        if (withDisclosure) {
            ObjectNode disclosure = file.putArray("disclosures").addObject();
            disclosure.put("respondent", 0).put("choice", "refer");
            disclosure.putObject("routes").put("kh-child-helpline", true);
            disclosure.putObject("contact").put("how", "phone").put("when", "evenings");
        }
        return file;
    }

    /** The server's receipt public key from the device's manifest. */
    private static byte[] receiptKey(Api api, DeviceRecord device) throws Exception {
        Manifest manifest = JSON.readValue(api.expect(200, api.send("GET", "/sync/manifest", device.deviceToken(),
                null)), Manifest.class);
        Manifest.StudyKey key = manifest.keys().stream().filter(k -> k.purpose().equals("receipt")).findFirst()
                .orElseThrow();
        return Base64.getDecoder().decode(key.publicKey());
    }

    private static Path writeConfig(Path data, int port, int adminPort) throws IOException {
        Path forms = Path.of("..", "forms").toAbsolutePath().normalize();
        String yaml = """
                server:
                  type: fieldsafe
                  maxRequestBytes: 1048576
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  requestLog:
                    appenders: []
                database:
                  driverClass: org.sqlite.JDBC
                  url: "jdbc:sqlite:%s"
                  minSize: 1
                  initialSize: 1
                  maxSize: 8
                forms:
                  directory: "%s"
                auth:
                  tokenTtl: 1 hour
                  loginRateLimit:
                    maxFailures: 50
                    window: 15 minutes
                  argon2:
                    memoryKib: 64
                    iterations: 1
                    parallelism: 1
                  initialAdminPassword: ${FIELDSAFE_ADMIN_PASSWORD}
                enrolment:
                  codeTtl: 1 hour
                  exchangeLimit:
                    maxFailures: 50
                    window: 15 minutes
                submissions:
                  maxEnvelopeBytes: 4194304
                  maxBatch: 256
                  queueCapacity: 10000
                  receiptTimeout: 30 seconds
                logging:
                  level: WARN
                  appenders:
                    - type: console
                      threshold: WARN
                """.formatted(port, adminPort, data.resolve("fieldsafe.db"), forms);
        return Files.writeString(data.resolve("config.yml"), yaml);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A small JSON client for the set-up and checks (the devices use the real client). */
    private static final class Api {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        Api(String base) {
            this.base = base;
        }

        HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String expect(int status, HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri()
                    + ": " + response.body()).isEqualTo(status);
            return response.body();
        }

        String login(String user, String password) throws Exception {
            return JSON.readTree(expect(200, send("POST", "/auth/login", null,
                    JSON.writeValueAsString(Map.of("username", user, "password", password))))).get("token").asText();
        }
    }
}
