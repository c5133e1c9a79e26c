package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.client.store.DeviceStore;
import org.fieldsafe.core.forms.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first screen's one-time work off the request path (BENCHMARKS.md section (j)): the study parsed once, not on
 * every session and home answer, and parsed while the browser opens the link, before the page asks.
 */
class AppWarmUpTest {
    @TempDir
    Path home;

    @Test
    void study_sameStoredStudy_parsedOnceUntilItsHashChanges() throws Exception {
        TestDevice.prepare(home, Instant.now());
        try (DeviceStore store = DeviceStore.open(home)) {
            FieldsafeClient client = new FieldsafeClient(store, settings());
            HomeView view = new HomeView(client, store, Clock.systemUTC());

            Study first = view.study().orElseThrow();
            Study again = view.study().orElseThrow();
            TestDevice.sql(home, "UPDATE study SET sha256 = 'another pull'");
            Study afterPull = view.study().orElseThrow();

            assertThat(again).isSameAs(first);
            assertThat(afterPull).isNotSameAs(first).isEqualTo(first);
        }
    }

    @Test
    void start_parsesTheStudyBeforeThePageAsksForTheSession() throws Exception {
        TestDevice.prepare(home, Instant.now());
        try (AppServer app = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "en",
                AppServerTest.TEST_COST, settings()))) {
            app.warmUp().get(30, TimeUnit.SECONDS);

            assertThat(app.view().parsedStudy()).isPresent();
            // and the page's session call answers from the same parse
            String cookie = launch(app);
            RawHttp.Response session = RawHttp.send(port(app), "GET", "/api/v1/session",
                    Map.of("Cookie", cookie, "Origin", app.origin()), null);
            assertThat(session.status()).isEqualTo(200);
            assertThat(session.body()).contains("\"studyPulled\":true");
            assertThat(app.view().study()).containsSame(app.view().parsedStudy().orElseThrow());
        }
    }

    private static FieldsafeClient.Settings settings() {
        return new FieldsafeClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    private static int port(AppServer app) {
        return Integer.parseInt(app.origin().substring(app.origin().lastIndexOf(':') + 1));
    }

    private static String launch(AppServer app) throws Exception {
        RawHttp.Response launched = RawHttp.send(port(app), "GET", app.launchUri().getRawPath(), Map.of(), null);
        String cookie = launched.header("Set-Cookie");
        return cookie.substring(0, cookie.indexOf(';'));
    }
}
