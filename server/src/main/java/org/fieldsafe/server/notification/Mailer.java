package org.fieldsafe.server.notification;

import java.util.List;

/** Sends one plain-text mail. */
public interface Mailer {
    /** A mail to {@code to} (work addresses of staff); subject and body are plain text. */
    record Mail(List<String> to, String subject, String body) {
        @Override
        public String toString() {
            return "Mail[to=" + to.size() + " recipient(s), subject=" + subject + "]";
        }
    }

    /** Sends {@code mail}; {@link MailException} when the mail server did not take it. */
    void send(Mail mail);

    /** A send that failed; its message names the cause's kind, never an address. */
    final class MailException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
