package org.fieldsafe.server.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.notification.TestSmtp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Referral deadlines with a clock the test moves (the fixture study's referral_sla: immediate PT2H, urgent PT24H,
 * routine PT72H): a case not acknowledged by its deadline is escalated to the lead exactly once, audited; an
 * acknowledged one never; one before its deadline not yet. Notifications are left at their default (off) while an
 * SMTP server waits at the configured address: nothing is queued and nothing sent. The health check "referrals"
 * shows the overdue counts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReferralEscalationIntegrationTest {
    private static final TestSmtp MAIL = new TestSmtp();
    @RegisterExtension
    static final GreenMailExtension SMTP = MAIL.extension;
    private static final TestApp APP = new TestApp(MAIL.overrides());
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);
    private static String officerPassword;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        APP.createUser(UPLOADS.admin, "pi", "principal_investigator", List.of());
        officerPassword = APP.createUser(UPLOADS.admin, "officer-kh", "safeguarding_officer", List.of("KH-SVR"))
                .password();
        for (String user : List.of("pi", "officer-kh")) {
            assertThat(APP.send("PUT", "/users/" + user + "/email", UPLOADS.admin, "application/json",
                    APP.write(Map.of("email", user + "@example.org"))).statusCode()).isEqualTo(200);
        }
    }

    /** The site's officer acknowledges the case through the API (as they would). */
    private static void acknowledge(ReferralCaseRow row) {
        ReferralCaseRow now = TriagedUploads.reread(UPLOADS, row);
        HttpResponse<String> acked = APP.postJson("/referrals/" + row.id() + "/state",
                APP.login("officer-kh", officerPassword), Map.of("state", "acknowledged", "version", now.version()));
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
    }

    private static ReferralEscalationJob job() {
        return APP.app().services().referralEscalation();
    }

    private static int escalations(ReferralCaseRow row) {
        return APP.count("audit_log", "event = 'referral.escalated' AND subject LIKE 'case:" + row.id() + " %'");
    }

    @Test
    void runOnce_unacknowledgedUrgentCase_escalatesExactlyOnceAfterItsDeadline() {
        ReferralCaseRow urgent = TriagedUploads.open(UPLOADS, "urgent");
        job().runOnce();
        APP.clock.advance(Duration.ofHours(24).minusMinutes(1));
        job().runOnce();
        assertThat(TriagedUploads.reread(UPLOADS, urgent).escalatedAt()).as("before the deadline").isNull();
        assertThat(escalations(urgent)).isZero();

        APP.clock.advance(Duration.ofMinutes(2));
        assertThat(job().runOnce()).isGreaterThanOrEqualTo(1);
        ReferralCaseRow escalated = TriagedUploads.reread(UPLOADS, urgent);
        assertThat(escalated.escalatedAt()).isEqualTo(APP.clock.instant());
        assertThat(escalated.state()).isEqualTo("new");
        assertThat(escalated.version()).as("an officer's pending change stays valid").isEqualTo(urgent.version());
        assertThat(escalations(urgent)).isEqualTo(1);
        assertThat(APP.count("audit_log", "event = 'referral.escalated' AND actor = 'system:referral-deadlines' "
                + "AND subject = '" + ReferralCaseStore.subject(urgent) + " urgency:urgent deadline:"
                + urgent.openedAt().plus(Duration.ofHours(24)) + " to:principal_investigator leads:1'")).isEqualTo(1);

        APP.clock.advance(Duration.ofHours(48));
        job().runOnce();
        job().runOnce();
        assertThat(escalations(urgent)).as("once").isEqualTo(1);
        assertThat(TriagedUploads.reread(UPLOADS, urgent).escalatedAt()).isEqualTo(escalated.escalatedAt());
        assertThat(APP.services().audit().verify().intact()).isTrue();
    }

    @Test
    void runOnce_acknowledgedCase_isNeverEscalated() {
        ReferralCaseRow urgent = TriagedUploads.open(UPLOADS, "immediate");
        APP.clock.advance(Duration.ofHours(1));
        acknowledge(urgent);
        APP.clock.advance(Duration.ofDays(10));
        job().runOnce();
        assertThat(TriagedUploads.reread(UPLOADS, urgent).escalatedAt()).isNull();
        assertThat(escalations(urgent)).isZero();
    }

    @Test
    void runOnce_eachUrgencyByItsOwnDeadline() {
        ReferralCaseRow immediate = TriagedUploads.open(UPLOADS, "immediate");
        ReferralCaseRow urgent = TriagedUploads.open(UPLOADS, "urgent");
        ReferralCaseRow routine = TriagedUploads.open(UPLOADS, "routine");
        APP.clock.advance(Duration.ofHours(2));
        job().runOnce();
        assertThat(escalations(immediate)).isEqualTo(1);
        assertThat(escalations(urgent)).isZero();
        APP.clock.advance(Duration.ofHours(22));
        job().runOnce();
        assertThat(escalations(urgent)).isEqualTo(1);
        assertThat(escalations(routine)).isZero();
        APP.clock.advance(Duration.ofHours(48));
        job().runOnce();
        assertThat(List.of(escalations(immediate), escalations(urgent), escalations(routine)))
                .containsExactly(1, 1, 1);
    }

    @Test
    void healthCheck_showsOverdueCounts_unhealthyOnlyWhenAnOverdueCaseIsNotEscalated() {
        job().runOnce(); // whatever other tests left overdue is escalated now
        ReferralCaseRow immediate = TriagedUploads.open(UPLOADS, "immediate");
        HealthCheck.Result fresh = health();
        assertThat(fresh.isHealthy()).isTrue();
        int overdueBefore = (Integer) fresh.getDetails().get("overdue");

        APP.clock.advance(Duration.ofHours(2).plus(job().interval().multipliedBy(2)).plusSeconds(1));
        HealthCheck.Result stuck = health();
        assertThat(stuck.isHealthy()).as("an overdue case the job did not escalate in time").isFalse();
        assertThat(stuck.getDetails()).containsEntry("overdueNotEscalatedPastGrace", 1)
                .containsEntry("overdue", overdueBefore + 1);
        assertThat(stuck.getMessage()).contains("1 overdue case(s) not escalated");

        job().runOnce();
        HealthCheck.Result escalated = health();
        assertThat(escalated.isHealthy()).isTrue();
        assertThat(escalated.getDetails()).containsEntry("overdue", overdueBefore + 1)
                .containsEntry("overdueEscalated", overdueBefore + 1)
                .containsEntry("overdueNotEscalatedPastGrace", 0);
        @SuppressWarnings("unchecked")
        Map<String, Integer> byUrgency = (Map<String, Integer>) escalated.getDetails().get("overdueByUrgency");
        assertThat(byUrgency).containsKeys("immediate", "urgent", "routine");
        assertThat(byUrgency.get("immediate")).isGreaterThanOrEqualTo(1);

        acknowledge(immediate);
        assertThat(health().getDetails()).containsEntry("overdue", overdueBefore);
    }

    @Test
    void notificationsOffByDefault_queueAndSendNothing() throws Exception {
        assertThat(APP.app().services().referralNotifier()).isNull();
        ReferralCaseRow urgent = TriagedUploads.open(UPLOADS, "urgent");
        APP.clock.advance(Duration.ofDays(2));
        job().runOnce();
        assertThat(escalations(urgent)).isEqualTo(1);
        Thread.sleep(500);
        assertThat(APP.count("referral_notifications")).isZero();
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(health().getDetails()).doesNotContainKey("notificationsPending");
    }

    private static HealthCheck.Result health() {
        return EXT.getEnvironment().healthChecks().runHealthCheck("referrals");
    }
}
