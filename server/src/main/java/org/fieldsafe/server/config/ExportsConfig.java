package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Export jobs ({@code POST /api/v1/studies/{s}/exports}).
 *
 * @param running       exports run at once (each uses the available cores while it opens sealed parts)
 * @param queued        exports waiting to run; beyond that a request gets 503 with Retry-After
 * @param expiry        how long a finished export's (encrypted) files stay downloadable before they are deleted
 * @param directory     where the encrypted export files are kept; empty: {@code exports/} beside the SQLite
 *                      database, or the system temporary directory for other databases
 */
public record ExportsConfig(
        @JsonProperty @Min(1) @Max(4) int running,
        @JsonProperty @Min(0) @Max(100) int queued,
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) Duration expiry,
        @JsonProperty String directory) {

    public static ExportsConfig defaults() {
        return new ExportsConfig(1, 2, Duration.hours(4), null);
    }
}
