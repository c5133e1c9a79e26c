package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Receipts;
import org.fieldsafe.core.wire.Manifest;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Parallel uploads: every one receipted after commit, stored exactly once; racing identical uploads agree. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubmissionConcurrencyIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(50);

    private static byte[] receiptPublicKey;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        Manifest manifest = APP.read(APP.get("/sync/manifest", UPLOADS.device.deviceToken()), Manifest.class);
        receiptPublicKey = Base64.getDecoder().decode(manifest.keys().stream()
                .filter(k -> k.purpose().equals("receipt")).findFirst().orElseThrow().publicKey());
    }

    @AfterAll
    static void tearDown() {
        POOL.shutdownNow();
    }

    @Test
    void put_fiftyInParallel_allReceiptedEachStoredOnce() throws Exception {
        int before = APP.count("submissions");
        List<ObjectNode> envelopes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            envelopes.add(UPLOADS.valid("KH-SVR-RH-" + (100 + i)));
        }
        List<HttpResponse<String>> responses = inParallel(envelopes.stream()
                .<Callable<HttpResponse<String>>>map(e -> () -> UPLOADS.put(e)).toList());
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = responses.get(i);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Receipt receipt = APP.read(response, Receipt.class);
            String id = Envelopes.submissionId(envelopes.get(i));
            assertThat(receipt.submissionId()).isEqualTo(id);
            assertThat(receipt.envelopeSha256()).isEqualTo(Digests.sha256Hex(Envelopes.bytes(envelopes.get(i))));
            assertThat(Receipts.verify(receipt, receiptPublicKey)).isTrue();
            assertThat(APP.count("submissions", "id = '" + id + "'")).isEqualTo(1);
            assertThat(APP.count("audit_log", "subject = 'submission:" + id + "'")).isEqualTo(1);
        }
        assertThat(APP.count("submissions")).isEqualTo(before + 50);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void put_identicalUploadsRacing_one201One200WithTheSameReceipt() throws Exception {
        for (int round = 0; round < 10; round++) {
            ObjectNode envelope = UPLOADS.valid("KH-SVR-DB-" + (100 + round));
            Envelopes.set(envelope, "header.respondents.0.category", "DB");
            List<HttpResponse<String>> pair = inParallel(List.of(() -> UPLOADS.put(envelope),
                    () -> UPLOADS.put(envelope)));
            assertThat(pair).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 200);
            Receipt one = APP.read(pair.get(0), Receipt.class);
            Receipt other = APP.read(pair.get(1), Receipt.class);
            assertThat(one.acknowledgement()).isEqualTo(other.acknowledgement());
            assertThat(Receipts.verify(one, receiptPublicKey)).isTrue();
            assertThat(Receipts.verify(other, receiptPublicKey)).isTrue();
            assertThat(APP.count("submissions", "id = '" + Envelopes.submissionId(envelope) + "'")).isEqualTo(1);
        }
    }

    @Test
    void put_sameIdDifferentBytesRacing_oneStoredOther409() throws Exception {
        ObjectNode first = UPLOADS.valid("KH-SVR-RH-900");
        ObjectNode second = first.deepCopy();
        Envelopes.set(second, "parts.research", Envelopes.part(UPLOADS.keys.fingerprints().get("research")));
        List<HttpResponse<String>> pair = inParallel(List.of(() -> UPLOADS.put(first), () -> UPLOADS.put(second)));
        assertThat(pair).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        HttpResponse<String> winner = pair.get(0).statusCode() == 201 ? pair.get(0) : pair.get(1);
        String storedSha = APP.read(winner, Receipt.class).envelopeSha256();
        assertThat(storedSha).isIn(Digests.sha256Hex(Envelopes.bytes(first)), Digests.sha256Hex(Envelopes.bytes(second)));
        assertThat(APP.services().submissionStore().find(Envelopes.submissionId(first)).orElseThrow().envelopeSha256())
                .isEqualTo(storedSha);
    }

    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(POOL.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
