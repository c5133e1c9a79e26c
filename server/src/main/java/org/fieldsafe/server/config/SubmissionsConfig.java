package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Sealed submission uploads ({@code PUT /api/v1/submissions/{id}}).
 *
 * @param maxEnvelopeBytes largest envelope accepted; larger uploads get 413 (this limit, not
 *                         {@code server.maxRequestBytes}, applies to submission uploads)
 * @param maxBatch         most uploads the writer stores in one transaction (group commit)
 * @param queueCapacity    most uploads waiting for the writer; beyond it uploads get 503
 * @param receiptTimeout   how long an upload waits for its durable commit before a 503 (nothing acknowledged)
 * @param walCheckpointInterval how often SQLite's write-ahead log is copied into the database file while uploads
 *                         arrive (off the writer's thread; default 10 seconds). Commits are durable without it;
 *                         shorter means a smaller log file, longer means fewer bursts of disk writes competing with
 *                         the commits. Ignored on PostgreSQL.
 */
public record SubmissionsConfig(
        @JsonProperty @Min(1024) @Max(1L << 30) long maxEnvelopeBytes,
        @JsonProperty @Min(1) @Max(10_000) int maxBatch,
        @JsonProperty @Min(1) @Max(1_000_000) int queueCapacity,
        @JsonProperty @NotNull @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
        @MaxDuration(value = 10, unit = TimeUnit.MINUTES) Duration receiptTimeout,
        @JsonProperty @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
        @MaxDuration(value = 1, unit = TimeUnit.HOURS) Duration walCheckpointInterval) {

    public static final Duration DEFAULT_WAL_CHECKPOINT_INTERVAL = Duration.seconds(10);

    public SubmissionsConfig {
        walCheckpointInterval = walCheckpointInterval == null ? DEFAULT_WAL_CHECKPOINT_INTERVAL : walCheckpointInterval;
    }

    public static SubmissionsConfig defaults() {
        return new SubmissionsConfig(4L << 20, 256, 10_000, Duration.seconds(30), DEFAULT_WAL_CHECKPOINT_INTERVAL);
    }
}
