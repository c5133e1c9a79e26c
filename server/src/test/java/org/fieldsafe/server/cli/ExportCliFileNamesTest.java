package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin export} against a fake server whose finished job offers file names an export never writes, or whose
 * manifest lists them: the command refuses with one line before downloading anything, and writes nothing.
 */
class ExportCliFileNamesTest {
    private static final ObjectMapper JSON = new ApiClient("http://localhost", null).json();
    private static final String SHA = "0".repeat(64);

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] job;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", this::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        new AdminSession(url, "dm", "fake-token", Instant.now().plusSeconds(3600)).save(tmp.resolve("home"), JSON);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        byte[] body = path.contains("/files/") ? "evil\n".getBytes(StandardCharsets.UTF_8) : job;
        exchange.getResponseHeaders().add("Content-Type", path.contains("/files/") ? "text/plain"
                : "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A finished job offering {@code offered}, its manifest listing {@code listed}. */
    private void serve(List<String> offered, List<String> listed) throws IOException {
        Map<String, Object> files = new LinkedHashMap<>();
        listed.forEach(name -> files.put(name, Map.of("sha256", SHA, "bytes", 5)));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("study", "beyond-awareness");
        manifest.put("kRequired", 5);
        manifest.put("kAchieved", 5);
        manifest.put("files", files);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "job-1");
        view.put("study", "beyond-awareness");
        view.put("state", "done");
        view.put("progress", Map.of("phase", "done", "done", 1, "total", 1));
        view.put("files", offered);
        view.put("manifest", manifest);
        job = JSON.writeValueAsBytes(view);
    }

    @Test
    void exportCli_fileNameOutsideKnownSetOrOut_refusedNothingWritten() throws IOException {
        List<List<List<String>>> cases = List.of(
                List.of(List.of("manifest.json", "../evil"), List.of("../evil")),
                List.of(List.of("manifest.json", "/etc/x"), List.of("/etc/x")),
                List.of(List.of("manifest.json", "sub/export-wide.csv"), List.of("sub/export-wide.csv")),
                List.of(List.of("manifest.json", ".."), List.of("..")),
                List.of(List.of("manifest.json", "evil.sh"), List.of("evil.sh")),
                // the offered names are the export's own, but the (tampered) manifest lists others
                List.of(List.of("manifest.json", "export-wide.csv"), List.of("export-wide.csv", "../evil")),
                List.of(List.of("manifest.json", "export-wide.csv"), List.of("/etc/x")),
                // offered but not listed in the manifest
                List.of(List.of("manifest.json", "export-wide.csv", "codebook.csv"), List.of("export-wide.csv")));
        int n = 0;
        for (List<List<String>> c : cases) {
            serve(c.get(0), c.get(1));
            requests.clear();
            Path out = tmp.resolve("exports").resolve("out" + n++);
            CliRun run = CliRun.at(tmp.resolve("home"), Map.of("FIELDSAFE_PASSPHRASE_RESEARCH", "not used here"),
                    "export", "--study", "beyond-awareness", "--out", out.toString());
            assertThat(run.exit()).as(c.toString()).isNotZero();
            // the progress bar's last state, then one error line
            String[] lines = run.err().strip().split("\n");
            assertThat(run.err()).as(c.toString()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(lines[lines.length - 1]).as(c.toString()).startsWith("error: ")
                    .containsAnyOf("Refused the file name", "which the manifest does not list");
            assertThat(requests).as(c.toString()).noneMatch(r -> r.contains("/files/"));
            try (Stream<Path> inOut = Files.list(out)) {
                assertThat(inOut).as(c.toString()).isEmpty();
            }
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()))
                    .containsExactly("home/session.json");
        }
        assertThat(Path.of("/etc/x")).doesNotExist();
    }
}
