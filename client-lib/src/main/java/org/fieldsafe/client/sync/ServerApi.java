package org.fieldsafe.client.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.Problem;

/**
 * The device side of the Fieldsafe HTTP API ({@code /api/v1}), on the JDK's HTTP client. Every failure
 * becomes a {@link ClientException} whose message names what was attempted and why it failed; the
 * device token is sent only in the {@code Authorization} header and never appears in a message.
 */
public final class ServerApi {
    private static final String API_PREFIX = "/api/v1";
    private static final String USER_AGENT = "fieldsafe-client";

    private final URI server;
    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param server the server's base address as normalised by {@link #normaliseServer}
     * @param http a client that does not follow redirects (a redirect must not carry the token elsewhere)
     */
    public ServerApi(URI server, HttpClient http, Duration requestTimeout) {
        this.server = Objects.requireNonNull(server, "server");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** An HTTP client fit for this API: HTTP/1.1, no redirects, a connect timeout. */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * The server's base address: http or https with a host, no query or fragment, without a trailing
     * slash or {@code /api/v1} (so {@code https://host/}, {@code https://host/api/v1} and
     * {@code https://host} are the same server). A path prefix (behind a reverse proxy) is kept.
     */
    public static URI normaliseServer(URI server) throws ClientException {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ClientException(Reason.USAGE, "the server address must start with http:// or https://, not '"
                    + server + "'");
        }
        if (server.getHost() == null || server.getRawUserInfo() != null) {
            throw new ClientException(Reason.USAGE, "the server address '" + server
                    + "' needs a host name (and no user name), e.g. https://fieldsafe.example.org");
        }
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new ClientException(Reason.USAGE, "the server address '" + server
                    + "' must not have a query or fragment");
        }
        String path = server.getPath() == null ? "" : server.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(API_PREFIX)) {
            path = path.substring(0, path.length() - API_PREFIX.length());
        }
        try {
            return new URI(scheme, null, server.getHost(), server.getPort(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new ClientException(Reason.USAGE, "the server address '" + server + "' is not valid", e);
        }
    }

    public URI server() {
        return server;
    }

    /** How long a request may take, its body included. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** {@code POST /devices/enrol}: exchanges a one-time code for a device id and token. */
    public DeviceEnrolment enrol(String code, String deviceName) throws ClientException {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(new DeviceEnrolRequest(code, deviceName));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the enrolment request", e);
        }
        HttpRequest request = request("/devices/enrol", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Answer answer = send(request, "enrol this device", false);
        DeviceEnrolment enrolment = answer.json(DeviceEnrolment.class, "enrolment answer");
        if (blank(enrolment.deviceId()) || blank(enrolment.deviceToken()) || blank(enrolment.study())
                || blank(enrolment.site())) {
            throw new ClientException(Reason.SERVER, "the server's enrolment answer lacks the device id, token,"
                    + " study or site; this client cannot use it");
        }
        return enrolment;
    }

    /** {@code GET /sync/manifest}, conditional on {@code etag} when there is one; 304 gives empty. */
    public Optional<Answer> manifest(String token, String etag) throws ClientException {
        HttpRequest.Builder builder = request("/sync/manifest", token).GET();
        if (etag != null) {
            builder.header("If-None-Match", etag);
        }
        Answer answer = send(builder.build(), "send the manifest", true);
        return answer.status() == 304 ? Optional.empty() : Optional.of(answer);
    }

    /** {@code GET /sync/study}: the study's canonical JSON. */
    public Answer study(String token) throws ClientException {
        return expectBody(send(request("/sync/study", token).GET().build(), "send the study", true), "the study");
    }

    /** {@code GET /sync/forms/{form}/versions/{v}}: a form version's canonical JSON. */
    public Answer form(String token, String formId, int version) throws ClientException {
        String path = "/sync/forms/" + formId + "/versions/" + version;
        String what = "form " + formId + " v" + version;
        return expectBody(send(request(path, token).GET().build(), "send " + what, true), what);
    }

    /**
     * {@code PUT /submissions/{id}}: uploads a sealed envelope, the exact stored bytes. A 2xx answer is returned
     * (201 stored, 200 already held; the body is the receipt); any other answer is a {@link ClientException}
     * carrying the status and problem.
     */
    public Answer putSubmission(String token, String submissionId, byte[] envelope) throws ClientException {
        HttpRequest request = request("/submissions/" + submissionId, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build();
        return send(request, "store submission " + ShortForm.id(submissionId), true);
    }

    /**
     * Where a resumable attachment upload stands: the bytes the server holds ({@code Upload-Offset}); and
     * {@code chunkMax}, the largest chunk the server takes when it keeps the bytes of a chunk cut short
     * ({@code Upload-Chunk-Max}), 0 when it does not say (a server that keeps only whole chunks).
     */
    public record UploadAnswer(int status, byte[] body, long offset, long chunkMax) {
    }

    /** {@code HEAD /submissions/{id}/attachments/{name}}: the bytes stored so far. */
    public UploadAnswer attachmentOffset(String token, String submissionId, String name) throws ClientException {
        HttpRequest request = request("/submissions/" + submissionId + "/attachments/" + name, token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        return upload(exchange(request, "tell how much of attachment " + name + " of "
                + ShortForm.id(submissionId) + " it holds", true));
    }

    /**
     * {@code PUT /submissions/{id}/attachments/{name}} with {@code Content-Range: bytes start-end/total}: 204 with
     * the new offset, 201/200 with the attachment's receipt; any other answer is a {@link ClientException}.
     */
    public UploadAnswer putAttachmentChunk(String token, String submissionId, String name, byte[] chunk, long start,
                                           long total) throws ClientException {
        HttpRequest request = request("/submissions/" + submissionId + "/attachments/" + name, token)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + start + "-" + (start + chunk.length - 1) + "/" + total)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk))
                .build();
        return upload(exchange(request, "store attachment " + name + " of " + ShortForm.id(submissionId), true));
    }

    private static UploadAnswer upload(HttpResponse<byte[]> response) throws ClientException {
        String offset = response.headers().firstValue("Upload-Offset").orElse(null);
        long chunkMax = response.headers().firstValue("Upload-Chunk-Max").map(String::strip)
                .filter(v -> v.matches("\\d{1,18}")).map(Long::parseLong).orElse(0L);
        try {
            return new UploadAnswer(response.statusCode(), response.body(), Long.parseLong(offset), chunkMax);
        } catch (NumberFormatException e) {
            throw new ClientException(Reason.SERVER, "the server's answer has no valid Upload-Offset",
                    response.statusCode(), null, null);
        }
    }

    private static Answer expectBody(Answer answer, String what) throws ClientException {
        if (answer.status() == 304) {
            throw new ClientException(Reason.SERVER, "the server answered 304 Not Modified for " + what
                    + " although none was asked for", 304, null, null);
        }
        return answer;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server + API_PREFIX + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest request, String action, boolean withToken) throws ClientException {
        HttpResponse<byte[]> response = exchange(request, action, withToken);
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null));
    }

