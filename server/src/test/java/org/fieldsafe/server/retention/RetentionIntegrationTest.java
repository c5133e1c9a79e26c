package org.fieldsafe.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fieldsafe.core.crypto.SealedPartException;
import org.fieldsafe.core.wire.Envelope;
import org.fieldsafe.server.FileScan;
import org.fieldsafe.server.SealedEnvelopes;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention with a clock the test moves: the identity parts of submissions older than the fixture study's
 * {@code retention.identity_days} (1825) are shredded, younger ones and every research part are left as they are;
 * the health check shows the last and next run.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RetentionIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
    }

    private static SealedEnvelopes.Sealed upload(String code) {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys,
                APP.clock.instant().minusSeconds(60).toString(), "answer", false, UPLOADS.codeHash(code));
        assertThat(UPLOADS.put(sealed.id(), sealed.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(201);
        return sealed;
    }

    private static Envelope stored(String id) {
        return SealedEnvelopes.read(APP.services().submissionStore().envelope(id).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
    }

    private static boolean inDataDir(String text) throws Exception {
        return FileScan.filesUnder(APP.dataDir).values().stream()
                .anyMatch(content -> content.contains(FileScan.asStoredBytes(text)));
    }

    private static SealedEnvelopes.Sealed uploadFinalisedAt(Instant finalisedAt, String code) {
        SealedEnvelopes.Sealed sealed = SealedEnvelopes.seal(UPLOADS.target, UPLOADS.keys, finalisedAt.toString(),
                "answer", false, UPLOADS.codeHash(code));
        assertThat(UPLOADS.put(sealed.id(), sealed.bytes(), UPLOADS.device.deviceToken()).statusCode()).isEqualTo(201);
        return sealed;
    }

    @Test
    void runOnce_laptopClockSetBack_countsFromReceivedTimeNotFinalisedAt() throws Exception {
        RetentionJob job = APP.services().retention();
        job.runOnce();
        Instant now = APP.clock.instant();
        // a laptop whose clock says ten years ago: by its own time the identity part is long past retention
        SealedEnvelopes.Sealed skewed = uploadFinalisedAt(now.minus(Duration.ofDays(3650)), "KH-SVR-RH-011");
        // and one whose clock is a month ahead
        SealedEnvelopes.Sealed ahead = uploadFinalisedAt(now.plus(Duration.ofDays(30)), "KH-SVR-RH-012");

        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(0, 0));
        assertThat(new String(SealedEnvelopes.open(stored(skewed.id()), Envelope.IDENTITY, UPLOADS.keys, "identity"),
                StandardCharsets.UTF_8)).contains("identity answer");
        // the row holds believable times: not before the device's enrolment, not after receipt
        assertThat(APP.count("submissions s", "s.id = '" + skewed.id()
                + "' AND s.finalised_at = (SELECT enrolled_at FROM devices d WHERE d.id = s.device_id)")).isEqualTo(1);
        assertThat(APP.count("submissions", "id = '" + ahead.id() + "' AND finalised_at = received_at")).isEqualTo(1);

        APP.clock.advance(Duration.ofDays(1826));
        assertThat(job.runOnce().identityParts()).isEqualTo(2);
    }

    @Test
    void runOnce_shredsOnlyIdentityPartsOlderThanTheRetentionPeriod() throws Exception {
        RetentionJob job = APP.services().retention();
        int shreddedBefore = APP.count("submissions", "identity_shredded_at IS NOT NULL"); // by the other test
        SealedEnvelopes.Sealed old = upload("KH-SVR-RH-001");
        APP.clock.advance(Duration.ofDays(1000));
        SealedEnvelopes.Sealed young = upload("KH-SVR-RH-002");
        APP.clock.advance(Duration.ofDays(824));

        // 1824 days: nothing is old enough yet
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(0, 0));
        assertThat(SealedEnvelopes.open(stored(old.id()), Envelope.IDENTITY, UPLOADS.keys, "identity")).isNotEmpty();

        APP.clock.advance(Duration.ofDays(2));
        Instant ran = APP.clock.instant();
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(1, 1));

        Envelope oldNow = stored(old.id());
        assertThatThrownBy(() -> SealedEnvelopes.open(oldNow, Envelope.IDENTITY, UPLOADS.keys, "identity"))
                .isInstanceOf(SealedPartException.class);
        assertThat(new String(SealedEnvelopes.open(oldNow, Envelope.RESEARCH, UPLOADS.keys, "research"),
                StandardCharsets.UTF_8)).contains("research answer");
        assertThat(new String(SealedEnvelopes.open(stored(young.id()), Envelope.IDENTITY, UPLOADS.keys, "identity"),
                StandardCharsets.UTF_8)).contains("identity answer");
        Envelope.SealedPart identity = old.envelope().parts().get(Envelope.IDENTITY);
        for (String secret : List.of(identity.ciphertext(), identity.nonce(), identity.recipients().get(0).enc(),
                identity.recipients().get(0).wrappedKey())) {
            assertThat(inDataDir(secret)).isFalse();
        }
        assertThat(inDataDir(old.envelope().parts().get(Envelope.RESEARCH).ciphertext())).isTrue();
        assertThat(APP.count("submissions", "identity_shredded_at IS NOT NULL")).isEqualTo(shreddedBefore + 1);
        assertThat(APP.count("submissions", "withdrawn_at IS NOT NULL")).isZero();
        assertThat(APP.count("audit_log", "event = 'retention.run' AND subject = 'study:test-study identity-parts:1 "
                + "submissions:1'")).isEqualTo(1);

        HealthCheck.Result health = EXT.getEnvironment().healthChecks().runHealthCheck("retention");
        assertThat(health.isHealthy()).isTrue();
        assertThat(health.getMessage()).isEqualTo("last run " + ran + ": 1 identity parts shredded; next run "
                + ran.plus(Duration.ofHours(1)));
        assertThat(health.getDetails()).containsEntry("identityPartsShredded", 1);

        // a later run finds nothing new: each submission is looked at once
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(0, 0));
        APP.clock.advance(Duration.ofDays(1000));
        assertThat(job.runOnce()).isEqualTo(new RetentionJob.Run(1, 1));
        assertThatThrownBy(() -> SealedEnvelopes.open(stored(young.id()), Envelope.IDENTITY, UPLOADS.keys,
                "identity")).isInstanceOf(SealedPartException.class);
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }
}
