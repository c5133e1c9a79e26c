package org.fieldsafe.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FakeServer;
import org.junit.jupiter.api.Test;

class ServerApiTest {
    @Test
    void normaliseServer_variantsOfOneAddress_areTheSame() throws Exception {
        for (String s : new String[] {"https://fs.example.org", "https://fs.example.org/", "HTTPS://fs.example.org/api/v1",
                "https://fs.example.org/api/v1/"}) {
            assertThat(ServerApi.normaliseServer(URI.create(s))).isEqualTo(URI.create("https://fs.example.org"));
        }
    }

    @Test
    void normaliseServer_portAndProxyPrefix_areKept() throws Exception {
        assertThat(ServerApi.normaliseServer(URI.create("http://127.0.0.1:8080/fieldsafe/")))
                .isEqualTo(URI.create("http://127.0.0.1:8080/fieldsafe"));
    }

    @Test
    void normaliseServer_unusableAddresses_refused() {
        assertThatThrownBy(() -> ServerApi.normaliseServer(URI.create("fs.example.org")))
                .isInstanceOf(ClientException.class).hasMessageContaining("must start with http:// or https://");
        assertThatThrownBy(() -> ServerApi.normaliseServer(URI.create("https://user:pw@fs.example.org")))
                .isInstanceOf(ClientException.class).hasMessageContaining("no user name");
        assertThatThrownBy(() -> ServerApi.normaliseServer(URI.create("https://fs.example.org/?x=1")))
                .isInstanceOf(ClientException.class).hasMessageContaining("query");
    }

    @Test
    void manifest_redirect_isNotFollowedSoTheTokenStaysHome() throws Exception {
        try (FakeServer server = FakeServer.start(); FakeServer elsewhere = FakeServer.start()) {
            server.on("GET", "/api/v1/sync/manifest", exchange -> {
                exchange.getResponseHeaders().set("Location", elsewhere.uri() + "/api/v1/sync/manifest");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            ServerApi api = new ServerApi(server.uri(), ServerApi.newHttpClient(Duration.ofSeconds(2)),
                    Duration.ofSeconds(5));

            assertThatThrownBy(() -> api.manifest("tok-1", null)).isInstanceOf(ClientException.class)
                    .hasMessageContaining("answered HTTP 302");
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void form_problemWithoutDetail_usesTheTitle() throws Exception {
        try (FakeServer server = FakeServer.start()) {
            server.on("GET", "/api/v1/sync/forms/consent/versions/3", exchange -> {
                byte[] body = "{\"type\":\"urn:fieldsafe:problem:not-found\",\"title\":\"Form version not found\",\"status\":404}"
                        .getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            ServerApi api = new ServerApi(server.uri(), ServerApi.newHttpClient(Duration.ofSeconds(2)),
                    Duration.ofSeconds(5));

            assertThatThrownBy(() -> api.form("tok-1", "consent", 3)).isInstanceOf(ClientException.class)
                    .hasMessage("the server refused to send form consent v3: Form version not found (HTTP 404)");
        }
    }
}
