package org.fieldsafe.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fieldsafe.core.wire.EmailChange;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.referral.ReferralCaseRow;
import org.fieldsafe.server.referral.ReferralEscalationJob;
import org.fieldsafe.server.referral.TriagedUploads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * E-mail notifications against a real SMTP server in the test's process (GreenMail), not a mock: a new case is
 * mailed to the safeguarding officers of its site who have an address, not to officers of other sites or other
 * roles; the mail says only site and urgency and links to the case; an escalation is mailed to the study lead and
 * the site's officers; a failed send is tried again and, after the last attempt, given up (the health check shows
 * it); each notification goes out once. Users' e-mail addresses are validated.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferralNotificationIntegrationTest {
    private static final TestSmtp MAIL = new TestSmtp();
    @RegisterExtension
    static final GreenMailExtension SMTP = MAIL.extension;
    private static final TestApp APP = new TestApp(MAIL.overrides(
            ConfigOverride.config("notifications.enabled", "true"),
            ConfigOverride.config("notifications.pollInterval", "1 hour"),
            ConfigOverride.config("notifications.maxAttempts", "2"),
            ConfigOverride.config("notifications.retryAfter", "0 seconds")));
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final UploadFixture UPLOADS = new UploadFixture(APP);

    private static final String OFFICER_KH = "officer-kh@example.org";
    private static final String OFFICER_BD = "officer-bd@example.org";
    private static final String LEAD = "pi@example.org";
    private static final String COORDINATOR = "coord@example.org";
    private static String coordinatorPassword;

    @BeforeAll
    static void setUp() {
        UPLOADS.setUp();
        user("officer-kh", "safeguarding_officer", List.of("KH-SVR"), OFFICER_KH);
        user("officer-kh-nomail", "safeguarding_officer", List.of("KH-SVR"), null);
        user("officer-bd", "safeguarding_officer", List.of("BD-DHK"), OFFICER_BD);
        user("pi", "principal_investigator", List.of(), LEAD);
        coordinatorPassword = user("coord", "coordinator", List.of(), COORDINATOR).password();
    }

    private static NewUser user(String name, String role, List<String> sites, String email) {
        HttpResponse<String> created = APP.postJson("/users", UPLOADS.admin, new NewUserRequest(name, role, sites,
                email));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return APP.ownPassword(APP.read(created, NewUser.class));
    }

    private static ReferralNotifier notifier() {
        return APP.app().services().referralNotifier();
    }

    private static ReferralEscalationJob escalation() {
        return APP.app().services().referralEscalation();
    }

    /** Mailbox address to the mails it received about {@code caseId}. */
    private static Map<String, List<MimeMessage>> mailsAbout(String caseId) {
        return SMTP.getUserManager().listUser().stream().collect(Collectors.toMap(GreenMailUser::getEmail,
                u -> SMTP.findReceivedMessages(x -> x.getEmail().equals(u.getEmail()),
                        m -> body(m).contains(caseId)).toList())).entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String body(MimeMessage message) {
        try {
            // the mail's final line break does not survive the SMTP round trip
            return ((String) message.getContent()).replace("\r\n", "\n").strip();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void newCase_mailsOnlyTheOfficersOfItsSite_sayingOnlySiteAndUrgency() throws Exception {
        ReferralCaseRow urgent = TriagedUploads.open(UPLOADS, "urgent");
        ReferralNotifier.Run run = notifier().runOnce();
        assertThat(run.sent()).isGreaterThanOrEqualTo(1);
        assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();

        Map<String, List<MimeMessage>> mails = mailsAbout(urgent.id());
        assertThat(mails.keySet()).containsExactly(OFFICER_KH);
        MimeMessage mail = mails.get(OFFICER_KH).get(0);
        assertThat(mail.getSubject()).isEqualTo("Fieldsafe: a new urgent case at site KH-SVR");
        assertThat(mail.getFrom()[0].toString()).isEqualTo(TestSmtp.FROM);
        assertThat(body(mail)).isEqualTo("A new urgent referral case at site KH-SVR is waiting for acknowledgement.\n\n"
                + "Open the case: https://fieldsafe.example.org/api/v1/referrals/" + urgent.id() + "\n"
                + "(or: ./fieldsafe admin referrals show --case " + urgent.id() + ")\n\n"
                + "This mail carries no details on purpose; read them in Fieldsafe.");
        String all = mail.getSubject() + body(mail);
        assertThat(all).doesNotContain("current_risk", "refer\"", urgent.submissionId(), "KH-SVR-RH", "enum1",
                "helpline", "phone");

        notifier().runOnce();
        assertThat(mailsAbout(urgent.id()).get(OFFICER_KH)).as("sent once").hasSize(1);
    }

    @Test
    @Order(2)
    void escalation_mailsTheLeadAndTheSiteOfficers() throws Exception {
        ReferralCaseRow immediate = TriagedUploads.open(UPLOADS, "immediate");
        notifier().runOnce();
        APP.clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(escalation().runOnce()).isGreaterThanOrEqualTo(1);
        notifier().runOnce();
        SMTP.waitForIncomingEmail(5000, 3);

        Map<String, List<MimeMessage>> mails = mailsAbout(immediate.id());
        assertThat(mails.keySet()).containsExactlyInAnyOrder(OFFICER_KH, LEAD);
        assertThat(mails.get(LEAD)).hasSize(1);
        MimeMessage overdue = mails.get(LEAD).get(0);
        assertThat(overdue.getSubject()).isEqualTo("Fieldsafe: a case at site KH-SVR is overdue");
        assertThat(body(overdue)).startsWith("A immediate referral case at site KH-SVR has not been acknowledged by "
                + "its deadline and has been escalated to the study lead.\n\nOpen the case: "
                + "https://fieldsafe.example.org/api/v1/referrals/" + immediate.id() + "\n");
        Set<String> officerSubjects = mails.get(OFFICER_KH).stream().map(ReferralNotificationIntegrationTest::subject)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(officerSubjects).containsExactly("Fieldsafe: a case at site KH-SVR is overdue",
                "Fieldsafe: a new immediate case at site KH-SVR");

        escalation().runOnce();
        notifier().runOnce();
        assertThat(mailsAbout(immediate.id()).get(LEAD)).as("escalated and mailed once").hasSize(1);
    }

    @Test
    @Order(3)
    void failedSend_isTriedAgain_thenSent() throws Exception {
        SMTP.stop();
        ReferralCaseRow routine = TriagedUploads.open(UPLOADS, "routine");
        ReferralNotifier.Run failed = notifier().runOnce();
        assertThat(failed.retried()).isGreaterThanOrEqualTo(1);
        assertThat(APP.count("referral_notifications", "case_id = '" + routine.id()
                + "' AND state = 'pending' AND attempts = 1")).isEqualTo(1);
        assertThat(notifier().status().lastError()).isEqualTo("MailException");

        SMTP.start();
        notifier().runOnce();
        assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mailsAbout(routine.id()).keySet()).containsExactly(OFFICER_KH);
        assertThat(APP.count("referral_notifications", "case_id = '" + routine.id()
                + "' AND state = 'sent' AND attempts = 2")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void failedSend_isGivenUpAfterTheLastAttempt_andTheHealthCheckSaysSo() {
        assertThat(health().isHealthy()).isTrue();
        SMTP.stop();
        ReferralCaseRow routine = TriagedUploads.open(UPLOADS, "routine");
        notifier().runOnce();
        notifier().runOnce();
        assertThat(APP.count("referral_notifications", "case_id = '" + routine.id()
                + "' AND state = 'failed' AND attempts = 2")).isEqualTo(1);
        notifier().runOnce();
        assertThat(APP.count("referral_notifications", "case_id = '" + routine.id()
                + "' AND state = 'failed' AND attempts = 2")).as("given up: no third attempt").isEqualTo(1);
        HealthCheck.Result result = health();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("referral notification(s) given up");
        assertThat(result.getDetails()).containsEntry("notificationsGivenUpLastDay", 1);
        assertThat(TriagedUploads.reread(UPLOADS, routine).state()).as("the case is untouched").isEqualTo("new");
    }

    @Test
    @Order(5)
    void userEmail_isValidated_setAndRemoved() {
        String admin = APP.adminToken(); // the clock moved past the fixture's token
        HttpResponse<String> bad = APP.postJson("/users", admin, new NewUserRequest("mallory",
                "safeguarding_officer", List.of("KH-SVR"), "Mallory <m@example.org>, x@example.org"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(APP.count("users", "username = 'mallory'")).as("nothing written").isZero();
        for (String invalid : List.of("no-at-sign", "a@b@c", "x@example.org\nBcc: y@example.org")) {
            assertThat(APP.send("PUT", "/users/pi/email", admin, "application/json",
                    APP.write(new EmailChange(invalid))).statusCode()).as(invalid).isEqualTo(400);
        }
        assertThat(APP.count("users", "username = 'pi' AND email = '" + LEAD + "'")).isEqualTo(1);
        assertThat(APP.send("PUT", "/users/nobody/email", admin, "application/json",
                APP.write(new EmailChange("n@example.org"))).statusCode()).isEqualTo(404);

        UserInfo changed = APP.read(APP.send("PUT", "/users/officer-bd/email", admin, "application/json",
                APP.write(new EmailChange("bd2@example.org"))), UserInfo.class);
        assertThat(changed.email()).isEqualTo("bd2@example.org");
        List<UserInfo> listed = APP.read(APP.get("/users", admin),
                new com.fasterxml.jackson.core.type.TypeReference<List<UserInfo>>() {
                });
        assertThat(listed).filteredOn(u -> u.username().equals("officer-kh-nomail")).singleElement()
                .extracting(UserInfo::email).isNull();
        assertThat(APP.read(APP.send("PUT", "/users/officer-bd/email", admin, "application/json",
                APP.write(new EmailChange(""))), UserInfo.class).email()).isNull();
        assertThat(APP.count("audit_log", "event = 'user.email.changed' AND subject LIKE '%@%'"))
                .as("no address in the audit log").isZero();
        assertThat(APP.count("audit_log", "event = 'user.email.changed'")).isEqualTo(2);
        assertThat(APP.send("PUT", "/users/pi/email", APP.login("coord", coordinatorPassword),
                "application/json", APP.write(new EmailChange("c@example.org"))).statusCode()).isEqualTo(403);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HealthCheck.Result health() {
        return EXT.getEnvironment().healthChecks().runHealthCheck("referrals");
    }
}
