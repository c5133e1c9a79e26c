package org.fieldsafe.client.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.TestDevice;
import org.fieldsafe.core.crypto.PasswordHasher;

/**
 * The app's HTTP round trip without the work behind it: {@code GET /api/v1/session} and a static module, over one
 * kept-alive connection, as the page's fetches go (BENCHMARKS.md section (j)). A main run on purpose, never part of
 * the suite.
 */
public final class AppRoundTripProfile {
    private AppRoundTripProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("fieldsafe-rtt").resolve("home");
        TestDevice.prepare(home, Instant.now());
        try (AppServer app = AppServer.start(new AppServer.Options(home, AppServer.LOOPBACK, 0, "en",
                new PasswordHasher.Cost(8192, 1, 1), new FieldsafeClient.Settings(Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC())))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> launched = http.send(HttpRequest.newBuilder(app.launchUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = launched.headers().firstValue("Set-Cookie").orElseThrow();
            cookie = cookie.substring(0, cookie.indexOf(';'));
            for (String path : new String[] {"/api/v1/session", "/app/interview-screen.js"}) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(app.origin() + path))
                            .header("Cookie", cookie).header("Origin", app.origin()).build();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(path + ": " + r.statusCode());
                    }
                    if (i >= 100) {
                        ms.add((System.nanoTime() - t0) / 1e6);
                    }
                }
                List<Double> sorted = ms.stream().sorted().toList();
                System.out.printf("%s nodelay=%s: p50 %.2f ms, p95 %.2f ms, max %.2f ms%n", path,
                        System.getProperty("sun.net.httpserver.nodelay"), sorted.get(sorted.size() / 2),
                        sorted.get((int) (sorted.size() * 0.95)), sorted.get(sorted.size() - 1));
            }
        }
    }
}
