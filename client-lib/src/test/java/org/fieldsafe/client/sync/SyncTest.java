package org.fieldsafe.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.store.DeviceRecord;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.store.Outbox;
import org.fieldsafe.client.store.PullUpdate;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.core.crypto.Digests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    /** A submission with a recording attached. */
    static final String ATTACHED = "3f0c0000-0000-4abc-8000-0000000000aa";
    static final FieldsafeClient.Settings SETTINGS = new FieldsafeClient.Settings(Duration.ofSeconds(2),
            Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path home;

    SubmissionServer server;
    DeviceStore store;
    FieldsafeClient client;
    FakeSyncClock time;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws Exception {
        server = SubmissionServer.start();
        time = new FakeSyncClock();
        store = DeviceStore.open(home);
        enrolAt(server.uri(), List.of(server.receiptKey(NOW)));
        client = new FieldsafeClient(store, SETTINGS);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void sync_allAccepted_sendsExactBytesAndDeletesSealedCopies() throws Exception {
        List<String> ids = seal(3, 900);

        SyncResult result = sync(options(4, 5));

        assertThat(result.complete()).isTrue();
        assertThat(result.outcomes()).extracting(Outcome::kind).containsOnly(Outcome.Kind.SENT);
        assertThat(result.outcomes()).extracting(Outcome::receivedAt).containsOnly(SubmissionServer.RECEIVED_AT);
        assertThat(store.outbox().pending()).isEmpty();
        assertThat(store.outbox().sent()).extracting(Outbox.SentEntry::submissionId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(server.uploads()).hasSize(3).allSatisfy(u -> {
            assertThat(u.authorization()).isEqualTo("Bearer " + SubmissionServer.TOKEN);
            assertThat(u.contentType()).isEqualTo("application/json");
            assertThat(u.body()).isEqualTo(envelope(u.id(), 900));
        });
        assertThat(events).first().isEqualTo("sending 3");
        assertThat(events).contains("settled SENT 3/3");
    }

    @Test
    void sync_identicalRetryAnswered200_acknowledgesAsAlreadyReceived() throws Exception {
        String id = seal(1, 500).get(0);
        server.preStore(id, envelope(id, 500));

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().extracting(Outcome::kind).isEqualTo(Outcome.Kind.ALREADY_RECEIVED);
        assertThat(store.outbox().pending()).isEmpty();
        assertThat(store.outbox().sent(id)).isPresent();
    }

    @Test
    void sync_transient503ThenSuccess_retriesAfterJitteredPauses() throws Exception {
        seal(1, 500);
        server.then(SubmissionServer.problem(503, "unavailable", "Unavailable", "Try later."),
                SubmissionServer.problem(503, "unavailable", "Unavailable", "Try later."));

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.SENT);
            assertThat(o.attempts()).isEqualTo(3);
        });
        assertThat(time.pauses()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(events).filteredOn(e -> e.startsWith("retrying")).hasSize(2);
    }

    @Test
    void sync_503WithRetryAfter_waitsAtLeastWhatTheServerAsked() throws Exception {
        seal(1, 500);
        server.then(busy(7));

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.SENT));
        assertThat(time.pauses()).as("the jittered pause would be 500 ms; the server asked for 7 s")
                .containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void sync_attachmentChunk503WithRetryAfter_waitsAtLeastWhatTheServerAsked() throws Exception {
        byte[] recording = sealedRecording(20_000);
        store.outbox().put(ATTACHED, envelope(ATTACHED, 500), NOW, Map.of("recording", recording));
        server.thenChunks(busy(7));

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).extracting(Outcome::submissionId, Outcome::kind).containsExactly(
                tuple(ATTACHED, Outcome.Kind.SENT), tuple(ATTACHED + "/recording", Outcome.Kind.SENT));
        assertThat(time.pauses()).as("the jittered pause would be 500 ms; the server asked for 7 s")
                .containsExactly(Duration.ofSeconds(7));
        assertThat(server.chunks()).extracting(SubmissionServer.Chunk::contentRange)
                .containsExactly("bytes 0-19999/20000", "bytes 0-19999/20000");
        assertThat(server.attachment(ATTACHED + "/recording")).isEqualTo(recording);
        assertThat(store.outbox().attachmentReceipt(ATTACHED, "recording")).isPresent();
    }

    @Test
    void sync_attachmentChunk410_respondentWithdrew_sealedRecordingDeleted() throws Exception {
        store.outbox().put(ATTACHED, envelope(ATTACHED, 500), NOW, Map.of("recording", sealedRecording(20_000)));
        server.thenChunks(SubmissionServer.withdrawn());

        SyncResult result = sync(options(4, 5));

        assertThat(result.attachments()).singleElement().satisfies(o -> {
            assertThat(o.submissionId()).isEqualTo(ATTACHED + "/recording");
            assertThat(o.kind()).isEqualTo(Outcome.Kind.WITHDRAWN);
        });
        assertThat(store.outbox().pendingAttachments()).isEmpty();
        assertThat(store.outbox().attachmentProgress()).isEmpty();
        assertThat(result.attachmentsWaiting()).isZero();
        assertThat(server.chunks()).hasSize(1);
    }

    @Test
    void sync_attachmentChunk410WithoutSignedNotice_sealedRecordingKept() throws Exception {
        store.outbox().put(ATTACHED, envelope(ATTACHED, 500), NOW, Map.of("recording", sealedRecording(20_000)));
        // a captive portal or proxy answering 410: no notice signed by the pinned receipt key
        server.thenChunks(SubmissionServer.problem(410, "respondent-withdrawn", "Respondent withdrawn", "Withdrawn."));

        SyncResult result = sync(options(1, 5));

        assertThat(result.attachments()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.INTEGRITY);
            assertThat(o.message()).contains("no valid signed withdrawal notice").contains("kept");
        });
        assertThat(store.outbox().pendingAttachments()).singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo("recording"));
    }

    @Test
    void sync_multiChunkAttachment_reportsEachStoredChunkThenSettlesApartFromInterviews() throws Exception {
        store.outbox().put(ATTACHED, envelope(ATTACHED, 500), NOW, Map.of("recording", sealedRecording(600_000)));

        SyncResult result = sync(options(4, 5));

        String recording = ATTACHED + "/recording";
        List<String> expected = new ArrayList<>(List.of("sending 1", "settled SENT 1/1", "sending attachments 1"));
        // this test's clock measures no time, so every chunk stays at the first size
        for (int sent = ChunkSizer.START_BYTES; sent < 600_000; sent += ChunkSizer.START_BYTES) {
            expected.add("uploaded " + recording + " " + sent + "/600000");
        }
        expected.addAll(List.of("uploaded " + recording + " 600000/600000",
                "attachment settled " + recording + " SENT 1/1"));
        assertThat(events).containsExactlyElementsOf(expected);
        assertThat(result.interviews()).extracting(Outcome::submissionId).containsExactly(ATTACHED);
        assertThat(result.attachments()).extracting(Outcome::submissionId).containsExactly(recording);
        assertThat(result.sent()).isEqualTo(2);
        assertThat(result.complete()).isTrue();
    }

    @Test
    void sync_attachmentChunkKeepsFailing_countedWaitingApartFromInterviews() throws Exception {
        store.outbox().put(ATTACHED, envelope(ATTACHED, 500), NOW, Map.of("recording", sealedRecording(20_000)));
        server.thenChunks(busy(0), busy(0));

        SyncResult result = sync(options(4, 2));

        assertThat(result.interviewsWaiting()).isZero();
        assertThat(result.attachmentsWaiting()).isEqualTo(1);
        assertThat(result.complete()).isFalse();
        assertThat(events).last().isEqualTo("attachment settled " + ATTACHED + "/recording WAITING 1/1");
        assertThat(events).noneMatch(e -> e.startsWith("uploaded"));
    }

    @Test
    void sync_serverDownThenRestarted_retriesUntilItAnswers() throws Exception {
        seal(2, 500);
        server.stop();
        time.onSleep(() -> {
            if (time.pauses().size() == 1) {
                server.restart();
            }
        });

        SyncResult result = sync(options(1, 5));

        assertThat(result.complete()).isTrue();
        assertThat(result.sent()).isEqualTo(2);
        assertThat(time.pauses()).isNotEmpty();
    }

    @Test
    void sync_connectionCutMidBody_retriesAndSendsOnce() throws Exception {
        String id = seal(1, 200_000).get(0);
        try (CuttingProxy proxy = new CuttingProxy(server.port(), 1, 4_000)) {
            enrolAt(proxy.uri(), List.of(server.receiptKey(NOW)));

            SyncResult result = sync(options(4, 5));

            assertThat(proxy.cutsDone()).isEqualTo(1);
            assertThat(result.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(Outcome.Kind.SENT);
                assertThat(o.attempts()).isEqualTo(2);
            });
            assertThat(server.uploads()).singleElement().satisfies(u -> assertThat(u.body()).isEqualTo(envelope(id, 200_000)));
        }
    }

    @Test
    void sync_answerCutAfterServerStored_retryGets200AndAcknowledges() throws Exception {
        String id = seal(1, 500).get(0);
        server.then(SubmissionServer.storeThenCutAnswer());

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.ALREADY_RECEIVED);
            assertThat(o.attempts()).isEqualTo(2);
        });
        assertThat(store.outbox().sent(id)).isPresent();
    }

    @Test
    void sync_receiptSignatureInvalid_keepsEnvelopeAndReportsIntegrity() throws Exception {
        String id = seal(1, 500).get(0);
        server.answer(id, SubmissionServer.signedByStranger());

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.INTEGRITY);
            assertThat(o.message()).contains("signature does not verify").contains("kept");
        });
        assertThat(store.outbox().pending()).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).contains("signature does not verify");
        });
        assertThat(store.outbox().sent()).isEmpty();
    }

    @Test
    void sync_receiptNamesOtherEnvelopeHash_keepsEnvelope() throws Exception {
        String id = seal(1, 500).get(0);
        server.answer(id, SubmissionServer.receiptForOtherBytes());

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.INTEGRITY);
            assertThat(o.message()).contains("other envelope bytes");
        });
        assertThat(store.outbox().pending()).hasSize(1);
        assertThat(store.outbox().sent()).isEmpty();
    }

    @Test
    void sync_respondentWithdrawn410_discardsSealedCopy() throws Exception {
        String id = seal(1, 500).get(0);
        server.answer(id, SubmissionServer.withdrawn());

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.WITHDRAWN);
            assertThat(o.message()).isEqualTo("respondent withdrew");
        });
        assertThat(result.complete()).isTrue();
        assertThat(store.outbox().pending()).isEmpty();
        assertThat(store.outbox().sent()).isEmpty();
    }

    @Test
    void sync_410WithoutValidSignedNotice_keepsSealedCopy() throws Exception {
        List<String> ids = seal(4, 500);
        // a captive portal's bare 410, a notice for another submission, a notice by a key never pinned, and one
        // whose signature was tampered with: none may delete a sealed interview
        server.answer(ids.get(0), SubmissionServer.problem(410, "respondent-withdrawn", "Respondent withdrawn",
                "The respondent withdrew from the study."));
        server.answer(ids.get(1), SubmissionServer.withdrawnNamingAnother(ids.get(2)));
        server.answer(ids.get(2), SubmissionServer.withdrawnSignedByStranger());
        server.answer(ids.get(3), (s, exchange, id, body) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            String tampered = "{\"type\":\"urn:fieldsafe:problem:respondent-withdrawn\",\"title\":\"Respondent withdrawn\","
                    + "\"status\":410,\"detail\":\"x\",\"withdrawal\":{\"submissionId\":\"" + id + "\",\"keyId\":\""
                    + s.receiptKey(NOW).fingerprint() + "\",\"signature\":\"" + "A".repeat(86) + "==\"}}";
            byte[] bytes = tampered.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(410, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });

        SyncResult result = sync(options(1, 5));

        assertThat(result.outcomes()).hasSize(4).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.INTEGRITY);
            assertThat(o.message()).contains("no valid signed withdrawal notice");
        });
        assertThat(store.outbox().pending()).extracting(Outbox.Entry::submissionId)
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void sync_conflict409_keepsWithProblemAndDoesNotRetry() throws Exception {
        String id = seal(1, 500).get(0);
        server.preStore(id, "different bytes".getBytes(StandardCharsets.UTF_8));

        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.REJECTED);
            assertThat(o.message()).isEqualTo("Submission conflict: Another envelope with this id is stored. (HTTP 409)");
            assertThat(o.attempts()).isEqualTo(1);
        });
        assertThat(server.uploads()).hasSize(1);
        assertThat(store.outbox().pending()).singleElement()
                .satisfies(e -> assertThat(e.lastError()).contains("Submission conflict"));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void sync_invalidHeader422_keepsWithProblemOthersStillSent() throws Exception {
        List<String> ids = seal(3, 500);
        server.answer(ids.get(1), SubmissionServer.problem(422, "submission-invalid", "Submission not valid",
                "header.form.version: unknown form version for the study"));

        SyncResult result = sync(options(4, 5));

        assertThat(result.sent()).isEqualTo(2);
        assertThat(result.interviewsWaiting()).isEqualTo(1);
        assertThat(result.outcomes().get(1).message()).contains("header.form.version").contains("HTTP 422");
        assertThat(store.outbox().pending()).extracting(Outbox.Entry::submissionId).containsExactly(ids.get(1));
        assertThat(server.uploads()).hasSize(3);
    }

    @Test
    void sync_deviceRevoked401_stopsAndKeepsEverything() throws Exception {
        seal(3, 500);
        try (DeviceStore other = DeviceStore.open(home)) {
            other.saveEnrolment(new DeviceRecord(server.uri(), "dev-7f3a", "revoked-token", "beyond-awareness",
                    "KH-SVR", "enum-kh1", "laptop", NOW), false);
            other.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(),
                    List.of(server.receiptKey(NOW)), NOW));
        }

        SyncResult result = sync(options(1, 5));

        assertThat(result.stopped()).hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNAUTHORISED);
            assertThat(e.getMessage()).contains("revoked");
        });
        assertThat(result.outcomes()).extracting(Outcome::kind).containsOnly(Outcome.Kind.NOT_TRIED);
        assertThat(server.uploads()).hasSize(1);
        assertThat(time.pauses()).isEmpty();
        assertThat(store.outbox().pending()).hasSize(3);
    }

    @Test
    void sync_receiptAlreadyHeld_neverSentAgain() throws Exception {
        String id = seal(1, 500).get(0);
        sync(options(4, 5));
        assertThat(server.uploads()).hasSize(1);
        store.outbox().put(id, envelope(id, 500), NOW);

        SyncResult again = sync(options(4, 5));

        assertThat(again.outcomes()).singleElement().extracting(Outcome::kind).isEqualTo(Outcome.Kind.ALREADY_RECEIVED);
        assertThat(server.uploads()).hasSize(1);
        assertThat(store.outbox().pending()).isEmpty();
        assertThat(sync(options(4, 5)).outcomes()).isEmpty();
        assertThat(server.uploads()).hasSize(1);
    }

    @Test
    void sync_alwaysFailing_attemptsCappedAndPausesBounded() throws Exception {
        seal(1, 500);
        for (int i = 0; i < 10; i++) {
            server.then(SubmissionServer.problem(503, "unavailable", "Unavailable", "Try later."));
        }
        SyncOptions options = new SyncOptions(4, 5, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMinutes(10), time, () -> 0.999);

        SyncResult result = sync(options);

        assertThat(server.uploads()).hasSize(5);
        assertThat(time.pauses()).hasSize(4);
        List<Duration> ceilings = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            assertThat(time.pauses().get(i)).isLessThan(ceilings.get(i)).isGreaterThan(ceilings.get(i).multipliedBy(9).dividedBy(10));
        }
        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outcome.Kind.WAITING);
            assertThat(o.message()).contains("HTTP 503");
        });
        assertThat(store.outbox().pending()).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(5));
    }

    @Test
    void sync_timeBudgetSpent_stopsRetryingWithinIt() throws Exception {
        seal(1, 500);
        for (int i = 0; i < 20; i++) {
            server.then(SubmissionServer.problem(502, "bad-gateway", "Bad gateway", "Upstream failed."));
        }
        SyncOptions options = new SyncOptions(1, 20, Duration.ofSeconds(1), Duration.ofSeconds(4),
                Duration.ofSeconds(10), time, () -> 0.99);

        SyncResult result = sync(options);

        assertThat(result.interviewsWaiting()).isEqualTo(1);
        assertThat(time.slept()).isLessThan(Duration.ofSeconds(10));
        assertThat(server.uploads().size()).isLessThan(20);
    }

    @Test
    void sync_parallelUploads_boundedByParallelism() throws Exception {
        seal(10, 500);
        server.slowDown(100);

        SyncResult result = sync(options(3, 5));

        assertThat(result.sent()).isEqualTo(10);
        assertThat(server.maxInFlight()).isBetween(2, 3);
        assertThat(events.stream().filter(e -> e.startsWith("settled")).map(e -> e.substring(e.lastIndexOf(' ') + 1)))
                .containsExactly("1/10", "2/10", "3/10", "4/10", "5/10", "6/10", "7/10", "8/10", "9/10", "10/10");
    }

    @Test
    void sync_noReceiptKeyPinned_refusesBeforeSending() throws Exception {
        enrolAt(server.uri(), List.of());
        seal(1, 500);

        assertThatThrownBy(() -> sync(options(4, 5))).isInstanceOf(ClientException.class)
                .hasMessageContaining("no pinned receipt key");
        assertThat(server.uploads()).isEmpty();
        assertThat(store.outbox().pending()).hasSize(1);
    }

    @Test
    void sync_emptyOutbox_sendsNothing() throws Exception {
        SyncResult result = sync(options(4, 5));

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(server.uploads()).isEmpty();
    }

    @Test
    void outboxStatus_afterSync_listsWaitingAndSentWithReceiptTimes() throws Exception {
        List<String> ids = seal(2, 500);
        server.answer(ids.get(0), SubmissionServer.problem(422, "submission-invalid", "Submission not valid",
                "header.site"));
        sync(options(4, 5));

        OutboxStatus status = client.outboxStatus();

        assertThat(status.drafts()).isZero();
        assertThat(status.waiting()).singleElement().satisfies(w -> {
            assertThat(w.submissionId()).isEqualTo(ids.get(0));
            assertThat(w.attempts()).isEqualTo(1);
            assertThat(w.lastError()).contains("header.site");
        });
        assertThat(status.sent()).singleElement().satisfies(s -> {
            assertThat(s.submissionId()).isEqualTo(ids.get(1));
            assertThat(s.receivedAt()).isEqualTo(SubmissionServer.RECEIVED_AT);
            assertThat(s.envelopeSha256()).isEqualTo(Digests.sha256Hex(envelope(ids.get(1), 500)));
        });
    }

    /** A 503 problem with {@code Retry-After: seconds}. */
    private static SubmissionServer.Responder busy(int seconds) {
        return (s, exchange, id, body) -> {
            byte[] problem = ("{\"type\":\"urn:fieldsafe:problem:submission-not-stored\",\"title\":\"Busy\","
                    + "\"status\":503,\"detail\":\"Try later.\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(seconds));
            exchange.sendResponseHeaders(503, problem.length);
            try (var out = exchange.getResponseBody()) {
                out.write(problem);
            }
        };
    }

    /** Stand-in sealed bytes of a recording (the client sends them as they are). */
    private static byte[] sealedRecording(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    @Test
    void outboxStatus_attachmentChunkKeepsFailing_listsTheBytesTheServerHolds() throws Exception {
        store.outbox().put(ATTACHED, envelope(ATTACHED, 500), NOW, Map.of("recording", sealedRecording(300_000)));
        server.thenChunks(SubmissionServer.attachmentContract(), busy(0), busy(0));

        SyncResult result = sync(options(4, 2));

        assertThat(result.outcomes()).last().satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.WAITING));
        assertThat(client.outboxStatus().attachments()).singleElement().satisfies(a -> {
            assertThat(a.submissionId()).isEqualTo(ATTACHED);
            assertThat(a.name()).isEqualTo("recording");
            assertThat(a.bytesSent()).isEqualTo(ChunkSizer.START_BYTES);
            assertThat(a.totalBytes()).isEqualTo(300_000);
            assertThat(a.lastError()).contains("HTTP 503");
        });
    }

    private SyncResult sync(SyncOptions options) throws ClientException {
        return client.sync(new SyncProgress() {
            @Override
            public void sending(int count) {
                events.add("sending " + count);
            }

            @Override
            public void retrying(String submissionId, int attempt, Duration pause, String reason) {
                events.add("retrying " + attempt);
            }

            @Override
            public void settled(Outcome outcome, int done, int total) {
                events.add("settled " + outcome.kind() + " " + done + "/" + total);
            }

            @Override
            public void sendingAttachments(int count) {
                events.add("sending attachments " + count);
            }

            @Override
            public void uploaded(String attachment, long sent, long total) {
                events.add("uploaded " + attachment + " " + sent + "/" + total);
            }

            @Override
            public void attachmentSettled(Outcome outcome, int done, int total) {
                events.add("attachment settled " + outcome.submissionId() + " " + outcome.kind() + " " + done + "/"
                        + total);
            }
        }, options);
    }

    private SyncOptions options(int parallelism, int attempts) {
        return new SyncOptions(parallelism, attempts, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10), time, () -> 0.5);
    }

    private void enrolAt(URI uri, List<StoredKey> keys) throws ClientException {
        store.saveEnrolment(new DeviceRecord(uri, "dev-7f3a", SubmissionServer.TOKEN, "beyond-awareness", "KH-SVR",
                "enum-kh1", "laptop", NOW), false);
        store.applyPull(new PullUpdate(null, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of(), keys,
                NOW));
    }

    /** Seals {@code count} envelopes of about {@code size} bytes into the outbox, oldest first. */
    private List<String> seal(int count, int size) throws ClientException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = new UUID(0x3f0c_0000_0000_4000L + i, 0x8000_0000_0000_0000L + i).toString();
            store.outbox().put(id, envelope(id, size), NOW.plusSeconds(i));
            ids.add(id);
        }
        return ids;
    }

    static byte[] envelope(String id, int size) {
        StringBuilder json = new StringBuilder("{\"header\":{\"v\":1,\"submissionId\":\"" + id + "\"},\"parts\":{"
                + "\"research\":{\"ciphertext\":\"");
        while (json.length() < size) {
            json.append("QUJDRA==");
        }
        return json.append("\"}}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
