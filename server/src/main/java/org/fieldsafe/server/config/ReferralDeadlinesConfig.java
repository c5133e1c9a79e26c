package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import java.util.concurrent.TimeUnit;

/**
 * The referral escalation job: escalates, once, every case not acknowledged within its study's
 * {@code referral_sla} (study.yaml) to the study lead.
 *
 * @param interval      time from the end of one run to the start of the next (default 1 minute)
 * @param firstRunAfter time from the server's start to the first run (default 30 seconds)
 */
public record ReferralDeadlinesConfig(
        @JsonProperty @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @MaxDuration(value = 1, unit = TimeUnit.HOURS) Duration interval,
        @JsonProperty @MinDuration(value = 0, unit = TimeUnit.SECONDS, inclusive = true)
        @MaxDuration(value = 1, unit = TimeUnit.HOURS) Duration firstRunAfter) {

    public static final Duration DEFAULT_INTERVAL = Duration.minutes(1);
    public static final Duration DEFAULT_FIRST_RUN_AFTER = Duration.seconds(30);

    public ReferralDeadlinesConfig {
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        firstRunAfter = firstRunAfter == null ? DEFAULT_FIRST_RUN_AFTER : firstRunAfter;
    }

    public static ReferralDeadlinesConfig defaults() {
        return new ReferralDeadlinesConfig(DEFAULT_INTERVAL, DEFAULT_FIRST_RUN_AFTER);
    }
}
