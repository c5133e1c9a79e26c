package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.Problem;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bearer token in the address ({@code ?access_token=}, which dropwizard-auth's OAuth filter would accept) is refused
 * before anything is authenticated or written; and the access log, formatted as config.yml has it ({@code fieldsafe},
 * checked by {@code FieldsafeConfigurationTest}), writes paths without their query and no {@code Referer}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenInQueryIntegrationTest {
    private static final Path DIR = temporaryDirectory();
    private static final Path ACCESS_LOG = DIR.resolve("access.log");
    private static final TestApp APP = TestApp.withConfig(withAccessLog());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static String admin;

    @BeforeAll
    static void setUp() {
        admin = APP.adminToken();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("fieldsafe-access-log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test configuration with config.yml's kind of access log, written to {@link #ACCESS_LOG}. */
    private static Path withAccessLog() {
        try {
            String test = Files.readString(Path.of(ResourceHelpers.resourceFilePath("test-config.yml")));
            String none = "  requestLog:\n    appenders: []\n";
            assertThat(test).contains(none);
            return Files.writeString(DIR.resolve("config.yml"), test.replace(none, "  requestLog:\n"
                    + "    type: fieldsafe\n"
                    + "    appenders:\n"
                    + "      - type: file\n"
                    + "        currentLogFilename: " + ACCESS_LOG + "\n"
                    + "        archive: false\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void get_tokenInQueryOnly_400NotAuthenticated() {
        HttpResponse<String> response = APP.send(request("/api/v1/auth/me?access_token=" + admin).GET());
        assertRefused(response);
        assertThat(response.body()).doesNotContain(admin);
    }

    @Test
    void post_tokenInQueryBesideTheHeader_400NothingWritten() {
        int users = APP.count("users");
        int audit = APP.count("audit_log");
        HttpResponse<String> response = APP.send(request("/api/v1/users?access_token=" + admin)
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(APP.write(new NewUserRequest("via-query", "coordinator",
                        List.of("KH-SVR"))))));
        assertRefused(response);
        assertThat(APP.count("users")).isEqualTo(users);
        assertThat(APP.count("audit_log")).isEqualTo(audit);
    }

    @Test
    void anyPath_emptyOrEncodedParameter_400() {
        assertRefused(APP.send(request("/api/v1/no-such-thing?access_token").GET()));
        assertRefused(APP.send(request("/api/v1/sync/manifest?x=1&access%5Ftoken=" + admin)
                .header("Authorization", "Bearer " + admin).GET()));
        // other query parameters stay as they were
        assertThat(APP.send(request("/api/v1/auth/me?token=" + admin).header("Authorization", "Bearer " + admin)
                .GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void accessLog_requestsWithQueries_pathWithoutTheQuery() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        APP.send(request("/api/v1/auth/me/" + marker + "?access_token=" + secret).GET());
        APP.send(request("/api/v1/auth/me/" + marker + "?q=" + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + admin)
                .header("Referer", "http://elsewhere.example/page?access_token=" + secret).GET());
        List<String> lines = awaitLines(marker, 2);
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"GET /api/v1/auth/me/" + marker + " HTTP/1.1\"")
                .doesNotContain("?").doesNotContain(secret).doesNotContain(admin));
        assertThat(lines.get(0)).contains("\" 400 ");
    }

    /** The access log's lines naming {@code marker}, once there are {@code count} (the log is written asynchronously). */
    private static List<String> awaitLines(String marker, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(ACCESS_LOG) ? Files.readAllLines(ACCESS_LOG).stream()
                    .filter(l -> l.contains(marker)).toList() : List.of();
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(50);
        }
        return lines;
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(APP.baseUrl() + pathAndQuery));
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(APP.problem(response)).containsEntry("type", Problem.TYPE_PREFIX + "token-in-query")
                .containsEntry("status", 400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }
}
