package org.fieldsafe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Receipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
    final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    final Set<String> stored = ConcurrentHashMap.newKeySet();
    HttpServer server;

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    @Test
    void run_contractServer_everyUploadReceiptedAndCounted() throws Exception {
        start(key, 0);

        LoadReport report = generator(key.generatePublicKey().getEncoded(), 20).run(devices(20), 200, Duration.ZERO,
                Duration.ofSeconds(60)).measured();

        assertThat(report.uploads()).isEqualTo(200);
        assertThat(report.receipted()).isEqualTo(200);
        assertThat(report.badReceipts()).isZero();
        assertThat(report.failures()).isEmpty();
        assertThat(stored).hasSize(200);
        assertThat(report.bytesSent()).isBetween(200L * 8184, 200L * 16392);
        assertThat(report.p50()).isLessThanOrEqualTo(report.p99());
        assertThat(report.p99()).isLessThanOrEqualTo(report.max());
        assertThat(report.receiptedPerSecond()).isPositive();
        assertThat(report.format()).contains("receipted 200").contains("p99");
    }

    @Test
    void run_receiptsSignedByAnotherKey_countedAsBad() throws Exception {
        start(new Ed25519PrivateKeyParameters(new SecureRandom()), 0);

        LoadReport report = generator(key.generatePublicKey().getEncoded(), 5).run(devices(5), 30, Duration.ZERO,
                Duration.ofSeconds(60)).measured();

        assertThat(report.receipted()).isZero();
        assertThat(report.badReceipts()).isEqualTo(30);
    }

    @Test
    void run_serverRefuses_failuresByStatus() throws Exception {
        start(key, 422);

        LoadReport report = generator(null, 4).run(devices(4), 12, Duration.ZERO, Duration.ofSeconds(60))
                .measured();

        assertThat(report.receipted()).isZero();
        assertThat(report.failures()).containsEntry("HTTP 422", 12L);
    }

    @Test
    void run_timeLimit_stopsTheDevices() throws Exception {
        start(key, 0);

        LoadReport report = generator(null, 3).run(devices(3), Long.MAX_VALUE, Duration.ZERO, Duration.ofMillis(300))
                .measured();

        assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(report.receipted()).isEqualTo(report.uploads()).isPositive();
    }

    @Test
    void run_warmup_reportedApartAndItsReceiptsCheckedToo() throws Exception {
        start(key, 0);

        LoadGenerator.Result result = generator(key.generatePublicKey().getEncoded(), 3).run(devices(3),
                Long.MAX_VALUE, Duration.ofMillis(300), Duration.ofMillis(300));

        assertThat(result.warmup().uploads()).isPositive();
        assertThat(result.warmup().receipted()).isEqualTo(result.warmup().uploads());
        assertThat(result.measured().receipted()).isEqualTo(result.measured().uploads()).isPositive();
        assertThat(result.receiptsChecked()).isEqualTo(result.warmup().uploads() + result.measured().uploads());
        assertThat(stored).hasSize((int) result.receiptsChecked());
        assertThat(result.measured().elapsed()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void run_fixedRate_sendsOnScheduleNotBackToBack() throws Exception {
        start(key, 0);

        LoadReport report = generator(key.generatePublicKey().getEncoded(), 4).run(devices(4), Long.MAX_VALUE,
                Duration.ZERO, Duration.ofSeconds(1), 40).measured();

        assertThat(report.uploads()).as("40 a second for one second, from 4 devices").isBetween(36L, 41L);
        assertThat(report.receipted()).isEqualTo(report.uploads());
        assertThat(stored).hasSize((int) report.uploads());
    }

    private LoadGenerator generator(byte[] receiptKey, int devices) {
        StudyContext study = BenchFixtures.study(receiptKey);
        return new LoadGenerator(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                study, new UploadTemplates(new EnvelopeFactory(study, 8192, 16384), devices(devices), 4, 1L));
    }

    private static List<Device> devices(int n) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(new Device("dev-" + i, "KH-SVR", "enum-" + i, "tok-" + i));
        }
        return devices;
    }

    private void start(Ed25519PrivateKeyParameters signingKey, int refuseWith) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/v1/submissions/", exchange -> answer(exchange, signingKey, refuseWith));
        server.start();
    }

    private void answer(HttpExchange exchange, Ed25519PrivateKeyParameters signingKey, int refuseWith)
            throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestURI().getPath().substring("/api/v1/submissions/".length());
        if (refuseWith != 0) {
            exchange.sendResponseHeaders(refuseWith, -1);
            exchange.close();
            return;
        }
        stored.add(id);
        byte[] raw = signingKey.generatePublicKey().getEncoded();
        Receipt receipt = Receipts.sign(new Receipt(id, Digests.sha256Hex(body), "2026-11-22T12:00:01Z", null, null),
                signingKey.getEncoded(), Receipts.keyId(raw));
        byte[] json = Http.JSON.writeValueAsBytes(receipt);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
