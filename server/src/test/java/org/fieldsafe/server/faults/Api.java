package org.fieldsafe.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.fieldsafe.core.json.JsonMappers;

/** A small JSON client for the set-up and checks (the devices use the real client). */
final class Api {
    private static final ObjectMapper JSON = JsonMappers.plain();

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
