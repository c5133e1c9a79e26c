package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * E-mail notifications about referral cases (off by default): to the site's safeguarding officers on a new case,
 * to them and the study lead on an escalation. A mail says only "a new urgent case at site X" or "a case at site X
 * is overdue" and links to the case.
 *
 * @param enabled       false (default): nothing is sent and nothing queued
 * @param publicBaseUrl the server's address as people reach it (e.g. https://fieldsafe.example.org), for links
 * @param pollInterval  how often the notifier looks for new cases and due sends
 * @param maxAttempts   sends tried per notification before it is given up (and logged)
 * @param retryAfter    wait before the first retry; doubled after each failed attempt
 * @param smtp          the mail server
 */
public record NotificationsConfig(
        @JsonProperty boolean enabled,
        @JsonProperty String publicBaseUrl,
        @JsonProperty @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @MaxDuration(value = 1, unit = TimeUnit.HOURS) Duration pollInterval,
        @JsonProperty @Min(1) @Max(20) int maxAttempts,
        @JsonProperty @MinDuration(value = 0, unit = TimeUnit.SECONDS, inclusive = true)
        @MaxDuration(value = 1, unit = TimeUnit.HOURS) Duration retryAfter,
        @JsonProperty @Valid @NotNull Smtp smtp) {

    public NotificationsConfig {
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.strip();
        pollInterval = pollInterval == null ? Duration.seconds(30) : pollInterval;
        maxAttempts = maxAttempts == 0 ? 5 : maxAttempts;
        retryAfter = retryAfter == null ? Duration.minutes(1) : retryAfter;
        smtp = smtp == null ? Smtp.defaults() : smtp;
    }

    public static NotificationsConfig defaults() {
        return new NotificationsConfig(false, "", null, 0, null, null);
    }

    /** Turned on, the links need the server's public address and the mail a sender. */
    @AssertTrue(message = "notifications.enabled needs publicBaseUrl (http:// or https://) and smtp.host and smtp.from")
    public boolean isComplete() {
        return !enabled || (publicBaseUrl.matches("^https?://\\S+$") && !smtp.host().isBlank()
                && !smtp.from().isBlank());
    }

    /** How the connection to the mail server is secured. */
    public enum Security {
        /** plain SMTP, then STARTTLS, required (port 587) */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465) */
        TLS,
        /** no encryption: only for a relay on the same machine, and tests */
        NONE
    }

    /**
     * The SMTP server.
     *
     * @param host     host name
     * @param port     port (587 for STARTTLS, 465 for TLS)
     * @param security STARTTLS (default), TLS or NONE
     * @param from     the sender address
     * @param username login name; empty: no login
     * @param password login password, from the environment ({@code ${FIELDSAFE_SMTP_PASSWORD}}); never printed
     * @param timeout  connect, read and write timeout
     */
    public record Smtp(@JsonProperty String host,
                       @JsonProperty @Min(1) @Max(65535) int port,
                       @JsonProperty Security security,
                       @JsonProperty String from,
                       @JsonProperty String username,
                       @JsonProperty String password,
                       @JsonProperty @MinDuration(value = 1, unit = TimeUnit.SECONDS)
                       @MaxDuration(value = 5, unit = TimeUnit.MINUTES) Duration timeout) {
        public Smtp {
            host = host == null ? "" : host.strip();
            port = port == 0 ? 587 : port;
            security = security == null ? Security.STARTTLS : security;
            from = from == null ? "" : from.strip();
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            timeout = timeout == null ? Duration.seconds(20) : timeout;
        }

        public static Smtp defaults() {
            return new Smtp(null, 0, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", security=" + security + ", from=" + from
                    + ", username=" + username + ", password=[REDACTED], timeout=" + timeout + "]";
        }
    }
}
