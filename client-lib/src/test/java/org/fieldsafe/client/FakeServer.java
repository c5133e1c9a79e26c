package org.fieldsafe.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fieldsafe.core.crypto.Digests;

/**
 * A small stand-in for the Fieldsafe server on 127.0.0.1 (a free port), serving fixture files from
 * {@code src/test/resources/fixtures/} and recording every request it gets.
 */
public final class FakeServer implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Answers one exchange. */
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    public static final String TOKEN = "tok-SECRET-0123456789abcdef0123456789abcdef";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    private FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeServer start() throws IOException {
        return new FakeServer();
    }

    /** A server with the happy path: enrolment, manifest (with ETag/304), study and both v1 forms. */
    public static FakeServer withFixtures() throws IOException {
        FakeServer s = start();
        s.on("POST", "/api/v1/devices/enrol", json(201, fixture("enrolment.json")));
        s.serveManifest("manifest.json");
        s.on("GET", "/api/v1/sync/study", authorised(json(200, fixture("study.json"))));
        s.on("GET", "/api/v1/sync/forms/consent/versions/1", authorised(json(200, fixture("forms/consent-v1.json"))));
        s.on("GET", "/api/v1/sync/forms/interview/versions/1",
                authorised(json(200, fixture("forms/interview-v1.json"))));
        s.on("GET", "/api/v1/sync/forms/interview/versions/2",
                authorised(json(200, fixture("forms/interview-v2.json"))));
        return s;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void on(String method, String path, Responder responder) {
        routes.put(method + " " + path, responder);
    }

    /** Serves a manifest fixture with the quoted SHA-256 of its bytes as ETag, answering 304 on a match. */
    public void serveManifest(String fixture) {
        serveManifest(fixture(fixture));
    }

    /** Serves these manifest bytes with the quoted SHA-256 as ETag, answering 304 on a match. */
    public void serveManifest(byte[] body) {
        String etag = "\"" + Digests.sha256Hex(body) + "\"";
        on("GET", "/api/v1/sync/manifest", authorised(exchange -> {
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("ETag", etag);
            send(exchange, 200, "application/json", body);
        }));
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static byte[] fixture(String name) {
        try (InputStream in = FakeServer.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Responder json(int status, byte[] body) {
        return exchange -> send(exchange, status, "application/json", body);
    }

    public static Responder problem(int status, String slug, String title, String detail) {
        String body = "{\"type\":\"urn:fieldsafe:problem:" + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        return exchange -> send(exchange, status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8));
    }

    public static Responder text(int status, String body) {
        return exchange -> send(exchange, status, "text/html", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Promises a body, sends a part of it, then drops the connection (by stopping this server). */
    public Responder dropConnection() {
        return exchange -> {
            startBody(exchange);
            Thread stopper = new Thread(() -> server.stop(0));
            stopper.start();
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Promises a body, sends a part of it, then sends nothing more until this server closes. */
    public static Responder stall() {
        return exchange -> {
            startBody(exchange);
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void startBody(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 10_000);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"id\":\"interv".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Answers 401 (as the real server does) unless the request carries the fixture device token. */
    public static Responder authorised(Responder inner) {
        return exchange -> {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(401, "unauthorised", "Not authenticated", "Missing, unknown or revoked token.").respond(exchange);
                return;
            }
            inner.respond(exchange);
        };
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
        }
        Responder responder = routes.get(exchange.getRequestMethod() + " " + path);
        if (responder == null) {
            responder = problem(404, "not-found", "Not found", "No such resource.");
        }
        responder.respond(exchange);
    }
}
