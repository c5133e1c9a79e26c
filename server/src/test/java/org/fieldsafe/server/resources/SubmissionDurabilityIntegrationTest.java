package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.core.wire.Receipt;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No receipt without a commit: an upload whose commit does not come in time gets 503 and no receipt. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubmissionDurabilityIntegrationTest {
    private static final TestApp APP = new TestApp(
            ConfigOverride.config("submissions.receiptTimeout", "300 milliseconds"));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
    }

    @Test
    void healthCheck_writerRunning_healthy() {
        assertThat(EXT.getEnvironment().healthChecks().runHealthCheck("submission-writer").isHealthy()).isTrue();
    }

    @Test
    void put_commitNotInTime_503NothingAcknowledged_retryGetsTheReceipt() throws Exception {
        ObjectNode envelope = UPLOADS.valid("KH-SVR-RH-001");
        String id = Envelopes.submissionId(envelope);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread blocker = new Thread(() -> APP.services().database().write(h -> {
            holding.countDown();
            try {
                return release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        blocker.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> timedOut;
        try {
            timedOut = UPLOADS.put(envelope);
        } finally {
            release.countDown();
            blocker.join();
        }
        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(APP.problem(timedOut)).containsEntry("type", "urn:fieldsafe:problem:submission-not-stored");
        assertThat(timedOut.headers().firstValue("Retry-After")).isPresent();
        assertThat(timedOut.body()).doesNotContain("signature");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (APP.services().submissionStore().find(id).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        HttpResponse<String> retry = UPLOADS.put(envelope);
        assertThat(retry.statusCode()).as("stored once the writer got through: the retry is an identical retry")
                .isEqualTo(200);
        assertThat(APP.read(retry, Receipt.class).submissionId()).isEqualTo(id);
        assertThat(APP.count("submissions")).isEqualTo(1);
    }
}
