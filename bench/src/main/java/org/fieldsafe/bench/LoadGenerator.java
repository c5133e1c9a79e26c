package org.fieldsafe.bench;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Receipt;

/**
 * Simulated devices, one thread each (a fixed pool; Java 17 has no virtual threads), each uploading envelopes
 * back to back with {@code PUT /api/v1/submissions/{id}} until the upload count or the time is used up.
 *
 * <p>A run has a warm-up phase (the server's and the generator's JIT compilers at work; uploads made and checked
 * like any other, reported apart) and then the measured window. Inside the timed loop a device only copies a
 * prepared envelope with a fresh id and respondent code ({@link UploadTemplates}), sends it and keeps the
 * response; every receipt is checked after the run, in parallel: it must name the submission and the SHA-256 of
 * exactly the bytes sent, and its Ed25519 signature must verify under the receipt key from the manifest. Moving
 * that check out of the loop keeps the generator's CPU (about 0.1 ms per upload for the signature alone) off the
 * two cores it shares with the server; nothing goes unchecked.
 */
final class LoadGenerator {
    private final URI server;
    private final StudyContext study;
    private final UploadTemplates templates;
    private final MintedIds ids;

    LoadGenerator(URI server, StudyContext study, UploadTemplates templates) {
        this(server, study, templates, new MintedIds(Duration.ZERO, System.currentTimeMillis()));
    }

    /** With submission ids minted as {@code ids} says (now, or over a past week). */
    LoadGenerator(URI server, StudyContext study, UploadTemplates templates, MintedIds ids) {
        this.server = server;
        this.study = study;
        this.templates = templates;
        this.ids = ids;
    }

    /** One answered upload, kept to check its receipt after the run. */
    private record Sent(int device, int template, String id, String code, byte[] response, boolean measured) {
    }

    /**
     * The warm-up and the measured window of one run, how long the receipt check took, when the window began and
     * ended (epoch milliseconds, to line up with the server's logs) and the CPU this generator's process used in it.
     */
    record Result(LoadReport warmup, LoadReport measured, long receiptsChecked, Duration checkTime,
                  long windowStartMillis, long windowEndMillis, Duration generatorCpu) {
    }

    private static final class Phase {
        final AtomicLong uploads = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final Map<String, Long> failures = new ConcurrentHashMap<>();
        final Latencies latencies = new Latencies();
        final AtomicLong lastEnd = new AtomicLong();
        final AtomicLong goodReceipts = new AtomicLong();
        final AtomicLong badReceipts = new AtomicLong();
    }

    Result run(List<Device> devices, long maxUploads, Duration warmup, Duration maxTime) throws InterruptedException {
        return run(devices, maxUploads, warmup, maxTime, 0);
    }

    /**
     * A run at a fixed rate ({@code perSecond} uploads a second from all devices together; 0: back to back). At a
     * fixed rate each device sends on its own schedule, staggered across devices, and an upload's latency counts
     * from when it was due, not from when it was sent: a device still waiting for its previous answer sends late,
     * and that lateness is part of the latency (no coordinated omission).
     */
    Result run(List<Device> devices, long maxUploads, Duration warmup, Duration maxTime, double perSecond)
            throws InterruptedException {
        // One kept-alive connection per device (the JDK keeps 5 idle connections per server by default).
        if (Integer.getInteger("http.maxConnections", 5) < devices.size()) {
            System.setProperty("http.maxConnections", Integer.toString(devices.size()));
        }
        AtomicLong tickets = new AtomicLong();
        Phase warm = new Phase();
        Phase measured = new Phase();
        long start = System.nanoTime();
        long measuredFrom = start + warmup.toNanos();
        long deadline = measuredFrom + maxTime.toNanos();
        int perDevice = templates.perDevice();
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        List<Future<List<Sent>>> running = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            int deviceIndex = i;
            Device device = devices.get(i);
            Random random = new Random(0x5eedL + i);
            Supplier<String> deviceIds = ids.forDevice(0x1d5L + i);
            running.add(pool.submit(() -> {
                List<Sent> sent = new ArrayList<>();
                long every = perSecond > 0 ? (long) (1e9 * devices.size() / perSecond) : 0;
                long due = start + every * deviceIndex / devices.size();
                boolean rescheduled = false;
                long t0;
                while ((t0 = nextStart(due, every)) < deadline
                        && (t0 < measuredFrom || tickets.incrementAndGet() <= maxUploads)) {
                    if (every > 0 && !rescheduled && System.nanoTime() >= measuredFrom) {
                        // Lateness piled up while the JVMs were warming up is not carried into the measured window:
                        // the schedule starts again there.
                        rescheduled = true;
                        if (t0 < measuredFrom) {
                            due = measuredFrom + every * deviceIndex / devices.size();
                            t0 = nextStart(due, every);
                        }
                    }
                    due += every;
                    int template = random.nextInt(perDevice);
                    String id = deviceIds.get();
                    String code = EnvelopeFactory.hex(random, 32);
                    byte[] body = templates.rebuild(deviceIndex, template, id, code);
                    boolean inWindow = t0 >= measuredFrom;
                    Phase phase = inWindow ? measured : warm;
                    String failure = null;
                    byte[] response = null;
                    try {
                        Answer r = put(device, id, body);
                        if (r.status() == 201 || r.status() == 200) {
                            response = r.body();
                        } else {
                            failure = "HTTP " + r.status();
                        }
                    } catch (IOException e) {
                        failure = "network: " + e.getClass().getSimpleName();
                    }
                    long t1 = System.nanoTime();
                    phase.latencies.add(t1 - t0, t1);
                    phase.uploads.incrementAndGet();
                    phase.bytes.addAndGet(body.length);
                    phase.lastEnd.accumulateAndGet(t1, Math::max);
                    if (failure != null) {
                        phase.failures.merge(failure, 1L, Long::sum);
                    } else {
                        sent.add(new Sent(deviceIndex, template, id, code, response, inWindow));
                    }
                }
                return sent;
            }));
        }
        // The generator's own CPU over the measured window (its cost per upload: it shares the server's cores).
        java.util.function.BooleanSupplier allDone = () -> running.stream().allMatch(Future::isDone);
        long windowStartMillis = awaitMillis(measuredFrom, allDone);
        long cpuAtStart = processCpuNanos();
        long windowEndMillis = awaitMillis(deadline, allDone);
        long cpuInWindow = processCpuNanos() - cpuAtStart;
        List<Sent> all = new ArrayList<>();
        for (Future<List<Sent>> f : running) {
            try {
                all.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                measured.failures.merge("generator error: " + e.getCause(), 1L, Long::sum);
            }
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);

