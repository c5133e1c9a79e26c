package org.fieldsafe.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client app} in a process of its own (as the launcher starts it, so no other server of the JDK in this test
 * JVM has fixed its socket options first), answering request after request on one kept-alive connection, as the
 * page's module loads and steps go.
 */
class AppRoundTripTest {
    @TempDir
    Path home;

    @Test
    void roundTrip_keptAliveConnection_noDelayedAckStall() throws Exception {
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.fieldsafe.client.cli.ClientMain", "app", "--home",
                home.toString(), "--no-browser").redirectErrorStream(true).start();
        try {
            URI launch = launchLink(app);
            String origin = launch.getScheme() + "://" + launch.getAuthority();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String setCookie = http.send(HttpRequest.newBuilder(launch).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpRequest get = HttpRequest.newBuilder(URI.create(origin + "/app/api.js")).header("Cookie", cookie)
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isNotEmpty();
                if (i >= 10) {
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
            }
            // with Nagle's algorithm on, the body waits for the client's delayed ACK of the headers: 40 ms or more on
            // every request, so a median under 25 ms says the body went out with the headers
            double median = millis.stream().sorted().toList().get(millis.size() / 2);
            assertThat(median).as("median round trip, ms, of " + millis).isLessThan(25.0);
        } finally {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static URI launchLink(Process app) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("open this link once")) {
                return URI.create(line.substring(line.indexOf("http://")).strip());
            }
        }
        throw new IllegalStateException("client app printed no launch link");
    }
}
