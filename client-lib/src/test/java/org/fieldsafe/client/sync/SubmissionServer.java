package org.fieldsafe.client.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.fieldsafe.client.keys.StoredKey;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.core.wire.WithdrawalNotice;

/**
 * A stand-in for the server's upload endpoint ({@code PUT /api/v1/submissions/{id}}) per docs/sealing.md:
 * 201 with a signed receipt the first time, 200 with the same receipt for identical bytes, 409 for other bytes.
 * Attachments ({@code HEAD} and {@code PUT /api/v1/submissions/{id}/attachments/{name}}) are taken in chunks from
 * the offset held, with the attachment's receipt on the last one. Tests script other answers ahead of it; it can be
 * stopped and started again on the same port.
 */
public final class SubmissionServer implements AutoCloseable {
    public static final String TOKEN = "tok-SYNC-0123456789abcdef0123456789abcdef";
    public static final String RECEIVED_AT = "2026-11-22T12:00:01Z";
    static final String PREFIX = "/api/v1/submissions/";

    /** One upload as received. */
    public record Upload(String id, String authorization, String contentType, byte[] body) {
    }

    /** One attachment chunk as received: {@code attachment} is {@code <id>/<name>}. */
    public record Chunk(String attachment, String contentRange, int length) {
    }

    /** Answers one upload. */
    public interface Responder {
        void respond(SubmissionServer server, HttpExchange exchange, String id, byte[] body) throws IOException;
    }

    private record Stored(byte[] body, String receiptJson) {
    }

    private final Ed25519PrivateKeyParameters key;
    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final Map<String, Responder> byId = new ConcurrentHashMap<>();
    private final Deque<Responder> script = new ArrayDeque<>();
    private final Deque<Responder> chunkScript = new ArrayDeque<>();
    private final Map<String, byte[]> attachments = new ConcurrentHashMap<>();
    private final Map<String, String> attachmentReceipts = new ConcurrentHashMap<>();
    private final List<Chunk> chunks = new ArrayList<>();
    private final List<Upload> uploads = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long handlingMillis;
    private final int port;
    private HttpServer server;
    private ExecutorService executor;

    private SubmissionServer(int port) throws IOException {
        this.key = new Ed25519PrivateKeyParameters(new SecureRandom());
        this.port = startOn(port);
    }

    public static SubmissionServer start() throws IOException {
        return new SubmissionServer(0);
    }

    private synchronized int startOn(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
        executor = Executors.newCachedThreadPool();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        return server.getAddress().getPort();
    }

