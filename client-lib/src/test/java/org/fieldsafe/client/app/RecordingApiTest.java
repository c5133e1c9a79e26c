package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.wire.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder calls over HTTP against the real app server and an enrolled device home: a recording streamed in
 * chunks is sealed as it arrives (no plaintext on disk), referenced by the sealed envelope like the command line's,
 * and opens to the bytes sent; bad input and a missing recording consent are problems that write nothing; a stop
 * shreds the recording, a pause or a killed app drops it and says so.
 */
class RecordingApiTest {
    @TempDir
    Path home;

    final AppServerTest.MovingClock clock = new AppServerTest.MovingClock();
    AppServer app;
    int port;
    String cookie;
    Map<String, KeyPairBytes> keys;

    @BeforeEach
    void start() throws Exception {
        TestDevice.prepare(home, clock.instant());
        keys = TestDevice.pinStudyKeys(home, clock.instant());
        startApp();
        assertThat(api("POST", "passphrase", "{\"passphrase\":\"" + AppServerTest.PASSPHRASE + "\",\"again\":\""
                + AppServerTest.PASSPHRASE + "\"}").status()).isEqualTo(200);
    }

    void startApp() throws Exception {
        app = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "km", AppServerTest.TEST_COST,
                new FieldsafeClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), clock)));
        port = Integer.parseInt(app.origin().substring(app.origin().lastIndexOf(':') + 1));
        RawHttp.Response launched = RawHttp.send(port, "GET", app.launchUri().getRawPath(), Map.of(), null);
        cookie = launched.header("Set-Cookie").substring(0, launched.header("Set-Cookie").indexOf(';'));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    RawHttp.Response api(String method, String call, String body) throws Exception {
        return RawHttp.send(port, method, "/api/v1/" + call, headers(body == null ? null : "application/json"),
                body);
    }

    RawHttp.Response chunk(String id, byte[] bytes, String type) throws Exception {
        return RawHttp.sendBytes(port, "POST", "/api/v1/interviews/" + id + "/recording/chunk", headers(type), bytes);
    }

    /** Sends {@code sound} as the browser's recorder would, in 6000-byte chunks. */
    void send(String id, byte[] sound) throws Exception {
        for (int at = 0; at < sound.length; at += 6000) {
            RawHttp.Response r = chunk(id, java.util.Arrays.copyOfRange(sound, at, Math.min(sound.length, at + 6000)),
                    "audio/webm;codecs=opus");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    private Map<String, String> headers(String contentType) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", cookie);
        headers.put("Origin", app.origin());
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    static JsonNode json(RawHttp.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    String startKhmer() throws Exception {
        RawHttp.Response started = api("POST", "interviews", "{\"form\":\"interview\",\"site\":\"KH-SVR\","
                + "\"language\":\"km\",\"passphrase\":\"" + InterviewApiTest.DRAFT_PASSPHRASE + "\",\"again\":\""
                + InterviewApiTest.DRAFT_PASSPHRASE + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return Json.mapper().readTree(started.body()).path("id").asText();
    }

    /** Answers up to the recording question (recording consent as given); returns the screen waiting. */
    JsonNode toRecording(String id, String recordingConsent) throws Exception {
        return walk(id, Map.of("participation", "yes", "recording_consent", recordingConsent, "consent_mode",
                "verbal", "age", 34, "respondent_code", InterviewApiTest.CODE, "interviewer", "enum-kh1",
                "consent_date", "2026-11-22", "research_partner", "Partner KH", "category", "RH", "interview_date",
                "2026-11-22"), s -> s.path("question").path("type").asText().equals("audio")
                        || s.path("question").path("id").asText().equals("q_meaning"));
    }

    /** Goes on through the rest of the interview (no disclosure) to the review. */
    void toReview(String id) throws Exception {
        JsonNode screen = walk(id, Map.of("disclosure_check", "no", "indicators", List.of("none")), s -> false);
        assertThat(screen.path("step").asText()).isEqualTo("REVIEW");
    }

    /** Answers the questions in {@code answers}, goes on past the others, until {@code until} or no question. */
    JsonNode walk(String id, Map<String, Object> answers, Predicate<JsonNode> until) throws Exception {
        JsonNode screen = json(api("GET", "interviews/" + id, null));
        while (screen.path("step").asText().equals("QUESTION") && !until.test(screen)) {
            String q = screen.path("question").path("id").asText();
            RawHttp.Response r = answers.containsKey(q)
                    ? api("POST", "interviews/" + id + "/answer", "{\"question\":\"" + q + "\",\"value\":"
                            + Json.mapper().writeValueAsString(answers.get(q)) + "}")
                    : api("POST", "interviews/" + id + "/next", null);
            assertThat(r.status()).as(q + ": " + r.body()).isEqualTo(200);
            screen = json(r).path("screen");
        }
        return screen;
    }

    /** A new interview with recording consent, recording, {@code bytes} of sound sent; returns its id. */
    String recording(int bytes) throws Exception {
        String id = startKhmer();
        JsonNode screen = toRecording(id, "yes");
        RawHttp.Response started = api("POST", "interviews/" + id + "/recording/start", "{\"question\":\""
                + screen.path("question").path("id").asText() + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        send(id, audio(bytes));
        assertThat(recordingFiles()).hasSize(1);
        return id;
    }

    static byte[] audio(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        // a WebM file starts with the EBML header
        b[0] = 0x1A;
        b[1] = 0x45;
        b[2] = (byte) 0xDF;
        b[3] = (byte) 0xA3;
        return b;
    }

    List<Path> recordingFiles() throws Exception {
        Path dir = home.resolve("recordings");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** Every file under the device home holds none of {@code run} (a 64-byte run of the recording). */
    void assertNoPlaintext(byte[] run) throws Exception {
        String needle = HexFormat.of().formatHex(run);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(HexFormat.of().formatHex(Files.readAllBytes(f))).as(f.toString()).doesNotContain(needle);
            }
        }
    }

    @Test
    void recording_streamedSealedAndReferenced_opensToTheBytesSent() throws Exception {
        String id = startKhmer();
        JsonNode screen = toRecording(id, "yes");
        assertThat(screen.path("question").path("type").asText()).isEqualTo("audio");

        RawHttp.Response started = api("POST", "interviews/" + id + "/recording/start", "{\"question\":\""
                + screen.path("question").path("id").asText() + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(json(started).path("recording").path("state").asText()).isEqualTo("RECORDING");
        assertThat(json(started).path("screen").path("question").path("id").asText()).isEqualTo("q_meaning");
        byte[] sound = audio(3 * AttachmentSealing.CHUNK_BYTES + 1000);
        send(id, sound);
        // mid-recording: only sealed chunks on disk, never the plaintext
        assertNoPlaintext(java.util.Arrays.copyOfRange(sound, 70_000, 70_064));
        RawHttp.Response stopped = api("POST", "interviews/" + id + "/recording/stop", null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(json(stopped).path("state").asText()).isEqualTo("STOPPED");
        assertThat(json(stopped).path("bytes").asLong()).isEqualTo(sound.length);
        toReview(id);
        RawHttp.Response sealed = api("POST", "interviews/" + id + "/seal", null);
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);

        String submissionId = json(sealed).path("submissionId").asText();
        Envelope envelope;
        byte[] sealedBytes;
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            envelope = Json.mapper().readValue(store.outbox().pending().get(0).envelope(), Envelope.class);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(DeviceStore.DATABASE_FILE));
             PreparedStatement ps = c.prepareStatement("SELECT sealed FROM attachments WHERE submission_id = ?")) {
            ps.setString(1, submissionId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                sealedBytes = rs.getBytes(1);
            }
        }
        assertThat(envelope.header().submissionId()).isEqualTo(submissionId);
        Envelope.Attachment d = envelope.attachments().get(0);
        assertThat(d.name()).isEqualTo("recording");
        assertThat(d.questionId()).isEqualTo("recording");
        assertThat(d.plaintextBytes()).isEqualTo(sound.length);
        byte[] opened = AttachmentSealing.open(envelope.header(), d, sealedBytes, keys.get("research").fingerprint(),
                keys.get("research").privateKey());
        assertThat(opened).isEqualTo(sound);
        assertThat(recordingFiles()).isEmpty();
        assertNoPlaintext(java.util.Arrays.copyOfRange(sound, 70_000, 70_064));
    }

    @Test
    void recording_badInput_problemsNothingWritten() throws Exception {
        String id = startKhmer();
        JsonNode screen = toRecording(id, "yes");
        String question = screen.path("question").path("id").asText();
        RawHttp.Response beforeStart = chunk(id, audio(100), "audio/webm");
        RawHttp.Response unknownInterview = chunk("no-such-draft", audio(100), "audio/webm");
        RawHttp.Response wrongQuestion = api("POST", "interviews/" + id + "/recording/start",
                "{\"question\":\"q_meaning\"}");
        assertThat(beforeStart.status()).isEqualTo(409);
        assertThat(unknownInterview.status()).isEqualTo(404);
        assertThat(wrongQuestion.status()).isEqualTo(409);
        assertThat(recordingFiles()).isEmpty();

        assertThat(api("POST", "interviews/" + id + "/recording/start", "{\"question\":\"" + question + "\"}")
                .status()).isEqualTo(201);
        long sealedBefore = Files.size(recordingFiles().get(0));
        RawHttp.Response oversized = chunk(id, new byte[RecordingApi.MAX_CHUNK + 1], "audio/webm");
        RawHttp.Response wrongType = chunk(id, audio(100), "text/plain");
        RawHttp.Response empty = chunk(id, new byte[0], "audio/webm");
        RawHttp.Response again = api("POST", "interviews/" + id + "/recording/start", "{\"question\":\"" + question
                + "\"}");
        RawHttp.Response unknownAction = api("POST", "interviews/" + id + "/recording/explode", null);
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(409);
        assertThat(unknownAction.status()).isEqualTo(404);
        for (RawHttp.Response r : new RawHttp.Response[] {beforeStart, unknownInterview, wrongQuestion, oversized,
            wrongType, empty, again, unknownAction}) {
            assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
        }
        assertThat(json(api("GET", "interviews/" + id + "/recording", null)).path("bytes").asLong()).isZero();
        assertThat(Files.size(recordingFiles().get(0))).isEqualTo(sealedBefore);
    }

    @Test
    void recording_withoutRecordingConsent_refusedNothingWritten() throws Exception {
        String id = startKhmer();
        JsonNode screen = toRecording(id, "no");
        // without recording consent the engine skips the audio question: the topic questions come next
        assertThat(screen.path("question").path("id").asText()).isEqualTo("q_meaning");

        RawHttp.Response start = api("POST", "interviews/" + id + "/recording/start", "{\"question\":\"recording\"}");
        RawHttp.Response chunk = chunk(id, audio(100), "audio/webm");

        assertThat(start.status()).isEqualTo(409);
        assertThat(json(start).path("type").asText()).endsWith("recording-not-allowed");
        assertThat(chunk.status()).isEqualTo(409);
        assertThat(recordingFiles()).isEmpty();
        assertThat(json(api("GET", "interviews/" + id, null)).path("question").path("id").asText())
                .isEqualTo("q_meaning");
    }

    @Test
    void recording_respondentStops_recordingShredded() throws Exception {
        String id = recording(AttachmentSealing.CHUNK_BYTES + 10);

        assertThat(api("POST", "interviews/" + id + "/stop", null).status()).isEqualTo(200);

        assertThat(recordingFiles()).isEmpty();
        assertThat(json(api("GET", "interviews/" + id + "/recording", null)).path("state").asText())
                .isEqualTo("NONE");
    }

    @Test
    void recording_appKilledMidRecording_droppedAndSaidOnResume() throws Exception {
        String id = recording(2 * AttachmentSealing.CHUNK_BYTES + 10);
        // the app goes away without closing the interview (as when killed): the sealed chunks stay, their key
        // existed only in its memory
        app.close();
        startApp();
        assertThat(api("POST", "unlock", "{\"passphrase\":\"" + AppServerTest.PASSPHRASE + "\"}").status())
                .isEqualTo(200);

        RawHttp.Response resumed = api("POST", "interviews/resume", "{\"draftId\":\"" + id + "\",\"passphrase\":\""
                + InterviewApiTest.DRAFT_PASSPHRASE + "\"}");

        assertThat(resumed.status()).as(resumed.body()).isEqualTo(201);
        JsonNode recording = json(api("GET", "interviews/" + id + "/recording", null));
        assertThat(recording.path("dropped").asBoolean()).isTrue();
        assertThat(recording.path("state").asText()).isEqualTo("NONE");
        assertThat(recordingFiles()).isEmpty();
        // the interview itself goes on and seals, its recording answer left out, no attachment
        toReview(id);
        RawHttp.Response sealed = api("POST", "interviews/" + id + "/seal", null);
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
        try (DeviceStore store = DeviceStore.openExisting(home)) {
            Envelope envelope = Json.mapper().readValue(store.outbox().pending().get(0).envelope(), Envelope.class);
            assertThat(envelope.attachments()).isNullOrEmpty();
        }
        assertThat(recordingFiles()).isEmpty();
    }

    @Test
    void recording_pausedInterview_recordingDroppedAndSaid() throws Exception {
        String id = recording(1000);

        assertThat(api("POST", "interviews/" + id + "/pause", null).status()).isEqualTo(200);

        assertThat(recordingFiles()).extracting(p -> p.getFileName().toString()).containsExactly(id + ".dropped");
        api("POST", "interviews/resume", "{\"draftId\":\"" + id + "\",\"passphrase\":\""
                + InterviewApiTest.DRAFT_PASSPHRASE + "\"}");
        assertThat(json(api("GET", "interviews/" + id + "/recording", null)).path("dropped").asBoolean()).isTrue();
    }
}
