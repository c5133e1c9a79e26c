package org.fieldsafe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Receipt;

/**
 * Simulated devices, one thread each (a fixed pool; Java 17 has no virtual threads), each uploading envelopes
 * back to back with {@code PUT /api/v1/submissions/{id}} until the upload count or the time is used up.
 */
final class LoadGenerator {
    private final HttpClient http;
    private final URI server;
    private final StudyContext study;
    private final EnvelopeFactory envelopes;

    LoadGenerator(HttpClient http, URI server, StudyContext study, EnvelopeFactory envelopes) {
        this.http = http;
        this.server = server;
        this.study = study;
        this.envelopes = envelopes;
    }

    LoadReport run(List<Device> devices, long maxUploads, Duration maxTime) throws InterruptedException {
        AtomicLong tickets = new AtomicLong();
        AtomicLong receipted = new AtomicLong();
        AtomicLong badReceipts = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            Device device = devices.get(i);
            Random random = new Random(0x5eedL + i);
            running.add(pool.submit(() -> {
                while (tickets.incrementAndGet() <= maxUploads && System.nanoTime() < deadline) {
                    EnvelopeFactory.Upload upload = envelopes.next(device, random);
                    long t0 = System.nanoTime();
                    String outcome = put(device, upload);
                    latencies.add(System.nanoTime() - t0);
                    bytes.addAndGet(upload.body().length);
                    if (outcome == null) {
                        receipted.incrementAndGet();
                    } else if (outcome.equals("bad receipt")) {
                        badReceipts.incrementAndGet();
                    } else {
                        failures.merge(outcome, 1L, Long::sum);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.merge("generator error: " + e.getCause(), 1L, Long::sum);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return new LoadReport(devices.size(), latencies.count(), receipted.get(), badReceipts.get(), failures,
                bytes.get(), elapsed, latencies.percentile(50), latencies.percentile(99), latencies.percentile(100));
    }

    /** Uploads once; null when a valid receipt came back, else what went wrong. */
    private String put(Device device, EnvelopeFactory.Upload upload) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/submissions/" + upload.submissionId()))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + device.token())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(upload.body()))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status != 201 && status != 200) {
                return "HTTP " + status;
            }
            return validReceipt(response.body(), upload) ? null : "bad receipt";
        } catch (IOException e) {
            return "network: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private boolean validReceipt(byte[] body, EnvelopeFactory.Upload upload) {
        try {
            Receipt receipt = Http.JSON.readValue(body, Receipt.class);
            boolean names = upload.submissionId().equals(receipt.submissionId())
                    && Digests.sha256Hex(upload.body()).equalsIgnoreCase(receipt.envelopeSha256());
            return names && (study.receiptKey() == null
                    || Receipts.verify(receipt, study.receiptKey()));
        } catch (IOException e) {
            return false;
        }
    }
}
