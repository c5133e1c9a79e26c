package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import java.util.concurrent.TimeUnit;

/**
 * The retention job: shreds the identity parts of submissions older than their study's
 * {@code retention.identity_days} (study.yaml).
 *
 * @param interval      time from the end of one run to the start of the next (default 1 hour)
 * @param firstRunAfter time from the server's start to the first run (default 1 minute)
 */
public record RetentionConfig(
        @JsonProperty @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @MaxDuration(value = 7, unit = TimeUnit.DAYS) Duration interval,
        @JsonProperty @MinDuration(value = 0, unit = TimeUnit.SECONDS, inclusive = true)
        @MaxDuration(value = 1, unit = TimeUnit.DAYS) Duration firstRunAfter) {

    public static final Duration DEFAULT_INTERVAL = Duration.hours(1);
    public static final Duration DEFAULT_FIRST_RUN_AFTER = Duration.minutes(1);

    public RetentionConfig {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        firstRunAfter = firstRunAfter == null ? DEFAULT_FIRST_RUN_AFTER : firstRunAfter;
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(DEFAULT_INTERVAL, DEFAULT_FIRST_RUN_AFTER);
    }
}
