package org.fieldsafe.server.notification;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.fieldsafe.server.config.NotificationsConfig;

/**
 * {@link Mailer} over SMTP with Jakarta Mail (Angus Mail): STARTTLS (required, not optional) or TLS from the first
 * byte, with the server's certificate and host name checked; a login when a user name is configured; timeouts on
 * connect, read and write.
 */
public final class SmtpMailer implements Mailer {
    private final NotificationsConfig.Smtp smtp;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(NotificationsConfig.Smtp smtp) {
        this.smtp = smtp;
        this.session = Session.getInstance(properties(smtp));
        try {
            this.from = new InternetAddress(smtp.from(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("notifications.smtp.from is not an e-mail address", e);
        }
    }

    static Properties properties(NotificationsConfig.Smtp smtp) {
        String protocol = smtp.security() == NotificationsConfig.Security.TLS ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        String timeout = Long.toString(smtp.timeout().toMilliseconds());
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", smtp.host());
        props.put(p + "port", Integer.toString(smtp.port()));
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        props.put(p + "auth", Boolean.toString(!smtp.username().isBlank()));
        switch (smtp.security()) {
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                props.put(p + "ssl.enable", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // a relay on the same machine, or a test server
            }
        }
        return props;
    }

    @Override
    public void send(Mail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            for (String to : mail.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (smtp.username().isBlank()) {
                Transport.send(message);
            } else {
                Transport.send(message, smtp.username(), smtp.password());
            }
        } catch (MessagingException e) {
            // the exception's own message may quote addresses: only its kind goes on
            throw new MailException("The mail server did not take the mail (" + e.getClass().getSimpleName() + ")",
                    null);
        }
    }
}
