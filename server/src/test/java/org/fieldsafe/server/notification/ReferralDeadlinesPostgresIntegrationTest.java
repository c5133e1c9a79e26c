package org.fieldsafe.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.dropwizard.testing.ConfigOverride;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.UploadFixture;
import org.fieldsafe.server.referral.ReferralCaseRow;
import org.fieldsafe.server.referral.TriagedUploads;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.NeedsPostgres;
import org.fieldsafe.server.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Referral deadlines and notifications on PostgreSQL (V11 and the outbox's statements): a case's new-case mail, its
 * escalation once after the deadline and the overdue mail to the lead, against GreenMail.
 */
@NeedsPostgres
class ReferralDeadlinesPostgresIntegrationTest {
    private static final TestSmtp MAIL = new TestSmtp();
    @RegisterExtension
    static final GreenMailExtension SMTP = MAIL.extension;
    private static TestApp app;
    private static UploadFixture uploads;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabases.freshPostgresSchemaUrl();
        app = new TestApp(url, MAIL.overrides(ConfigOverride.config("database.driverClass", "org.postgresql.Driver"),
                ConfigOverride.config("notifications.enabled", "true"),
                ConfigOverride.config("notifications.pollInterval", "1 hour")));
        app.extension.before();
        uploads = new UploadFixture(app);
        uploads.setUp();
        app.postJson("/users", uploads.admin, new NewUserRequest("so-kh", "safeguarding_officer", List.of("KH-SVR"),
                "so-kh@example.org"));
        app.postJson("/users", uploads.admin, new NewUserRequest("pi", "principal_investigator", List.of(),
                "pi@example.org"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.extension.after();
        }
    }

    @Test
    void newCaseMail_escalationOnce_overdueMail_onPostgresql() throws Exception {
        assertThat(app.services().database().dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
        ReferralCaseRow urgent = TriagedUploads.open(uploads, "urgent");
        assertThat(app.app().services().referralNotifier().runOnce().sent()).isEqualTo(1);
        assertThat(app.app().services().referralNotifier().runOnce().queued()).as("queued once").isZero();

        app.clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertThat(app.app().services().referralEscalation().runOnce()).isEqualTo(1);
        assertThat(app.app().services().referralEscalation().runOnce()).isZero();
        app.app().services().referralNotifier().runOnce();
        assertThat(SMTP.waitForIncomingEmail(5000, 3)).isTrue();

        assertThat(app.count("referral_notifications", "case_id = '" + urgent.id() + "' AND state = 'sent'"))
                .isEqualTo(2);
        assertThat(app.count("audit_log", "event = 'referral.escalated'")).isEqualTo(1);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(Arrays.stream(received).filter(m -> subject(m).endsWith("is overdue"))
                .flatMap(m -> recipients(m).stream()).toList())
                .containsOnly("pi@example.org", "so-kh@example.org");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
