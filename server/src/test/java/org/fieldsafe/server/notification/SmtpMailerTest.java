package org.fieldsafe.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.Properties;
import org.fieldsafe.server.config.NotificationsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SmtpMailer} against GreenMail (plain SMTP, no STARTTLS): delivered without encryption only when told NONE;
 * with STARTTLS required the mail is refused rather than sent in the clear; a failure names no address.
 */
class SmtpMailerTest {
    private static final TestSmtp MAIL = new TestSmtp();
    @RegisterExtension
    static final GreenMailExtension SMTP = MAIL.extension;

    private static NotificationsConfig.Smtp smtp(NotificationsConfig.Security security) {
        return new NotificationsConfig.Smtp("127.0.0.1", MAIL.port, security, TestSmtp.FROM, null, null,
                Duration.seconds(5));
    }

    @Test
    void send_plainRelay_delivers() throws Exception {
        new SmtpMailer(smtp(NotificationsConfig.Security.NONE)).send(new Mailer.Mail(List.of("so@example.org"),
                "Fieldsafe: a new urgent case at site KH-SVR", "body"));
        assertThat(SMTP.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo("Fieldsafe: a new urgent case at site KH-SVR");
    }

    @Test
    void send_startTlsRequiredButNotOffered_refusedAndNothingSent_noAddressInTheError() {
        SmtpMailer mailer = new SmtpMailer(smtp(NotificationsConfig.Security.STARTTLS));
        assertThatThrownBy(() -> mailer.send(new Mailer.Mail(List.of("so@example.org"), "s", "b")))
                .isInstanceOf(Mailer.MailException.class)
                .message().doesNotContain("so@example.org").doesNotContain(TestSmtp.FROM);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void properties_tlsModesAndLogin() {
        Properties startTls = SmtpMailer.properties(smtp(NotificationsConfig.Security.STARTTLS));
        assertThat(startTls).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "false");
        Properties tls = SmtpMailer.properties(new NotificationsConfig.Smtp("mail.example.org", 465,
                NotificationsConfig.Security.TLS, TestSmtp.FROM, "fieldsafe", "secret", null));
        assertThat(tls).containsEntry("mail.transport.protocol", "smtps").containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true").containsEntry("mail.smtps.auth", "true")
                .containsEntry("mail.smtps.port", "465");
        assertThat(tls.toString()).doesNotContain("secret");
    }
}
