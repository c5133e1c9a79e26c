package org.fieldsafe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small requests back to back from many threads ({@code bench/run-small.sh}): the manifest answered 304 to a device
 * that holds it ({@code GET /api/v1/sync/manifest} with {@code If-None-Match}), or a person's login ({@code POST
 * /api/v1/auth/login}). Each thread keeps its own connection alive ({@link HttpURLConnection}: blocking calls cost
 * far less CPU than {@code java.net.http.HttpClient}, see {@link LoadGenerator}). Warm-up reported apart, then the
 * measured window: requests/s, p50/p99/max, answers other than the expected status by status, and the CPU time
 * (user + system, from {@code /proc/<pid>/stat}) this generator and the server (given {@code --server-pid}) spent
 * per 1,000 requests in the window: nearly independent of other load on the machine, unlike the rate.
 * <pre>
 * small --server URL --path manifest|login [--devices-file FILE] [--admin-password P] [--threads 64]
 *       [--warmup-seconds 10] [--seconds 20] [--server-pid PID]
 * </pre>
 */
final class SmallRequests {
    private SmallRequests() {
    }

    static int run(Args a) throws Exception {
        URI server = URI.create(a.required("server"));
        String path = a.required("path");
        int threads = a.number("threads", 64);
        System.setProperty("http.maxConnections", String.valueOf(threads));
        Request request = switch (path) {
            case "manifest" -> manifest(server, Device.read(Path.of(a.required("devices-file"))));
            case "login" -> login(server, a.text("admin-user", "admin"), a.required("admin-password"));
            default -> throw new IllegalArgumentException("--path manifest or login");
        };
        long serverPid = a.number("server-pid", 0);
        Window warmup = window(request, threads, Duration.ofSeconds(a.number("warmup-seconds", 10)), serverPid);
        System.out.println("warm-up:  " + warmup.format());
        Window measured = window(request, threads, Duration.ofSeconds(a.number("seconds", 20)), serverPid);
        System.out.println("measured: " + measured.format());
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        return measured.unexpected().isEmpty() ? 0 : 1;
    }

    /** One request on the calling thread; the answer's status. */
    private interface Request {
        int send(int thread) throws IOException;

        int expected();
    }

    private static Request manifest(URI server, List<Device> devices) throws IOException {
        String[] tags = new String[devices.size()];
        for (int i = 0; i < devices.size(); i++) {
            HttpURLConnection c = open(server, "/api/v1/sync/manifest", devices.get(i).token());
            if (c.getResponseCode() != 200) {
                throw new IOException("manifest: HTTP " + c.getResponseCode());
            }
            tags[i] = c.getHeaderField("ETag");
            drain(c);
        }
        return new Request() {
            @Override
            public int send(int thread) throws IOException {
                int d = thread % devices.size();
                HttpURLConnection c = open(server, "/api/v1/sync/manifest", devices.get(d).token());
                c.setRequestProperty("If-None-Match", tags[d]);
                int status = c.getResponseCode();
                drain(c);
                return status;
            }

            @Override
            public int expected() {
                return 304;
            }
        };
    }

    private static Request login(URI server, String user, String password) {
        byte[] body = ("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return new Request() {
            @Override
            public int send(int thread) throws IOException {
                HttpURLConnection c = open(server, "/api/v1/auth/login", null);
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
                int status = c.getResponseCode();
                drain(c);
                return status;
            }

            @Override
            public int expected() {
                return 200;
            }
        };
    }

    private static HttpURLConnection open(URI server, String path, String token) throws IOException {
        HttpURLConnection c = (HttpURLConnection) server.resolve(path).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("Accept", "application/json");
        if (token != null) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        return c;
    }

    /** Reads the body to its end so the connection goes back to the keep-alive cache. */
    private static void drain(HttpURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in != null) {
            try (in) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * CPU seconds (user + system) a process has used so far, from {@code /proc/<pid>/stat} (fields 14 and 15, in
     * clock ticks of 1/100 s, Linux's USER_HZ); -1 where there is no such file (not Linux, or no such process).
     */
    static double cpuSeconds(String pid) {
        try {
            return ProcStat.read(Path.of("/proc", pid, "stat")).ticks() / (double) ProcStat.TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private record Window(double seconds, Latencies latencies, Map<String, AtomicLong> unexpected,
                          double generatorCpu, double serverCpu) {
        String format() {
            long n = latencies.count();
            return String.format(Locale.ROOT, "%d requests in %.1f s = %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms,"
                            + " unexpected answers %s; CPU s per 1,000 requests: server %s, generator %s", n, seconds,
                    n / seconds, ms(latencies.percentile(50)), ms(latencies.percentile(99)),
                    ms(latencies.percentile(100)), unexpected.isEmpty() ? "none" : unexpected.toString(),
                    perThousand(serverCpu, n), perThousand(generatorCpu, n));
        }

        private static String perThousand(double cpu, long n) {
            return cpu < 0 || n == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", cpu * 1000 / n);
        }

        private static double ms(Duration d) {
            return d.toNanos() / 1e6;
        }
    }

    private static Window window(Request request, int threads, Duration length, long serverPid) throws Exception {
        String server = serverPid > 0 ? String.valueOf(serverPid) : "none";
        double serverBefore = cpuSeconds(server);
        double selfBefore = cpuSeconds("self");
        Latencies latencies = new Latencies();
        Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long begun = System.nanoTime();
                        String outcome;
                        try {
                            int status = request.send(thread);
                            outcome = status == request.expected() ? null : "HTTP " + status;
                        } catch (IOException e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        long done = System.nanoTime();
                        if (outcome == null) {
                            latencies.add(done - begun, done);
                        } else {
                            unexpected.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double self = cpuSeconds("self");
        double serverAfter = cpuSeconds(server);
        return new Window(seconds, latencies, unexpected, selfBefore < 0 || self < 0 ? -1 : self - selfBefore,
                serverBefore < 0 || serverAfter < 0 ? -1 : serverAfter - serverBefore);
    }
}
