package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Device enrolment.
 *
 * @param codeTtl       how long a one-time enrolment code stays valid
 * @param exchangeLimit failed code exchanges allowed per address within a window
 */
public record EnrolmentConfig(
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) Duration codeTtl,
        @JsonProperty @Valid @NotNull AuthConfig.RateLimit exchangeLimit) {

    public static EnrolmentConfig defaults() {
        return new EnrolmentConfig(Duration.hours(72), new AuthConfig.RateLimit(10, Duration.minutes(15)));
    }
}
