package org.fieldsafe.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON calls to the Fieldsafe API for set-up (not timed). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient client;
    private final URI server;

    Http(HttpClient client, URI server) {
        this.client = client;
        this.server = server;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    JsonNode get(String path, String token) throws IOException, InterruptedException {
        return call(builder(path, token).GET(), path);
    }

    JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
        return call(builder(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), path);
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve("/api/v1" + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private JsonNode call(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(path + ": HTTP " + response.statusCode() + " " + new String(response.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
