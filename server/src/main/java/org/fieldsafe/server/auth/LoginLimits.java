package org.fieldsafe.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three login rate limits, in memory (a restart forgets them): failures per user name and address, per user
 * name from any address (a password guessed from many addresses), and per address for any name (many names tried
 * from one address). Each only delays: a limited key is refused with 429 until its oldest failure leaves the window.
 *
 * <p>An attacker who keeps failing for a named person from many addresses would keep that name limited for as long
 * as the attack lasts. So a name and address that logged in successfully within {@code knownFor} are exempt from the
 * per-name and per-address limits (never from the per-name-and-address one): the person keeps logging in from where
 * they usually do while the name is limited everywhere else.
 */
public final class LoginLimits {
    private static final int MAX_KNOWN = 100_000;

    private final RateLimiter pairs;
    private final RateLimiter names;
    private final RateLimiter addresses;
    private final Duration knownFor;
    private final Clock clock;
    /** Name and address pairs with a recent successful login, to when they stay exempt. */
    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    public LoginLimits(RateLimiter pairs, RateLimiter names, RateLimiter addresses, Duration knownFor, Clock clock) {
        this.pairs = pairs;
        this.names = names;
        this.addresses = addresses;
        this.knownFor = knownFor;
        this.clock = clock;
    }

    /** Throws the 429 problem when any limit that applies to this name and address is reached. */
    public void check(String name, String address) {
        String pair = pair(name, address);
        pairs.check(pair);
        if (!known(pair)) {
            names.check(name);
            addresses.check(address);
        }
    }

    public void failed(String name, String address) {
        pairs.recordFailure(pair(name, address));
        names.recordFailure(name);
        addresses.recordFailure(address);
    }

    /** A successful login: this pair's failures are forgotten and the pair is exempt for {@code knownFor}. */
    public void succeeded(String name, String address) {
        String pair = pair(name, address);
        pairs.reset(pair);
        Instant now = clock.instant();
        if (known.size() >= MAX_KNOWN) {
            known.values().removeIf(until -> !until.isAfter(now));
        }
        if (known.size() < MAX_KNOWN) {
            known.put(pair, now.plus(knownFor));
        }
    }

    private boolean known(String pair) {
        Instant until = known.get(pair);
        return until != null && until.isAfter(clock.instant());
    }

    private static String pair(String name, String address) {
        return name + "|" + address;
    }
}
