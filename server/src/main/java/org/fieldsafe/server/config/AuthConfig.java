package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.core.crypto.PasswordHasher;

/**
 * People's sessions, the login rate limit, password hashing and the first admin.
 *
 * @param tokenTtl             how long a login token stays valid
 * @param loginRateLimit       failed attempts allowed per user name and address within a window
 * @param argon2               Argon2id cost of password hashes
 * @param initialAdminPassword password of the {@code admin} created on first start; empty: generate one
 */
public record AuthConfig(
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) Duration tokenTtl,
        @JsonProperty @Valid @NotNull RateLimit loginRateLimit,
        @JsonProperty @Valid @NotNull Argon2 argon2,
        @JsonProperty String initialAdminPassword) {

    public static AuthConfig defaults() {
        return new AuthConfig(Duration.hours(12), new RateLimit(5, Duration.minutes(15)),
                new Argon2(65536, 3, 1), null);
    }

    @Override
    public String toString() {
        return "AuthConfig[tokenTtl=" + tokenTtl + ", loginRateLimit=" + loginRateLimit + ", argon2=" + argon2
                + ", initialAdminPassword=[REDACTED]]";
    }

    /** At most {@code maxFailures} failures within {@code window}; then 429 until the oldest failure ages out. */
    public record RateLimit(@JsonProperty @Min(1) int maxFailures,
                            @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration window) {
    }

    /** Argon2id parameters: memory in KiB, iterations, lanes. */
    public record Argon2(@JsonProperty @Min(8) int memoryKib,
                         @JsonProperty @Min(1) int iterations,
                         @JsonProperty @Min(1) int parallelism) {
        public PasswordHasher.Cost cost() {
            return new PasswordHasher.Cost(memoryKib, iterations, parallelism);
        }
    }
}