        long checkStart = System.nanoTime();
        all.parallelStream().forEach(sent -> {
            Phase phase = sent.measured() ? measured : warm;
            (validReceipt(sent) ? phase.goodReceipts : phase.badReceipts).incrementAndGet();
        });
        Duration checkTime = Duration.ofNanos(System.nanoTime() - checkStart);
        return new Result(report(devices.size(), warm, start), report(devices.size(), measured, measuredFrom),
                all.size(), checkTime, windowStartMillis, windowEndMillis, Duration.ofNanos(cpuInWindow));
    }

    /** Waits until {@code nanoTime} (or until every device is done), then answers the wall clock's milliseconds. */
    private static long awaitMillis(long nanoTime, java.util.function.BooleanSupplier done) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0 && !done.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(wait, 100_000_000L));
        }
        return System.currentTimeMillis();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Back to back: now. At a fixed rate: when the upload is due, after waiting for that time if it is ahead. */
    private static long nextStart(long due, long every) {
        if (every == 0) {
            return System.nanoTime();
        }
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }

    private static LoadReport report(int devices, Phase phase, long from) {
        long end = phase.lastEnd.get();
        Duration elapsed = Duration.ofNanos(Math.max(0, end - from));
        return new LoadReport(devices, phase.uploads.get(), phase.goodReceipts.get(), phase.badReceipts.get(),
                phase.failures, phase.bytes.get(),
                elapsed, phase.latencies.percentile(50), phase.latencies.percentile(99), phase.latencies.percentile(100),
                phase.latencies.perSecond(from));
    }

    /** A status and body. */
    record Answer(int status, byte[] body) {
    }

    /**
     * One upload over the JDK's {@link HttpURLConnection}, which keeps the connection alive for the device's next
     * upload ({@code http.maxConnections} is raised to the device count, see {@link #run}). Blocking calls on the
     * device's own thread cost far less CPU than {@code java.net.http.HttpClient}'s asynchronous machinery,
     * which on two shared cores took CPU away from the server being measured.
     */
    private Answer put(Device device, String id, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) server.resolve("/api/v1/submissions/" + id).toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setConnectTimeout(10_000);
        c.setReadTimeout(120_000);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        c.setRequestProperty("Authorization", "Bearer " + device.token());
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Accept", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }

    /** The receipt names the submission and the SHA-256 of the bytes sent, and verifies under the receipt key. */
    private boolean validReceipt(Sent s) {
        try {
            Receipt receipt = Http.JSON.readValue(s.response(), Receipt.class);
            byte[] body = templates.rebuild(s.device(), s.template(), s.id(), s.code());
            boolean names = s.id().equals(receipt.submissionId())
                    && Digests.sha256Hex(body).equalsIgnoreCase(receipt.envelopeSha256());
            return names && (study.receiptKey() == null || Receipts.verify(receipt, study.receiptKey()));
        } catch (IOException e) {
            return false;
        }
    }
}
