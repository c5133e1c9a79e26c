package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.net.InetAddresses;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fieldsafe.core.crypto.PasswordHasher;

/**
 * People's sessions, the login rate limits, password hashing, the trusted proxy and the first admin.
 *
 * @param tokenTtl             how long a login token stays valid
 * @param loginRateLimit       failed attempts allowed per user name and address within a window
 * @param userNameRateLimit    failed attempts allowed per user name, from any address, within a window; an address
 *                             from which that name logged in successfully within {@code knownAddressFor} is exempt
 * @param addressRateLimit     failed attempts allowed per client address, for any user name, within a window (same
 *                             exemption)
 * @param knownAddressFor      how long a successful login exempts that name and address from the two limits above
 * @param hashing              how many password hashes may run at once, and how long a login waits for a turn
 * @param argon2               Argon2id cost of password hashes
 * @param trustedProxies       addresses or CIDR ranges of reverse proxies whose forwarded header names the client;
 *                             empty (default): the connection's own address is the client
 * @param forwardedHeader      the header a trusted proxy appends the client address to
 * @param initialAdminPassword password of the {@code admin} created on first start; empty: generate one
 */
public record AuthConfig(
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) Duration tokenTtl,
        @JsonProperty @Valid @NotNull RateLimit loginRateLimit,
        @JsonProperty @Valid @NotNull RateLimit userNameRateLimit,
        @JsonProperty @Valid @NotNull RateLimit addressRateLimit,
        @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.MINUTES) Duration knownAddressFor,
        @JsonProperty @Valid @NotNull Hashing hashing,
        @JsonProperty @Valid @NotNull Argon2 argon2,
        @JsonProperty @NotNull List<String> trustedProxies,
        @JsonProperty @NotNull String forwardedHeader,
        @JsonProperty String initialAdminPassword) {

    public AuthConfig {
        userNameRateLimit = userNameRateLimit == null ? new RateLimit(20, Duration.minutes(15)) : userNameRateLimit;
        addressRateLimit = addressRateLimit == null ? new RateLimit(30, Duration.minutes(15)) : addressRateLimit;
        knownAddressFor = knownAddressFor == null ? Duration.days(30) : knownAddressFor;
        hashing = hashing == null ? Hashing.defaults() : hashing;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        forwardedHeader = forwardedHeader == null || forwardedHeader.isBlank() ? "X-Forwarded-For"
                : forwardedHeader.strip();
    }

    public static AuthConfig defaults() {
        return new AuthConfig(Duration.hours(12), new RateLimit(5, Duration.minutes(15)), null, null, null, null,
                new Argon2(65536, 3, 1), null, null, null);
    }

    /** Each trusted proxy is an IP address or a CIDR range of them ({@code 10.0.0.0/8}); never a host name. */
    @AssertTrue(message = "auth.trustedProxies entries must be IP addresses or CIDR ranges such as 10.0.0.0/8")
    public boolean isTrustedProxiesValid() {
        return trustedProxies.stream().allMatch(AuthConfig::addressOrRange);
    }

    private static boolean addressOrRange(String entry) {
        String[] parts = entry.strip().split("/", -1);
        if (parts.length > 2 || !InetAddresses.isInetAddress(parts[0])) {
            return false;
        }
        if (parts.length == 1) {
            return true;
        }
        int bits = InetAddresses.forString(parts[0]).getAddress().length * 8;
        return parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= bits;
    }

    @Override
    public String toString() {
        return "AuthConfig[tokenTtl=" + tokenTtl + ", loginRateLimit=" + loginRateLimit + ", userNameRateLimit="
                + userNameRateLimit + ", addressRateLimit=" + addressRateLimit + ", knownAddressFor="
                + knownAddressFor + ", hashing=" + hashing + ", argon2=" + argon2 + ", trustedProxies="
                + trustedProxies + ", forwardedHeader=" + forwardedHeader + ", initialAdminPassword=[REDACTED]]";
    }

    /** At most {@code maxFailures} failures within {@code window}; then 429 until the oldest failure ages out. */
    public record RateLimit(@JsonProperty @Min(1) int maxFailures,
                            @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration window) {
    }

    /**
     * Password hashes (logins, password changes) run at most {@code concurrent} at once, each taking
     * {@code argon2.memoryKib} of heap; a login that finds no free turn within {@code maxWait} gets 503 with
     * {@code Retry-After}.
     */
    public record Hashing(@JsonProperty @Min(1) @Max(64) int concurrent,
                          @JsonProperty @NotNull @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS,
                                  inclusive = true) Duration maxWait) {
        public Hashing {
            concurrent = concurrent == 0 ? 2 : concurrent;
            maxWait = maxWait == null ? Duration.seconds(2) : maxWait;
        }

        public static Hashing defaults() {
            return new Hashing(0, null);
        }
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
