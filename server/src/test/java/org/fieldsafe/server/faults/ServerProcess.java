package org.fieldsafe.server.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server ({@code org.fieldsafe.server.Main server CONFIG}) as a child JVM on the test classpath, so
 * that a kill is a real {@code SIGKILL} of a process. Its console goes to a file under the data directory
 * (shown by {@link #consoleTail} when a test fails). The same instance can be started again on the same
 * configuration, data directory and ports.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path config;
    private final Path console;
    private final int adminPort;
    private final String adminPassword;
    private final String maxHeap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private int starts;
    private volatile boolean closed;
    /** Kills a still-running child if the test JVM exits without the test's clean-up. */
    private final Thread reaper = new Thread(() -> {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }, "server-process-reaper");

    public ServerProcess(Path config, Path console, int adminPort, String adminPassword) {
        this(config, console, adminPort, adminPassword, "512m");
    }

    /** @param maxHeap the child's {@code -Xmx} (e.g. {@code 256m}); it exits at once on an OutOfMemoryError */
    public ServerProcess(Path config, Path console, int adminPort, String adminPassword, String maxHeap) {
        this.maxHeap = maxHeap;
        this.config = config;
        this.console = console;
        this.adminPort = adminPort;
        this.adminPassword = adminPassword;
    }

    /** Starts the server and waits until its health checks pass, at most {@code timeout}. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (starts == 0) {
            Runtime.getRuntime().addShutdownHook(reaper);
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is already running");
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "org.fieldsafe.server.Main", "server", config.toString());
        builder.environment().put("FIELDSAFE_ADMIN_PASSWORD", adminPassword);
        builder.redirectErrorStream(true);
        Files.writeString(console, "\n===== start " + (++starts) + " =====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        process = builder.start();
        if (closed) {
            process.destroyForcibly();
            throw new IllegalStateException("closed");
        }
        awaitHealthy(timeout);
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "\n"
                        + consoleTail(60));
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server was not healthy within " + timeout + "\n" + consoleTail(60));
    }

    /** {@code kill -9}: SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed server did not exit");
        }
    }

    /** A normal stop (SIGTERM), then SIGKILL if it does not end in time. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The last {@code lines} lines of the server's console (all starts). */
    public String consoleTail(int lines) {
        try {
            List<String> all = Files.readAllLines(console, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (starts > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs anyway
            }
        }
    }
}
