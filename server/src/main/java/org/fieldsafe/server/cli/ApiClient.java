package org.fieldsafe.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.Problem;

/** The server's HTTP API over the JDK HTTP client, JSON via Jackson. Failures become {@link CliException}s. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = JsonMappers.apiClient();
    private final URI base;
    private final String token;

    public ApiClient(String server, String token) {
        this.base = parse(server);
        this.token = token;
    }

    public ObjectMapper json() {
        return json;
    }

    public String server() {
        return base.toString();
    }

    public ApiClient withToken(String newToken) {
        return new ApiClient(base.toString(), newToken);
    }

    public <T> T get(String path, JavaType type) {
        return send("GET", path, null, type);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return send("POST", path, body, json.constructType(type));
    }

    /** Any method with an optional JSON body; the answer read as {@code type} (null: ignored). */
    public <T> T send(String method, String path, Object body, JavaType type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        authorised(request);
        // the body may hold a passphrase (a char[] written as a JSON string): its bytes are zeroed once sent
        byte[] bytes = null;
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                bytes = json.writeValueAsBytes(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw new CliException(describe(response));
            }
            if (type == null || response.body().length == 0) {
                return null;
            }
            return json.readValue(response.body(), type);
        } catch (IOException | InterruptedException e) {
            throw unreachable(e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /**
     * A GET whose answer is read as a stream (large or long answers: sealed pulls, export files); a 4xx/5xx answer
     * is a {@link CliException}. The caller closes the stream.
     */
    public InputStream stream(String path) {
        HttpRequest.Builder request = authorised(HttpRequest.newBuilder(base.resolve("/api/v1" + path)).GET());
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readNBytes(64 * 1024);
                }
                throw new CliException(describe(response.statusCode(), body));
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw unreachable(e);
        }
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private CliException unreachable(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new CliException("Interrupted");
        }
        return new CliException("Cannot reach the server at " + base + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    private String describe(HttpResponse<byte[]> response) {
        return describe(response.statusCode(), response.body());
    }

    private String describe(int status, byte[] body) {
        try {
            Problem problem = json.readValue(body, Problem.class);
            if (problem.title() != null) {
                String hint = status == 401 && token != null
                        ? " (log in again with 'admin login')" : "";
                return problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()) + hint;
            }
        } catch (JsonProcessingException e) {
            // not a problem body: fall through to the status line
        } catch (IOException e) {
            throw new CliException("Unreadable answer from the server (HTTP " + status + ")");
        }
        return "The server answered HTTP " + status;
    }

    private static URI parse(String server) {
        try {
            URI uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new CliException("Not a server URL: " + server + " (expected e.g. http://127.0.0.1:8080)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException("Not a server URL: " + server);
        }
    }
}