    /** Sends; returns a 2xx or 304 response, throws a {@link ClientException} for anything else. */
    private HttpResponse<byte[]> exchange(HttpRequest request, String action, boolean withToken)
            throws ClientException {
        HttpResponse<byte[]> response;
        // The client's own timeout ends at the response headers; a server that stalls in the middle of a
        // body must not hang the device, so the whole exchange gets the request timeout (plus the connect time).
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        long limitMillis = requestTimeout.toMillis()
                + http.connectTimeout().map(Duration::toMillis).orElse(0L);
        try {
            response = exchange.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ClientException(Reason.NETWORK, "cannot reach the server at " + server + ": no complete answer"
                    + " within " + (limitMillis / 1000) + " seconds", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClientException(Reason.NETWORK, "cannot reach the server at " + server + ": "
                    + networkReason(cause), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ClientException(Reason.NETWORK, "interrupted while waiting for the server at " + server, e);
        }
        int status = response.statusCode();
        String etag = response.headers().firstValue("ETag").orElse(null);
        Answer answer = new Answer(status, response.body(), etag);
        if ((status >= 200 && status < 300) || status == 304) {
            return response;
        }
        throw failure(response, answer, action, withToken);
    }

    private ClientException failure(HttpResponse<byte[]> response, Answer answer, String action, boolean withToken) {
        ClientException failure = describeFailure(response, answer, action, withToken);
        retryAfter(response).ifPresent(failure::withRetryAfter);
        return failure;
    }

    /** Retry-After in delta-seconds (the form this server sends); an HTTP date or nonsense is ignored. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }

    private ClientException describeFailure(HttpResponse<byte[]> response, Answer answer, String action,
                                            boolean withToken) {
        int status = answer.status();
        Problem problem = problem(response);
        String because = problem == null ? "" : ": " + describe(problem);
        if (status == 401 && withToken) {
            return new ClientException(Reason.UNAUTHORISED, "the server at " + server + " no longer accepts this"
                    + " device (HTTP 401): it was revoked or its token is invalid; enrol it again with a new code"
                    + " (fieldsafe client enrol --force ...)", status, problem, null);
        }
        if (status >= 400 && status < 500) {
            String retry = status == 429
                    ? response.headers().firstValue("Retry-After").map(s -> "; try again in " + s + " seconds").orElse("")
                    : "";
            return new ClientException(Reason.REJECTED, "the server refused to " + action + because
                    + " (HTTP " + status + ")" + retry, status, problem, null);
        }
        if (status >= 500) {
            return new ClientException(Reason.SERVER, "the server failed to " + action + because
                    + " (HTTP " + status + ")", status, problem, null);
        }
        return new ClientException(Reason.SERVER, "the server answered HTTP " + status + " when asked to " + action
                + "; this client cannot use that answer", status, problem, null);
    }

    private static Problem problem(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.contains("json") || response.body() == null || response.body().length == 0) {
            return null;
        }
        try {
            Problem p = Json.mapper().readValue(response.body(), Problem.class);
            return blank(p.title()) && blank(p.detail()) ? null : p;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(Problem p) {
        if (blank(p.detail())) {
            return p.title();
        }
        if (blank(p.title())) {
            return p.detail();
        }
        return p.title() + " - " + p.detail();
    }

    private static String networkReason(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "the connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage();
        }
        if (e instanceof UnresolvedAddressException || e.getCause() instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (e instanceof EOFException || e.getMessage() == null || e.getMessage().isBlank()) {
            return "the connection closed before the answer was complete";
        }
        return e.getMessage();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A successful (2xx or 304) answer: status, body bytes as sent, ETag as sent (may be null). */
    public record Answer(int status, byte[] body, String etag) {
        /** Reads the body as {@code type}; an unreadable body is a {@link Reason#SERVER} failure. */
        public <T> T json(Class<T> type, String what) throws ClientException {
            try {
                return Json.mapper().readValue(body, type);
            } catch (IOException e) {
                String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new ClientException(Reason.SERVER, "the server sent an unreadable " + what + ": " + reason,
                        status, null, e);
            }
        }
    }
}
