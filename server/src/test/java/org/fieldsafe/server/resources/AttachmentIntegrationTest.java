package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fieldsafe.server.attachments.AttachmentService;
import org.fieldsafe.core.crypto.AttachmentSealing;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code PUT/HEAD/GET /submissions/{id}/attachments/{name}}: resumable, in order, hash-checked, receipted. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AttachmentIntegrationTest {
    static final TestApp APP = new TestApp(ConfigOverride.config("attachments.maxAttachmentBytes", "300000"),
            ConfigOverride.config("attachments.maxChunkBytes", "100000"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final List<String> TABLES = List.of("attachment_chunks", "attachments", "audit_log");
    private static int codes = 0;

    static DeviceEnrolment otherDevice;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        otherDevice = UPLOADS.enrol("enum2", "KH-SVR");
    }

    /** An envelope announcing one attachment of {@code plaintextBytes}, stored; returns its id and sealed bytes. */
    private record Stored(String id, byte[] sealed) {
    }

    private static Stored storedWithAttachment(int plaintextBytes, boolean recordingConsent) {
        byte[] sealed = new byte[(int) AttachmentSealing.sealedSize(plaintextBytes)];
        new Random(plaintextBytes).nextBytes(sealed);
        ObjectNode envelope = UPLOADS.valid("KH-SVR-RH-" + (100 + codes++));
        Envelopes.set(envelope, "header.respondents.0.consent.recording", recordingConsent);
        Base64.Encoder b64 = Base64.getEncoder();
        Envelope.Attachment descriptor = new Envelope.Attachment("recording", "q_recording",
                (int) AttachmentSealing.chunkCount(plaintextBytes), plaintextBytes, sealed.length,
                Digests.sha256Hex(sealed), b64.encodeToString(Secrets.randomBytes(8)),
                List.of(new Envelope.WrappedKey(UPLOADS.target.fingerprints().get("research"),
                        b64.encodeToString(Secrets.randomBytes(32)), b64.encodeToString(Secrets.randomBytes(48)))));
        envelope.set("attachments", APP.json.valueToTree(List.of(descriptor)));
        HttpResponse<String> response = UPLOADS.put(envelope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(recordingConsent ? 201 : 422);
        return new Stored(Envelopes.submissionId(envelope), sealed);
    }

    private static HttpResponse<String> chunk(String id, byte[] all, int start, int endExclusive, String token) {
        return chunk(id, Arrays.copyOfRange(all, start, endExclusive),
                "bytes " + start + "-" + (endExclusive - 1) + "/" + all.length, token);
    }

    private static HttpResponse<String> chunk(String id, byte[] body, String range, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1/submissions/" + id
                        + "/attachments/recording"))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (range != null) {
            request.header("Content-Range", range);
        }
        return APP.send(request);
    }

    private static HttpResponse<String> head(String id, String token) {
        return APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl() + "/api/v1/submissions/" + id
                + "/attachments/recording")).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private static long offset(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static String token() {
        return UPLOADS.device.deviceToken();
    }

    private static Map<String, Integer> counts() {
        return Map.of(TABLES.get(0), APP.count(TABLES.get(0)), TABLES.get(1), APP.count(TABLES.get(1)),
                TABLES.get(2), APP.count(TABLES.get(2)));
    }

    @Test
    void chunksInOrder_204ThenCompletion201WithVerifiableReceipt_retry200() {
        Stored s = storedWithAttachment(150_000);
        HttpResponse<String> h = head(s.id(), token());
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(offset(h)).isZero();
        HttpResponse<String> first = chunk(s.id(), s.sealed(), 0, 60_000, token());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(offset(first)).isEqualTo(60_000);
        assertThat(chunk(s.id(), s.sealed(), 60_000, 120_000, token()).statusCode()).isEqualTo(204);
        assertThat(offset(head(s.id(), token()))).isEqualTo(120_000);
        HttpResponse<String> last = chunk(s.id(), s.sealed(), 120_000, s.sealed().length, token());
        assertThat(last.statusCode()).as(last.body()).isEqualTo(201);
        Receipt receipt = APP.read(last, Receipt.class);
        assertThat(receipt.submissionId()).isEqualTo(s.id() + "/recording");
        assertThat(receipt.envelopeSha256()).isEqualTo(Digests.sha256Hex(s.sealed()));
        assertThat(Receipts.verify(receipt, APP.services().receiptKey().publicKey())).isTrue();
        assertThat(APP.count("attachments", "submission_id = '" + s.id() + "'")).isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'attachment.received'")).isGreaterThanOrEqualTo(1);
        HttpResponse<String> again = chunk(s.id(), s.sealed(), 120_000, s.sealed().length, token());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(APP.read(again, Receipt.class)).isEqualTo(receipt);
        HttpResponse<String> get = APP.get("/submissions/" + s.id() + "/attachments/recording", token());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("\"complete\":true");
        assertThat(offset(get)).isEqualTo(s.sealed().length);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void interruptedChunk_resumesFromStoredOffset() {
        Stored s = storedWithAttachment(100_000);
        assertThat(chunk(s.id(), s.sealed(), 0, 50_000, token()).statusCode()).isEqualTo(204);
        // a chunk cut off in transit: the body is shorter than its Content-Range - refused, nothing stored
        Map<String, Integer> before = counts();
        HttpResponse<String> cut = chunk(s.id(), Arrays.copyOfRange(s.sealed(), 50_000, 70_000),
                "bytes 50000-" + (s.sealed().length - 1) + "/" + s.sealed().length, token());
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);
        long resume = offset(head(s.id(), token()));
        assertThat(resume).isEqualTo(50_000);
        HttpResponse<String> rest = chunk(s.id(), s.sealed(), (int) resume, s.sealed().length, token());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
    }

    @Test
    void put_connectionCutMidChunk_keepsTheBytesThatArrivedAndResumesAfterThem() throws Exception {
        Stored s = storedWithAttachment(150_000);
        int sent = 70_000; // more than one piece of 64 KiB: one stored while reading, the rest when the body stops
        String range = "bytes 0-99999/" + s.sealed().length;
        try (Socket socket = new Socket("127.0.0.1", EXT.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/submissions/" + s.id() + "/attachments/recording HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token() + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Range: " + range + "\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(s.sealed(), 0, sent);
            out.flush();
            socket.shutdownOutput(); // the link goes: 30,000 bytes of the chunk never come
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (offset(head(s.id(), token())) < sent && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        HttpResponse<String> where = head(s.id(), token());
        assertThat(offset(where)).as("every byte that arrived is kept").isEqualTo(sent);
        assertThat(where.headers().firstValue(AttachmentService.UPLOAD_CHUNK_MAX)).hasValue("100000");
        assertThat(APP.count("attachment_chunks", "submission_id = '" + s.id() + "'")).isEqualTo(2);
        // the device resumes at the stored length: nothing that arrived is sent again
        HttpResponse<String> rest = chunk(s.id(), s.sealed(), sent, s.sealed().length, token());
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
        Receipt receipt = APP.read(rest, Receipt.class);
        assertThat(receipt.envelopeSha256()).isEqualTo(Digests.sha256Hex(s.sealed()));
        assertThat(Receipts.verify(receipt, APP.services().receiptKey().publicKey())).isTrue();
    }

    @Test
    void put_chunkWithoutContentLength_storedWhole_asOlderClientsSendIt() {
        Stored s = storedWithAttachment(50_000);
        byte[] first = Arrays.copyOfRange(s.sealed(), 0, 20_000);
        HttpResponse<String> chunked = APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl()
                        + "/api/v1/submissions/" + s.id() + "/attachments/recording"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 0-19999/" + s.sealed().length)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(first))));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(204);
        assertThat(offset(chunked)).isEqualTo(20_000);
        assertThat(chunked.headers().firstValue(AttachmentService.UPLOAD_CHUNK_MAX)).hasValue("100000");
        assertThat(APP.count("attachment_chunks", "submission_id = '" + s.id() + "'")).isEqualTo(1);
        assertThat(chunk(s.id(), s.sealed(), 20_000, s.sealed().length, token()).statusCode()).isEqualTo(201);
    }

    @Test
    void outOfOrderOrRepeatedChunk_409WithOffset_nothingWritten() {
        Stored s = storedWithAttachment(100_000);
        assertThat(chunk(s.id(), s.sealed(), 0, 40_000, token()).statusCode()).isEqualTo(204);
        Map<String, Integer> before = counts();
        HttpResponse<String> ahead = chunk(s.id(), s.sealed(), 60_000, 80_000, token());
        assertThat(ahead.statusCode()).isEqualTo(409);
        assertThat(offset(ahead)).isEqualTo(40_000);
        assertThat(ahead.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(ahead.body()).isEqualTo("{\"type\":\"urn:fieldsafe:problem:upload-offset-mismatch\",\"title\":"
                + "\"Upload offset mismatch\",\"status\":409,\"detail\":\"The chunk does not start at the stored length;"
                + " resume from Upload-Offset.\"}");
        HttpResponse<String> repeat = chunk(s.id(), s.sealed(), 0, 40_000, token());
        assertThat(repeat.statusCode()).isEqualTo(409);
        assertThat(offset(repeat)).isEqualTo(40_000);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void wrongHash_422AndTheUploadDiscarded() {
        Stored s = storedWithAttachment(50_000);
        byte[] altered = s.sealed().clone();
        altered[altered.length - 1] ^= 1;
        assertThat(chunk(s.id(), altered, 0, 30_000, token()).statusCode()).isEqualTo(204);
        HttpResponse<String> last = chunk(s.id(), altered, 30_000, altered.length, token());
        assertThat(last.statusCode()).isEqualTo(422);
        assertThat(last.body()).isEqualTo("{\"type\":\"urn:fieldsafe:problem:attachment-hash-mismatch\",\"title\":"
                + "\"Attachment does not match\",\"status\":422,\"detail\":\"The SHA-256 of the uploaded bytes is not the"
                + " descriptor's; the upload was discarded.\"}");
        assertThat(last.headers().firstValue("Upload-Offset")).hasValue("0");
        assertThat(offset(head(s.id(), token()))).isZero();
        assertThat(APP.count("attachment_chunks", "submission_id = '" + s.id() + "'")).isZero();
        assertThat(APP.count("attachments", "submission_id = '" + s.id() + "'")).isZero();
        assertThat(chunk(s.id(), s.sealed(), 0, s.sealed().length, token()).statusCode()).isEqualTo(201);
    }

    @Test
    void overTheLimits_413_nothingWritten() {
        Stored big = storedWithAttachment(320_000);
        Stored s = storedWithAttachment(150_000);
        Map<String, Integer> before = counts();
        HttpResponse<String> tooBig = chunk(big.id(), big.sealed(), 0, 10_000, token());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).isEqualTo("{\"type\":\"urn:fieldsafe:problem:payload-too-large\",\"title\":"
                + "\"Payload too large\",\"status\":413,\"detail\":\"The attachment or the chunk is larger than this"
                + " server accepts.\"}");
        HttpResponse<String> chunkTooBig = chunk(s.id(), s.sealed(), 0, 100_001, token());
        assertThat(chunkTooBig.statusCode()).isEqualTo(413);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void otherDevice_unknownName_orNoEnvelope_404_nothingWritten() {
        Stored s = storedWithAttachment(10_000);
        String admin = APP.adminToken();
        Map<String, Integer> before = counts();
        assertThat(chunk(s.id(), s.sealed(), 0, s.sealed().length, otherDevice.deviceToken()).statusCode())
                .isEqualTo(404);
        assertThat(head(s.id(), otherDevice.deviceToken()).statusCode()).isEqualTo(404);
        assertThat(chunk("8f0c2b9e-8a4d-4f61-9b57-2d1e0c6a7b18", s.sealed(), 0, 100, token()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> other = APP.send(HttpRequest.newBuilder(URI.create(APP.baseUrl()
                        + "/api/v1/submissions/" + s.id() + "/attachments/other"))
                .header("Authorization", "Bearer " + token()).header("Content-Range", "bytes 0-9/10")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(chunk(s.id(), s.sealed(), 0, 100, admin).statusCode()).isEqualTo(403);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void badContentRange_400_nothingWritten() {
        Stored s = storedWithAttachment(10_000);
        Map<String, Integer> before = counts();
        byte[] body = Arrays.copyOf(s.sealed(), 100);
        assertThat(chunk(s.id(), body, null, token()).statusCode()).isEqualTo(400);
        assertThat(chunk(s.id(), body, "bytes 0-99/5", token()).statusCode()).isEqualTo(400);
        assertThat(chunk(s.id(), body, "bytes 0-99/" + (s.sealed().length + 1), token()).statusCode())
                .isEqualTo(400);
        assertThat(chunk(s.id(), body, "bytes=0-99", token()).statusCode()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void envelopeWithAttachment_withoutRecordingConsent_422() {
        storedWithAttachment(1000, false);
    }

    private static Stored storedWithAttachment(int plaintextBytes) {
        return storedWithAttachment(plaintextBytes, true);
    }
}