    /** Stops answering: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Starts again on the same port, keeping what it stored (as a restarted server does). */
    synchronized void restart() {
        try {
            startOn(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart on port " + port, e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** The receipt public key as the device pins it. */
    public StoredKey receiptKey(Instant pinnedAt) {
        byte[] raw = key.generatePublicKey().getEncoded();
        return new StoredKey("receipt", "Ed25519", Base64.getEncoder().encodeToString(raw), Digests.sha256Hex(raw),
                pinnedAt);
    }

    /** Answers the next uploads (any id) with these, in order, before the contract behaviour resumes. */
    public synchronized SubmissionServer then(Responder... responders) {
        script.addAll(Arrays.asList(responders));
        return this;
    }

    /** Answers the next attachment chunks (any attachment) with these, in order, before the contract resumes. */
    public synchronized SubmissionServer thenChunks(Responder... responders) {
        chunkScript.addAll(Arrays.asList(responders));
        return this;
    }

    /** Always answers uploads of {@code id} with {@code responder}. */
    public SubmissionServer answer(String id, Responder responder) {
        byId.put(id, responder);
        return this;
    }

    /** Holds each upload this long before answering (to overlap concurrent uploads). */
    void slowDown(long millis) {
        handlingMillis = millis;
    }

    /** Stores these bytes as if uploaded before (the device's first answer got lost). */
    public void preStore(String id, byte[] body) {
        stored.put(id, new Stored(body, receiptJson(sign(id, Digests.sha256Hex(body), key))));
    }

    public synchronized List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    public synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    /** The bytes of attachment {@code <id>/<name>} held so far (all of them once its receipt was sent). */
    byte[] attachment(String attachment) {
        return attachments.getOrDefault(attachment, new byte[0]);
    }

    boolean holds(String id) {
        return stored.containsKey(id);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        stop();
    }

    /** The contract: store and 201, identical bytes 200 with the same receipt, other bytes 409. */
    static Responder contract() {
        return (s, exchange, id, body) -> {
            Stored before = s.stored.putIfAbsent(id, new Stored(body, receiptJson(sign(id, Digests.sha256Hex(body),
                    s.key))));
            Stored now = s.stored.get(id);
            if (before == null) {
                send(exchange, 201, "application/json", now.receiptJson());
            } else if (Arrays.equals(before.body(), body)) {
                send(exchange, 200, "application/json", before.receiptJson());
            } else {
                problem(409, "submission-conflict", "Submission conflict",
                        "Another envelope with this id is stored.").respond(s, exchange, id, body);
            }
        };
    }

    public static Responder problem(int status, String slug, String title, String detail) {
        String json = "{\"type\":\"urn:fieldsafe:problem:" + slug + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"}";
        return (s, exchange, id, body) -> send(exchange, status, "application/problem+json", json);
    }

    /** 410 with the server's signed withdrawal notice for the submission (of an attachment: its submission). */
    public static Responder withdrawn() {
        return (s, exchange, id, body) -> sendWithdrawn(exchange, s.key, id.contains("/")
                ? id.substring(0, id.indexOf('/')) : id);
    }

    /** 410 whose withdrawal notice names another submission, properly signed. */
    static Responder withdrawnNamingAnother(String otherId) {
        return (s, exchange, id, body) -> sendWithdrawn(exchange, s.key, otherId);
    }

    /** 410 whose withdrawal notice is signed by a key the device never pinned. */
    static Responder withdrawnSignedByStranger() {
        Ed25519PrivateKeyParameters stranger = new Ed25519PrivateKeyParameters(new SecureRandom());
        return (s, exchange, id, body) -> sendWithdrawn(exchange, stranger, id);
    }

    private static void sendWithdrawn(HttpExchange exchange, Ed25519PrivateKeyParameters key, String submissionId)
            throws IOException {
        String keyId = Receipts.keyId(key.generatePublicKey().getEncoded());
        WithdrawalNotice notice = Receipts.signer(key.getEncoded(), keyId).signWithdrawal(submissionId);
        Problem problem = Problem.of("respondent-withdrawn", "Respondent withdrawn", 410, "Withdrawn.");
        send(exchange, 410, "application/problem+json", Json.mapper().writeValueAsString(
                new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), notice)));
    }

    /** A 201 whose receipt is signed by a key the device never pinned. */
    static Responder signedByStranger() {
        Ed25519PrivateKeyParameters stranger = new Ed25519PrivateKeyParameters(new SecureRandom());
        return (s, exchange, id, body) -> {
            Receipt honest = sign(id, Digests.sha256Hex(body), s.key);
            Receipt forged = sign(id, Digests.sha256Hex(body), stranger);
            Receipt mixed = new Receipt(id, honest.envelopeSha256(), honest.receivedAt(), honest.keyId(),
                    forged.signature());
            send(exchange, 201, "application/json", receiptJson(mixed));
        };
    }

    /** A 201 with a properly signed receipt for other bytes. */
    static Responder receiptForOtherBytes() {
        return (s, exchange, id, body) -> send(exchange, 201, "application/json",
                receiptJson(sign(id, Digests.sha256Hex("other".getBytes(StandardCharsets.UTF_8)), s.key)));
    }

    /** Stores the upload, then cuts the connection partway through the answer. */
    static Responder storeThenCutAnswer() {
        return (s, exchange, id, body) -> {
            s.stored.putIfAbsent(id, new Stored(body, receiptJson(sign(id, Digests.sha256Hex(body), s.key))));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, 10_000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"submissionId\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            exchange.close();
        };
    }

    static Receipt sign(String id, String sha256, Ed25519PrivateKeyParameters key) {
        String keyId = Receipts.keyId(key.generatePublicKey().getEncoded());
        return Receipts.sign(new Receipt(id, sha256, RECEIVED_AT, null, null), key.getEncoded(), keyId);
    }

    static String receiptJson(Receipt receipt) {
        try {
            return Json.mapper().writeValueAsString(receipt);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** HEAD: the offset held; PUT: a scripted answer, else {@link #attachmentContract()}. */
    private void handleAttachment(HttpExchange exchange, String attachment, byte[] body) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            problem(401, "unauthorised", "Not authenticated", "Missing, unknown or revoked token.")
                    .respond(this, exchange, attachment, body);
            return;
        }
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Upload-Offset", Long.toString(attachment(attachment).length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        Responder responder;
        synchronized (this) {
            chunks.add(new Chunk(attachment, range, body.length));
            responder = chunkScript.poll();
        }
        (responder == null ? attachmentContract() : responder).respond(this, exchange, attachment, body);
    }

    /**
     * The attachment contract for one chunk: taken from the offset held (else 409 with that offset), 204 with the new
     * offset until the last, then 201 with the attachment's receipt (200 with it again for the last bytes resent).
     */
    static Responder attachmentContract() {
        return (s, exchange, attachment, body) -> s.storeChunk(exchange, attachment, body);
    }

    private void storeChunk(HttpExchange exchange, String attachment, byte[] body) throws IOException {
        byte[] held = attachment(attachment);
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        String[] parts = range.substring("bytes ".length()).split("[-/]");
        long start = Long.parseLong(parts[0]);
        long total = Long.parseLong(parts[2]);
        String receipt = attachmentReceipts.get(attachment);
        if (receipt != null && start + body.length == total) {
            send(exchange, 200, "application/json", receipt);
            return;
        }
        if (start != held.length) {
            exchange.getResponseHeaders().set("Upload-Offset", Long.toString(held.length));
            problem(409, "upload-offset-mismatch", "Offset mismatch", "Resume from the offset held.")
                    .respond(this, exchange, attachment, body);
            return;
        }
        byte[] now = Arrays.copyOf(held, held.length + body.length);
        System.arraycopy(body, 0, now, held.length, body.length);
        attachments.put(attachment, now);
        if (now.length < total) {
            exchange.getResponseHeaders().set("Upload-Offset", Long.toString(now.length));
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        receipt = receiptJson(sign(attachment, Digests.sha256Hex(now), key));
        attachmentReceipts.put(attachment, receipt);
        exchange.getResponseHeaders().set("Upload-Offset", Long.toString(now.length));
        send(exchange, 201, "application/json", receipt);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(PREFIX) && path.contains("/attachments/")) {
                handleAttachment(exchange, path.substring(PREFIX.length()).replace("/attachments/", "/"), body);
                return;
            }
            if (!"PUT".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX)) {
                problem(404, "not-found", "Not found", "No such resource.").respond(this, exchange, null, body);
                return;
            }
            String id = path.substring(PREFIX.length());
            synchronized (this) {
                uploads.add(new Upload(id, exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            if (handlingMillis > 0) {
                Thread.sleep(handlingMillis);
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(401, "unauthorised", "Not authenticated", "Missing, unknown or revoked token.")
                        .respond(this, exchange, id, body);
                return;
            }
            Responder responder;
            synchronized (this) {
                responder = script.poll();
            }
            if (responder == null) {
                responder = byId.getOrDefault(id, contract());
            }
            responder.respond(this, exchange, id, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }
}
