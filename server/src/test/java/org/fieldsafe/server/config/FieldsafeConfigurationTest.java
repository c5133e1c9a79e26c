package org.fieldsafe.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.request.logging.old.LogbackClassicRequestLogFactory;
import io.dropwizard.util.Duration;
import java.util.List;
import org.fieldsafe.server.json.ServerJson;
import org.junit.jupiter.api.Test;

/** The repository's config.yml parses, validates and means what its comments say. */
class FieldsafeConfigurationTest {
    @Test
    void repositoryConfig_parsesWithDefaults() throws Exception {
        FieldsafeConfiguration config = new YamlConfigurationFactory<>(FieldsafeConfiguration.class,
                Validators.newValidator(), ServerJson.api(), "dw")
                .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), "../config.yml");

        assertThat(config.getServerFactory()).isInstanceOf(FieldsafeServerFactory.class);
        assertThat(((FieldsafeServerFactory) config.getServerFactory()).getRequestLogFactory())
                .as("the access log formatted by Jetty, not a logback-access event per request")
                .isInstanceOf(LogbackClassicRequestLogFactory.class)
                .as("without the Referer (TokenInQueryIntegrationTest)").isInstanceOf(AccessLogFactory.class);
        assertThat(config.maxRequestBytes()).isEqualTo(1 << 20);
        String dataDir = System.getenv().getOrDefault("FIELDSAFE_DATA_DIR", "./data");
        assertThat(config.database().getUrl()).isEqualTo("jdbc:sqlite:" + dataDir + "/fieldsafe.db");
        assertThat(config.database().getDriverClass()).isEqualTo("org.sqlite.JDBC");
        assertThat(config.forms().directory()).isEqualTo(System.getenv().getOrDefault("FIELDSAFE_FORMS_DIR", "./forms"));
        assertThat(config.auth().tokenTtl()).isEqualTo(Duration.hours(12));
        assertThat(config.auth().loginRateLimit().maxFailures()).isEqualTo(5);
        assertThat(config.auth().argon2().memoryKib()).isEqualTo(65536);
        assertThat(config.keys().minArgon2().cost()).isEqualTo(org.fieldsafe.core.crypto.PassphraseCipher.DEFAULT_COST);
        assertThat(config.enrolment().codeTtl()).isEqualTo(Duration.hours(72));
        assertThat(config.submissions().maxEnvelopeBytes()).isEqualTo(4L << 20);
        assertThat(config.submissions().maxBatch()).isEqualTo(256);
        assertThat(config.submissions().receiptTimeout()).isEqualTo(Duration.seconds(30));
        assertThat(config.exports().running()).isEqualTo(1);
        assertThat(config.exports().queued()).isEqualTo(2);
        assertThat(config.exports().expiry()).isEqualTo(Duration.hours(4));
        assertThat(config.retention()).isEqualTo(RetentionConfig.defaults());
        assertThat(config.retention().interval()).isEqualTo(Duration.hours(1));
        assertThat(config.retention().firstRunAfter()).isEqualTo(Duration.minutes(1));
        assertThat(config.referralDeadlines()).isEqualTo(ReferralDeadlinesConfig.defaults());
        assertThat(config.respondentCodes().keyFile()).isEqualTo(System.getenv("FIELDSAFE_CODE_KEY_FILE"));
        assertThat(config.notifications().enabled())
                .isEqualTo(Boolean.parseBoolean(System.getenv().getOrDefault("FIELDSAFE_NOTIFICATIONS", "false")));
        assertThat(config.notifications().maxAttempts()).isEqualTo(5);
        assertThat(config.notifications().smtp().security()).isEqualTo(NotificationsConfig.Security.STARTTLS);
        assertThat(config.notifications().smtp().port()).isEqualTo(
                Integer.parseInt(System.getenv().getOrDefault("FIELDSAFE_SMTP_PORT", "587")));
    }

    @Test
    void notifications_offByDefault_andWhenOnNeedAnAddressAndAMailServer() {
        assertThat(NotificationsConfig.defaults().enabled()).isFalse();
        assertThat(Validators.newValidator().validate(NotificationsConfig.defaults())).isEmpty();
        NotificationsConfig incomplete = new NotificationsConfig(true, "", null, 0, null, null);
        assertThat(Validators.newValidator().validate(incomplete)).extracting(v -> v.getMessage())
                .containsExactly("notifications.enabled needs publicBaseUrl (http:// or https://) and smtp.host and "
                        + "smtp.from");
        NotificationsConfig complete = new NotificationsConfig(true, "https://fieldsafe.example.org", null, 0, null,
                new NotificationsConfig.Smtp("mail.example.org", 0, null, "fieldsafe@example.org", "u",
                        "smtp-secret", null));
        assertThat(Validators.newValidator().validate(complete)).isEmpty();
        assertThat(complete.toString()).doesNotContain("smtp-secret").contains("[REDACTED]");
    }

    @Test
    void authConfig_trustedProxies_addressesOrRangesOnly() {
        AuthConfig good = new AuthConfig(Duration.hours(1), new AuthConfig.RateLimit(5, Duration.minutes(15)),
                null, null, null, null, new AuthConfig.Argon2(64, 1, 1), List.of("127.0.0.1", "10.0.0.0/8", "::1"),
                null, null);
        assertThat(Validators.newValidator().validate(good)).isEmpty();
        AuthConfig hostName = new AuthConfig(Duration.hours(1), new AuthConfig.RateLimit(5, Duration.minutes(15)),
                null, null, null, null, new AuthConfig.Argon2(64, 1, 1), List.of("proxy.example.org", "10.0.0.0/33"),
                null, null);
        assertThat(Validators.newValidator().validate(hostName)).extracting(v -> v.getMessage())
                .containsExactly("auth.trustedProxies entries must be IP addresses or CIDR ranges such as 10.0.0.0/8");
    }

    @Test
    void authConfig_toStringRedactsThePassword() {
        AuthConfig auth = new AuthConfig(Duration.hours(1), new AuthConfig.RateLimit(5, Duration.minutes(15)),
                null, null, null, null, new AuthConfig.Argon2(64, 1, 1), null, null, "secret-password");
        assertThat(auth.toString()).doesNotContain("secret-password").contains("[REDACTED]");
    }
}
