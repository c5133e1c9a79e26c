package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FakeServer;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.sync.Json;
import org.fieldsafe.core.crypto.PasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field app's HTTP boundary without a browser: loopback only, one app per home, the one-time launch secret, and
 * the Host, Origin and cookie checks, security headers, locking and bad input on every API call.
 */
class AppServerTest {
    static final PasswordHasher.Cost TEST_COST = new PasswordHasher.Cost(8192, 1, 1);
    static final String PASSPHRASE = "field laptop 42";

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path home;

    final MovingClock clock = new MovingClock();
    AppServer app;
    int port;

    @BeforeEach
    void start() throws ClientException {
        app = AppServer.start(options(home, AppServer.LOOPBACK));
        port = Integer.parseInt(app.origin().substring(app.origin().lastIndexOf(':') + 1));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    AppServer.Options options(Path dir, String address) {
        return new AppServer.Options(dir, address, 0, "en", TEST_COST,
                new FieldsafeClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), clock));
    }

    String launch() throws Exception {
        RawHttp.Response r = RawHttp.send(port, "GET", app.launchUri().getRawPath(), Map.of(), null);
        assertThat(r.status()).isEqualTo(303);
        String cookie = r.header("Set-Cookie");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    RawHttp.Response api(String method, String call, String cookie, String body) throws Exception {
        return api(method, call, cookie, body, Map.of());
    }

    RawHttp.Response api(String method, String call, String cookie, String body, Map<String, String> extra)
            throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", cookie);
        headers.put("Origin", app.origin());
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(extra);
        return RawHttp.send(port, method, "/api/v1/" + call, headers, body);
    }

    static JsonNode json(RawHttp.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    @Test
    void start_nonLoopbackAddress_refusedWithAClearError() {
        for (String address : new String[] {"0.0.0.0", "192.168.1.10", "::", "localhost"}) {
            assertThatThrownBy(() -> AppServer.start(options(home.resolve("other"), address)))
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("listens on 127.0.0.1 only").hasMessageContaining(address);
        }
        assertThat(home.resolve("other").resolve(AppLock.FILE)).doesNotExist();
    }

    @Test
    void start_secondAppOnTheSameHome_saysWhereTheFirstRuns() {
        assertThatThrownBy(() -> AppServer.start(options(home, AppServer.LOOPBACK)))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("already runs").hasMessageContaining(app.origin() + "/")
                .hasMessageNotContaining(app.launchUri().getRawPath());
    }

    @Test
    void launch_secretExchangedForHttpOnlyStrictCookie_thenCleanUrl() throws Exception {
        RawHttp.Response r = RawHttp.send(port, "GET", app.launchUri().getRawPath(), Map.of(), null);

        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/");
        assertThat(r.header("Set-Cookie")).startsWith(AppAccess.COOKIE + "=").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/");
        String cookie = r.header("Set-Cookie").substring(0, r.header("Set-Cookie").indexOf(';'));
        assertThat(cookie).doesNotContain(app.launchUri().getRawPath().substring("/launch/".length()));
        RawHttp.Response index = RawHttp.send(port, "GET", "/", Map.of("Cookie", cookie), null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<fs-app>").contains("type=\"importmap\"");
    }

    @Test
    void launch_replayedSecret_refusedAndChangesNothing() throws Exception {
        String cookie = launch();

        RawHttp.Response replay = RawHttp.send(port, "GET", app.launchUri().getRawPath(), Map.of(), null);

        assertThat(replay.status()).isEqualTo(403);
        assertThat(replay.all("Set-Cookie")).isEmpty();
        assertThat(replay.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json(replay).path("type").asText()).endsWith("launch-link-used");
        // the first session still works: the replay did not replace it
        assertThat(api("GET", "session", cookie, null).status()).isEqualTo(200);
    }

    @Test
    void api_withoutOrWithWrongCookie_refused() throws Exception {
        launch();
        RawHttp.Response none = RawHttp.send(port, "GET", "/api/v1/session", Map.of("Origin", app.origin()), null);
        RawHttp.Response wrong = api("GET", "session", AppAccess.COOKIE + "=forged", null);
        RawHttp.Response page = RawHttp.send(port, "GET", "/", Map.of(), null);

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(page.status()).isEqualTo(401);
        assertThat(json(none).path("type").asText()).endsWith("no-session");
    }

    @Test
    void api_wrongHost_refusedAndChangesNothing() throws Exception {
        String cookie = launch();

        RawHttp.Response rebound = api("POST", "passphrase", cookie,
                "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\"}",
                Map.of("Host", "evil.example:" + port));
        RawHttp.Response launchRebound = RawHttp.send(port, "GET", "/", Map.of("Host", "attacker.test",
                "Cookie", cookie), null);

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(json(rebound).path("type").asText()).endsWith("wrong-host");
        assertThat(launchRebound.status()).isEqualTo(403);
        assertThat(home.resolve(AppPassphrase.FILE)).doesNotExist();
    }

    @Test
    void api_foreignOrMissingOrigin_refusedAndChangesNothing() throws Exception {
        String cookie = launch();
        String body = "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\"}";

        RawHttp.Response foreign = api("POST", "passphrase", cookie, body, Map.of("Origin", "https://evil.example"));
        RawHttp.Response crossSite = api("POST", "passphrase", cookie, body, Map.of("Sec-Fetch-Site", "cross-site"));
        Map<String, String> noOrigin = new HashMap<>();
        noOrigin.put("Origin", null);
        RawHttp.Response missing = api("POST", "passphrase", cookie, body, noOrigin);

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(json(foreign).path("type").asText()).endsWith("foreign-origin");
        assertThat(home.resolve(AppPassphrase.FILE)).doesNotExist();
    }

    @Test
    void everyAnswer_carriesStrictSecurityHeaders() throws Exception {
        String cookie = launch();
        for (RawHttp.Response r : new RawHttp.Response[] {
                RawHttp.send(port, "GET", "/", Map.of("Cookie", cookie), null),
                RawHttp.send(port, "GET", "/app/main.js", Map.of("Cookie", cookie), null),
                api("GET", "session", cookie, null),
                RawHttp.send(port, "GET", "/", Map.of(), null)}) {
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'")
                    .contains("script-src 'self' 'sha256-").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(SecurityHeaders.CSP).contains("'" + WebAssets.importMapHash() + "'");
    }

    @Test
    void vendor_servesLitFromItsWebJarsOnly() throws Exception {
        String cookie = launch();
        RawHttp.Response lit = RawHttp.send(port, "GET", "/vendor/lit/index.js", Map.of("Cookie", cookie), null);
        RawHttp.Response html = RawHttp.send(port, "GET", "/vendor/lit-html/lit-html.js", Map.of("Cookie", cookie),
                null);
        RawHttp.Response reactive = RawHttp.send(port, "GET", "/vendor/lit__reactive-element/reactive-element.js",
                Map.of("Cookie", cookie), null);
        RawHttp.Response escape = RawHttp.send(port, "GET", "/vendor/lit/../../../../etc/passwd.js",
                Map.of("Cookie", cookie), null);
        RawHttp.Response other = RawHttp.send(port, "GET", "/vendor/jquery/jquery.js", Map.of("Cookie", cookie), null);

        assertThat(lit.status()).isEqualTo(200);
        assertThat(lit.header("Content-Type")).startsWith("text/javascript");
        assertThat(html.status()).isEqualTo(200);
        assertThat(reactive.status()).isEqualTo(200);
        assertThat(escape.status()).isEqualTo(404);
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void api_badInput_problemAndNothingWritten() throws Exception {
        String cookie = launch();

        RawHttp.Response malformed = api("POST", "passphrase", cookie, "{\"passphrase\": ");
        RawHttp.Response unknownField = api("POST", "passphrase", cookie,
                "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\",\"admin\":true}");
        RawHttp.Response oversized = api("POST", "passphrase", cookie,
                "{\"passphrase\":\"" + "x".repeat(Exchanges.MAX_BODY) + "\"}");
        RawHttp.Response notJson = RawHttp.send(port, "POST", "/api/v1/passphrase",
                Map.of("Cookie", cookie, "Origin", app.origin(), "Content-Type", "text/plain"), "passphrase");
        RawHttp.Response weak = api("POST", "passphrase", cookie, "{\"passphrase\":\"short\",\"again\":\"short\"}");
        RawHttp.Response differ = api("POST", "passphrase", cookie,
                "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"field laptop 43\"}");
        RawHttp.Response unknownCall = api("POST", "delete-everything", cookie, "{}");
        RawHttp.Response language = api("POST", "language", cookie, "{\"lang\":\"xx\"}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(weak.status()).isEqualTo(422);
        assertThat(differ.status()).isEqualTo(422);
        assertThat(unknownCall.status()).isEqualTo(404);
        assertThat(language.status()).isEqualTo(422);
        for (RawHttp.Response r : new RawHttp.Response[] {malformed, unknownField, oversized, notJson, weak, differ,
                unknownCall, language}) {
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(json(r).path("detail").asText()).isNotBlank().doesNotContain(PASSPHRASE)
                    .doesNotContain("Exception");
        }
        assertThat(home.resolve(AppPassphrase.FILE)).doesNotExist();
        assertThat(json(api("GET", "session", cookie, null)).path("lang").asText()).isEqualTo("en");
    }

    @Test
    void lock_quickHideAndIdleTime_lockUntilThePassphraseUnlocks() throws Exception {
        String cookie = launch();
        assertThat(api("GET", "home", cookie, null).status()).isEqualTo(423);
        RawHttp.Response set = api("POST", "passphrase", cookie,
                "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(Files.readString(home.resolve(AppPassphrase.FILE))).startsWith("$argon2id$")
                .doesNotContain(PASSPHRASE);
        assertThat(api("GET", "job", cookie, null).status()).isEqualTo(200);

        assertThat(api("POST", "lock", cookie, null).status()).isEqualTo(200);
        assertThat(api("GET", "job", cookie, null).status()).isEqualTo(423);
        assertThat(api("POST", "unlock", cookie, "{\"passphrase\":\"wrong passphrase 1\"}").status()).isEqualTo(422);
        assertThat(api("GET", "job", cookie, null).status()).isEqualTo(423);
        assertThat(api("POST", "unlock", cookie, "{\"passphrase\":\"" + PASSPHRASE + "\"}").status()).isEqualTo(200);
        assertThat(api("GET", "job", cookie, null).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(4));
        assertThat(api("GET", "job", cookie, null).status()).as("used within the idle time").isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(api("GET", "job", cookie, null).status()).as("idle for the default 5 minutes").isEqualTo(423);
        assertThat(json(api("GET", "session", cookie, null)).path("locked").asBoolean()).isTrue();
    }

    @Test
    void home_beforeEnrolment_problemNotAFailure() throws Exception {
        String cookie = launch();
        api("POST", "passphrase", cookie, "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\"}");

        RawHttp.Response home = api("GET", "home", cookie, null);
        RawHttp.Response status = api("GET", "status", cookie, null);

        assertThat(home.status()).isEqualTo(422);
        assertThat(json(home).path("type").asText()).endsWith("error.not-enrolled");
        assertThat(status.status()).isEqualTo(422);
    }

    @Test
    void pull_afterEnrol_progressThenServerGone_failureInWords() throws Exception {
        String cookie = launch();
        api("POST", "passphrase", cookie, "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\"}");
        try (FakeServer server = FakeServer.withFixtures()) {
            RawHttp.Response enrol = api("POST", "enrol", cookie,
                    "{\"server\":\"" + server.uri() + "\",\"code\":\"ABCD-EFGH-JKMN\"}");
            assertThat(enrol.status()).as(enrol.body()).isEqualTo(200);
            assertThat(json(enrol).path("enrolled").asBoolean()).isTrue();
            assertThat(api("POST", "pull", cookie, null).status()).isEqualTo(202);
            JsonNode job = finished(cookie);
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
            assertThat(job.path("steps").findValuesAsText("key")).contains("pull.forms", "pull.form", "pull.done");
            assertThat(json(api("GET", "home", cookie, null)).path("forms").size()).isPositive();
        }
        assertThat(api("POST", "pull", cookie, null).status()).isEqualTo(202);
        JsonNode failed = finished(cookie);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("errorKey").asText()).isEqualTo("error.network");
        assertThat(UiTexts.of("km").texts()).containsKey("error.network");
    }

    private JsonNode finished(String cookie) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode job = json(api("GET", "job", cookie, null));
            if (!job.path("state").asText().equals("running")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not finish");
    }

    @Test
    void unlock_manyWrongPassphrases_pauses() throws Exception {
        String cookie = launch();
        api("POST", "passphrase", cookie, "{\"passphrase\":\"" + PASSPHRASE + "\",\"again\":\"" + PASSPHRASE + "\"}");
        api("POST", "lock", cookie, null);
        for (int i = 0; i < 5; i++) {
            assertThat(api("POST", "unlock", cookie, "{\"passphrase\":\"wrong passphrase " + i + "\"}").status())
                    .isEqualTo(422);
        }
        assertThat(api("POST", "unlock", cookie, "{\"passphrase\":\"" + PASSPHRASE + "\"}").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(31));
        assertThat(api("POST", "unlock", cookie, "{\"passphrase\":\"" + PASSPHRASE + "\"}").status()).isEqualTo(200);
    }

    @Test
    void session_beforeEnrolment_neutralTitleAndTranslatedTextsWithLangs() throws Exception {
        String cookie = launch();
        JsonNode en = json(api("GET", "session", cookie, null));
        assertThat(en.path("publicTitle").asText()).isEqualTo("Fieldsafe");
        assertThat(en.path("enrolled").asBoolean()).isFalse();

        JsonNode km = json(api("POST", "language", cookie, "{\"lang\":\"km\"}"));
        assertThat(km.path("textsState").asText()).isEqualTo("draft");
        assertThat(km.path("texts").path("home.title").path("lang").asText()).isEqualTo("km");
        JsonNode lhu = json(api("POST", "language", cookie, "{\"lang\":\"lhu\"}"));
        assertThat(lhu.path("textsState").asText()).isEqualTo("missing");
        assertThat(lhu.path("texts").path("home.title").path("lang").asText()).isEqualTo("en");
    }
}
