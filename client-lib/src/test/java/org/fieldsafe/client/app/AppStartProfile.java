package org.fieldsafe.client.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.client.fieldwork.TestDevice;

/**
 * The app's side of a start without a browser (BENCHMARKS.md section (j)): {@code client app} started as a JVM of
 * its own (the benchmark's options, then {@code -Dprofile.jvm="..."}), the time until it prints the launch link, then
 * the page's first requests one after the other, each timed: the launch link, the index, main.js, Lit and
 * {@code GET /api/v1/session}. The first start is on a fresh home, the later ones on the same home. A main run on
 * purpose, never part of the suite: {@code java -cp ... AppStartProfile [starts]}.
 */
public final class AppStartProfile {
    private AppStartProfile() {
    }

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path home = Files.createTempDirectory("fieldsafe-start").resolve("home");
        TestDevice.prepare(home, Instant.now());
        List<String> extra = Arrays.stream(System.getProperty("profile.jvm", "").split(" "))
                .filter(s -> !s.isBlank()).toList();
        for (int i = 0; i < starts; i++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(FieldAppBenchmark.APP_JVM_OPTIONS);
            command.addAll(extra);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "org.fieldsafe.client.cli.ClientMain", "app", "--home", home.toString(), "--no-browser"));
            long t0 = System.nanoTime();
            Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(),
                        StandardCharsets.UTF_8));
                String link = null;
                while (link == null) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    if (line.contains("open this link once")) {
                        link = line.substring(line.indexOf("http://")).strip();
                    }
                }
                if (link == null) {
                    throw new IllegalStateException("no launch link");
                }
                StringBuilder report = new StringBuilder(String.format("start %d: link printed %.0f ms", i + 1,
                        (System.nanoTime() - t0) / 1e6));
                URI uri = URI.create(link);
                int port = uri.getPort();
                long t = System.nanoTime();
                RawHttp.Response launched = RawHttp.send(port, "GET", uri.getRawPath(), Map.of(), null);
                report.append(String.format(" | launch %.0f", (System.nanoTime() - t) / 1e6));
                String cookie = launched.header("Set-Cookie");
                cookie = cookie.substring(0, cookie.indexOf(';'));
                for (String path : List.of("/", "/app/main.js", "/vendor/lit-html/lit-html.js", "/api/v1/session",
                        "/app/interview-screen.js", "/api/v1/session")) {
                    t = System.nanoTime();
                    RawHttp.Response r = RawHttp.send(port, "GET", path, Map.of("Cookie", cookie,
                            "Origin", "http://127.0.0.1:" + port), null);
                    if (r.status() != 200) {
                        throw new IllegalStateException(path + ": " + r.status());
                    }
                    report.append(String.format(" | %s %.0f", path, (System.nanoTime() - t) / 1e6));
                }
                System.out.println(report);
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
